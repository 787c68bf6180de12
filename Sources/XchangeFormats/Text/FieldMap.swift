import XchangeCore

/// Values by field, one slot per field of the canonical schema: what a table's readers look up
/// for every cell and every term of its sums, without hashing a key each time.
struct FieldMap<Value>: ExpressibleByDictionaryLiteral {
    private var slots: [Value?]

    init() { slots = Array(repeating: nil, count: CanonicalSchema.v1.fields.count) }

    init(dictionaryLiteral elements: (FieldID, Value)...) {
        self.init()
        for (field, value) in elements { slots[field.index] = value }
    }

    subscript(field: FieldID) -> Value? {
        get { slots[field.index] }
        set { slots[field.index] = newValue }
    }
}
