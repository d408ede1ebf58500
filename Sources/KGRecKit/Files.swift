#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Small file-system helpers the facade needs.
package enum Files {
    static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    /// The canonical absolute path of `path` (links and `..` resolved), nil when it does not exist.
    static func canonical(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR
    }

    /// The names in `directory`, without `.` and `..`; empty when it cannot be read.
    static func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    /// Writes `bytes` to `path`, replacing any file there atomically: a new file beside it
    /// (`O_EXCL | O_NOFOLLOW`, `mode`) is written, flushed and renamed over it, so a failed write
    /// leaves the earlier file whole. (Foundation's atomic writes on Linux go through a
    /// directory in /tmp that they leave behind; kgrec writes only where it was told to.)
    package static func replace(_ path: String, with bytes: some Collection<UInt8>, mode: mode_t = 0o644)
        throws(KGRecError) {
        var names = SystemRandomNumberGenerator()
        for _ in 0..<16 {
            let staging = path + ".tmp-" + String(names.next() & 0xFFFF_FFFF, radix: 36)
            let fd = open(staging, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd < 0 && errno == EEXIST { continue }
            guard fd >= 0 else { throw .failed("cannot write '\(path)': \(String(cString: strerror(errno)))") }
            do throws(KGRecError) {
                try writeAll(fd, Array(bytes), path: path)
                guard fsync(fd) == 0 else { throw .failed("cannot write '\(path)': \(String(cString: strerror(errno)))") }
                close(fd)
                guard rename(staging, path) == 0 else {
                    throw .failed("cannot write '\(path)': \(String(cString: strerror(errno)))")
                }
                return
            } catch {
                close(fd)
                unlink(staging)
                throw error
            }
        }
        throw .failed("cannot write '\(path)': no free name for a file beside it")
    }

    /// Appends `bytes` to `path`, creating it with `mode` when missing (never through a link).
    package static func append(_ path: String, _ bytes: some Collection<UInt8>, mode: mode_t = 0o600) throws(KGRecError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_NOFOLLOW | O_CLOEXEC, mode)
        guard fd >= 0 else { throw .failed("cannot write '\(path)': \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        try writeAll(fd, Array(bytes), path: path)
    }

    /// write(2) until every byte is written (retrying on EINTR).
    static func writeAll(_ fd: Int32, _ data: [UInt8], path: String) throws(KGRecError) {
        var written = 0
        while written < data.count {
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress! + written, data.count - written) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { throw .failed("cannot write '\(path)': \(String(cString: strerror(errno)))") }
            written += n
        }
    }

    /// Removes a store file and its WAL and shared-memory files.
    package static func removeStore(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(path + suffix) }
    }
}

