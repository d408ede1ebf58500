#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A streaming reader of RDF/XML (RDF 1.1 XML Syntax) on libxml2's SAX2 push parser.
///
/// The file is fed to libxml2 in 64 KiB chunks and triples are emitted as the grammar
/// recognises them, so memory is bounded by the nesting depth (plus the `rdf:ID` and
/// `rdf:nodeID` tables), not by the file size. The whole grammar is implemented: node and
/// property elements, typed nodes, property attributes, `rdf:parseType` Resource, Literal
/// (exclusive canonical XML) and Collection, `rdf:li`, `xml:lang`, `xml:base` (RFC 3986),
/// `rdf:datatype`, reification by `rdf:ID`, and the forbidden and withdrawn names.
///
/// The reader never reads anything but its input: no network, no external DTD or entity;
/// only plain-text internal entities are expanded (see `RDFXMLParser+Entities.swift`), and
/// `Limits` bound nesting, literal size, entity expansion and attributes per start tag.
///
/// Errors are `ImportError.syntax` with `file:line:column`: libxml2's position for XML
/// errors; for RDF/XML errors, the start of the offending attribute when libxml2 left its
/// value in the input buffer, else the start tag's `<` (columns count characters).
/// Defects a lenient reader can live with (an IRI with a space, an ill-typed literal, an
/// unqualified `about`) are `warnings`; `strict` makes them errors.
package struct RDFXMLReader: RDFReader {
    /// Bounds that keep hostile input from exhausting memory or time (each is documented with
    /// its reason in SECURITY.md, "Limits on input").
    package struct Limits: Sendable, Equatable {
        /// Deepest element nesting accepted: 256 (libxml2 itself stops there without
        /// XML_PARSE_HUGE, which this reader never sets).
        var maxDepth = 256
        /// Longest literal (text or XML literal), in UTF-8 bytes: 16 MiB.
        var maxLiteralBytes = 16 << 20
        /// Most bytes that entity references may expand to over the whole document: 16 MiB.
        var maxEntityExpansionBytes = 16 << 20
        /// Most attributes on one start tag, namespace declarations included: 1,024. libxml2 2.9
        /// checks them pairwise (O(n²): 8 s for 100,000), so the bound keeps a parse linear in
        /// the file size; real files stay far below it (5 in schema.org, 11 in the GoodRelations
        /// examples).
        var maxAttributes = 1_024
        /// Most distinct names (element and attribute local names, prefixes, namespaces, entity
        /// and PI names) in one document: 65,536. libxml2 2.9's name dictionary slows with every
        /// new name past a few thousand, so the bound keeps a parse linear in the file size;
        /// schema.org's RDF/XML has 121, the GoodRelations examples fewer than 100.
        var maxDistinctNames = 65_536
        /// Most namespace declarations in scope at once (on an element and its ancestors):
        /// 1,024. libxml2 2.9 walks them all to resolve each prefix, so the bound keeps every
        /// lookup short; schema.org declares 5, all on its root.
        var maxNamespacesInScope = 1_024
    }

    private enum Source {
        case file(String)
        case bytes([UInt8])
    }

    private let source: Source
    private let name: String
    /// The document's base IRI (before any `xml:base`).
    package let baseIRI: String?
    /// Whether defects that are otherwise warnings end the parse as errors.
    package let strict: Bool
    /// The bounds on nesting, literal size and entity expansion.
    let limits: Limits
    /// The defects the last `read` worked around, in document order.
    package private(set) var warnings: [ImportWarning] = []

    /// A reader of the regular file at `path`, or of standard input for `-` (streamed: memory
    /// stays bounded). The base IRI defaults to the file's `file://` IRI (none for `-`).
    package init(path: String, baseIRI: String? = nil, strict: Bool = false, limits: Limits? = nil) {
        self.source = .file(path)
        self.name = path == "-" ? "<stdin>" : path
        self.baseIRI = baseIRI ?? (path == "-" ? nil : Self.fileIRI(forPath: path))
        self.strict = strict
        self.limits = limits ?? Limits()
    }

    /// A reader of an in-memory document, named `name` in messages. Without a base IRI,
    /// relative references are errors.
    package init(bytes: [UInt8], name: String = "<memory>", baseIRI: String? = nil, strict: Bool = false,
                limits: Limits? = nil) {
        self.source = .bytes(bytes)
        self.name = name
        self.baseIRI = baseIRI
        self.strict = strict
        self.limits = limits ?? Limits()
    }

    /// Parses the whole document, calling `emit` for every triple in document order; throws
    /// `ImportError` at the first error (triples emitted before it belong to a failed document).
    package mutating func read(_ emit: (RDFTriple) throws -> Void) throws {
        try parse(locating: false) { triple, _ in try emit(triple) }
    }

    /// Parses the whole document, calling `emit` for every triple with the location of a
    /// start tag: the node element's for its type and property-attribute triples, the
    /// property element's for its statement and reification, except that a statement whose
    /// object is a nested node element (and a collection's list cells) gets that node
    /// element's start tag, where the statement becomes complete.
    package mutating func read(locating emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        try parse(locating: true, emit)
    }

    private mutating func parse(locating: Bool, _ emit: (RDFTriple, SourceLocation?) throws -> Void) throws {
        let parser = RDFXMLParser(fileLabel: name, documentBase: baseIRI, strict: strict, limits: limits)
        defer { warnings = parser.warnings }
        try withoutActuallyEscaping(emit) { emit in
            switch source {
            case .bytes(let bytes):
                var delivered = false
                try parser.run(nextChunk: { chunk in
                    chunk = delivered ? [] : bytes
                    delivered = true
                    return false
                }, locating: locating, emit: emit)
            case .file(let path):
                let fd = path == "-" ? 0 : try InputBytes.openRegularFile(path).descriptor
                defer { if fd != 0 { close(fd) } }
                let name = self.name
                try parser.run(nextChunk: { chunk in
                    chunk.removeAll(keepingCapacity: true)
                    chunk.append(contentsOf: repeatElement(0, count: RDFXMLParser.chunkSize))
                    var count = -1
                    while count < 0 {
                        count = chunk.withUnsafeMutableBytes {
                            #if canImport(Glibc)
                            Glibc.read(fd, $0.baseAddress, $0.count)
                            #else
                            Darwin.read(fd, $0.baseAddress, $0.count)
                            #endif
                        }
                        if count < 0 && errno != EINTR {
                            throw ImportError.unreadable(path: name, reason: String(cString: strerror(errno)))
                        }
                    }
                    chunk.removeSubrange(count...)
                    return count > 0
                }, locating: locating, emit: emit)
            }
        }
    }

    /// The `file://` IRI of `path` (made absolute against the working directory),
    /// percent-encoding every byte outside RFC 3986's unreserved set and `/`.
    static func fileIRI(forPath path: String) -> String {
        var absolute = path
        if !path.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            if getcwd(&buffer, buffer.count) != nil {
                let directory = String(decoding: buffer.prefix(while: { $0 != 0 }).map { UInt8(bitPattern: $0) },
                                       as: UTF8.self)
                absolute = directory + (directory.hasSuffix("/") ? "" : "/") + path
            }
        }
        var iri = "file://"
        for byte in absolute.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                 UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
                iri.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF".utf8)
                iri += "%"
                iri.unicodeScalars.append(Unicode.Scalar(hex[Int(byte >> 4)]))
                iri.unicodeScalars.append(Unicode.Scalar(hex[Int(byte & 0xF)]))
            }
        }
        return iri
    }
}
