#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// The memory behind a `Tensor`: a 64-byte-aligned block of `Float`s, freed in `deinit`.
///
/// Large blocks (≥ 2 MiB) are mapped on 2 MiB boundaries and marked `MADV_HUGEPAGE` on Linux.
/// Gathering rows of a 70k × 64 embedding table (18 MB, CSR × dense in every LightGCN layer)
/// touches a new 4 KiB page on almost every row and misses the TLB; backed by 2 MiB pages the
/// same SpMM on Gowalla ran 16.2 → 10.9 ms on one core (BENCHMARKS.md). Freed large blocks are
/// kept in a small pool and reused by later tensors of the same rounded size, so a training
/// step's temporaries cost no page faults after the first step.
final class TensorBuffer: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Float>
    let count: Int
    private let mapping: LargeMapping?

    /// An uninitialised buffer of `count` floats.
    init(count: Int) {
        self.count = count
        let bytes = max(count, 1) * MemoryLayout<Float>.stride
        if bytes >= LargeMapping.threshold, let mapping = LargeMapping.obtain(bytes: bytes) {
            self.mapping = mapping
            pointer = mapping.aligned.bindMemory(to: Float.self, capacity: count)
        } else {
            mapping = nil
            pointer = UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
                .bindMemory(to: Float.self, capacity: max(count, 1))
        }
    }

    /// A copy of this buffer's contents.
    func copy() -> TensorBuffer {
        let result = TensorBuffer(count: count)
        result.pointer.update(from: pointer, count: count)
        return result
    }

    deinit {
        if let mapping {
            LargeMapping.release(mapping)
        } else {
            UnsafeMutableRawPointer(pointer).deallocate()
        }
    }
}

/// A 2 MiB-aligned anonymous mapping, and the pool of released ones.
struct LargeMapping: @unchecked Sendable {
    static let hugePage = 1 << 21
    static let threshold = 1 << 21
    /// Released mappings kept for reuse, at most this many bytes in all.
    static let poolLimit = 1 << 30

    let base: UnsafeMutableRawPointer
    let mappedBytes: Int
    let aligned: UnsafeMutableRawPointer
    /// The usable size, a multiple of 2 MiB.
    let capacity: Int

    private static let lock = DispatchSemaphore(value: 1)
    nonisolated(unsafe) private static var pool: [LargeMapping] = []
    nonisolated(unsafe) private static var pooledBytes = 0

    static func obtain(bytes: Int) -> LargeMapping? {
        let capacity = (bytes + hugePage - 1) & ~(hugePage - 1)
        lock.wait()
        if let index = pool.lastIndex(where: { $0.capacity == capacity }) {
            let mapping = pool.remove(at: index)
            pooledBytes -= mapping.capacity
            lock.signal()
            return mapping
        }
        lock.signal()
        #if os(Linux)
        let mappedBytes = capacity + hugePage
        guard let base = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0),
              base != MAP_FAILED else { return nil }
        let address = (UInt(bitPattern: base) + UInt(hugePage - 1)) & ~UInt(hugePage - 1)
        let aligned = UnsafeMutableRawPointer(bitPattern: address)!
        // A hint: when transparent huge pages are off, the mapping still works with 4 KiB pages.
        _ = madvise(aligned, capacity, 14 /* MADV_HUGEPAGE */)
        return LargeMapping(base: base, mappedBytes: mappedBytes, aligned: aligned, capacity: capacity)
        #else
        return nil
        #endif
    }

    static func release(_ mapping: LargeMapping) {
        lock.wait()
        if pooledBytes + mapping.capacity <= poolLimit {
            pool.append(mapping)
            pooledBytes += mapping.capacity
            lock.signal()
            return
        }
        lock.signal()
        #if os(Linux)
        munmap(mapping.base, mapping.mappedBytes)
        #endif
    }
}
