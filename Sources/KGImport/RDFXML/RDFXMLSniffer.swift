/// Telling RDF/XML from other formats by a file's first bytes, for the importer's format
/// detection.
extension RDFXMLReader {
    /// How many leading bytes `looksLikeRDFXML` wants to see (fewer is fine for short files).
    static let sniffLength = 4096

    /// Whether a document starting with `prefix` (its first `sniffLength` bytes, or the
    /// whole file if shorter) looks like RDF/XML: after an optional UTF-8 byte-order mark and
    /// white space it starts with `<` (an XML declaration, comment, DOCTYPE or element), and
    /// the prefix contains `<rdf:RDF` or the RDF namespace IRI
    /// `http://www.w3.org/1999/02/22-rdf-syntax-ns#` (declared on the root element, or in an
    /// entity declaration of the DOCTYPE in OWL files). XML without the RDF namespace in
    /// its first bytes is not RDF/XML; UTF-16 files are not recognised.
    static func looksLikeRDFXML<Bytes: Collection>(_ prefix: Bytes) -> Bool where Bytes.Element == UInt8 {
        var bytes = Array(prefix.prefix(sniffLength))[...]
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes = bytes.dropFirst(3) }
        while let first = bytes.first, isXMLSpace(first) { bytes = bytes.dropFirst() }
        guard bytes.first == UInt8(ascii: "<") else { return false }
        return contains(bytes, Array("<rdf:RDF".utf8)) || contains(bytes, Array(RDF.ns.utf8))
    }

    private static func contains(_ haystack: ArraySlice<UInt8>, _ needle: [UInt8]) -> Bool {
        guard haystack.count >= needle.count, let first = needle.first else { return false }
        var index = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while index <= last {
            if haystack[index] == first && haystack[index..<(index + needle.count)].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
