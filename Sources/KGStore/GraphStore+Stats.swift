import KGGraph

/// Counts that describe a store, for `kgrec stats`.
public struct StoreStatistics: Sendable, Equatable {
    /// Per relation: its edges per split.
    public struct RelationCount: Sendable, Equatable {
        public var name: String
        public var train: Int
        public var valid: Int
        public var test: Int
        public var total: Int { train + valid + test }
    }

    public var revision: Int64
    public var nodesByKind: [NodeKind: Int]
    public var relations: [RelationCount]
    public var properties: Int
    public var labelledPairs: Int
    public var positiveLabelledPairs: Int
    public var imports: Int
    public var checkpoints: Int
}

extension GraphStore {
    /// Counts nodes per kind, edges per relation and split, and the other tables.
    public func statistics() throws(StoreError) -> StoreStatistics {
        var byKind: [NodeKind: Int] = [:]
        let kinds = try database.prepare("SELECT kind, count(*) FROM nodes GROUP BY kind")
        while try kinds.step() {
            if let kind = NodeKind(rawValue: UInt8(truncatingIfNeeded: kinds.int64(0))) {
                byKind[kind] = Int(kinds.int64(1))
            }
        }
        var relations: [StoreStatistics.RelationCount] = []
        let names = try database.prepare("SELECT id, name FROM relations ORDER BY id")
        var indexByID: [Int64: Int] = [:]
        while try names.step() {
            indexByID[names.int64(0)] = relations.count
            relations.append(.init(name: names.string(1), train: 0, valid: 0, test: 0))
        }
        let edges = try database.prepare("SELECT rel, split, count(*) FROM edges GROUP BY rel, split")
        while try edges.step() {
            guard let index = indexByID[edges.int64(0)] else { continue }
            let n = Int(edges.int64(2))
            switch edges.int64(1) {
            case 1: relations[index].valid += n
            case 2: relations[index].test += n
            default: relations[index].train += n
            }
        }
        let positives = try database.prepare("SELECT count(*) FROM labelled_pairs WHERE label = 1")
        let positiveCount = try positives.step() ? Int(positives.int64(0)) : 0
        return StoreStatistics(
            revision: try revision, nodesByKind: byKind, relations: relations,
            properties: try count("properties"), labelledPairs: try count("labelled_pairs"),
            positiveLabelledPairs: positiveCount, imports: try count("imports"),
            checkpoints: try count("checkpoints"))
    }
}
