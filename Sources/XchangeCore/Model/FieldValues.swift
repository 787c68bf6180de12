/// The field values of one report, stored in schema order.
///
/// A fixed slot per schema field keeps reads and writes O(1) and makes every writer's output
/// come out in schema order without sorting.
public struct FieldValues: Hashable, Sendable {
    private var slots: [FieldValue?]
    private(set) var count: Int = 0

    public init() {
        slots = Array(repeating: nil, count: CanonicalSchema.v1.fields.count)
    }

    public subscript(id: FieldID) -> FieldValue? {
        get { slots[id.index] }
        set {
            // Pattern matches, not `== nil`: Equatable `==` on FieldValue? costs a full
            // comparison and shows up in every reader's hot path.
            var wasEmpty = false
            if case .none = slots[id.index] { wasEmpty = true }
            var isEmpty = false
            if case .none = newValue { isEmpty = true }
            if wasEmpty && !isEmpty { count += 1 } else if !wasEmpty && isEmpty { count -= 1 }
            slots[id.index] = newValue
        }
    }

    /// Whether no field has a value.
    public var isEmpty: Bool { count == 0 }

    /// The fields that have values, in schema order.
    public var present: some Sequence<(id: FieldID, value: FieldValue)> {
        slots.lazy.enumerated().compactMap { index, value in value.map { (FieldID(index: index), $0) } }
    }
}
