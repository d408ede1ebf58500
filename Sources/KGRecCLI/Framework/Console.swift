import Foundation

/// Where a command writes: standard output and error, and whether they are terminals.
/// Tests pass a console that records instead, the script fuzzer one that counts.
open class Console {
    /// The commands and demo generator the executable added (`CLI.main(extensions:)`).
    package var extensions = CLIExtensions()

    public init() {}

    open func out(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }
    open func err(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
    open var outputIsTerminal: Bool { isatty(STDOUT_FILENO) == 1 }
    open var inputIsTerminal: Bool { isatty(STDIN_FILENO) == 1 }
    open var environment: [String: String] { ProcessInfo.processInfo.environment }
    open var currentDirectory: String { FileManager.default.currentDirectoryPath }
    /// Standard output's file descriptor, for a command that streams more output than it should
    /// hold in memory (`convert`); nil for a console that captures what it is given.
    open var outputFileDescriptor: Int32? { STDOUT_FILENO }

    /// Routes Ctrl-C to `interrupted` for the rest of the process, instead of ending it
    /// (`Interrupt.install`); a second Ctrl-C still quits at once with status 130.
    open func watchInterrupts() { Interrupt.install() }
    /// Whether Ctrl-C was pressed since the last statement started (`Interrupt.requested`).
    open var interrupted: Bool { Interrupt.requested }

    /// The columns help text may use: `COLUMNS` when set, else the terminal's width, else 100.
    public var lineWidth: Int {
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 { return columns }
        guard outputIsTerminal else { return 100 }
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return 100 }
        return Int(size.ws_col)
    }

    /// Writes a line to standard output.
    public func line(_ text: String = "") { out(text + "\n") }

    /// All of standard input, as UTF-8 text.
    open func readInput() -> String {
        String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
    }
}
