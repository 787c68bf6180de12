/// A field's position in the canonical schema's field list: a cheap, stable handle for hot paths.
public struct FieldID: Hashable, Sendable, Comparable {
    public let index: Int

    @inlinable public init(index: Int) { self.index = index }

    /// The field this handle names in ``CanonicalSchema/v1``.
    public var descriptor: FieldDescriptor { CanonicalSchema.v1.fields[index] }

    /// The field's value type, without copying its descriptor (hot paths read this per cell).
    public var kind: FieldKind { FieldID.kinds[index] }

    /// The field's canonical key (`applications.new_received.total`), without copying its
    /// descriptor: a copy retains every string and array the descriptor holds.
    public var key: String { FieldID.keys[index] }

    private static let kinds = CanonicalSchema.v1.fields.map(\.kind)
    private static let keys = CanonicalSchema.v1.fields.map(\.key)

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
}
