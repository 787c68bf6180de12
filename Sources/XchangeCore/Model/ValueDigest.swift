/// 128 bits standing for a value: two independently seeded hashes of it. Equal values give
/// equal digests; two different values share one with a chance of about 2⁻¹²⁸ per pair, far
/// below any input's. Kept in place of values that would fill memory (agencies that
/// `validate` remembers, the keys `dedupe` has seen); valid within one process, since
/// ``Hasher`` is seeded afresh for each.
public struct ValueDigest: Hashable, Sendable {
    public let low: UInt64
    public let high: UInt64

    /// The digest of `value`.
    public init(_ value: some Hashable) {
        var first = Hasher()
        first.combine(value)
        var second = Hasher()
        second.combine(0x5A as UInt8)
        second.combine(value)
        low = UInt64(bitPattern: Int64(first.finalize()))
        high = UInt64(bitPattern: Int64(second.finalize()))
    }
}
