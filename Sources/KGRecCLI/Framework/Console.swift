import Foundation

/// Where a command writes: standard output and error, and whether they are terminals.
/// Tests pass a console that records instead.
class Console {
    func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    var errorIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }
    var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    var environment: [String: String] { ProcessInfo.processInfo.environment }
    var currentDirectory: String { FileManager.default.currentDirectoryPath }

    /// The columns help text may use: `COLUMNS` when set, else the terminal's width, else 100.
    var lineWidth: Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        guard outputIsTerminal else { return 100 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col)
    }

    /// Writes a line to standard output.
    func line(_ text: String = "") { out(text + "\n") }

    /// All of standard input, as UTF-8 text.
    func readInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}

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
    override var errorIsTerminal: Bool { false }
    override var inputIsTerminal: Bool { false }
    override var environment: [String: String] { environmentOverride }
    override var currentDirectory: String { directory }
    override func readInput() -> String { input }
}
