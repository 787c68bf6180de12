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

    /// Puts the numbers in field order, a later number for a field replacing an earlier one
    /// (as setting them one by one would leave them).
    func sortByField() {
        guard count > 1, (1..<count).contains(where: { fields[$0] <= fields[$0 - 1] }) else { return }
        // An insertion sort, in place and stable: a batch out of order is mostly a run of
        // counts with a few other numbers after it, each moved back once.
        for position in 1..<count {
            let field = fields[position]
            let number = numbers[position]
            var place = position
            while place > 0, fields[place - 1] > field {
                fields[place] = fields[place - 1]
                numbers[place] = numbers[place - 1]
                place -= 1
            }
            fields[place] = field
            numbers[place] = number
        }
        // Of a field's numbers, in the order gathered, the last is kept.
        var kept = 1
        for position in 1..<count {
            if fields[position] == fields[kept - 1] {
                numbers[kept - 1] = numbers[position]
            } else {
                fields[kept] = fields[position]
                numbers[kept] = numbers[position]
                kept += 1
            }
        }
        count = kept
    }

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
    /// bits; a batch out of order, or among numbers present, is sorted and merged with them.
    /// Only one over a field holding another kind of value is set one by one.
    public mutating func add(_ batch: IntegerBatch) {
        defer { batch.removeAll() }
        let count = batch.count
        guard count > 0 else { return }
        guard let ranks = ranksAdding(batch.fields, count: count) else {
            // Gathered out of schema order, or among whole numbers set before (a year, a
            // signed count): put in order and merged, rather than set one by one into the middle.
            batch.sortByField()
            if merge(batch) { return }
            for position in 0..<batch.count {
                setInteger(batch.numbers[position], for: FieldID(index: batch.fields[position]))
            }
            return
        }
        let numbers = UnsafeBufferPointer(start: batch.numbers, count: batch.count)
        if integers.isEmpty {
            integers = Array(numbers)
        } else {
            integers.append(contentsOf: numbers)
        }
        integerRanks = ranks
    }

    /// Merges a batch in field order with the whole numbers present, in one pass over the
    /// fields; false (nothing changed) when a field of the batch holds another kind of value.
    private mutating func merge(_ batch: IntegerBatch) -> Bool {
        var ranks = integerRanks
        for position in 0..<batch.count {
            let field = batch.fields[position]
            guard !otherRanks.contains(field) else { return false }
            ranks.update(field >> 6) { $0 |= 1 << UInt64(field & 63) }
        }
        ranks.recount(upper: max(integerRanks.upper, batch.fields[batch.count - 1] + 1))
        var merged: [Int] = []
        merged.reserveCapacity(FieldValues.fieldCount)
        var present = 0
        var gathered = 0
        for word in 0..<RankBits.wordCount {
            var bits = ranks.word(word)
            while bits != 0 {
                let field = word * 64 + bits.trailingZeroBitCount
                bits &= bits &- 1
                let wasPresent = integerRanks.contains(field)
                if gathered < batch.count, batch.fields[gathered] == field {
                    // The batch's number replaces one present.
                    merged.append(batch.numbers[gathered])
                    gathered += 1
                    if wasPresent { present += 1 }
                } else {
                    merged.append(integers[present])
                    present += 1
                }
            }
        }
        integers = merged
        integerRanks = ranks
        return true
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
