#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input: a memory-mapped file, standard input, or an in-memory buffer.
///
/// Readers scan `bytes` directly, so a large file is never copied. The mapping (or the
/// buffer) lives as long as this object and is released in `deinit`.
final class InputBytes {
    /// The name used in messages: the path as given, or `<stdin>`.
    let name: String
    /// The whole input.
    let bytes: UnsafeBufferPointer<UInt8>
    /// The first byte's address, never nil (an empty input still owns a 1-byte allocation).
    var start: UnsafePointer<UInt8> { bytes.baseAddress! }
    private let release: Release

    private enum Release {
        case unmap(UnsafeMutableRawPointer, Int)
        case deallocate(UnsafeMutableRawPointer)
    }

    /// Maps the file at `path`; `-` reads standard input to its end.
    init(path: String) throws(ImportError) {
        if path == "-" {
            self.name = "<stdin>"
            (bytes, release) = try InputBytes.readAll(fd: 0, name: "<stdin>")
            return
        }
        name = path
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path: path, reason: InputBytes.lastError()) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .unreadable(path: path, reason: InputBytes.lastError()) }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw .unreadable(path: path, reason: "it is a directory")
        }
        let size = Int(info.st_size)
        guard (info.st_mode & S_IFMT) == S_IFREG, size > 0 else {
            // Pipes, character devices and empty files cannot be mapped; read them instead.
            (bytes, release) = try InputBytes.readAll(fd: fd, name: path)
            return
        }
        // mmap(2): MAP_FAILED is (void *)-1, not NULL.
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .unreadable(path: path, reason: InputBytes.lastError())
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        bytes = UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size)
        release = .unmap(address, size)
    }

    /// Copies `contents` (for tests and for text that is already in memory).
    init(_ contents: some Collection<UInt8>, name: String) {
        self.name = name
        let storage = UnsafeMutablePointer<UInt8>.allocate(capacity: max(contents.count, 1))
        let buffer = UnsafeMutableBufferPointer(start: storage, count: contents.count)
        _ = buffer.initialize(from: contents)
        bytes = UnsafeBufferPointer(buffer)
        release = .deallocate(UnsafeMutableRawPointer(storage))
    }

    deinit {
        switch release {
        case .unmap(let address, let size): munmap(address, size)
        case .deallocate(let pointer): pointer.deallocate()
        }
    }

    /// The input as text (for small files: headers, list files, mapping files).
    var text: String { String(decoding: bytes, as: UTF8.self) }

    private static func readAll(fd: Int32, name: String) throws(ImportError)
        -> (UnsafeBufferPointer<UInt8>, Release) {
        var capacity = 1 << 16
        var storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
        var count = 0
        while true {
            if count == capacity {
                let grown = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
                grown.copyMemory(from: storage, byteCount: count)
                storage.deallocate()
                storage = grown
                capacity *= 2
            }
            let n = read(fd, storage + count, capacity - count)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                let reason = lastError()
                storage.deallocate()
                throw .unreadable(path: name, reason: reason)
            }
            count += n
        }
        let start = storage.assumingMemoryBound(to: UInt8.self)
        return (UnsafeBufferPointer(start: start, count: count), .deallocate(storage))
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
