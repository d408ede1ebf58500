import Foundation
import KGImport
import KGTestSupport
import Testing
@testable import KGRecKit

/// kgrec touches no file it was not told to: temporary files live in private directories,
/// links planted where it writes are never followed, and statements read only inside the
/// directories they are allowed.
@Suite struct FileSafetyTests {
    private func contents(_ path: String) -> String? { try? String(contentsOfFile: path, encoding: .utf8) }

    private func mode(_ path: String) -> mode_t {
        var info = stat()
        _ = lstat(path, &info)
        return info.st_mode & 0o777
    }

    /// Names a statement gives (a file, a model) are the user's own, but a pathological one must
    /// not become the message: paths show up to 300 characters, other names 40 (found by the
    /// fuzz suite: a 44,000-character file name came back whole).
    @Test(arguments: [
        "import \"\(String(repeating: "a", count: 5000)).csv\"",
        "train \(String(repeating: "m", count: 5000)) epochs 1",
        "eval \(String(repeating: "m", count: 5000))",
    ])
    func longNamesInStatementsAreQuotedAsExcerpts(statement: String) throws {
        let dir = TemporaryDirectory()
        try DemoStore.build(at: dir.path("demo.db"), from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
        let session = Session(storePath: dir.path("demo.db"))
        session.statementFiles = try StatementFileAccess(allowing: [dir.url.path])
        do {
            _ = try session.execute(statement)
            Issue.record("'\(statement.prefix(20))…' succeeded")
        } catch {
            let message = error.description
            #expect(message.count < 400 && message.contains("…"), "\(message.count) characters: \(message.prefix(80))")
        }
    }

    @Test func aPrivateDirectoryIsUnpredictableAndOnlyOurs() throws {
        let dir = TemporaryDirectory()
        let a = try PrivateDirectory(in: dir.url.path, prefix: "x"), b = try PrivateDirectory(in: dir.url.path, prefix: "x")
        #expect(a.path != b.path)
        #expect(mode(a.path) == 0o700)
        try a.write("f.txt", Array("hello".utf8))
        #expect(contents(a.file("f.txt")) == "hello")
        #expect(mode(a.file("f.txt")) == 0o600)
    }

    /// A file and a folder holding `name`, for links to point at.
    private func victims(in dir: TemporaryDirectory, holding name: String) -> (file: String, folder: String, inFolder: String) {
        let inFolder = dir.write("victim-folder/" + name, "also precious")
        return (dir.write("victim.txt", "precious"), dir.path("victim-folder"), inFolder)
    }

    @Test func writesNeverFollowALinkAndRemovalNeverDeletesATarget() throws {
        let dir = TemporaryDirectory()
        let (victim, victimFolder, victimInFolder) = victims(in: dir, holding: "keep.txt")
        let scratch = try PrivateDirectory(in: dir.url.path)
        symlink(victim, scratch.file("planted"))
        symlink(victimFolder, scratch.file("planted-folder"))
        #expect(throws: KGRecError.self) { try scratch.write("planted", Array("overwritten".utf8)) }
        scratch.remove()
        #expect(contents(victim) == "precious")
        #expect(contents(victimInFolder) == "also precious")
        #expect(!FileManager.default.fileExists(atPath: scratch.path))
    }

    /// Replacing a file (a checkpoint, the demo's files) writes beside it and renames, leaving
    /// nothing else behind, and never writes through a link planted at the staging name's place:
    /// Foundation's atomic write staged every file in a /tmp directory it never removed.
    @Test func replacingAFileLeavesOnlyThatFileAndAppendingCreatesItPrivately() throws {
        let dir = TemporaryDirectory()
        let target = dir.path("model.ckpt")
        try Files.replace(target, with: Array("first".utf8))
        try Files.replace(target, with: Array("second".utf8), mode: 0o600)
        #expect(contents(target) == "second")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["model.ckpt"])
        #expect(mode(target) == 0o600)
        #expect(throws: KGRecError.self) { try Files.replace(dir.path("missing-folder/x"), with: [1]) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["model.ckpt"])

        let history = dir.path("history")
        try Files.append(history, Array("a\n".utf8))
        try Files.append(history, Array("b\n".utf8))
        #expect(contents(history) == "a\nb\n" && mode(history) == 0o600)
        let (victim, _, _) = victims(in: dir, holding: "keep.txt")
        symlink(victim, dir.path("linked-history"))
        #expect(throws: KGRecError.self) { try Files.append(dir.path("linked-history"), Array("x".utf8)) }
        #expect(contents(victim) == "precious")
    }

    /// Demo files small enough to write here: one class, one item, one interaction.
    static let tinyDemo: [DemoStore.File] = [
        (DemoStore.ontologyFile,
         "<https://kgrec.dev/demo/Shoes> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <https://schema.org/Product> .\n"),
        (DemoStore.catalogFile,
         "<https://kgrec.dev/demo/i1> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://kgrec.dev/demo/Shoes> .\n"),
        (DemoStore.interactionsFile, "user,item\nu1,i1\n"),
    ]

    /// The old demo build wrote to `$TMPDIR/kgrec-demo-<pid>`, following a link planted there.
    @Test func buildingTheDemoFromTheGeneratorIgnoresPlantedLinksAndLeavesNothingBehind() throws {
        let dir = TemporaryDirectory()
        let (victim, victimFolder, kept) = victims(in: dir, holding: "demo-catalog.nt")
        let tmp = ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp"
        let planted = "\(tmp)/kgrec-demo-\(getpid())"
        unlink(planted)
        symlink(victimFolder, planted)
        defer { unlink(planted) }
        let store = dir.path("demo.db")
        try DemoStore.build(at: store, files: Self.tinyDemo)
        #expect(contents(victim) == "precious")
        #expect(contents(kept) == "also precious")
        #expect(try FileManager.default.contentsOfDirectory(atPath: victimFolder) == ["demo-catalog.nt"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
                == ["demo.db", "victim-folder", "victim.txt"])
        #expect(try Session(storePath: store).statistics().statistics.imports == 3)
    }

