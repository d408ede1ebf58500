import Foundation
import Testing

/// Locates `../shared` (the benchmark data and conformance suites beside the project root).
///
/// A fresh clone has no `../shared`; tests that need it carry `.needsShared("datasets/gowalla")`,
/// which skips them, naming what is missing, when it is absent (`swift test` counts them as
/// skipped). `KGREC_SHARED` overrides the location.
public enum SharedData {
    /// The project root, found from this file's path.
    public static let projectRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The shared data root, when present.
    public static var root: URL? {
        let candidate: URL
        if let env = ProcessInfo.processInfo.environment["KGREC_SHARED"], !env.isEmpty {
            candidate = URL(fileURLWithPath: env)
        } else {
            candidate = projectRoot.deletingLastPathComponent().appendingPathComponent("shared")
        }
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
            && isDirectory.boolValue ? candidate : nil
    }

    /// `../shared/<relative>` when it exists, else nil.
    public static func directory(_ relative: String) -> URL? {
        guard let url = root?.appendingPathComponent(relative),
              FileManager.default.fileExists(atPath: url.path) else { return nil }
        return url
    }

    /// `../shared/<relative>`, for a test that carries `.needsShared(relative)`.
    public static func require(_ relative: String) throws -> URL {
        guard let url = directory(relative) else { throw Absent(relative: relative) }
        return url
    }

    /// What a skipped test is missing: `needs ../shared/datasets/gowalla (absent; set KGREC_SHARED
    /// to the directory that holds the shared data)`.
    public static func absence(_ relatives: [String]) -> String {
        let missing = relatives.filter { directory($0) == nil }
        return "needs " + (missing.isEmpty ? relatives : missing).map { "../shared/" + $0 }.joined(separator: ", ")
            + " (absent; set KGREC_SHARED to the directory that holds the shared data)"
    }

    /// Thrown by `require` when the data is absent.
    public struct Absent: Error, CustomStringConvertible {
        public var relative: String
        public var description: String { absence([relative]) }
    }
}

extension Trait where Self == ConditionTrait {
    /// Runs the test or suite only when every `../shared/<relative>` exists; otherwise it is
    /// skipped with a comment naming what is missing.
    public static func needsShared(_ relatives: String...) -> Self {
        .enabled(if: relatives.allSatisfy { SharedData.directory($0) != nil }, Comment(rawValue: SharedData.absence(relatives)))
    }
}

/// A temporary directory removed when the value is deinitialised.
public final class TemporaryDirectory: @unchecked Sendable {
    public let url: URL

    public init(prefix: String = "kgrec-test") {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A path inside the directory.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Writes `contents` to a file inside the directory and returns its path.
    @discardableResult
    public func write(_ name: String, _ contents: String) -> String {
        let path = path(name)
        try? FileManager.default.createDirectory(
            at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
        writeFile(path, Array(contents.utf8))
        return path
    }

    /// A message with this directory's path removed from its `file:` prefix.
    public func relative(_ message: String) -> String {
        let prefix = url.path + "/"
        return message.hasPrefix(prefix) ? String(message.dropFirst(prefix.count)) : message
    }

    /// "no error" when `body` succeeds, else its error's message relative to this directory.
    public func message(_ body: () throws -> Void) -> String {
        do {
            try body()
            return "no error"
        } catch {
            return relative("\(error)")
        }
    }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// Writes `bytes` to `path` in place (Foundation's `createFile` on Linux stages every file in a
/// /tmp directory it never removes).
public func writeFile(_ path: String, _ bytes: some Collection<UInt8>) {
    guard let file = fopen(path, "wb") else { return }
    let data = Array(bytes)
    _ = data.withUnsafeBytes { fwrite($0.baseAddress, 1, data.count, file) }
    fclose(file)
}
