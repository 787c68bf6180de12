/// A set of schema fields as a bitset: cheap to test, cheap to intersect.
public struct FieldSet: Hashable, Sendable {
    private var words: [UInt64]

    /// The empty set.
    public init() {
        words = Array(repeating: 0, count: (CanonicalSchema.v1.fields.count + 63) / 64)
    }

    /// A set holding these fields.
    public init(_ ids: some Sequence<FieldID>) {
        self.init()
        for id in ids { insert(id) }
    }

    public func contains(_ id: FieldID) -> Bool {
        words[id.index >> 6] & (1 << UInt64(id.index & 63)) != 0
    }

    public mutating func insert(_ id: FieldID) {
        words[id.index >> 6] |= 1 << UInt64(id.index & 63)
    }

    public mutating func remove(_ id: FieldID) {
        words[id.index >> 6] &= ~(1 << UInt64(id.index & 63))
    }

    /// Whether the two sets share a field.
    public func intersects(_ other: FieldSet) -> Bool {
        for index in words.indices where words[index] & other.words[index] != 0 { return true }
        return false
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }
}
