/// Counts the attributes of every start tag (namespace declarations included) in XML bytes
/// on their way to libxml2, so that a start tag with more than `maxAttributes` is refused
/// before libxml2 parses it.
///
/// libxml2 2.9 checks a start tag's attributes for duplicates, and its namespace
/// declarations against the ones in scope, by comparing each with every earlier one
/// (`xmlParseStartTag2`; 2.12 uses a hash table): one element with n attributes costs
/// O(n²), 8 s for 100,000 attributes (a 2 MB file) on this machine. Bounding n keeps the
/// parse linear in the file size. The bytes are scanned once, in chunks, by a small state
/// machine that knows only what it takes to find start tags: text, comments, CDATA
/// sections, processing instructions, the DOCTYPE with its internal subset, end tags, and
/// quoted attribute values. Every `=` outside quotes in a start tag is one attribute (no
/// name holds `=`). Malformed XML is libxml2's to report; the scanner only counts.
///
/// - Complexity: O(n) in the bytes scanned.
struct XMLStartTagScanner {
    /// The most attributes a start tag may have.
    let maxAttributes: Int

    private enum State {
        case text
        /// After `<`.
        case open
        /// In a start tag, outside quotes.
        case startTag
        /// In a quoted value of a start tag (or of a declaration, when `inDeclaration`).
        case quoted
        /// In an end tag, up to `>`.
        case endTag
        /// After `<!`.
        case bang
        /// After `<!-`: the second `-` follows.
        case commentStart
        /// In a comment; `run` counts the `-` just seen.
        case comment
        /// In a CDATA section; `run` counts the `]` just seen.
        case cdata
        /// In a processing instruction; `run` is 1 after `?`.
        case processingInstruction
        /// In a declaration (`<!DOCTYPE …>`), `depth` deep in `[ ]`.
        case declaration
        /// After `<` inside a DOCTYPE's internal subset.
        case declarationOpen
        /// After `<!` inside a DOCTYPE's internal subset.
        case declarationBang
    }

    private var state = State.text
    private var quote: UInt8 = 0
    private var run = 0
    private var depth = 0
    private var inDeclaration = false
    private var attributes = 0

    /// Lines and characters, for the location of an offending start tag.
    private var line = 1
    private var column = 1
    private var tagLine = 1
    private var tagColumn = 1

    init(maxAttributes: Int) {
        self.maxAttributes = maxAttributes
    }

    /// Scans the next chunk; returns the line and column of the first start tag with more
    /// than `maxAttributes` attributes, or nil.
    mutating func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (line: Int, column: Int)? {
        for byte in bytes {
            switch state {
            case .text:
                if byte == Byte.lt { state = .open; tagLine = line; tagColumn = column }
            case .open:
                switch byte {
                case Byte.slash: state = .endTag
                case Byte.question: state = .processingInstruction; run = 0; inDeclaration = false
                case Byte.bang: state = .bang
                default: state = .startTag; attributes = 0
                }
            case .startTag:
                if byte == Byte.equals {
                    attributes += 1
                    if attributes > maxAttributes { return (tagLine, tagColumn) }
                } else if byte == Byte.quote || byte == Byte.apostrophe {
                    state = .quoted; quote = byte; inDeclaration = false
                } else if byte == Byte.gt {
                    state = .text
                }
            case .quoted:
                if byte == quote { state = inDeclaration ? .declaration : .startTag }
            case .endTag:
                if byte == Byte.gt { state = .text }
            case .bang:
                switch byte {
                case Byte.minus: state = .commentStart; inDeclaration = false
                case Byte.leftBracket: state = .cdata; run = 0
                default: state = .declaration; depth = 0
                }
            case .commentStart:
                state = .comment
                run = 0
            case .comment:
                if byte == Byte.minus {
                    run += 1
                } else {
                    if byte == Byte.gt && run >= 2 { state = inDeclaration ? .declaration : .text }
                    run = 0
                }
            case .cdata:
                if byte == Byte.rightBracket {
                    run += 1
                } else {
                    if byte == Byte.gt && run >= 2 { state = .text }
                    run = 0
                }
            case .processingInstruction:
                if byte == Byte.gt && run == 1 { state = inDeclaration ? .declaration : .text }
                run = byte == Byte.question ? 1 : 0
            case .declaration:
                switch byte {
                case Byte.quote, Byte.apostrophe: state = .quoted; quote = byte; inDeclaration = true
                case Byte.leftBracket: depth += 1
                case Byte.rightBracket: depth -= 1
                case Byte.lt where depth > 0: state = .declarationOpen
                case Byte.gt where depth <= 0: state = .text
                default: break
                }
            case .declarationOpen:
                switch byte {
                case Byte.bang: state = .declarationBang
                case Byte.question: state = .processingInstruction; run = 0; inDeclaration = true
                default: state = .declaration
                }
            case .declarationBang:
                if byte == Byte.minus { state = .commentStart; inDeclaration = true } else { state = .declaration }
            }
            if byte == Byte.lf {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return nil
    }
}

extension Byte {
    static let bang: UInt8 = 0x21, apostrophe: UInt8 = 0x27, slash: UInt8 = 0x2F, equals: UInt8 = 0x3D
    static let question: UInt8 = 0x3F, leftBracket: UInt8 = 0x5B, rightBracket: UInt8 = 0x5D
}
