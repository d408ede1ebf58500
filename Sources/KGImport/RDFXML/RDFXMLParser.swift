import CLibXML2

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGGraph

/// One parse of one RDF/XML document: owns the libxml2 push-parser context (freed in
/// `deinit`), receives its SAX2 callbacks, and runs the RDF/XML grammar over them
/// (`RDFXMLParser+Grammar.swift`).
///
/// libxml2 is configured so that it touches nothing but the bytes it is fed:
/// `XML_PARSE_NONET`, no `XML_PARSE_NOENT` (entities are not substituted by the parser),
/// no `XML_PARSE_DTDLOAD` and no `externalSubset` callback (external DTDs are never read), a
/// process-wide external entity loader that refuses every request, and SAX callbacks that
/// reject a DOCTYPE naming an external DTD and any entity declaration other than a plain-text
/// internal one (`RDFXMLParser+Entities.swift`). libxml2 2.9.14 has no `XML_PARSE_NO_XXE`;
/// the loader and the declaration checks do its job.
final class RDFXMLParser {
    let fileLabel: String
    let strict: Bool
    let limits: RDFXMLReader.Limits
    let documentBase: String?

    /// The push-parser context; nil only before `run` creates it.
    var context: xmlParserCtxtPtr?
    /// The caller's triple sink, valid during `run`; it gets each triple's location when
    /// `locating` is set.
    var sink: (RDFTriple, SourceLocation?) throws -> Void = { _, _ in }
    var locating = false
    /// While locating: the location of the start tag being processed (computed on first
    /// use in each start-element event), or the location end-element events report.
    var eventLocation: SourceLocation?
    /// The first error; once set, callbacks do nothing and the parser is stopped.
    var failure: Error?
    var warnings: [ImportWarning] = []
    /// Whether the last chunk has been fed, and whether any element has started.
    var terminating = false
    var sawElement = false
    /// Namespace declarations of each open element, and their sum (`Limits.maxNamespacesInScope`).
    var namespaceDeclarations: [Int] = []
    var namespacesInScope = 0

    // Grammar state (see RDFXMLParser+Grammar.swift).
    var stack: [Frame] = []
    var text: [UInt8] = []
    var literal = RDFXMLLiteralWriter()
    var blankNodeCount = 0
    var nodeIDLabels: [String: String] = [:]
    var usedIDs: Set<String> = []
    var namespaceIRICache: [NamePointers: String] = [:]
    /// Each namespace seen, as IRIs begin with it (repaired when it had to be).
    var namespaceRepairs: [String: String] = [:]
    var rdfNamespacePointer: UnsafePointer<UInt8>?
    /// The base IRI last resolved against, split into components.
    var resolutionBase: IRIResolver.Base?

    // Entity state (see RDFXMLParser+Entities.swift).
    var entityValues: [String: String] = [:]
    var expandedEntityBytes = 0

    init(fileLabel: String, documentBase: String?, strict: Bool, limits: RDFXMLReader.Limits) {
        self.fileLabel = fileLabel
        self.documentBase = documentBase
        self.strict = strict
        self.limits = limits
    }

    deinit {
        if let context {
            if let document = context.pointee.myDoc {
                xmlFreeDoc(document)
                context.pointee.myDoc = nil
            }
            xmlFreeParserCtxt(context)
        }
    }

    /// Parses the document that `nextChunk` delivers piece by piece (nil at the end),
    /// calling `emit` for every triple; throws the first error.
    func run(nextChunk: (inout [UInt8]) throws -> Bool, locating: Bool,
             emit: @escaping (RDFTriple, SourceLocation?) throws -> Void) throws {
        self.locating = locating
        Self.installRefusingEntityLoader
        sink = emit
        var handler = Self.saxHandler()
        var chunk: [UInt8] = []
        chunk.reserveCapacity(Self.chunkSize)
        var more = try nextChunk(&chunk)
        var scanner = XMLStartTagScanner(maxAttributes: limits.maxAttributes)
        let opaque = Unmanaged.passUnretained(self).toOpaque()
        // The first bytes let libxml2 detect the encoding (parser.h, xmlCreatePushParserCtxt).
        let head = min(4, chunk.count)
        context = chunk.withUnsafeBytes { raw in
            let first = head > 0 ? raw.baseAddress?.assumingMemoryBound(to: CChar.self) : nil
            return xmlCreatePushParserCtxt(&handler, opaque, first, Int32(head), nil)
        }
        guard let context else { throw ImportError.unreadable(path: fileLabel, reason: "libxml2 could not start a parser") }
        xmlCtxtUseOptions(context, Int32(XML_PARSE_NONET.rawValue))
        // Whatever the process-wide libxml2 defaults say: no substitution, no external
        // subset, no validation (each of which would load or expand on libxml2's own).
        context.pointee.replaceEntities = 0
        context.pointee.loadsubset = 0
        context.pointee.validate = 0
        var offset = head
        while failure == nil {
            // Before libxml2 sees a start tag, which costs it O(n²) in its attributes.
            if let (line, column) = chunk.withUnsafeBufferPointer({ scanner.scan($0) }) {
                fail(ImportError.syntax(SourceLocation(file: fileLabel, line: line, column: column),
                                        "start tag has more than the limit of \(limits.maxAttributes) attributes "
                                        + "(namespace declarations included)"))
                break
            }
            // At most `chunkSize` bytes at a time, so that the count of distinct names is
            // checked often enough to bound the dictionary whatever the caller's chunks.
            while offset < chunk.count && failure == nil {
                let length = min(Self.chunkSize, chunk.count - offset)
                let status = chunk.withUnsafeBytes { raw in
                    xmlParseChunk(context, raw.baseAddress!.assumingMemoryBound(to: CChar.self) + offset,
                                  Int32(length), 0)
                }
                offset += length
                if status != 0 && failure == nil { failLibxml(status) }
                checkDistinctNames(context)
            }
            if failure != nil || !more { break }
            offset = 0
            more = try nextChunk(&chunk)
        }
        if failure == nil {
            terminating = true
            let status = xmlParseChunk(context, nil, 0, 1)
            if status != 0 && failure == nil { failLibxml(status) }
        }
        sink = { _, _ in }
        if let failure { throw failure }
    }

