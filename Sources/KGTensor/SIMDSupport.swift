/// Low-level helpers shared by the kernels: unaligned SIMD8 loads and stores (the wrapper that
/// lets raw pointers cross into `@Sendable` closures is `UnsafeSendable`).

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
