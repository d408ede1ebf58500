import Foundation
import KGGraph
import KGTestSupport
import Testing
@testable import KGStore

/// Opening a store: nothing is written to a file before it is known to be a kgrec store, a
/// read-only open writes nothing, and a busy store is waited for, then named in the error.
@Suite struct StoreOpeningTests {
    private func bytes(_ path: String) throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }

    private func smallStore(_ path: String) throws {
        let store = try GraphStore(path: path)
        var delta = GraphDelta()
        let u = try delta.node("u1", kind: .user), i = try delta.node("i1", kind: .item)
        delta.addEdge(u, try delta.relation("bought"), i)
        delta.addProperty(i, "price", .number(9.5))
        delta.addProperty(i, "code", .string("0042"))
        try store.apply(delta, source: "a", format: "x")
        try store.checkpointWAL()
    }

    @Test(arguments: [StoreAccess.readOnly, .readWrite])
    func anEmptyFileIsRefusedAndStaysEmpty(_ access: StoreAccess) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("empty.db", "")
        #expect(throws: StoreError.incompatible(path: path, reason: "the file is empty; import data into it to make it a store")) {
            try GraphStore(path: path, access: access)
        }
        #expect(try bytes(path).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    @Test func anEmptyFileBecomesAStoreOnlyWhenCreatingOnPurpose() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("new.db", "")
        _ = try GraphStore(path: path, access: .create)
        #expect(try GraphStore(path: path, access: .readOnly).revision == 0)
    }

    @Test(arguments: [StoreAccess.readOnly, .readWrite, .create])
    func aFileThatIsNotSQLiteIsRefusedUntouched(_ access: StoreAccess) throws {
        let dir = TemporaryDirectory()
        let path = dir.write("notes.db", "root:x:0:0:root:/root:/bin/bash\n")
        let before = try bytes(path)
        #expect(throws: StoreError.incompatible(path: path, reason: "it is not a SQLite database; check --store")) {
            try GraphStore(path: path, access: access)
        }
        #expect(try bytes(path) == before)
    }

    @Test(arguments: [StoreAccess.readOnly, .readWrite, .create])
    func anotherProgramsDatabaseIsRefusedWithoutSwitchingItToWAL(_ access: StoreAccess) throws {
        let dir = TemporaryDirectory()
        let path = dir.path("other.db")
        do {
            let other = try Database(path: path, create: true)
            try other.execute("CREATE TABLE accounts(name TEXT); INSERT INTO accounts VALUES ('alice');")
        }
        let before = try bytes(path)
        #expect(throws: StoreError.incompatible(path: path, reason: "it is a SQLite database with other tables")) {
            try GraphStore(path: path, access: access)
        }
        #expect(try bytes(path) == before)
        #expect(before[18] == 1 && before[19] == 1, "the header still says rollback journal, not WAL")
    }

    @Test func aReadOnlyOpenWritesNothing() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("s.db")
        try smallStore(path)
        let before = try bytes(path)
        let store = try GraphStore(path: path, access: .readOnly)
        #expect(try store.snapshot().nodeCount == 2)
        #expect(throws: StoreError.self) { try store.saveCheckpoint(model: "mf", revision: 1, metric: "m", score: 0, summary: "{}", data: [1]) }
        #expect(try bytes(path) == before)
    }

    /// A store in a directory nobody may write to (chmod for ordinary users; the immutable
    /// attribute for root, who ignores permissions) still answers reads.
    @Test func aStoreInAReadOnlyDirectoryCanBeRead() throws {
        let dir = TemporaryDirectory()
        let folder = dir.path("ro")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/s.db"
        try smallStore(path)
        guard let lock = ReadOnlyFolder(folder) else {
            print("SKIP aStoreInAReadOnlyDirectoryCanBeRead: cannot make a directory read-only here (neither chmod nor chattr +i took effect)")
            return
        }
        defer { lock.release() }
        let store = try GraphStore(path: path, access: .readOnly)
        #expect(try store.snapshot().nodeCount == 2)
        #expect(try store.revision == 1)
    }

    @Test func aBusyStoreIsWaitedForThenNamedInTheError() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("s.db")
        try smallStore(path)
        let holder = try Database(path: path, create: false)
        try holder.execute("BEGIN IMMEDIATE")
        defer { try? holder.execute("ROLLBACK") }
        let notes = NoteBox()
        let store = try GraphStore(path: path, access: .readWrite, busy: BusyWait(seconds: 1.3, onWait: { notes.add($0) }))
        let clock = ContinuousClock()
        let start = clock.now
        #expect(throws: StoreError.busy(path: path, waited: 1.3)) {
            try store.saveCheckpoint(model: "mf", revision: 1, metric: "m", score: 0, summary: "{}", data: [1])
        }
        #expect(clock.now - start >= .seconds(1.2))
        #expect(notes.all == ["waiting for '\(path)': another process is writing to it (up to 1 s; --wait SECONDS changes this)"])
        #expect(StoreError.busy(path: path, waited: 1.3).description
                == "the store '\(path)' is busy: another process kept it locked for 1 s; try again when it has finished, or wait longer with --wait SECONDS")
    }

    @Test func integrityCheckIsCleanOnAStoreWithProperties() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("s.db")
        try smallStore(path)
        #expect(try GraphStore(path: path, access: .readOnly).integrityProblems() == [])
    }

    @Test func textWithANulByteIsStoredWhole() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("s.db")
        let store = try GraphStore(path: path)
        var delta = GraphDelta()
        let a = try delta.node("a\u{0}x", kind: .item), b = try delta.node("a\u{0}y", kind: .item)
        _ = try delta.node("a", kind: .item)
        delta.setLabel(a, "Name\u{0}Hidden")
        delta.addProperty(b, "note", .string("before\u{0}after"))
        try store.apply(delta, source: "a", format: "x")
        let snapshot = try GraphStore(path: path, access: .readOnly).snapshot()
        #expect(snapshot.nodeCount == 3)
        let x = try #require(snapshot.node("a\u{0}x"))
        #expect(snapshot.labels[Int(x)] == "Name\u{0}Hidden")
        let y = try #require(snapshot.node("a\u{0}y"))
        #expect(snapshot.property("note", of: y) == [.string("before\u{0}after")])
    }
}

/// Collects busy notes from SQLite's handler.
private final class NoteBox: @unchecked Sendable {
    private let lock = NSLock()
    private var notes: [String] = []
    func add(_ note: String) { lock.withLock { notes.append(note) } }
    var all: [String] { lock.withLock { notes } }
}

/// Makes a directory unwritable for the test's duration: chmod 0555, and when that does not
/// stop this process (root), `chattr +i`. Nil when neither works.
private struct ReadOnlyFolder {
    let path: String
    let immutable: Bool

    init?(_ path: String) {
        self.path = path
        chmod(path, 0o555)
        if !ReadOnlyFolder.canCreate(in: path) { immutable = false; return }
        guard ReadOnlyFolder.chattr("+i", path), !ReadOnlyFolder.canCreate(in: path) else {
            chmod(path, 0o755)
            return nil
        }
        immutable = true
    }

    func release() {
        if immutable { _ = ReadOnlyFolder.chattr("-i", path) }
        chmod(path, 0o755)
    }

    private static func canCreate(in path: String) -> Bool {
        let probe = path + "/.probe"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        unlink(probe)
        return true
    }

    private static func chattr(_ flag: String, _ path: String) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/chattr")
        process.arguments = [flag, path]
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }
}
