import Foundation
import KGRecKit

/// `kgrec repl`: an interactive prompt on a terminal, a script runner otherwise.
enum ReplCommand {
    static let spec = CommandSpec(
        name: "repl", summary: "Start an interactive session, or run a script from standard input.",
        usage: "kgrec repl [--store PATH] [--format table|json]",
        discussion: """
        On a terminal: a prompt with line editing (arrows, Home/End, Ctrl-A/E/K/U), history in
        ~/.kgrec_history (Up/Down), Ctrl-C to cancel a line (or a running train statement, keeping
        its best finished epoch) and Ctrl-D to leave. Type :help.
        Otherwise it runs standard input as a script, one statement per line or separated by ';':
          kgrec repl < Queries/tour.kgq
        A script exits with status 1 when any statement failed.
        """,
        options: [StoreOption.spec, .value("--format", "FORMAT", "Start with 'table' (default) or 'json' output.")],
        run: { args, console in
            let format = try args.choice("--format", ["table", "json"], default: "table")
            let workspace = try QueryCommand.openForQuery(args, console)
            let session = ReplSession(workspace: workspace, console: console)
            if format != "table" { session.handle(":format \(format)") }
            if console.inputIsTerminal { return interactive(session, console) }
            return runScript(Script(console.readInput()), session, console)
        })

    static func interactive(_ session: ReplSession, _ console: Console) -> Int32 {
        var history = History(path: History.defaultPath)
        console.line("kgrec \(CLI.version) · store \(session.workspace.storePath) · :help for help, Ctrl-D to leave")
        Interrupt.install()
        session.workspace.isCancelled = { Interrupt.requested }
        while true {
            switch Terminal.readLine(prompt: "kgrec> ", history: history.entries) {
            case .endOfInput: return ExitCode.success
            case .cancelled: continue
            case .line(let line):
                history.add(line)
                Interrupt.reset()
                if !session.handle(line) { return ExitCode.success }
            }
        }
    }

    /// Runs every statement of a script; golden files echo their statements.
    static func runScript(_ script: Script, _ session: ReplSession, _ console: Console) -> Int32 {
        var unexpected = 0
        for item in script.cases {
            for meta in item.meta { session.handle(meta) }
            if script.isGolden { console.line((item.expectsError ? "!> " : "> ") + item.statement) }
            let succeeded = session.run(item.statement)
            if succeeded == item.expectsError { unexpected += 1 }
            if script.isGolden { console.line() }
        }
        for meta in script.trailingMeta { session.handle(meta) }
        return unexpected == 0 ? ExitCode.success : ExitCode.failure
    }
}