    static let chunkSize = 1 << 16

    /// Refuses a document once libxml2 has interned more than `maxDistinctNames` names.
    /// libxml2 2.9's name dictionary stops growing its table at 4,608 buckets, so each lookup
    /// costs time in proportion to the names already seen: bounding them keeps the parse
    /// linear in the file size (1,000,000 distinct attribute names take 20 s, 65,536 names
    /// repeated over 1,000,000 attributes 0.9 s). A 64 KiB slice adds at most about 11,000
    /// names (`a:b=""` is 7 bytes), so checking between slices bounds the overshoot.
    private func checkDistinctNames(_ context: xmlParserCtxtPtr) {
        guard failure == nil, let dictionary = context.pointee.dict else { return }
        let names = Int(xmlDictSize(dictionary))
        if names > limits.maxDistinctNames {
            fail(syntax("the document has more than the limit of \(limits.maxDistinctNames) distinct XML names "
                        + "(elements, attributes, prefixes, namespaces, entities); schema.org has 121",
                        at: nil))
        }
    }

    // MARK: - Errors and warnings

    /// Records the first error and stops libxml2 (no further callbacks arrive).
    func fail(_ error: Error) {
        guard failure == nil else { return }
        failure = error
        if let context { xmlStopParser(context) }
    }

    /// A syntax error at `position` (a pointer into libxml2's input buffer), or at the
    /// parser's current position when the pointer is nil or outside the buffer.
    func syntax(_ message: String, at position: UnsafePointer<UInt8>?) -> ImportError {
        .syntax(location(at: position), message)
    }

    /// A defect that lenient mode reports and strict mode rejects.
    func warn(_ message: String, at position: UnsafePointer<UInt8>?) throws {
        try warn(message, location: location(at: position))
    }

    /// A defect that lenient mode repairs, saying how it read the text, and strict mode rejects.
    func warn(_ problem: String, readAs repaired: String, at position: UnsafePointer<UInt8>?) throws {
        let location = location(at: position)
        if strict { throw ImportError.syntax(location, problem) }
        warnings.append(ImportWarning(location, problem + "; read as '\(Excerpt.iri(repaired))'"))
    }

    func warn(_ message: String, location: SourceLocation) throws {
        if strict { throw ImportError.syntax(location, message) }
        warnings.append(ImportWarning(location, message))
    }

    /// libxml2 reported failure without calling the error callback (should not happen).
    private func failLibxml(_ status: Int32) {
        fail(syntax("malformed XML (libxml2 error \(status))", at: nil))
    }

