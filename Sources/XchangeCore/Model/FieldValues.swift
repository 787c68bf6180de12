/// The field values of one report, stored in schema order.
///
/// A fixed slot per schema field keeps reads and writes O(1) and makes every writer's output
/// come out in schema order without sorting.
public struct FieldValues: Hashable, Sendable {
    private var slots: [FieldValue?]
    /// Which fields have values: lets writers skip empty groups without touching the values.
    public private(set) var presence = FieldSet()

    public init() {
        slots = Array(repeating: nil, count: CanonicalSchema.v1.fields.count)
    }

    public subscript(id: FieldID) -> FieldValue? {
        get { slots[id.index] }
        set {
            if newValue == nil { presence.remove(id) } else { presence.insert(id) }
            slots[id.index] = newValue
        }
    }

    /// Whether no field has a value.
    public var isEmpty: Bool { presence.isEmpty }

    /// Whether the field has a value.
    public func contains(_ id: FieldID) -> Bool { presence.contains(id) }

    /// The fields that have values, in schema order.
    public var present: some Sequence<(id: FieldID, value: FieldValue)> {
        slots.lazy.enumerated().compactMap { index, value in value.map { (FieldID(index: index), $0) } }
    }
}
