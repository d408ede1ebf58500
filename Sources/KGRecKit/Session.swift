#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import KGGraph
import KGQuery
import KGStore

/// The facade the CLI, the REPL and tests drive: one store, its snapshot, and the query
/// engine over it, each built when first needed and rebuilt when the store changes.
public final class Session {
    public let storePath: String
    /// How long to wait for another process's write lock on the store (`--wait SECONDS`).
    public var busyWait = BusyWait()
    private var openedStore: GraphStore?
    private var openedForWriting = false
    private var cachedEngine: QueryEngine?
    /// The files `import` statements may read: by default the working directory and below.
    /// Methods called directly (`importData`) read what their caller names.
    public var statementFiles = StatementFileAccess.workingDirectory
    /// Asked during long statements (`train`): true stops them early (the REPL sets it to
    /// follow Ctrl-C).
    public var isCancelled: (() -> Bool)?

    public init(storePath: String) {
        self.storePath = storePath
    }

    /// The store, opened read-only unless a write already opened it for writing.
    public func store() throws(KGRecError) -> GraphStore {
        if let openedStore { return openedStore }
        return try open(.readOnly)
    }

    /// The store opened for writing; with `create`, a missing or empty store file is created.
    /// A read-only connection is replaced by a writable one.
    public func writableStore(create: Bool = false) throws(KGRecError) -> GraphStore {
        if let openedStore, openedForWriting { return openedStore }
        return try open(create ? .create : .readWrite)
    }

    private func open(_ access: StoreAccess) throws(KGRecError) -> GraphStore {
        if access != .create && !Files.exists(storePath) { throw .noStore(path: storePath) }
        openedStore = nil
        do {
            let store = try GraphStore(path: storePath, access: access, busy: busyWait)
            openedStore = store
            openedForWriting = access != .readOnly
            return store
        } catch {
            throw .store(error)
        }
    }

    /// Runs `body` on the store opened with `access`, turning a `StoreError` into a `KGRecError`.
    func withStore<T>(_ access: StoreAccess = .readOnly,
                      _ body: (GraphStore) throws(StoreError) -> T) throws(KGRecError) -> T {
        let store = access == .readOnly ? try self.store() : try writableStore(create: access == .create)
        do { return try body(store) } catch { throw .store(error) }
    }

    /// Whether the store file exists.
    public var storeExists: Bool { openedStore != nil || Files.exists(storePath) }

    /// The query engine over the current snapshot (rebuilt after the store changes).
    public func engine() throws(KGRecError) -> QueryEngine {
        let store = try store()
        let revision: Int64
        do { revision = try store.revision } catch { throw .store(error) }
        if let cachedEngine, cachedEngine.snapshot.revision == revision { return cachedEngine }
        let snapshot: GraphSnapshot
        let checkpoints: [StoredCheckpoint]
        do {
            snapshot = try store.snapshot()
            checkpoints = try store.checkpoints()
        } catch {
            throw .store(error)
        }
        // Models by name (the newest checkpoint of each); the default is the best-scoring one
        // trained on this very revision of the graph, else the model-free `paths` scorer.
        var newest: [String: StoredCheckpoint] = [:]
        for checkpoint in checkpoints where newest[checkpoint.model] == nil { newest[checkpoint.model] = checkpoint }
        let current = newest.values.filter { $0.revision == revision }
            .sorted { $0.score != $1.score ? $0.score > $1.score : $0.id > $1.id }
        var loaded: [String: ModelScorer] = [:]
        let engine = QueryEngine(
            snapshot: snapshot, models: newest.keys.sorted(), defaultModel: current.first?.model ?? BuiltinScorers.paths,
            scorerNamed: { [weak self] (name) throws(QueryError) -> (any Scorer)? in
                if let scorer = loaded[name] { return scorer }
                guard let self, newest[name] != nil else { return nil }
                do {
                    let scorer = ModelScorer(name: name, loaded: try self.loadModel(named: name), snapshot: snapshot)
                    loaded[name] = scorer
                    return scorer
                } catch {
                    // Messages already phrased for the user (a model older than the store) stand alone.
                    if case .failed(let message)? = error as? KGRecError { throw QueryError(.runtime, message) }
                    throw QueryError(.runtime, "model '\(name)' cannot be used on this store: \(error)")
                }
            })
        cachedEngine = engine
        return engine
    }

    /// The current snapshot of the store.
    public func snapshot() throws(KGRecError) -> GraphSnapshot { try engine().snapshot }

    /// Forgets the cached snapshot (after a write through another connection).
    public func invalidate() { cachedEngine = nil }

    /// Closes the store connection (it reopens when next needed).
    public func close() {
        cachedEngine = nil
        openedStore = nil
        openedForWriting = false
    }
}

extension Session {
    /// Counts for `kgrec stats`.
    public func statistics() throws(KGRecError) -> StatisticsReport {
        let store = try store()
        let statistics: StoreStatistics
        do { statistics = try store.statistics() } catch { throw .store(error) }
        return StatisticsReport(storePath: storePath, statistics: statistics, snapshot: try snapshot())
    }

    /// Runs one statement: queries through the engine, commands (`stats`…) here.
    public func run(query text: String) throws(KGRecError) -> QueryOutcome {
        let engine = try engine()
        let (statement, plan) = try engine.plan(text)
        guard case .command(let command) = plan, !isExplainPlan(statement) else { return try engine.run(text) }
        let message = try runCommand(command, text: text)
        return QueryOutcome(text: text, statement: statement, result: .message(message), snapshot: try snapshot())
    }

    private func isExplainPlan(_ statement: Statement) -> Bool {
        if case .explainPlan = statement { return true }
        return false
    }

    private func runCommand(_ command: Command, text: String) throws(KGRecError) -> String {
        switch command.verb {
        case .stats:
            return try statistics().text
        case .importData:
            var options = try CommandOptions(command, text: text).importOptions()
            let path = try statementFiles.check(command.argument?.text ?? "", for: "import")
            if let mapping = options.mappingFile { options.mappingFile = try statementFiles.check(mapping, for: "mapping") }
            let outcome = try importData(path: path, options: options)
            return "Imported \(command.argument?.text ?? "") in \(fixed(outcome.seconds, 2)) s\n  \(outcome.summary)"
                + "\n  store revision \(outcome.report.revision): \(grouped(outcome.report.nodesAdded)) new nodes, "
                + "\(grouped(outcome.report.edgesAdded)) new edges"
        case .train:
            let options = try CommandOptions(command, text: text).trainingOptions(model: command.argument?.text ?? "")
            return try train(options, isCancelled: isCancelled).summaryWithNotes
        case .eval:
            let parsed = try CommandOptions(command, text: text)
            let (ks, split, threads) = try parsed.evaluationOptions()
            return try evaluate(model: command.argument?.text, ks: ks, split: split, threads: threads).textWithNotes
        }
    }
}