    /// The structured-error callback: well-formedness and namespace errors end the parse;
    /// libxml2's warnings (a relative namespace IRI, an unknown XML version) are warnings.
    func libxmlError(_ error: UnsafePointer<xmlError>) {
        let level = error.pointee.level
        let text = error.pointee.message.map { String(cString: $0) } ?? "malformed XML"
        // libxml2 quotes names and values from the input: one line of it, cut.
        var firstLine = text.prefix { $0 != "\n" }
        while firstLine.last == " " { firstLine = firstLine.dropLast() }
        var message = Excerpt.of(firstLine, limit: 160)
        // Bad bytes read as the text readers say them: libxml2 words an encoding error over
        // two lines ("Input is not proper UTF-8, indicate encoding !\nBytes: 0xFF 0x62 …").
        if text.hasPrefix("Input is not proper UTF-8"),
           let bytes = text.split(separator: "\n").first(where: { $0.hasPrefix("Bytes: 0x") }) {
            message = "expected UTF-8 text, found byte " + bytes.dropFirst("Bytes: ".count).prefix(4)
        } else if error.pointee.code == Int32(XML_ERR_INVALID_CHAR.rawValue), message.hasPrefix("Char 0x0 ") {
            message = "expected text, found a NUL byte"
        } else if message.hasPrefix("internal error: detected an error in element content") {
            // libxml2's wording after content it could not parse (a broken CDATA section,
            // markup that starts and never ends): the fault is the file's, not libxml2's.
            message = "expected an element, text, a comment or a CDATA section, found markup that is not one"
        }
        let location = SourceLocation(file: fileLabel, line: max(1, Int(error.pointee.line)),
                                      column: max(1, Int(error.pointee.int2)))
        if level == XML_ERR_WARNING {
            guarded { try warn("XML: \(message)", location: location) }
            return
        }
        guard level == XML_ERR_ERROR || level == XML_ERR_FATAL else { return }
        // At the end of input the push parser reports any unfinished document as "Extra
        // content at the end of the document"; say what is wrong instead.
        if terminating && error.pointee.code == Int32(XML_ERR_DOCUMENT_END.rawValue) && (!sawElement || !stack.isEmpty) {
            if !sawElement {
                message = "the document has no root element"
            } else {
                let open = context?.pointee.name.map { Excerpt.quoted(String(cString: $0)) } ?? "an element"
                message = "the document ends before element \(open) is closed"
            }
        }
        fail(ImportError.syntax(location, "malformed XML: \(message)"))
    }

    // MARK: - Locations

    /// The line and column of `position`, a pointer into the current input buffer (a start
    /// tag's `<`, an attribute value, a text run). libxml2 tracks line and column of its read
    /// position (`input->cur`); this counts newlines and characters back from there.
    /// Precision: exact when the position is in the buffer; when the start of its line has
    /// already been discarded from the buffer (lines longer than libxml2 keeps), the column
    /// counts from the oldest byte kept.
    ///
    /// `reference` is the pointer libxml2's line and column describe, when that is not
    /// `input->cur`: in the `characters` callback they already describe the end of the text
    /// run while `cur` still points at its start.
    func location(at position: UnsafePointer<UInt8>?, reference: UnsafePointer<UInt8>? = nil) -> SourceLocation {
        guard let input = context?.pointee.input, var cur = input.pointee.cur, let base = input.pointee.base else {
            return SourceLocation(file: fileLabel, line: 1, column: 1)
        }
        if let reference, reference >= base, let end = input.pointee.end, reference <= end { cur = reference }
        let line = Int(input.pointee.line), column = Int(input.pointee.col)
        guard let position, position >= base, position <= cur else {
            return SourceLocation(file: fileLabel, line: max(line, 1), column: max(column, 1))
        }
        var newlines = 0
        var scalarsAfter = 0
        var p = position
        while p < cur {
            if p.pointee == 0x0A { newlines += 1; scalarsAfter = 0 } else if p.pointee & 0xC0 != 0x80 { scalarsAfter += 1 }
            p += 1
        }
        if newlines == 0 {
            return SourceLocation(file: fileLabel, line: max(line, 1), column: max(column - scalarsAfter, 1))
        }
        var lineStart = position
        while lineStart > base && (lineStart - 1).pointee != 0x0A { lineStart -= 1 }
        let scalarsBefore = UTF8Columns.scalars(lineStart, from: 0, to: position - lineStart)
        return SourceLocation(file: fileLabel, line: max(line - newlines, 1), column: scalarsBefore + 1)
    }

    /// The `<` that opened the start tag libxml2 just reported: the last `<` before the read
    /// position (a `<` cannot occur inside an attribute value).
    func startTagPosition() -> UnsafePointer<UInt8>? {
        guard let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base else { return nil }
        var p = cur
        while p > base {
            p -= 1
            if p.pointee == UInt8(ascii: "<") { return p }
        }
        return nil
    }

    /// The start of the attribute whose value begins at `value`: back over the quote, `=`
    /// and white space to the first character of the name. Nil when `value` is not in the
    /// input buffer (libxml2 copied it to normalise it).
    func attributePosition(value: UnsafePointer<UInt8>) -> UnsafePointer<UInt8>? {
        guard let input = context?.pointee.input, let cur = input.pointee.cur, let base = input.pointee.base,
              value > base, value <= cur else { return nil }
        var p = value - 1                                   // the opening quote
        guard p.pointee == UInt8(ascii: "\"") || p.pointee == UInt8(ascii: "'") else { return nil }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
        while p > base && isSpace((p - 1).pointee) { p -= 1 }
        guard p > base, (p - 1).pointee == UInt8(ascii: "=") else { return nil }
        p -= 1
        while p > base && isSpace((p - 1).pointee) { p -= 1 }
        while p > base && !isSpace((p - 1).pointee) && (p - 1).pointee != UInt8(ascii: "<") { p -= 1 }
        return p
    }
}

/// The pointers libxml2's dictionary interns for a namespace IRI and a local name; equal
/// pointers mean equal strings for the whole parse.
struct NamePointers: Hashable {
    var namespace: UnsafePointer<UInt8>
    var localName: UnsafePointer<UInt8>
}