    @Test func theDemoIsNeverBuiltOverAFileThatAppearedMeanwhile() throws {
        let dir = TemporaryDirectory()
        let path = dir.write("kgrec.db", "someone else's file")
        #expect(throws: KGRecError.self) {
            try DemoStore.build(at: path, from: SharedData.projectRoot.appendingPathComponent("Ontologies").path)
        }
        #expect(contents(path) == "someone else's file")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path) == ["kgrec.db"])
    }

    // MARK: Statements read only inside their allowed directories

    private func workspace(_ dir: TemporaryDirectory, allowing folder: String) throws -> Session {
        let workspace = Session(storePath: dir.path("s.db"))
        _ = try workspace.importData(path: dir.write("first.csv", "user,item\nu0,i0\n"), options: ImportOptions())
        workspace.statementFiles = try StatementFileAccess(allowing: [folder])
        return workspace
    }

    private func message(_ body: () throws -> Void) -> String? {
        do { try body() } catch let error as KGRecError { return error.description } catch { return "\(error)" }
        return nil
    }

    @Test func importStatementsReadOnlyInsideTheAllowedDirectory() throws {
        let dir = TemporaryDirectory()
        let allowed = dir.path("data")
        dir.write("data/clicks.csv", "user,item\nu1,i1\n")
        let outside = dir.write("secret.csv", "user,item\nroot,x\n")
        symlink(outside, allowed + "/link.csv")
        try FileManager.default.createDirectory(atPath: allowed + "/layout", withIntermediateDirectories: true)
        symlink(outside, allowed + "/layout/train.txt")
        dir.write("data/mapping.ttl", "")
        let workspace = try workspace(dir, allowing: allowed)
        let root = try #require(realpath(allowed, nil).map { String(cString: $0) })
        let inside = "'\(root)', the directory statements may read"
        let hint = "; start kgrec with --allow-dir DIR to allow another directory"

        _ = try workspace.execute("import \"\(allowed)/clicks.csv\"")
        #expect(try workspace.statistics().statistics.imports == 2)
        #expect(message { _ = try workspace.execute("import \"\(outside)\" format csv") }
                == "import path '\(outside)' is outside \(inside)\(hint)")
        #expect(message { _ = try workspace.execute("import \"\(allowed)/link.csv\"") }
                == "import path '\(allowed)/link.csv' is outside \(inside)\(hint)")
        #expect(message { _ = try workspace.execute("import \"\(allowed)/layout\"") }
                == "import path '\(allowed)/layout/train.txt' is outside \(inside)\(hint)")
        #expect(message { _ = try workspace.execute("import \"\(allowed)/../secret.csv\"") }
                == "import path '\(allowed)/../secret.csv' contains '..'; statements name files inside \(inside)")
        #expect(message { _ = try workspace.execute("import \"\(allowed)/clicks.csv\" mapping \"/etc/passwd\"") }
                == "mapping path '/etc/passwd' is outside \(inside)\(hint)")
        #expect(try workspace.statistics().statistics.imports == 2)
    }

    /// A JSON-LD import statement's `documents` directory is confined like any other path.
    @Test func documentsDirectoriesOfStatementsAreConfined() throws {
        let dir = TemporaryDirectory()
        let allowed = dir.path("data")
        dir.write("data/contexts/shop.jsonld", #"{"@context": {"@vocab": "https://schema.org/"}}"#)
        dir.write("data/shop.jsonld", #"{"@context": "https://contexts.example/shop.jsonld", "@id": "https://shop.example/i1", "name": "Tent"}"#)
        let workspace = try workspace(dir, allowing: allowed)
        let root = try #require(realpath(allowed, nil).map { String(cString: $0) })
        _ = try workspace.execute("import \"\(allowed)/shop.jsonld\" documents \"https://contexts.example/=\(allowed)/contexts\"")
        #expect(try workspace.statistics().statistics.imports == 2)
        #expect(message { _ = try workspace.execute("import \"\(allowed)/shop.jsonld\" documents \"https://contexts.example/=/etc\"") }
                == "documents path '/etc' is outside '\(root)', the directory statements may read; "
                + "start kgrec with --allow-dir DIR to allow another directory")
    }

    @Test func aSessionAllowedNoDirectoryReadsNoFile() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("clicks.csv", "user,item\nu1,i1\n")
        let workspace = Session(storePath: dir.path("s.db"))
        _ = try workspace.importData(path: file, options: ImportOptions())
        workspace.statementFiles = .nothing
        #expect(message { _ = try workspace.execute("import \"\(file)\"") }
                == "import path '\(file)' is outside the directories statements may read (none are allowed here)")
    }

    @Test func aMethodCallReadsWhatItsCallerNames() throws {
        let dir = TemporaryDirectory()
        let file = dir.write("clicks.csv", "user,item\nu1,i1\n")
        let workspace = Session(storePath: dir.path("s.db"))
        workspace.statementFiles = .nothing
        #expect(try workspace.importData(path: file, options: ImportOptions()).report.edgesAdded == 1)
    }
}
