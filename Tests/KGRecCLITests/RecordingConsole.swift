@testable import KGRecCLI

/// A console that keeps what was written, for tests.
final class RecordingConsole: Console {
    private(set) var standardOutput = ""
    private(set) var standardError = ""
    var environmentOverride: [String: String] = [:]
    var directory: String
    /// What `readInput()` returns.
    var input = ""
    /// Ctrl-C, simulated: `interrupted` answers false this many times, then true.
    var interruptAfter: Int?
    private var interruptQuestions = 0

    init(directory: String) {
        self.directory = directory
    }

    override func out(_ text: String) { standardOutput += text }
    override func err(_ text: String) { standardError += text }
    override var outputIsTerminal: Bool { false }
    override var inputIsTerminal: Bool { false }
    override var environment: [String: String] { environmentOverride }
    override var currentDirectory: String { directory }
    override var outputFileDescriptor: Int32? { nil }
    override func readInput() -> String { input }
    override func watchInterrupts() {}
    override var interrupted: Bool {
        guard let interruptAfter else { return false }
        interruptQuestions += 1
        return interruptQuestions > interruptAfter
    }
}
