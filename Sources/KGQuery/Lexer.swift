/// Splits query text into tokens with positions.
///
/// Words are letters, digits and `_`, with `.`, `-`, `:`, `/`, `#` allowed inside (so ids
/// like `brand-acme`, `music.artist.origin` and `schema:price` are one word). Strings are
/// quoted with `"` or `'`, with `\"`, `\'`, `\\`, `\n`, `\t` escapes. `--` starts a comment
/// that runs to the end of the line.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0
    private var position = TextPosition()

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Every token of the text, ending with an `.end` token.
    static func tokenize(_ text: String) throws(QueryError) -> [Token] {
        var lexer = Lexer(text)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    /// The next token.
    mutating func next() throws(QueryError) -> Token {
        skipSpaceAndComments()
        let start = position
        guard index < scalars.count else { return Token(kind: .end, text: "", position: start, length: 1) }
        let c = scalars[index]
        if c == "\"" || c == "'" { return try string(quote: c, start: start) }
        if Lexer.isDigit(c) || (c == "-" && index + 1 < scalars.count && Lexer.isDigit(scalars[index + 1])
                                && !previousIsWordCharacter) {
            return number(start: start)
        }
        if Lexer.isWordStart(c) { return word(start: start) }
        for symbol in [">=", "<=", "!="] where matches(symbol) {
            advance(2)
            return Token(kind: .symbol, text: symbol, position: start, length: 2)
        }
        if "><=(){}|,;*".unicodeScalars.contains(c) {
            advance(1)
            return Token(kind: .symbol, text: String(c), position: start, length: 1)
        }
        if c == "—" || c == "→" || c == "←" {
            throw .syntax("unexpected '\(c)': write paths with '>' and '<'", at: start, length: 1)
        }
        throw .syntax("unexpected character '\(c)'", at: start, length: 1)
    }

    private var previousIsWordCharacter: Bool {
        index > 0 && Lexer.isWordCharacter(scalars[index - 1])
    }

    private func matches(_ symbol: String) -> Bool {
        var i = index
        for s in symbol.unicodeScalars {
            guard i < scalars.count, scalars[i] == s else { return false }
            i += 1
        }
        return true
    }

    private mutating func advance(_ count: Int) {
        for _ in 0..<count {
            if scalars[index] == "\n" {
                position.line += 1
                position.column = 1
            } else {
                position.column += 1
            }
            index += 1
            position.offset += 1
        }
    }

    private mutating func skipSpaceAndComments() {
        while index < scalars.count {
            let c = scalars[index]
            if c == " " || c == "\t" || c == "\n" || c == "\r" {
                advance(1)
            } else if c == "-" && index + 1 < scalars.count && scalars[index + 1] == "-" {
                while index < scalars.count && scalars[index] != "\n" { advance(1) }
            } else {
                return
            }
        }
    }

    private mutating func string(quote: Unicode.Scalar, start: TextPosition) throws(QueryError) -> Token {
        advance(1)
        var text = String.UnicodeScalarView()
        while index < scalars.count {
            let c = scalars[index]
            if c == quote {
                advance(1)
                return Token(kind: .string, text: String(text), position: start, length: position.offset - start.offset)
            }
            if c == "\n" { break }
            if c == "\\" && index + 1 < scalars.count {
                let escaped = scalars[index + 1]
                switch escaped {
                case "n": text.append("\n")
                case "t": text.append("\t")
                case "\\", "\"", "'": text.append(escaped)
                default:
                    throw .syntax("unknown escape '\\\(escaped)' in a string", at: position, length: 2)
                }
                advance(2)
                continue
            }
            text.append(c)
            advance(1)
        }
        throw .syntax("unterminated string: add a closing \(quote)", at: start, length: 1)
    }

    private mutating func number(start: TextPosition) -> Token {
        let from = index
        if scalars[index] == "-" { advance(1) }
        while index < scalars.count && Lexer.isDigit(scalars[index]) { advance(1) }
        if index + 1 < scalars.count && scalars[index] == "." && Lexer.isDigit(scalars[index + 1]) {
            advance(1)
            while index < scalars.count && Lexer.isDigit(scalars[index]) { advance(1) }
        }
        if index < scalars.count && (scalars[index] == "e" || scalars[index] == "E") {
            var look = index + 1
            if look < scalars.count && (scalars[look] == "+" || scalars[look] == "-") { look += 1 }
            if look < scalars.count && Lexer.isDigit(scalars[look]) {
                advance(look - index)
                while index < scalars.count && Lexer.isDigit(scalars[index]) { advance(1) }
            }
        }
        // Digits followed by letters are a word (an id such as `42abc`), not a number.
        if index < scalars.count && Lexer.isWordCharacter(scalars[index]) && scalars[from] != "-" {
            while index < scalars.count && continuesWord { advance(1) }
            return Token(kind: .word, text: text(from), position: start, length: index - from)
        }
        return Token(kind: .number, text: text(from), position: start, length: index - from)
    }

    private mutating func word(start: TextPosition) -> Token {
        let from = index
        advance(1)
        while index < scalars.count && continuesWord { advance(1) }
        return Token(kind: .word, text: text(from), position: start, length: index - from)
    }

    /// A word goes on through word characters, and through `.-:/#` when a word character follows.
    private var continuesWord: Bool {
        let c = scalars[index]
        if Lexer.isWordCharacter(c) { return true }
        if ".-:/#".unicodeScalars.contains(c), index + 1 < scalars.count {
            return Lexer.isWordCharacter(scalars[index + 1])
        }
        return false
    }

    private func text(_ from: Int) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[from..<index])
        return String(view)
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    static func isWordStart(_ c: Unicode.Scalar) -> Bool {
        (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (c.value > 0x7F && c.properties.isAlphabetic)
    }

    static func isWordCharacter(_ c: Unicode.Scalar) -> Bool { isWordStart(c) || isDigit(c) }
}
