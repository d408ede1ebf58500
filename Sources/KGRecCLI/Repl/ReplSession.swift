import KGRecKit

/// One interactive or scripted session: settings, meta-commands, and statements run
/// against a workspace. The REPL and `kgrec repl < script` share it, and so do the golden
/// tests in `Queries/`.
package final class ReplSession {
    package let workspace: Session
    package let console: Console
    private(set) var format = OutputFormat.table
    private(set) var timing = false
    private(set) var showPlan = false
    /// Statements that failed (a script exits non-zero when any did).
    private(set) var failures = 0

    package init(workspace: Session, console: Console) {
        self.workspace = workspace
        self.console = console
    }

    package static let help = """
        Statements (end with ';' or a newline; keywords are case-insensitive; a line ending in '\\'
        or leaving a '(' or a string open continues on the next):
          recommend items for <user> [via <path>] [using <model>] [where <condition>]
                    [diversify by <relation> max <n>] [exclude seen | include seen]
                    [exclude <ids>] [limit <n>] [explain]
          similar <kind> to <node> [via …] [using …] [where …] [limit n] [explain]
          why <item> for <user> [via …] [using …]
          match <node> > relation < relation … [where …] [limit n]
          show <node>              (its properties, and its neighbours per relation)
          explain plan <statement>
          import "<file>" [format <f>]    train <model> [epochs <n> …]    eval [<model>]    stats
        Paths: a shorthand (category, tag, brand) or relations with > (forward) and < (backward),
          alternation (a | b) and repetition rel{0,2}; at most 4 hops.
        Meta-commands:
          :help                       this text
          :timing on|off              print how long each statement took
          :format table|json|csv|dot  how results print
          :plan on|off                print the plan before running each statement
          :quit                       leave (Ctrl-D works too)
        """

    /// Handles one line: a meta-command, or statements separated by ';'. Returns `false` to quit.
    @discardableResult
    package func handle(_ line: String) -> Bool {
        let trimmed = line.trimmingWhitespace()
        if trimmed.isEmpty || trimmed.hasPrefix("--") { return true }
        if trimmed.hasPrefix(":") { return meta(trimmed) }
        for statement in ReplSession.splitStatements(trimmed) { run(statement) }
        return true
    }

    /// Runs one statement and prints its result or its error, at `location` in a script when
    /// it comes from one. Returns whether it succeeded.
    @discardableResult
    package func run(_ statement: String, at location: ScriptLocation? = nil) -> Bool {
        let clock = ContinuousClock()
        let start = clock.now
        do {
            let format = format
            let outcome = try workspace.execute(statement, includingPlan: showPlan,
                                                checking: { Renderer.refusal($0, as: format) })
            if let plan = outcome.plan { console.line(plan.rendered(snapshot: outcome.snapshot)) }
            for note in outcome.notes + Renderer.notes(outcome, as: format) { console.line("Note: \(note)") }
            console.line(try Renderer.render(outcome, as: format))
            if timing { console.line("(\(ReplSession.milliseconds(clock.now - start)) ms)") }
            return true
        } catch let error as KGRecError {
            failures += 1
            console.line("Error: " + (location.map { error.detailed(file: $0.file, line: $0.line, column: $0.column) }
                                      ?? error.detailed))
            return false
        } catch {
            failures += 1
            let message = (error as? RenderError)?.message ?? "\(error)"
            console.line("Error: " + (location.map { "\($0): \(message)" } ?? message))
            return false
        }
    }

    /// Runs a meta-command (`:format json`) of a script, reporting errors at `location`.
    package func meta(_ command: String, at location: ScriptLocation) {
        _ = meta(command, errorPrefix: "Error: \(location): ")
    }

    private func meta(_ command: String, errorPrefix: String = "Error: ") -> Bool {
        let parts = command.split(separator: " ").map(String.init)
        let name = parts[0].lowercased(), argument = parts.count > 1 ? parts[1].lowercased() : nil
        func toggle(_ apply: (Bool) -> Void) {
            switch argument {
            case "on": apply(true)
            case "off": apply(false)
            default:
                failures += 1
                console.line(errorPrefix + "\(name) takes 'on' or 'off'")
            }
        }
        switch name {
        case ":help", ":h", ":?": console.line(ReplSession.help)
        case ":quit", ":q", ":exit": return false
        case ":timing": toggle { timing = $0 }
        case ":plan": toggle { showPlan = $0 }
        case ":format":
            if let argument, let chosen = OutputFormat(rawValue: argument) {
                format = chosen
            } else {
                failures += 1
                console.line(errorPrefix + ":format takes 'table', 'json', 'csv' or 'dot'")
            }
        default:
            failures += 1
            let hint = Suggestion.hint(for: name, in: [":help", ":quit", ":timing", ":format", ":plan"])
            console.line(errorPrefix + "unknown command '\(name)'; type :help for the commands" + hint)
        }
        return true
    }

    /// Splits a line at `;` outside quoted strings.
    package static func splitStatements(_ line: String) -> [String] {
        splitStatementsWithColumns(line).map(\.statement)
    }

    /// What the lines typed so far still need: nothing (run them), or more lines, because the
    /// last one ends in `\` outside a string, a `(` is still open, or a quoted string is.
    package enum Continuation: Equatable {
        case complete
        /// The text to continue from (a trailing `\` dropped).
        case needsMore(String)
    }

    /// Whether `text` leaves a statement open (see `Continuation`); meta-commands never do.
    package static func continuation(of text: String) -> Continuation {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix(":") || trimmed.hasPrefix("--") { return .complete }
        var depth = 0
        var lastOutside: Unicode.Scalar?  // the last scalar, when it is outside every string
        let stringOpen = scanQuotes(trimmed) { _, c, quoted in
            lastOutside = quoted ? nil : c
            guard !quoted else { return }
            switch c {
            case "(": depth += 1
            case ")": depth = max(0, depth - 1)
            case ";": depth = 0
            default: break
            }
        }
        if stringOpen || depth > 0 { return .needsMore(trimmed) }
        if lastOutside == "\\" { return .needsMore(String(trimmed.unicodeScalars.dropLast())) }
        return .complete
    }

    /// Splits a line at `;` outside quoted strings: each statement, trimmed, with the 1-based
    /// column (in Unicode scalars, as query positions count) where it starts.
    package static func splitStatementsWithColumns(_ line: String) -> [(statement: String, column: Int)] {
        var statements: [(statement: String, column: Int)] = []
        var current = String.UnicodeScalarView()
        var start = 0
        func finish() {
            let text = String(current)
            let leading = text.unicodeScalars.prefix { Character($0).isWhitespace }.count
            let trimmed = text.trimmingWhitespace()
            if !trimmed.isEmpty { statements.append((trimmed, start + leading + 1)) }
        }
        scanQuotes(line) { offset, c, quoted in
            if c == ";" && !quoted {
                finish()
                current = String.UnicodeScalarView()
                start = offset + 1
            } else {
                current.append(c)
            }
        }
        finish()
        return statements
    }

    /// Calls `body` with each scalar of `text`, its offset, and whether it belongs to a quoted
    /// string ('…' or "…", backslash escapes inside; the quotes themselves count as inside);
    /// returns whether a string is still open at the end.
    @discardableResult
    static func scanQuotes(_ text: String, _ body: (Int, Unicode.Scalar, Bool) -> Void) -> Bool {
        var quote: Unicode.Scalar?
        var escaped = false
        for (offset, c) in text.unicodeScalars.enumerated() {
            if let q = quote {
                body(offset, c, true)
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == q { quote = nil }
            } else if c == "\"" || c == "'" {
                quote = c
                body(offset, c, true)
            } else {
                body(offset, c, false)
            }
        }
        return quote != nil
    }

    package static func milliseconds(_ duration: Duration) -> String {
        let ms = duration.seconds * 1000
        return fixed(ms, ms < 10 ? 2 : 1)
    }
}

/// Where a script statement or meta-command is: `script:3:7`, `tour.kgq:3:7`.
package struct ScriptLocation: CustomStringConvertible {
    package var file: String
    package var line: Int
    package var column: Int

    package var description: String { "\(file):\(line):\(column)" }
}

extension String {
    package func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
