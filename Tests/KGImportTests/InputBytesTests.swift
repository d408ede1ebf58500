#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Testing
import KGTestSupport
@testable import KGImport

/// Bounded input: only regular files and `-` are read, standard input is spooled to an
/// unlinked temporary file, and lines and records have a maximum length.
@Suite struct InputBytesTests {
    let dir = TemporaryDirectory()

    private func message(_ path: String, _ format: ImportFormat?) -> String {
        var options = ImportOptions()
        options.format = format
        return dir.message { _ = try Importer.load(path: path, options: options) }
    }

    @Test(arguments: [ImportFormat.csv, .tsv, .ntriples, .rdfxml, nil])
    func aCharacterDeviceIsRefusedWithoutReadingIt(_ format: ImportFormat?) {
        let clock = ContinuousClock()
        let start = clock.now
        #expect(message("/dev/zero", format)
                == "/dev/zero: cannot read the file: it is a character device, not a regular file; "
                + "pass '-' to read standard input")
        #expect(clock.now - start < .seconds(2))
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() {
        let fifo = dir.path("pipe.csv")
        #expect(mkfifo(fifo, 0o600) == 0)
        #expect(message(fifo, .csv) == "pipe.csv: cannot read the file: it is a FIFO (named pipe), not a regular file; "
                + "pass '-' to read standard input")
        #expect(message(fifo, .rdfxml) == "pipe.csv: cannot read the file: it is a FIFO (named pipe), not a regular file; "
                + "pass '-' to read standard input")
    }

    @Test func aDirectoryGivenAsACSVFileIsRefused() {
        dir.write("d/x.txt", "")
        #expect(message(dir.path("d"), .csv) == "d: cannot read the file: it is a directory")
    }

    /// A pipe whose write end a thread fills with `data` `times` times, then closes.
    private func pipe(writing data: [UInt8], times: Int) -> (read: Int32, writer: Thread) {
        var fds: [Int32] = [0, 0]
        precondition(Glibc.pipe(&fds) == 0, "pipe failed: \(errno)")
        let writeEnd = fds[1]
        let writer = Thread {
            for _ in 0..<times {
                var offset = 0
                while offset < data.count {
                    let n = data.withUnsafeBytes { write(writeEnd, $0.baseAddress! + offset, data.count - offset) }
                    if n <= 0 { break }
                    offset += n
                }
            }
            close(writeEnd)
        }
        writer.start()
        return (fds[0], writer)
    }

    private func drain(_ fd: Int32) -> Int {
        var total = 0
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            total += n
        }
        close(fd)
        return total
    }

    private func isEmpty(_ directory: String) -> Bool {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? ["?"]).isEmpty
    }

    @Test func standardInputIsSpooledToAnUnlinkedFileAndMapped() throws {
        let line = Array("user,item\n".utf8) + Array(repeating: Array("u1,i1\n".utf8), count: 10_000).flatMap { $0 }
        let spool = TemporaryDirectory()
        let (fd, _) = pipe(writing: line, times: 50)
        let input = try InputBytes(spooling: fd, name: "<stdin>", directory: spool.url.path)
        close(fd)
        #expect(input.bytes.count == line.count * 50)
        #expect(Array(input.bytes.prefix(line.count)) == line)
        #expect(Array(input.bytes.suffix(line.count)) == line)
        // Unlinked at once, with its private directory: nothing to find while it is in use.
        #expect(isEmpty(spool.url.path))
    }

    @Test func spoolingStopsAtTheFirstChunkThatIsNotText() {
        let spool = TemporaryDirectory()
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let (fd, _) = pipe(writing: zeros, times: 8)
        #expect(throws: ImportError.syntax(SourceLocation(file: "<stdin>", line: 1, column: 1),
                                           "expected text, found a NUL byte")) {
            _ = try InputBytes(spooling: fd, name: "<stdin>", directory: spool.url.path)
        }
        // The spool read one chunk; the rest of the 8 MiB was never copied.
        #expect(drain(fd) > 7 << 20)
        #expect(isEmpty(spool.url.path))
    }

    /// Writes `count` bytes of `a` (no newline) to `name`, 1 MiB at a time.
    private func writeLongLine(_ name: String, count: Int, prefix: String = "") -> String {
        let path = dir.path(name)
        try? FileManager.default.createDirectory(at: URL(fileURLWithPath: path).deletingLastPathComponent(),
                                                 withIntermediateDirectories: true)
        writeFile(path, Array(prefix.utf8))
        let handle = FileHandle(forWritingAtPath: path)!
        handle.seekToEndOfFile()
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<(count >> 20) { handle.write(block) }
        handle.closeFile()
        return path
    }

    @Test func aHundredMegabyteLineIsRefusedQuickly() {
        let path = writeLongLine("big.csv", count: 100 << 20)
        let clock = ContinuousClock()
        let start = clock.now
        #expect(message(path, nil) == "big.csv:1:1: line 1 is longer than 16 MiB")
        #expect(clock.now - start < .seconds(3))
    }

    @Test func everyTextReaderBoundsItsLines() {
        let nt = writeLongLine("long.nt", count: 17 << 20, prefix: "<http://ex/s> <http://ex/p> <http://ex/o> .\n# ")
        #expect(message(nt, nil) == "long.nt:2:1: line 2 is longer than 16 MiB")
        dir.write("kgat/test.txt", "0 1\n")
        _ = writeLongLine("kgat/train.txt", count: 17 << 20, prefix: "0 1\r\n\r\n1 ")
        #expect(message(dir.path("kgat"), nil) == "kgat/train.txt:3:1: line 3 is longer than 16 MiB")
    }

    @Test func aCSVRecordIsBoundedEvenAcrossLines() throws {
        let input = InputBytes(Array("user,item\n\"a\nb\nc\nd\",x\n".utf8), name: "r.csv")
        var reader = DelimitedReader(input, delimiter: Byte.comma, maxRecordBytes: 5)
        var row = DelimitedRow()
        #expect(try reader.next(into: &row))
        #expect(throws: ImportError.syntax(SourceLocation(file: "r.csv", line: 2, column: 1),
                                           "the record that starts on line 2 is longer than 5 bytes")) {
            _ = try reader.next(into: &row)
        }
    }

    @Test func theValidatorCountsLinesLikeTheReaders() {
        let input = InputBytes(Array("\u{FEFF}ab\r\ncd\ré\n\nxyzw\n".utf8), name: "t")
        #expect(throws: ImportError.syntax(SourceLocation(file: "t", line: 5, column: 1), "line 5 is longer than 3 bytes")) {
            try input.checkText(maxLineBytes: 3)
        }
        #expect(input.location(ofOffset: 12) == SourceLocation(file: "t", line: 3, column: 2))
        // Two line ends in one 8-byte word, a long line between them.
        let packed = InputBytes(Array("a\nbcdef\nxy".utf8), name: "p")
        #expect(throws: ImportError.syntax(SourceLocation(file: "p", line: 2, column: 1), "line 2 is longer than 3 bytes")) {
            try packed.checkText(maxLineBytes: 3)
        }
    }

    /// The validator's rules written plainly, byte by byte: the first fault's offset and kind.
    static func reference(_ bytes: [UInt8], limit: Int) -> TextValidator.Failure? {
        var i = 0, lineStart = 0
        while i < bytes.count {
            let b = bytes[i]
            if b == 0 { return .init(problem: .nul, offset: i) }
            if b == 0x0A || b == 0x0D {
                if i - lineStart > limit { return .init(problem: .longLine, offset: lineStart) }
                lineStart = i + 1
                i += 1
                continue
            }
            if i + 1 - lineStart > limit { return .init(problem: .longLine, offset: lineStart) }
            if b < 0x80 { i += 1; continue }
            let width = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let end = min(bytes.count, i + width)
            guard b >= 0xC2, b <= 0xF4, end - i == width,
                  let decoded = String(validating: bytes[i..<end], as: UTF8.self), decoded.unicodeScalars.count == 1 else {
                return .init(problem: .invalidUTF8(b), offset: i)
            }
            i = end
        }
        return nil
    }

    /// Mostly-ASCII text of random line lengths around the limit, with rare faults: the
    /// vector and word paths find exactly the first fault the plain rules find.
    @Test func theFastPathsAgreeWithThePlainRules() {
        var rng = SplitMix64(seed: 11)
        for round in 0..<600 {
            let limit = 32 + Int(rng.next() % 40)
            var bytes: [UInt8] = []
            for _ in 0..<(1 + Int(rng.next() % 12)) {
                bytes += (0..<Int(rng.next() % UInt64(limit + 8))).map { _ in UInt8(0x20 + rng.next() % 0x5F) }
                bytes += rng.next() % 5 == 0 ? [0x0D, 0x0A] : [rng.next() % 2 == 0 ? 0x0A : 0x0D]
            }
            if round % 3 == 0 {
                let faults: [[UInt8]] = [[0], [0xFF], [0xE2, 0x82], [0xC3, 0xA9], [0xF0, 0x9D, 0x84, 0x9E]]
                bytes.insert(contentsOf: faults[Int(rng.next() % 5)], at: Int(rng.next() % UInt64(bytes.count + 1)))
            }
            var validator = TextValidator(maxLineBytes: limit)
            bytes.withUnsafeBufferPointer { _ = validator.scan($0) }
            #expect(validator.finish() == Self.reference(bytes, limit: limit), "limit \(limit): \(bytes)")
        }
    }

    /// Random text (ASCII, 2-, 3- and 4-byte characters, line ends) with random faults:
    /// scanning it whole or in random pieces finds the same first fault, and a valid input
    /// is exactly one `String(validating:)` accepts and that holds no NUL.
    @Test func theValidatorAgreesWithTheStandardLibraryInPieces() {
        var rng = SplitMix64(seed: 7)
        let pieces: [[UInt8]] = ["a", "bc", "\n", "\r\n", "é", "€", "𝄞", "12345678", "ü"].map { Array($0.utf8) }
        let faults: [[UInt8]] = [[0], [0xFF], [0xC0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80],
                                 [0x80], [0xE2, 0x82], [0xF0, 0x9D]]
        for round in 0..<400 {
            var bytes: [UInt8] = []
            for _ in 0..<Int(rng.next() % 64) { bytes += pieces[Int(rng.next() % UInt64(pieces.count))] }
            if round % 2 == 1 {
                let fault = faults[Int(rng.next() % UInt64(faults.count))]
                bytes.insert(contentsOf: fault, at: Int(rng.next() % UInt64(bytes.count + 1)))
            }
            var whole = TextValidator(maxLineBytes: 1 << 20)
            bytes.withUnsafeBufferPointer { _ = whole.scan($0) }
            let expected = whole.finish()
            var chunked = TextValidator(maxLineBytes: 1 << 20)
            var offset = 0
            while offset < bytes.count {
                let n = min(bytes.count - offset, 1 + Int(rng.next() % 9))
                bytes.withUnsafeBufferPointer { all in
                    _ = chunked.scan(UnsafeBufferPointer(rebasing: all[offset..<(offset + n)]))
                }
                offset += n
            }
            #expect(chunked.finish() == expected, "\(bytes)")
            let reference = String(validating: bytes, as: UTF8.self) != nil && !bytes.contains(0)
            #expect((expected == nil) == reference, "\(bytes)")
            if let failure = expected {
                #expect(String(validating: bytes[..<failure.offset], as: UTF8.self) != nil, "\(bytes)")
            }
        }
    }
}
