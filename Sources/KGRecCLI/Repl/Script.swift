/// A query script: plain statements one per line, or the golden format of `Queries/*.kgq`.
///
/// Golden format: `> statement` runs a statement, `!> statement` runs one that must fail,
/// `---` starts the expected output, which runs to the next statement, comment (`--`) or
/// meta-command (`:`) line. Run as a script, a golden file executes its
/// statements and prints their output, so `kgrec repl < Queries/tour.kgq` shows the tour.
struct Script {
    struct Case: Equatable {
        var statement: String
        var expectsError: Bool
        /// The expected output (golden files only), without trailing blank lines.
        var expected: String?
        /// 1-based line of the statement in the file.
        var line: Int
        /// Meta-commands (`:format json`) that come before the statement.
        var meta: [String]
    }

    var cases: [Case] = []
    var isGolden = false
    /// Meta-commands after the last statement.
    var trailingMeta: [String] = []

    /// Whether a line ends an expected-output block.
    static func endsExpectedOutput(_ line: String) -> Bool {
        line.hasPrefix(">") || line.hasPrefix("!>") || line.hasPrefix("--") || line.hasPrefix(":")
    }

    init(_ text: String) {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        isGolden = lines.contains { $0.hasPrefix("> ") || $0.hasPrefix("!> ") || $0 == ">" }
        var pendingMeta: [String] = []
        var index = 0
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingWhitespace()
            index += 1
            let lineNumber = index
            if trimmed.isEmpty || trimmed.hasPrefix("--") && trimmed != "---" { continue }
            if trimmed.hasPrefix(":") {
                pendingMeta.append(trimmed)
                continue
            }
            if isGolden {
                let expectsError = line.hasPrefix("!>")
                guard expectsError || line.hasPrefix(">") else { continue }
                let statement = String(line.dropFirst(expectsError ? 2 : 1)).trimmingWhitespace()
                var expected: String?
                if index < lines.count, lines[index].trimmingWhitespace() == "---" {
                    index += 1
                    var body: [String] = []
                    while index < lines.count, !Script.endsExpectedOutput(lines[index]) {
                        body.append(lines[index])
                        index += 1
                    }
                    while let last = body.last, last.trimmingWhitespace().isEmpty { body.removeLast() }
                    expected = body.joined(separator: "\n")
                }
                cases.append(Case(statement: statement, expectsError: expectsError, expected: expected,
                                  line: lineNumber, meta: pendingMeta))
            } else {
                for statement in ReplSession.splitStatements(trimmed) {
                    cases.append(Case(statement: statement, expectsError: false, expected: nil, line: lineNumber,
                                      meta: pendingMeta))
                    pendingMeta = []
                }
            }
            pendingMeta = []
        }
        trailingMeta = pendingMeta
    }
}
