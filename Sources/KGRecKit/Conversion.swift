import KGImport

/// `kgrec convert`: the triples an RDF file parses to, written as N-Triples or N-Quads.
public enum Conversion {
    /// Appends the N-Triples of the RDF file at `path` to `text`.
    public static func nTriples(path: String, options: ImportOptions, into text: inout String) throws(KGRecError) {
        do { try Importer.convert(path: path, options: options, to: &text) } catch { throw .importFailed(error) }
    }

    /// Writes the N-Triples of the RDF file at `path` to the file descriptor `fd` (1: standard output).
    public static func nTriples(path: String, options: ImportOptions, toFileDescriptor fd: Int32) throws(KGRecError) {
        do { try Importer.convert(path: path, options: options, toFileDescriptor: fd) } catch { throw .importFailed(error) }
    }
}

extension Conversion {
    /// Appends the N-Quads of the RDF file at `path` to `text` (JSON-LD's named graphs kept;
    /// other formats have only the default graph, so their N-Quads are their N-Triples).
    public static func nQuads(path: String, options: ImportOptions, into text: inout String) throws(KGRecError) {
        do { try Importer.convert(path: path, options: options, nquads: true, to: &text) } catch { throw .importFailed(error) }
    }

    /// Writes the N-Quads of the RDF file at `path` to the file descriptor `fd`.
    public static func nQuads(path: String, options: ImportOptions, toFileDescriptor fd: Int32) throws(KGRecError) {
        do {
            try Importer.convert(path: path, options: options, nquads: true, toFileDescriptor: fd)
        } catch {
            throw .importFailed(error)
        }
    }
}
