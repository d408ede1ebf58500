import KGRecBench
import KGRecCLI
import KGTestSupport
@testable import KGRecCLI

/// Runs one kgrec command line in a recording console.
struct CLIRun {
    var status: Int32
    var output: String
    var error: String
}

/// - Parameter interruptAfter: simulates Ctrl-C after the command has asked this many times
///   whether it was pressed.
func kgrec(_ arguments: [String], in directory: TemporaryDirectory = TemporaryDirectory(),
           environment: [String: String] = [:], input: String = "", interruptAfter: Int? = nil) -> CLIRun {
    let console = RecordingConsole(directory: directory.url.path)
    console.extensions = .measurement
    console.environmentOverride = environment
    console.input = input
    console.interruptAfter = interruptAfter
    let status = CLI.run(arguments, console: console)
    return CLIRun(status: status, output: console.standardOutput, error: console.standardError)
}
