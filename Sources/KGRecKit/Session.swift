#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import KGGraph
import KGQuery
import KGStore

/// The one door of kgrec: every front end (the CLI, the REPL, scripts, the HTTP server)
/// drives a `Session` over one store. `execute` parses a statement once, plans it once and
/// returns a typed `StatementOutcome` that front ends only render; commands (`import`,
/// `train`, `eval`, `stats`) are statements with typed results too. The methods behind them
/// (`importData`, `train`, `evaluate`, `statistics`) serve the CLI's own commands.
///
/// Safe to use from many threads: the store connection, the snapshot of the current store
/// revision and the loaded models are shared under one lock; each query runs on an executor
/// (with its own buffers and model scorers) borrowed from a pool, so reads run in parallel.
public final class Session: @unchecked Sendable {
    public let storePath: String
    /// How long to wait for another process's write lock on the store (`--wait SECONDS`).
    public var busyWait: BusyWait {
        get { locked { settings.busyWait } }
        set { locked { settings.busyWait = newValue } }
    }
    /// The files `import` statements may read: by default the working directory and below.
    /// Methods called directly (`importData`) read what their caller names.
    public var statementFiles: StatementFileAccess {
        get { locked { settings.statementFiles } }
        set { locked { settings.statementFiles = newValue } }
    }
    /// Asked during long statements (`train`): true stops them early (the REPL sets it to
    /// follow Ctrl-C).
    public var isCancelled: (@Sendable () -> Bool)? {
        get { locked { settings.isCancelled } }
        set { locked { settings.isCancelled = newValue } }
    }
    /// Whether statements may change the catalog (`retire`, `unretire`, `delete`, `forget user`,
    /// `set default model`); false refuses them with a clear error (the fuzz suite, a read-only
    /// front end). Default true.
    public var allowsCatalogChanges: Bool {
        get { locked { settings.allowsCatalogChanges } }
        set { locked { settings.allowsCatalogChanges = newValue } }
    }
    /// How many statements this session has parsed (each `execute` parses its text once).
    public var statementsParsed: Int { locked { parsed } }

    private struct Settings {
        var busyWait = BusyWait()
        var statementFiles = StatementFileAccess.workingDirectory
        var isCancelled: (@Sendable () -> Bool)?
        var allowsCatalogChanges = true
    }

    /// Guards everything below; recursive because loading a model reads the store and the view.
    let lock = NSRecursiveLock()
    private var settings = Settings()
    private var parsed = 0
    private var openedStore: GraphStore?
    private var openedForWriting = false
    private var cachedView: StoreView?

    public init(storePath: String) {
        self.storePath = storePath
    }

    /// The store, opened read-only unless a write already opened it for writing.
    public func store() throws(KGRecError) -> GraphStore {
        try locked { () throws(KGRecError) -> GraphStore in
            if let openedStore { return openedStore }
            return try open(.readOnly)
        }
    }

    /// The store opened for writing; with `create`, a missing or empty store file is created.
    /// A read-only connection is replaced by a writable one.
    public func writableStore(create: Bool = false) throws(KGRecError) -> GraphStore {
        try locked { () throws(KGRecError) -> GraphStore in
            if let openedStore, openedForWriting { return openedStore }
            return try open(create ? .create : .readWrite)
        }
    }

    private func open(_ access: StoreAccess) throws(KGRecError) -> GraphStore {
        if access != .create && !Files.exists(storePath) { throw .noStore(path: storePath) }
        openedStore = nil
        do {
            let store = try GraphStore(path: storePath, access: access, busy: settings.busyWait)
            openedStore = store
            openedForWriting = access != .readOnly
            return store
        } catch {
            throw .store(error)
        }
    }

    /// Runs `body` on the store opened with `access`, under the session's lock, turning a
    /// `StoreError` into a `KGRecError`.
    func withStore<T>(_ access: StoreAccess = .readOnly,
                      _ body: (GraphStore) throws(StoreError) -> T) throws(KGRecError) -> T {
        try locked { () throws(KGRecError) -> T in
            let store = access == .readOnly ? try self.store() : try writableStore(create: access == .create)
            do throws(StoreError) { return try body(store) } catch { throw .store(error) }
        }
    }

    /// Whether the store file exists.
    public var storeExists: Bool { locked { openedStore != nil } || Files.exists(storePath) }

    /// The store as it is now: its snapshot, catalog and newest checkpoints, rebuilt when the
    /// store's revision has moved.
    func view() throws(KGRecError) -> StoreView {
        try locked { () throws(KGRecError) -> StoreView in
            let store = try store()
            let revision: Int64
            do throws(StoreError) { revision = try store.revision } catch { throw .store(error) }
            if let cachedView, cachedView.snapshot.revision == revision { return cachedView }
            let view: StoreView
            do throws(StoreError) {
                view = try StoreView(snapshot: store.snapshot(), checkpoints: store.checkpoints(),
                                     defaultModel: store.defaultModel)
            } catch { throw .store(error) }
            cachedView = view
            return view
        }
    }

    /// The current snapshot of the store.
    public func snapshot() throws(KGRecError) -> GraphSnapshot { try view().snapshot }

    /// The model a query without `using` ranks with: the one `set default model` chose, else
    /// the model-free `paths` scorer.
    public func defaultModel() throws(KGRecError) -> String { try view().catalog.defaultModel }

    /// Forgets the cached snapshot (after a write through another connection).
    public func invalidate() { locked { cachedView = nil } }

    /// Closes the store connection (it reopens when next needed).
    public func close() {
        locked {
            cachedView = nil
            openedStore = nil
            openedForWriting = false
        }
    }

    /// Runs `body` holding the session's lock (typed throws pass through, unlike `withLock`).
    func locked<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Counts one parsed statement.
    func countParse() { locked { parsed += 1 } }
}
