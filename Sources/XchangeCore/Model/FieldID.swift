/// A field's position in the canonical schema's field list: a cheap, stable handle for hot paths.
public struct FieldID: Hashable, Sendable, Comparable {
    public let index: Int

    public init(index: Int) { self.index = index }

    /// The field this handle names in ``CanonicalSchema/v1``.
    public var descriptor: FieldDescriptor { CanonicalSchema.v1.fields[index] }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.index < rhs.index }
}
