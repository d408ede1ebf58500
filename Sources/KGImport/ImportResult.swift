import KGGraph

/// What `Importer.load` produces: the graph delta for the store to apply in one
/// transaction, the defects worked around, and a short summary for the user.
package struct ImportResult: Sendable {
    /// Everything the file adds to the graph.
    package var delta: GraphDelta
    /// Defects the importer worked around, each with `file:line:column`.
    package var warnings: [ImportWarning]
    /// Counts for the one-line report after an import.
    package var summary: ImportSummary
    /// Where each node of `delta` was first read (see `kindConflict`).
    var origins: NodeOrigins

    /// Bundles a finished delta with its warnings, summary and node origins.
    package init(delta: GraphDelta, warnings: [ImportWarning], summary: ImportSummary, origins: NodeOrigins = NodeOrigins()) {
        self.delta = delta
        self.warnings = warnings
        self.summary = summary
        self.origins = origins
    }

    /// The result of a reader that counts records: its summary made from the delta.
    init(format: ImportFormat, delta: GraphDelta, recordsRead: Int, warnings: [ImportWarning] = [], origins: NodeOrigins) {
        self.init(delta: delta, warnings: warnings,
                  summary: ImportSummary(format: format, delta: delta, recordsRead: recordsRead), origins: origins)
    }
}

/// Counts describing one import, rendered as one line:
/// `kgat: 29,858 users, 40,981 items; 1,027,370 edges in 1 relation (test 217,242); …`.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    /// The format the input was read as.
    public var format: ImportFormat
    /// Nodes of each kind in the delta.
    public var nodesByKind: [NodeKind: Int]
    /// Edges in the delta.
    public var edges: Int
    /// Edges held out for validation (every edge not valid or test is `train`).
    var validEdges: Int
    /// Edges held out for testing.
    var testEdges: Int
    /// Relations the edges use.
    public var relations: Int
    /// Labelled (user, item) pairs for the CTR protocol.
    public var labelledPairs: Int
    /// Edges dropped because the same (source, relation, target) came earlier.
    public var duplicateEdges: Int
    /// Triples read (RDF formats), rows read (CSV/TSV) or lines of interactions (layouts).
    public var recordsRead: Int

    /// Computes the counts from a finished delta.
    public init(format: ImportFormat, delta: GraphDelta, recordsRead: Int) {
        self.format = format
        var byKind: [NodeKind: Int] = [:]
        for kind in delta.nodeKinds { byKind[kind, default: 0] += 1 }
        nodesByKind = byKind
        edges = delta.edges.count
        var valid = 0, test = 0
        for edge in delta.edges {
            switch edge.split {
            case .train: break
            case .valid: valid += 1
            case .test: test += 1
            }
        }
        validEdges = valid
        testEdges = test
        relations = delta.relationCount
        labelledPairs = delta.labelledPairs.count
        duplicateEdges = delta.duplicateEdges
        self.recordsRead = recordsRead
    }

    public var description: String {
        let kinds = NodeKind.allCases.compactMap { kind -> String? in
            guard let n = nodesByKind[kind], n > 0 else { return nil }
            return "\(grouped(n)) \(n == 1 ? kind.name : kind.pluralName)"
        }
        var text = "\(format.rawValue): " + (kinds.isEmpty ? "no nodes" : kinds.joined(separator: ", "))
        text += "; \(grouped(edges)) edge\(edges == 1 ? "" : "s") in \(relations) relation\(relations == 1 ? "" : "s")"
        var held: [String] = []
        if validEdges > 0 { held.append("valid \(grouped(validEdges))") }
        if testEdges > 0 { held.append("test \(grouped(testEdges))") }
        if !held.isEmpty { text += " (" + held.joined(separator: ", ") + ")" }
        if labelledPairs > 0 { text += "; \(grouped(labelledPairs)) labelled pairs" }
        if duplicateEdges > 0 {
            text += "; \(grouped(duplicateEdges)) duplicate edge\(duplicateEdges == 1 ? "" : "s") skipped"
        }
        return text
    }
}
