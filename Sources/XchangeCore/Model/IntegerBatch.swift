/// Whole numbers gathered while one report is read, added to its values in one step
/// (``FieldValues/add(_:)``).
///
/// A reader sets a couple of hundred counts per report. Set one by one, each pays for a check
/// that the values' storage is not shared and a call; gathered here, a count costs two stores,
/// and the report takes them all with one copy. One batch serves one reader, on one thread,
/// report after report.
public final class IntegerBatch {
    // Raw memory, not arrays: appending checks neither uniqueness nor exclusivity. Two runs
    // under one count and one check for room, rather than the CSV tokenizer's `GrowableRun`s
    // (a count and a check each) or one run of pairs (whose numbers then need gathering):
    // both of those cost reading wide CSV 2% more instructions.
    @exclusivity(unchecked) @usableFromInline var fields: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var numbers: UnsafeMutablePointer<Int>
    @exclusivity(unchecked) @usableFromInline var count = 0
    @exclusivity(unchecked) @usableFromInline var capacity: Int

    /// An empty batch with room for a report's worth of counts.
    public init() {
        capacity = FieldValues.fieldCount
        fields = .allocate(capacity: capacity)
        numbers = .allocate(capacity: capacity)
    }

    deinit {
        fields.deallocate()
        numbers.deallocate()
    }

    /// Whether nothing is gathered.
    public var isEmpty: Bool { count == 0 }

    /// Gathers `number` as the value of field `id`; a later value for the same field wins.
    @inlinable @inline(__always)
    public func append(_ number: Int, for id: FieldID) {
        if count == capacity { grow() }
        fields[count] = id.index
        numbers[count] = number
        count &+= 1
    }

    /// Forgets what was gathered: a reader calls it before each report, so that what a report
    /// abandoned half-read gathered is not taken by the next.
    @inlinable @inline(__always)
    public func removeAll() { count = 0 }

    @usableFromInline
    func grow() {
        let larger = capacity * 2
        let movedFields = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        movedFields.moveInitialize(from: fields, count: count)
        fields.deallocate()
        fields = movedFields
        let movedNumbers = UnsafeMutablePointer<Int>.allocate(capacity: larger)
        movedNumbers.moveInitialize(from: numbers, count: count)
        numbers.deallocate()
        numbers = movedNumbers
        capacity = larger
    }
}

extension FieldValues {
    /// Sets every number of the batch, in the order gathered, as ``setInteger(_:for:)`` would
    /// one by one, and empties the batch.
    ///
    /// The usual case (fields in schema order, past every whole number already present, none
    /// holding another kind of value) is one copy of the numbers and a pass over the fields'
    /// bits; anything else is set one by one.
    public mutating func add(_ batch: IntegerBatch) {
        defer { batch.removeAll() }
        let count = batch.count
        guard count > 0 else { return }
        guard let ranks = ranksAdding(batch.fields, count: count) else {
            for position in 0..<count {
                setInteger(batch.numbers[position], for: FieldID(index: batch.fields[position]))
            }
            return
        }
        let numbers = UnsafeBufferPointer(start: batch.numbers, count: count)
        if integers.isEmpty {
            integers = Array(numbers)
        } else {
            integers.append(contentsOf: numbers)
        }
        integerRanks = ranks
    }

    /// The whole numbers' ranks with `fields` added, a word of bits at a time; nil unless the
    /// fields ascend, come after every whole number present and hold no other kind of value.
    private func ranksAdding(_ fields: UnsafeMutablePointer<Int>, count: Int) -> RankBits? {
        var ranks = integerRanks
        var previous = integerRanks.upper - 1
        var word = fields[0] >> 6
        var bits: UInt64 = 0
        for position in 0..<count {
            let field = fields[position]
            guard field > previous else { return nil }
            previous = field
            if field >> 6 != word {
                guard bits & otherRanks.word(word) == 0 else { return nil }
                ranks.update(word) { $0 |= bits }
                word = field >> 6
                bits = 0
            }
            bits |= 1 << UInt64(field & 63)
        }
        guard bits & otherRanks.word(word) == 0 else { return nil }
        ranks.update(word) { $0 |= bits }
        ranks.recount(upper: previous + 1)
        return ranks
    }
}
