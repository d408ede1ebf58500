#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A directory only this user can enter (mode 0700, made by `mkdtemp(3)`), for files kgrec
/// writes for itself: the generated demo files, a store being built, benchmark inputs.
///
/// Its name is unpredictable and `mkdtemp` fails rather than reuse an existing path, so a
/// link planted by another user can neither receive kgrec's writes nor steer its deletions.
/// Files are created with `O_EXCL | O_NOFOLLOW`; `remove()` (also run by `deinit`) deletes
/// what is inside (files, links and empty directories, never what a link points to), and
/// then the directory.
public final class PrivateDirectory {
    /// The directory's absolute or relative path, as made.
    public let path: String
    private var removed = false

    /// Makes a new private directory inside `parent` (default: `$TMPDIR`, else `/tmp`).
    public init(in parent: String? = nil, prefix: String = "kgrec") throws(KGRecError) {
        let base = parent ?? PrivateDirectory.temporaryRoot()
        var template = Array((base.hasSuffix("/") ? base : base + "/").utf8CString.dropLast())
        template += Array(".\(prefix)-XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw .failed("cannot make a private directory in '\(base)': \(String(cString: strerror(errno)))")
        }
        path = String(cString: made)
    }

    deinit { remove() }

    /// The path of `name` inside the directory.
    public func file(_ name: String) -> String { path + "/" + name }

    /// Creates `name` (a plain file name) holding `bytes`; fails if anything already has that name.
    public func write(_ name: String, _ bytes: some Collection<UInt8>) throws(KGRecError) {
        guard !name.contains("/"), name != ".", name != ".." else {
            throw .failed("'\(name)' is not a plain file name")
        }
        let target = file(name)
        let fd = open(target, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .failed("cannot create '\(target)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try Files.writeAll(fd, Array(bytes), path: target)
    }

    /// Deletes the directory's entries and the directory.
    public func remove() {
        guard !removed else { return }
        removed = true
        for name in Files.entries(of: path) where unlink(file(name)) != 0 && errno == EISDIR {
            rmdir(file(name))
        }
        rmdir(path)
    }

    private static func temporaryRoot() -> String {
        if let tmp = getenv("TMPDIR"), tmp.pointee != 0 { return String(cString: tmp) }
        return "/tmp"
    }
}
