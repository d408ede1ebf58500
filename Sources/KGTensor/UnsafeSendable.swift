/// A value the caller promises is safe to share across the threads of one kernel call: raw
/// pointers into buffers that outlive the call, or a closure over them, where each thread
/// writes a disjoint part. `DispatchQueue.concurrentPerform` takes a `@Sendable` closure, which
/// cannot capture raw pointers; wrapped, they cross (docs/performance.md §7).
package struct UnsafeSendable<Value>: @unchecked Sendable {
    package let value: Value
    @inlinable public init(_ value: Value) { self.value = value }
}
