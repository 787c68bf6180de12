extension FieldValues {
    /// Reads a report's values field by field in ascending schema order, keeping its place
    /// among the packed values instead of counting the fields before each one.
    ///
    /// For writers that visit every field of a layout in schema order (the canonical encoder
    /// does, for every report it writes): a lookup is then a bit test and an array read.
    /// The caller must ask for fields in ascending order and must not pass over a field
    /// that has a value; passing over fields without values (an empty group) is fine.
    public struct InOrder {
        @usableFromInline var integerPosition = 0
        @usableFromInline var otherPosition = 0
        #if DEBUG
        @usableFromInline var lastIndex = -1
        #endif

        @inlinable public init() {}

        /// The value of `id`, the next field asked for, in `values`.
        @inlinable @inline(__always)
        public mutating func value(_ id: FieldID, in values: FieldValues) -> FieldValue? {
            #if DEBUG
            precondition(id.index > lastIndex, "FieldValues.InOrder: fields asked out of order")
            lastIndex = id.index
            #endif
            if values.integerRanks.contains(id.index) {
                #if DEBUG
                precondition(integerPosition == values.integerRanks.rank(id.index), "a field with a value passed over")
                #endif
                integerPosition += 1
                return .integer(values.integers[integerPosition - 1])
            }
            guard values.otherRanks.contains(id.index) else { return nil }
            #if DEBUG
            precondition(otherPosition == values.otherRanks.rank(id.index), "a field with a value passed over")
            #endif
            otherPosition += 1
            return values.others[otherPosition - 1]
        }
    }
}
