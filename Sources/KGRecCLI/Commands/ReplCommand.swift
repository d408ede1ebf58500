import Foundation
import KGRecKit

/// `kgrec repl`: an interactive prompt on a terminal, a script runner otherwise.
package enum ReplCommand {
    static let spec = CommandSpec(
        name: "repl", summary: "Start an interactive session, or run a script from a file or standard input.",
        usage: "kgrec repl [script] [--store PATH] [--format table|json|csv|dot] [--golden]",
        discussion: """
        On a terminal: a prompt with line editing (arrows, Home/End, Ctrl-A/E/K/U/W/L), history in
        ~/.kgrec_history (Up/Down), Ctrl-C to cancel a line (or a running train statement, keeping
        its best finished epoch) and Ctrl-D to leave. A statement continues on the next line
        (at a '...>' prompt) when a line ends in '\\' or leaves a '(' or a string open. Type :help.
        Given a script file, or when standard input is not a terminal, it runs the script: one
        statement per line or separated by ';', lines ending in LF, CRLF or CR. An error names
        the script's line and column (script:3:7 for standard input). The script exits with
        status 1 when any statement failed:
          kgrec repl my-queries.kgq
          kgrec repl --golden < Queries/tour.kgq
        --golden reads the golden format of Queries/*.kgq instead: '> ' runs a statement, '!> '
        one that must fail, and the lines after '---' are its expected output (not run).
        """,
        positionals: [PositionalSpec(name: "script", help: "A script file to run (default: standard input).",
                                     optional: true)],
        options: StoreOption.specs + SettingFlags.specs([OutputSettings.format]) + [
                                      .flag("--golden", "Read the script as a golden file (Queries/*.kgq): run its '> ' and '!> ' lines."),
                                      QueryCommand.allowDirOption],
        run: { args, console in
            let format = try QueryCommand.outputFormat(args, OutputSettings.format)
            var scriptText: String?
            if let file = args.positional(0) {
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    console.err("Error: cannot read the script '\(file)'\n")
                    return ExitCode.noInput
                }
                scriptText = text
            }
            let workspace = try QueryCommand.openForQuery(args, console)
            let session = ReplSession(workspace: workspace, console: console)
            if format != .table { session.handle(":format \(format.rawValue)") }
            if scriptText == nil && console.inputIsTerminal && !args.flag("--golden") {
                return interactive(session, console)
            }
            let script = Script(scriptText ?? console.readInput(), golden: args.flag("--golden"))
            return runScript(script, session, console, name: args.positional(0) ?? "script")
        })

    static func interactive(_ session: ReplSession, _ console: Console) -> Int32 {
        var history = History(path: History.defaultPath)
        console.line("kgrec \(CLI.version) · store \(session.workspace.storePath) · :help for help, Ctrl-D to leave")
        Interrupt.install()
        session.workspace.isCancelled = { Interrupt.requested }
        // A statement continues on the next line after a trailing '\', an open '(' or an
        // open string, at a '...>' prompt; Ctrl-C drops what was typed.
        var pending = ""
        while true {
            switch Terminal.readLine(prompt: pending.isEmpty ? "kgrec> " : "  ...> ", history: history.entries) {
            case .endOfInput: return ExitCode.success
            case .cancelled:
                pending = ""
                continue
            case .line(let line):
                let text = pending.isEmpty ? line : pending + " " + line
                if case .needsMore(let open) = ReplSession.continuation(of: text) {
                    pending = open
                    continue
                }
                pending = ""
                history.add(text)
                Interrupt.reset()
                if !session.handle(text) { return ExitCode.success }
            }
        }
    }

    /// Runs every statement of a script; golden files echo their statements. Errors of a plain
    /// script name `name`, the line and the column.
    package static func runScript(_ script: Script, _ session: ReplSession, _ console: Console, name: String = "script") -> Int32 {
        var unexpected = 0
        func runMeta(_ meta: [String], _ lines: [Int]) {
            for (command, line) in zip(meta, lines) {
                let before = session.failures
                if script.isGolden {
                    session.handle(command)
                } else {
                    session.meta(command, at: ScriptLocation(file: name, line: line, column: 1))
                }
                if session.failures > before { unexpected += 1 }
            }
        }
        for item in script.cases {
            runMeta(item.meta, item.metaLines)
            if script.isGolden {
                console.line((item.expectsError ? "!> " : "> ") + item.statement)
                if session.run(item.statement) == item.expectsError { unexpected += 1 }
                console.line()
                continue
            }
            let location = ScriptLocation(file: name, line: item.line, column: item.column)
            if item.statement.hasPrefix(">") || item.statement.hasPrefix("!>") {
                console.line("Error: \(location): '>' starts a statement of a golden file; run golden files with 'kgrec repl --golden'")
                unexpected += 1
                continue
            }
            if !session.run(item.statement, at: location) { unexpected += 1 }
        }
        runMeta(script.trailingMeta, script.trailingMetaLines)
        return unexpected == 0 ? ExitCode.success : ExitCode.failure
    }
}
