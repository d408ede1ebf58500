/// Low-level helpers shared by the kernels: unaligned SIMD8 loads and stores and a wrapper that
/// lets raw pointers cross into `@Sendable` closures (PERF-NOTES §5.6).

typealias F8 = SIMD8<Float>

@inline(__always)
func ld8(_ p: UnsafePointer<Float>) -> F8 {
    UnsafeRawPointer(p).loadUnaligned(as: F8.self)
}

@inline(__always)
func ld8(_ p: UnsafeMutablePointer<Float>) -> F8 {
    UnsafeRawPointer(p).loadUnaligned(as: F8.self)
}

@inline(__always)
func st8(_ p: UnsafeMutablePointer<Float>, _ v: F8) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: F8.self)
}

/// A value the caller promises is safe to share across the threads of one kernel call:
/// raw pointers into buffers that outlive the call, where each thread writes a disjoint part.
struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
