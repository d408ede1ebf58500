#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension Importer {
    /// Streams the RDF file at `path` (N-Triples, RDF/XML, Turtle or JSON-LD) to
    /// `output` as canonical N-Triples, one triple per line (or, with `nquads`, as N-Quads,
    /// which keep JSON-LD's named graphs); returns the number of triples.
    ///
    /// Output is written as the input is read, so on an error the triples before it have
    /// already been written.
    @discardableResult
    package static func convert(path: String, options: ImportOptions = ImportOptions(), nquads: Bool = false,
                               to output: inout some TextOutputStream) throws(ImportError) -> Int {
        var reader = try rdfReader(path: path, options: options)
        var count = 0
        try catching(path) {
            try reader.readQuads { triple, graph in
                if nquads, let graph {
                    output.write(String(triple.description.dropLast()))
                    output.write(graph.ntriples)
                    output.write(" .\n")
                } else {
                    output.write(triple.description)
                    output.write("\n")
                }
                count += 1
            }
        }
        if options.strict, let first = reader.warnings.first {
            throw .syntax(first.location, first.message + " (an error under --strict)")
        }
        return count
    }

    /// `convert` to a file descriptor (1 for standard output), buffered.
    @discardableResult
    package static func convert(path: String, options: ImportOptions = ImportOptions(), nquads: Bool = false,
                               toFileDescriptor descriptor: Int32) throws(ImportError) -> Int {
        var writer = DescriptorWriter(descriptor: descriptor)
        let count = try convert(path: path, options: options, nquads: nquads, to: &writer)
        writer.flush()
        if let failure = writer.failure { throw .unreadable(path: "<output>", reason: failure) }
        return count
    }

    /// The reader for an RDF file, by `options.format` or detection.
    static func rdfReader(path: String, options: ImportOptions) throws(ImportError) -> any RDFReader {
        let format: ImportFormat
        if let given = options.format { format = given } else { format = try ImportFormat.detect(path: path) }
        switch format {
        case .ntriples: return try NTriplesReader(path: path)
        case .rdfxml: return try catching(path) { try rdfxmlReader(path: path, options: options) }
        case .turtle: return try TurtleReader(path: path, baseIRI: options.baseIRI)
        case .jsonld:
            return try JSONLDReader(path: path, baseIRI: options.baseIRI, loader: JSONLDDocumentLoader(mappings: options.documents))
        default:
            throw .unknownFormat(path: path, hint: "convert reads RDF (N-Triples, RDF/XML, Turtle or JSON-LD), not \(format.rawValue)")
        }
    }

    /// Runs `body`, passing ImportError through and wrapping anything else.
    static func catching<T>(_ path: String, _ body: () throws -> T) throws(ImportError) -> T {
        do {
            return try body()
        } catch let error as ImportError {
            throw error
        } catch {
            throw .invalidGraph(SourceLocation(file: path, line: 0, column: 0), "internal error: \(error)")
        }
    }
}

/// A `TextOutputStream` that buffers 64 KiB and writes it to a file descriptor.
struct DescriptorWriter: TextOutputStream {
    let descriptor: Int32
    private var buffer: [UInt8] = []
    /// The first write error, if any (later writes are dropped).
    private(set) var failure: String?

    init(descriptor: Int32) {
        self.descriptor = descriptor
        buffer.reserveCapacity(1 << 16)
    }

    mutating func write(_ string: String) {
        buffer.append(contentsOf: string.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    mutating func flush() {
        guard failure == nil else { buffer.removeAll(keepingCapacity: true); return }
        var offset = 0
        while offset < buffer.count {
            let n = buffer.withUnsafeBytes { raw in
                #if canImport(Glibc)
                Glibc.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #else
                Darwin.write(descriptor, raw.baseAddress! + offset, raw.count - offset)
                #endif
            }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                break
            }
            offset += n
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
