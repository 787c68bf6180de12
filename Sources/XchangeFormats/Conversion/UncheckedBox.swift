/// Hands a value that is not `Sendable` (a reader, a writer) to the one thread that uses it from
/// then on.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
