/// Low-level helpers shared by the kernels: unaligned SIMD8 loads and stores (the wrapper that
/// lets raw pointers cross into `@Sendable` closures is `UnsafeSendable`).

typealias F8 = SIMD8<Float>

@inlinable @inline(__always)
package func ld8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inlinable @inline(__always)
package func ld8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
}

@inlinable @inline(__always)
package func st8(_ p: UnsafeMutablePointer<Float>, _ v: SIMD8<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
}
