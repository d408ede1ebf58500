#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bytes of one input: a memory-mapped regular file, standard input (spooled to an
/// unlinked temporary file, then mapped), or an in-memory buffer.
///
/// Readers scan `bytes` directly, so a large file is never copied, and memory stays bounded
/// whatever the input's size. Only regular files and `-` (standard input) are read: a
/// device, FIFO, socket or directory is refused, so `/dev/zero` or `/dev/stdin` cannot feed
/// a reader forever. The mapping (or the buffer) lives as long as this object and is
/// released in `deinit`.
///
/// An input opened from a path is checked to be text (`TextValidator`: UTF-8, no NUL, no
/// line over `InputLimits.maxLineBytes`) before any reader sees it.
package final class InputBytes {
    /// The name used in messages: the path as given, or `<stdin>`.
    package let name: String
    /// The whole input.
    package let bytes: UnsafeBufferPointer<UInt8>
    /// The first byte's address, never nil (an empty input still owns a 1-byte allocation).
    var start: UnsafePointer<UInt8> { bytes.baseAddress! }
    private let release: Release
    /// Whether `checkText` has passed, and whether it let NUL bytes through.
    private var checkedText: (passed: Bool, allowingNUL: Bool) = (false, true)

    private enum Release {
        case unmap(UnsafeMutableRawPointer, Int)
        case deallocate(UnsafeMutableRawPointer)
    }

    /// Maps the regular file at `path`; `-` reads standard input to its end. With
    /// `checkingText` (the default) the input must be text (see `checkText`), with NUL bytes
    /// refused unless `allowingNUL`.
    package init(path: String, checkingText: Bool = true, allowingNUL: Bool = false) throws(ImportError) {
        if path == "-" {
            name = "<stdin>"
            (bytes, release) = try InputBytes.spool(descriptor: 0, name: name, directory: InputBytes.temporaryRoot,
                                                    checkingText: checkingText, allowingNUL: allowingNUL)
        } else {
            name = path
            (bytes, release) = try InputBytes.map(path: path)
        }
        if checkingText { try checkText(allowingNUL: allowingNUL) }
    }

    /// Reads `descriptor` to its end through a temporary file under `directory` (standard
    /// input's path, open to tests that feed a pipe).
    init(spooling descriptor: Int32, name: String, directory: String, checkingText: Bool = true) throws(ImportError) {
        self.name = name
        (bytes, release) = try InputBytes.spool(descriptor: descriptor, name: name, directory: directory,
                                                checkingText: checkingText, allowingNUL: false)
        if checkingText { try checkText() }
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

    /// Throws at the first NUL byte (unless `allowingNUL`), byte that is not well-formed
    /// UTF-8, or line longer than `maxLineBytes`, with its `file:line:column`; does nothing
    /// once passed.
    func checkText(maxLineBytes: Int = InputLimits.maxLineBytes, allowingNUL: Bool = false) throws(ImportError) {
        guard !checkedText.passed || (checkedText.allowingNUL && !allowingNUL) else { return }
        let bom = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var validator = TextValidator(maxLineBytes: maxLineBytes, allowsNUL: allowingNUL, startingAt: bom)
        validator.scan(UnsafeBufferPointer(rebasing: bytes[bom...]))
        if let failure = validator.finish() { throw textError(failure, maxLineBytes: maxLineBytes) }
        checkedText = (true, allowingNUL)
    }

    /// The error for a validator's failure, located in this input.
    private func textError(_ failure: TextValidator.Failure, maxLineBytes: Int) -> ImportError {
        let location = location(ofOffset: failure.offset)
        switch failure.problem {
        case .nul:
            return .syntax(location, "expected text, found a NUL byte")
        case .invalidUTF8(let byte):
            return .syntax(location, "expected UTF-8 text, found byte 0x" + hex(UInt32(byte), width: 2))
        case .longLine:
            return .syntax(location, "line \(location.line) is longer than \(InputLimits.describe(maxLineBytes))")
        }
    }

    /// The line and column (in Unicode scalars, after a byte-order mark) of a byte offset;
    /// LF, CR and CRLF each end one line, as every reader counts them.
    func location(ofOffset offset: Int) -> SourceLocation {
        locations(ofOffsets: [offset])[0]
    }

    /// The locations of byte offsets given in increasing order, found in one pass (readers
    /// that locate many places at once, such as JSON-LD's node objects, use it).
    func locations(ofOffsets offsets: [Int]) -> [SourceLocation] {
        let base = start
        var i = bytes.count >= 3 && base[0] == 0xEF && base[1] == 0xBB && base[2] == 0xBF ? 3 : 0
        var line = 1, lineStart = i
        var counter = UTF8Columns.Counter()
        return offsets.map { offset in
            let stop = min(offset, bytes.count)
            while i < stop {
                let byte = base[i]
                i += 1
                if byte == 0x0A || byte == 0x0D {
                    if byte == 0x0D, i < stop, base[i] == 0x0A { i += 1 }
                    line += 1
                    lineStart = i
                }
            }
            return SourceLocation(file: name, line: line, column: counter.column(of: stop, lineStart: min(lineStart, stop), in: base))
        }
    }

    // MARK: - Opening

    /// Maps a regular file (an empty one becomes an empty buffer); refuses anything else.
    private static func map(path: String) throws(ImportError) -> (UnsafeBufferPointer<UInt8>, Release) {
        let (fd, size) = try openRegularFile(path)
        defer { close(fd) }
        return try mapRegular(fd: fd, size: size, name: path)
    }

    /// Opens the regular file at `path` for reading and returns its descriptor and size;
    /// refuses a directory, a device, a FIFO or a socket, which could feed a reader forever
    /// (`/dev/zero`) or block it (a FIFO without a writer).
    static func openRegularFile(_ path: String) throws(ImportError) -> (descriptor: Int32, size: Int) {
        // O_NONBLOCK: opening a FIFO must not wait for a writer before it is refused. It
        // changes nothing for a regular file (open(2)).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .unreadable(path: path, reason: lastError()) }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            let reason = lastError()
            close(fd)
            throw .unreadable(path: path, reason: reason)
        }
        if let kind = nonRegularKind(info.st_mode) {
            close(fd)
            throw .unreadable(path: path, reason: kind == "a directory" ? "it is a directory"
                              : "it is \(kind), not a regular file; pass '-' to read standard input")
        }
        return (fd, Int(info.st_size))
    }

    /// What a file that is not regular is (`a character device`…), or nil for a regular file.
    static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFDIR: "a directory"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFIFO: "a FIFO (named pipe)"
        case S_IFSOCK: "a socket"
        default: "not a regular file"
        }
    }

    private static func mapRegular(fd: Int32, size: Int, name: String) throws(ImportError)
        -> (UnsafeBufferPointer<UInt8>, Release) {
        guard size > 0 else {
            let storage = UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 16)
            return (UnsafeBufferPointer(start: storage.assumingMemoryBound(to: UInt8.self), count: 0),
                    .deallocate(storage))
        }
        // mmap(2): MAP_FAILED is (void *)-1, not NULL.
        guard let address = mmap(nil, size, PROT_READ, MAP_PRIVATE, fd, 0),
              address != UnsafeMutableRawPointer(bitPattern: -1) else {
            throw .unreadable(path: name, reason: lastError())
        }
        _ = madvise(address, size, MADV_SEQUENTIAL)
        return (UnsafeBufferPointer(start: address.assumingMemoryBound(to: UInt8.self), count: size),
                .unmap(address, size))
    }

    /// Copies a descriptor's bytes (standard input) to a temporary file and maps it, so that
    /// memory stays bounded however much arrives. The file lives in a fresh 0700 directory
    /// (`mkdtemp`) and is unlinked, with its directory, as soon as it is created: nothing is
    /// left behind and no other user can open it. With `checkingText`, spooling stops at the
    /// first chunk that is not text (the caller's `checkText` then reports where), so
    /// `/dev/zero` piped in costs one chunk, not a disk.
    private static func spool(descriptor: Int32, name: String, directory: String, checkingText: Bool,
                              allowingNUL: Bool) throws(ImportError) -> (UnsafeBufferPointer<UInt8>, Release) {
        let fd = try temporaryFile(in: directory, for: name)
        defer { close(fd) }
        let chunkSize = 1 << 16
        let chunk = UnsafeMutablePointer<UInt8>.allocate(capacity: chunkSize)
        defer { chunk.deallocate() }
        var validator = TextValidator(allowsNUL: allowingNUL)
        var size = 0
        while true {
            let n = read(descriptor, chunk, chunkSize)
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw .unreadable(path: name, reason: lastError())
            }
            var written = 0
            while written < n {
                let w = write(fd, chunk + written, n - written)
                if w < 0 {
                    if errno == EINTR { continue }
                    throw .unreadable(path: name, reason: "cannot copy it to a temporary file: " + lastError())
                }
                written += w
            }
            size += n
            if checkingText, !validator.scan(UnsafeBufferPointer(start: chunk, count: n)) { break }
        }
        return try mapRegular(fd: fd, size: size, name: name)
    }

    /// `$TMPDIR`, else `/tmp`.
    static var temporaryRoot: String {
        guard let value = getenv("TMPDIR"), value.pointee != 0 else { return "/tmp" }
        return String(cString: value)
    }

    /// An open, already unlinked file in a new private directory under `root` (also removed).
    private static func temporaryFile(in root: String, for name: String) throws(ImportError) -> Int32 {
        var template = Array(((root.hasSuffix("/") ? root : root + "/") + "kgrec-XXXXXX").utf8CString)
        guard let created = mkdtemp(&template) else {
            throw .unreadable(path: name, reason: "cannot create a temporary directory in '\(root)': " + lastError())
        }
        let directory = String(cString: created)
        defer { rmdir(directory) }
        var fileTemplate = Array((directory + "/spool-XXXXXX").utf8CString)
        let fd = mkstemp(&fileTemplate)
        guard fd >= 0 else {
            throw .unreadable(path: name, reason: "cannot create a temporary file in '\(directory)': " + lastError())
        }
        fileTemplate.withUnsafeBufferPointer { path in _ = unlink(path.baseAddress!) }
        return fd
    }

    private static func lastError() -> String { String(cString: strerror(errno)) }
}
