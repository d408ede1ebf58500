import KGGraph

/// The one entry point of the import module: turns a file or a benchmark directory into a
/// `GraphDelta` that the store applies in one transaction.
///
/// Loading never touches a store: either the whole input is read and mapped and a result is
/// returned, or an `ImportError` is thrown and nothing is produced, so a failing file can
/// never leave a store half-changed.
package enum Importer {
    /// Reads `path` (a file, `-` for standard input, or a benchmark directory) in the format
    /// `options.format`, or the one `ImportFormat.detect` finds.
    ///
    /// With `options.strict`, the first warning is thrown as an error instead.
    package static func load(path: String, options: ImportOptions = ImportOptions()) throws(ImportError) -> ImportResult {
        let format: ImportFormat
        if let given = options.format { format = given } else { format = try ImportFormat.detect(path: path) }
        let result: ImportResult
        do {
            result = try dispatch(path: path, format: format, options: options)
        } catch let error as ImportError {
            throw error
        } catch {
            // Every reader throws ImportError; anything else is a bug, reported rather than hidden.
            throw .invalidGraph(SourceLocation(file: path, line: 0, column: 0), "internal error: \(error)")
        }
        if options.strict, let first = result.warnings.first {
            throw .syntax(first.location, first.message + " (an error under --strict)")
        }
        return result
    }

    private static func dispatch(path: String, format: ImportFormat, options: ImportOptions) throws -> ImportResult {
        switch format {
        case .ntriples:
            var reader = try NTriplesReader(path: path)
            return try mapRDF(&reader, file: reader.name, format: format, options: options)
        case .rdfxml:
            // Read leniently even under --strict: `load` then fails at the first defect in
            // document order, whether the reader or the mapping found it.
            var reader = RDFXMLReader(path: path, baseIRI: options.baseIRI, strict: false)
            return try mapRDF(&reader, file: path, format: format, options: options)
        case .turtle:
            var reader = try TurtleReader(path: path, baseIRI: options.baseIRI)
            return try mapRDF(&reader, file: reader.name, format: format, options: options)
        case .jsonld:
            var reader = try JSONLDReader(path: path, baseIRI: options.baseIRI,
                                          loader: JSONLDDocumentLoader(mappings: options.documents))
            return try mapRDF(&reader, file: reader.name, format: format, options: options)
        case .csv, .tsv:
            let (delta, rows, origins) = try InteractionsImporter(options: options).load(path: path, format: format)
            return ImportResult(format: format, delta: delta, recordsRead: rows, origins: origins)
        case .kgcn:
            let (delta, lines, warnings, origins) = try KGCNImporter(options: options).load(directory: try layoutDirectory(path))
            return ImportResult(format: format, delta: delta, recordsRead: lines, warnings: warnings, origins: origins)
        case .bookcrossing:
            let (delta, lines, origins) = try BookCrossingImporter(options: options).load(directory: try layoutDirectory(path))
            return ImportResult(format: format, delta: delta, recordsRead: lines, origins: origins)
        case .kgat:
            let (delta, lines, warnings, origins) = try KGATImporter(options: options).load(directory: try layoutDirectory(path))
            return ImportResult(format: format, delta: delta, recordsRead: lines, warnings: warnings, origins: origins)
        case .recbole:
            let (delta, lines, warnings, origins) = try RecBoleImporter(options: options).load(path: path)
            return ImportResult(format: format, delta: delta, recordsRead: lines, warnings: warnings, origins: origins)
        }
    }

    /// Maps an RDF document through the ontology mapping (the built-in table, the mapping
    /// file, and `options.idNamespaces`).
    static func mapRDF(_ reader: inout some RDFReader, file: String, format: ImportFormat,
                       options: ImportOptions) throws -> ImportResult {
        var mapping = try options.mappingFile.map(OntologyMapping.load(path:)) ?? .builtIn
        for namespace in options.idNamespaces where !mapping.idNamespaces.contains(namespace) {
            mapping.idNamespaces.append(namespace)
        }
        // About one node per 400 bytes of RDF (schema.org has one per 670 bytes, the synthetic
        // catalog one per 425); reserving for them saves rehashing the node table.
        let expectedNodes = min(inputSize(path: file, options: options) / 400, 1 << 24)
        var mapper = OntologyMapper(mapping: mapping, file: file, context: options.context ?? ImportContext(),
                                    expectedNodes: expectedNodes)
        try reader.read(locating: { triple, location in mapper.add(triple, at: location) })
        var delta = try mapper.finish()
        delta.idNamespaces = mapping.idNamespaces
        // A reader that already warned about a triple (RDF/XML checks literals against their
        // datatype) is not echoed by the mapping's warning for the same literal.
        let readerPlaces = Set(reader.warnings.map { "\($0.location)" })
        let mapperWarnings = mapper.warnings.filter { !(readerPlaces.contains("\($0.location)") && $0.isLiteralTypeWarning) }
        // In document order (a stable sort: at one place, the reader's warning comes first).
        let warnings = (reader.warnings + mapperWarnings).enumerated().sorted {
            ($0.element.location.line, $0.element.location.column, $0.offset)
                < ($1.element.location.line, $1.element.location.column, $1.offset)
        }.map(\.element)
        return ImportResult(format: format, delta: delta, recordsRead: mapper.triplesRead, warnings: warnings,
                            origins: mapper.origins)
    }

    /// The RDF/XML reader (RDFXMLReader.swift): the document's base IRI is `--base`, else the
    /// file's `file://` IRI.
    static func rdfxmlReader(path: String, options: ImportOptions) throws -> any RDFReader {
        RDFXMLReader(path: path, baseIRI: options.baseIRI, strict: options.strict)
    }

    /// A benchmark layout's directory: `path` itself, or the directory of a file in it.
    static func layoutDirectory(_ path: String) throws(ImportError) -> String {
        if ImportFormat.isDirectory(path) { return path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path }
        guard ImportFormat.fileExists(path) else { throw .unreadable(path: path, reason: "No such file or directory") }
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        return parts.count > 1 ? parts.dropLast().joined(separator: "/") : "."
    }

    /// The bytes an import of `path` reads (the files of a directory layout summed).
    package static func inputSize(path: String, options: ImportOptions) -> Int {
        if ImportFormat.isDirectory(path) {
            return ImportFormat.listDirectory(path).reduce(0) { $0 + inputSize(path: path + "/" + $1, options: options) }
        }
        return ImportFormat.fileSize(path)
    }
}
