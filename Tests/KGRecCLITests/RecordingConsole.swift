@testable import KGRecCLI

/// A console that keeps what was written, for tests.
final class RecordingConsole: Console {
    private(set) var standardOutput = ""
    private(set) var standardError = ""
    var environmentOverride: [String: String] = [:]
    var directory: String
    /// What `readInput()` returns.
    var input = ""

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
}
