#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads one line from a terminal in raw mode, with line editing and history recall.
/// The terminal's mode is restored before `readLine` returns, so output and Ctrl-C behave
/// normally while a statement runs.
enum Terminal {
    enum Input: Equatable {
        case line(String)
        case cancelled
        case endOfInput
    }

    static func readLine(prompt: String, history: [String]) -> Input {
        var original = termios()
        guard tcgetattr(STDIN_FILENO, &original) == 0 else { return fallbackRead(prompt) }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ECHO | ICANON | ISIG | IEXTEN)
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &raw) == 0 else { return fallbackRead(prompt) }
        defer { tcsetattr(STDIN_FILENO, TCSAFLUSH, &original) }

        var state = LineEditorState(history: history)
        var decoder = KeyDecoder()
        write(prompt)
        while true {
            var byte: UInt8 = 0
            let n = read(STDIN_FILENO, &byte, 1)
            if n <= 0 { write("\r\n"); return .endOfInput }
            guard let key = decoder.feed(byte) else { continue }
            switch state.apply(key) {
            case .redraw: redraw(prompt, state)
            case .submit(let line):
                write("\r\n")
                return .line(line)
            case .cancel:
                write("^C\r\n")
                return .cancelled
            case .quit:
                write("\r\n")
                return .endOfInput
            case .clearScreen:
                write("\u{1B}[H\u{1B}[2J")
                redraw(prompt, state)
            case .none: break
            }
        }
    }

    private static func redraw(_ prompt: String, _ state: LineEditorState) {
        let column = prompt.unicodeScalars.count + state.cursor
        write("\r" + prompt + state.line + "\u{1B}[K\r" + (column > 0 ? "\u{1B}[\(column)C" : ""))
    }

    private static func fallbackRead(_ prompt: String) -> Input {
        write(prompt)
        guard let line = Swift.readLine() else { return .endOfInput }
        return .line(line)
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress! + offset, $0.count - offset) }
            if n <= 0 { return }
            offset += n
        }
    }
}
