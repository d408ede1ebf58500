import KGGraph
import KGQuery
import KGStore

/// One revision of the store as queries see it: the snapshot, the catalog the planner
/// resolves names against, the newest checkpoint of each model, the models loaded so far,
/// and a pool of executors. Rebuilt when the store's revision moves; guarded by the
/// session's lock except for `snapshot` and `catalog`, which never change.
final class StoreView: @unchecked Sendable {
    let snapshot: GraphSnapshot
    let catalog: SnapshotCatalog
    /// The newest checkpoint of each model, by name.
    let newest: [String: StoredCheckpoint]
    /// Models restored so far, shared by every executor (a restored model is read-only).
    var loaded: [String: LoadedModel] = [:]
    /// Executors not in use.
    var idle: [QueryRunner] = []

    /// The model the store says queries without `using` rank with, when it names one there is.
    let chosenDefault: String?

    /// `defaultModel` is the store's choice (`set default model`); without one, or when it names
    /// a model that has no checkpoint any more, queries rank with `paths`: training a model never
    /// changes what an existing query returns.
    init(snapshot: GraphSnapshot, checkpoints: [StoredCheckpoint], defaultModel: String?) {
        self.snapshot = snapshot
        var newest: [String: StoredCheckpoint] = [:]
        for checkpoint in checkpoints where newest[checkpoint.model] == nil { newest[checkpoint.model] = checkpoint }
        self.newest = newest
        let names = BuiltinScorers.names + newest.keys.sorted()
        chosenDefault = defaultModel.flatMap { names.contains($0) ? $0 : nil }
        catalog = SnapshotCatalog(snapshot: snapshot, modelNames: names, defaultModel: chosenDefault ?? BuiltinScorers.paths)
    }
}

/// An executor with its own buffers and model scorers (scorers keep per-query caches), used
/// by one query at a time.
final class QueryRunner {
    var executor: Executor!
    private var scorers: [String: ModelScorer] = [:]

    init(view: StoreView, session: Session) {
        let snapshot = view.snapshot
        executor = Executor(snapshot: snapshot, scorerNamed: { [unowned self, unowned session] (name) throws(QueryError) -> (any Scorer)? in
            if let scorer = self.scorers[name] { return scorer }
            guard view.newest[name] != nil else { return nil }
            do throws(KGRecError) {
                let scorer = ModelScorer(name: name, loaded: try session.loadedModel(named: name, in: view), snapshot: snapshot)
                self.scorers[name] = scorer
                return scorer
            } catch .failed(let message) {
                // Messages already phrased for the user (a model older than the store) stand alone.
                throw QueryError(.runtime, message)
            } catch {
                throw QueryError(.runtime, "model '\(name)' cannot be used on this store: \(error)")
            }
        })
    }
}

extension Session {
    /// The model `name` restored over `view`, loaded once per view and shared.
    func loadedModel(named name: String, in view: StoreView) throws(KGRecError) -> LoadedModel {
        try locked { () throws(KGRecError) -> LoadedModel in
            if let loaded = view.loaded[name] { return loaded }
            let loaded = try loadModel(named: name)
            view.loaded[name] = loaded
            return loaded
        }
    }

    /// Runs `body` with an executor over `view`, borrowed from its pool and returned after.
    func withRunner<T>(_ view: StoreView, _ body: (QueryRunner) throws(KGRecError) -> T) throws(KGRecError) -> T {
        let runner = locked { view.idle.popLast() } ?? QueryRunner(view: view, session: self)
        defer { locked { view.idle.append(runner) } }
        return try body(runner)
    }
}
