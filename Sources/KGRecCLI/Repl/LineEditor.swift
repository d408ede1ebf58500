/// A key the line editor understands, decoded from terminal input.
enum Key: Equatable {
    case character(Unicode.Scalar)
    case enter, backspace, delete, left, right, up, down, home, end
    case killToEnd, killLine, killWordBackward, clearScreen, interrupt, endOfFile, tab
    case unknown
}

/// What the editor asks its driver to do after a key.
enum EditorAction: Equatable {
    /// Redraw the line.
    case redraw
    /// The line is complete.
    case submit(String)
    /// Ctrl-C: drop the line, show a fresh prompt.
    case cancel
    /// Ctrl-D on an empty line: leave.
    case quit
    case clearScreen
    case none
}

/// The editing state of one input line: the text, the cursor, and history recall.
/// Pure: the terminal driver feeds it keys and draws what it says, so tests can drive it.
struct LineEditorState {
    private(set) var text: [Unicode.Scalar] = []
    private(set) var cursor = 0
    private let history: [String]
    /// Position in history while recalling (history.count means the line being typed).
    private var historyIndex: Int
    private var draft: [Unicode.Scalar] = []

    init(history: [String]) {
        self.history = history
        historyIndex = history.count
    }

    var line: String { String(String.UnicodeScalarView(text)) }

    mutating func apply(_ key: Key) -> EditorAction {
        switch key {
        case .character(let c):
            text.insert(c, at: cursor)
            cursor += 1
        case .tab:
            text.insert(" ", at: cursor)
            cursor += 1
        case .enter:
            return .submit(line)
        case .backspace:
            guard cursor > 0 else { return .none }
            cursor -= 1
            text.remove(at: cursor)
        case .delete:
            guard cursor < text.count else { return .none }
            text.remove(at: cursor)
        case .left: cursor = max(0, cursor - 1)
        case .right: cursor = min(text.count, cursor + 1)
        case .home: cursor = 0
        case .end: cursor = text.count
        case .killToEnd: text.removeSubrange(cursor...)
        case .killLine:
            text.removeAll()
            cursor = 0
        case .killWordBackward:
            // Ctrl-W: the blanks before the cursor, then the word before them.
            var start = cursor
            while start > 0, Character(text[start - 1]).isWhitespace { start -= 1 }
            while start > 0, !Character(text[start - 1]).isWhitespace { start -= 1 }
            guard start < cursor else { return .none }
            text.removeSubrange(start..<cursor)
            cursor = start
        case .up:
            guard historyIndex > 0 else { return .none }
            if historyIndex == history.count { draft = text }
            historyIndex -= 1
            text = Array(history[historyIndex].unicodeScalars)
            cursor = text.count
        case .down:
            guard historyIndex < history.count else { return .none }
            historyIndex += 1
            text = historyIndex == history.count ? draft : Array(history[historyIndex].unicodeScalars)
            cursor = text.count
        case .interrupt: return .cancel
        case .endOfFile:
            if text.isEmpty { return .quit }
            return apply(.delete)
        case .clearScreen: return .clearScreen
        case .unknown: return .none
        }
        return .redraw
    }
}

/// Decodes raw terminal bytes into keys: ASCII controls, ANSI escape sequences, UTF-8.
struct KeyDecoder {
    private var pending: [UInt8] = []

    /// Feeds one byte; returns a key once a complete one has arrived.
    mutating func feed(_ byte: UInt8) -> Key? {
        pending.append(byte)
        let first = pending[0]
        if first == 0x1B {
            if pending.count == 1 { return nil }
            guard pending[1] == UInt8(ascii: "[") || pending[1] == UInt8(ascii: "O") else { return finish(.unknown) }
            if pending.count == 2 { return nil }
            let last = pending[pending.count - 1]
            if (0x30...0x3F).contains(last) && pending.count < 8 { return nil }
            switch (pending.count, last) {
            case (3, UInt8(ascii: "A")): return finish(.up)
            case (3, UInt8(ascii: "B")): return finish(.down)
            case (3, UInt8(ascii: "C")): return finish(.right)
            case (3, UInt8(ascii: "D")): return finish(.left)
            case (3, UInt8(ascii: "H")): return finish(.home)
            case (3, UInt8(ascii: "F")): return finish(.end)
            case (4, UInt8(ascii: "~")):
                switch pending[2] {
                case UInt8(ascii: "1"), UInt8(ascii: "7"): return finish(.home)
                case UInt8(ascii: "4"), UInt8(ascii: "8"): return finish(.end)
                case UInt8(ascii: "3"): return finish(.delete)
                default: return finish(.unknown)
                }
            default: return finish(.unknown)
            }
        }
        if first < 0x80 {
            switch first {
            case 0x0D, 0x0A: return finish(.enter)
            case 0x7F, 0x08: return finish(.backspace)
            case 0x01: return finish(.home)
            case 0x05: return finish(.end)
            case 0x02: return finish(.left)
            case 0x06: return finish(.right)
            case 0x10: return finish(.up)
            case 0x0E: return finish(.down)
            case 0x0B: return finish(.killToEnd)
            case 0x15: return finish(.killLine)
            case 0x17: return finish(.killWordBackward)
            case 0x0C: return finish(.clearScreen)
            case 0x03: return finish(.interrupt)
            case 0x04: return finish(.endOfFile)
            case 0x09: return finish(.tab)
            case 0x20...0x7E: return finish(.character(Unicode.Scalar(first)))
            default: return finish(.unknown)
            }
        }
        let expected = first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        if pending.count < expected { return nil }
        var decoder = UTF8()
        var iterator = pending.makeIterator()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return finish(.character(scalar)) }
        return finish(.unknown)
    }

    private mutating func finish(_ key: Key) -> Key {
        pending.removeAll()
        return key
    }
}
