import Foundation
import KGAutodiff
import KGGraph
import KGImport
import KGJSON
import KGModels
import KGQuery
import KGRecCLI
import KGRecKit
import KGStore
import KGTensor

/// Feeds mutated scripts to the REPL's script mode (`kgrec repl < script`) over the query
/// target's demo workspace, output recorded and bounded.
final class ScriptFuzzTarget: FuzzTarget {
    let name = "script"
    let seeds: [FuzzInput]
    let dictionary: [String]
    private let workspace: Session

    /// The longest output a mutated script may print before it counts as a defect.
    static let longestOutput = 8 << 20

    init(statements: StatementFuzzTarget) {
        workspace = statements.workspace
        dictionary = statements.dictionary + ["> ", "!> ", "---", ":format json", ":plan on", ":timing on", ":quit", "\r\n", ";"]
        let lines = StatementFuzzTarget.statements
        seeds = [
            FuzzInput(lines.prefix(6).joined(separator: "\n") + "\n"),
            FuzzInput(":format json\n" + lines.suffix(6).joined(separator: "; ") + "\n:plan on\nshow u42\n"),
            FuzzInput("-- a golden file\n> show u42\n---\nu42 · user\n\n!> show nobody\n---\nError: unknown node\n"),
        ]
    }

    func run(_ input: FuzzInput) -> FuzzVerdict {
        let console = OutputMeter()
        let session = ReplSession(workspace: workspace, console: console)
        let status = ReplCommand.runScript(Script(String(decoding: input.bytes, as: UTF8.self)), session, console)
        let printed = console.bytes
        if printed > ScriptFuzzTarget.longestOutput { return .defect("the script printed \(printed) bytes") }
        return status == ExitCode.success ? .accepted : .rejected
    }
}

/// The console a fuzzed script runs in: counts the bytes it prints (standard output and error)
/// without keeping them, and detaches it from the process (no terminal, no environment, `/` as
/// the working directory, empty standard input).
private final class OutputMeter: Console {
    private(set) var bytes = 0

    override func out(_ text: String) { bytes += text.utf8.count }
    override func err(_ text: String) { bytes += text.utf8.count }
    override var outputIsTerminal: Bool { false }
    override var inputIsTerminal: Bool { false }
    override var environment: [String: String] { [:] }
    override var currentDirectory: String { "/" }
    override var outputFileDescriptor: Int32? { nil }
    override func readInput() -> String { "" }
}
