/// A trained model saved in the store: its serialised parameters and how well it did.
public struct StoredCheckpoint: Sendable, Equatable {
    public var id: Int64
    /// The model's name (`lightgcn`, `mf`, `kgcn`…).
    public var model: String
    /// The store revision the model was trained on.
    public var revision: Int64
    /// The validation metric the checkpoint was chosen by (`recall@20`), and its value.
    public var metric: String
    public var score: Double
    /// A short JSON summary (config, metrics, seed, epochs) for listings.
    public var summary: String
    /// The serialised checkpoint, opaque to the store.
    public var data: [UInt8]
    /// Seconds since the Unix epoch.
    var savedAt: Int64
}

extension GraphStore {
    /// Saves a checkpoint in its own transaction and returns its id.
    @discardableResult
    package func saveCheckpoint(model: String, revision: Int64, metric: String, score: Double,
                               summary: String, data: [UInt8]) throws(StoreError) -> Int64 {
        let insert = try database.prepare("""
            INSERT INTO checkpoints(model, revision, metric, score, summary, data, at)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6, strftime('%s', 'now'))
            """)
        insert.bind(1, model)
        insert.bind(2, revision)
        insert.bind(3, metric)
        insert.bind(4, score)
        insert.bind(5, summary)
        insert.bind(6, data)
        try insert.run()
        return database.lastInsertedRowID
    }

    /// Every checkpoint's metadata (without the data blob), newest first.
    public func checkpoints() throws(StoreError) -> [StoredCheckpoint] {
        let query = try database.prepare(
            "SELECT id, model, revision, metric, score, summary, at FROM checkpoints ORDER BY id DESC")
        var result: [StoredCheckpoint] = []
        while try query.step() {
            result.append(StoredCheckpoint(
                id: query.int64(0), model: query.string(1), revision: query.int64(2), metric: query.string(3),
                score: query.double(4), summary: query.string(5), data: [], savedAt: query.int64(6)))
        }
        return result
    }

    /// The newest checkpoint of a model (with its data), or `nil` when none was saved.
    package func latestCheckpoint(model: String) throws(StoreError) -> StoredCheckpoint? {
        try loadCheckpoint(where: "model = ?1 ORDER BY id DESC LIMIT 1", model)
    }

    /// The checkpoint with the given id.
    public func checkpoint(id: Int64) throws(StoreError) -> StoredCheckpoint? {
        try loadCheckpoint(where: "id = ?1", String(id))
    }

    private func loadCheckpoint(where clause: String, _ argument: String) throws(StoreError) -> StoredCheckpoint? {
        let query = try database.prepare(
            "SELECT id, model, revision, metric, score, summary, data, at FROM checkpoints WHERE \(clause)")
        query.bind(1, argument)
        guard try query.step() else { return nil }
        return StoredCheckpoint(
            id: query.int64(0), model: query.string(1), revision: query.int64(2), metric: query.string(3),
            score: query.double(4), summary: query.string(5), data: query.blob(6), savedAt: query.int64(7))
    }
}
