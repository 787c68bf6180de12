/// The field values of one report, stored in schema order.
///
/// Only present values are stored, packed in schema order; a field's place among them is the
/// number of present fields before it (kept per 64 fields, plus one population count). Reads
/// and writes stay O(1) in the common cases, every writer's output comes out in schema order
/// without sorting, and a report costs nothing for the hundred-odd fields it leaves empty:
/// no slots to initialise when it is made, none to destroy when it is freed.
///
/// Whole numbers, most of a report's values, are packed apart from the rest as plain `Int`s:
/// a third of the memory of a ``FieldValue`` each, nothing to destroy one by one when a report
/// is freed, and read by writers and the validator without looking at an enum case.
public struct FieldValues: Hashable, Sendable {
    // Visible to inlined code (not public API): the getter is inlined into writers, which
    // read every field of every report.
    /// The present values that are whole numbers, in schema order, and which fields they are.
    @usableFromInline var integers: [Int] = []
    @usableFromInline var integerRanks = RankBits()
    /// The other present values, in schema order, and which fields they are.
    @usableFromInline var others: [FieldValue] = []
    @usableFromInline var otherRanks = RankBits()

    public init() {}

    /// Which fields have values: lets writers skip empty groups without touching the values.
    public var presence: FieldSet {
        @inlinable @inline(__always) get { FieldSet(words: RankBits.union(integerRanks, otherRanks)) }
    }

    public subscript(id: FieldID) -> FieldValue? {
        @inlinable @inline(__always) get {
            if integerRanks.contains(id.index) { return .integer(integers[integerRanks.rank(id.index)]) }
            guard otherRanks.contains(id.index) else { return nil }
            return others[otherRanks.rank(id.index)]
        }
        @inlinable @inline(__always) set {
            if let newValue {
                set(newValue, for: id)
            } else {
                replace(id, with: nil)
            }
        }
    }

    /// The field's value when it is a whole number: for writers, which print most values this
    /// way, without making a ``FieldValue``.
    @inlinable @inline(__always)
    public func integer(_ id: FieldID) -> Int? {
        guard integerRanks.contains(id.index) else { return nil }
        return integers[integerRanks.rank(id.index)]
    }

    /// Sets a field's value, as `values[id] = value` does, for readers, which fill a report
    /// in schema order: a value past the last present field is appended, without a search.
    /// The value is taken, not borrowed: it moves into place without a copy (a copy of text
    /// would retain it).
    @inlinable @inline(__always)
    public mutating func set(_ value: consuming FieldValue, for id: FieldID) {
        if id.index >= upper {
            append(value, at: id.index)
        } else {
            replace(id, with: value)
        }
    }

    /// Sets a field's value to a whole number, as ``set(_:for:)`` does with `.integer(number)`,
    /// without making and taking apart a ``FieldValue``: counts are most of a report's values.
    @inlinable @inline(__always)
    public mutating func setInteger(_ number: Int, for id: FieldID) {
        let index = id.index
        guard index >= upper else { return replace(id, with: .integer(number)) }
        if integers.capacity == 0 { integers.reserveCapacity(FieldValues.fieldCount) }
        integers.append(number)
        integerRanks.insert(index)
    }

    /// One past the last present field (0 when none is).
    @inlinable var upper: Int { max(integerRanks.upper, otherRanks.upper) }

    /// Adds the value of the field at `index`, which comes after every present field.
    @inlinable @inline(__always)
    mutating func append(_ value: consuming FieldValue, at index: Int) {
        // One allocation for the whole report rather than a run of regrowths.
        if case .integer(let number) = value {
            if integers.capacity == 0 { integers.reserveCapacity(FieldValues.fieldCount) }
            integers.append(number)
            integerRanks.insert(index)
        } else {
            if others.capacity == 0 { others.reserveCapacity(FieldValues.usualOtherCount) }
            others.append(value)
            otherRanks.insert(index)
        }
    }

    /// Sets, replaces or removes a value anywhere.
    @usableFromInline
    mutating func replace(_ id: FieldID, with newValue: FieldValue?) {
        let index = id.index
        if integerRanks.contains(index) {
            if case .integer(let number) = newValue {
                integers[integerRanks.rank(index)] = number
                return
            }
            integers.remove(at: integerRanks.rank(index))
            integerRanks.remove(index)
        } else if otherRanks.contains(index) {
            if let newValue, !newValue.isInteger {
                others[otherRanks.rank(index)] = newValue
                return
            }
            others.remove(at: otherRanks.rank(index))
            otherRanks.remove(index)
        }
        guard let newValue else { return }
        if index >= upper {
            append(newValue, at: index)
        } else if case .integer(let number) = newValue {
            integers.insert(number, at: integerRanks.rank(index))
            integerRanks.insert(index)
        } else {
            others.insert(newValue, at: otherRanks.rank(index))
            otherRanks.insert(index)
        }
    }

    @usableFromInline static let fieldCount = CanonicalSchema.v1.fields.count
    /// Room for the texts, codes and dates of a usual report at once.
    @usableFromInline static let usualOtherCount = 32

    /// Whether no field has a value.
    public var isEmpty: Bool { integerRanks.upper == 0 && otherRanks.upper == 0 }

    /// Whether the field has a value.
    public func contains(_ id: FieldID) -> Bool {
        integerRanks.contains(id.index) || otherRanks.contains(id.index)
    }

    /// The fields that have values, in schema order.
    @inlinable
    public var present: PresentValues {
        PresentValues(integerRanks: integerRanks, otherRanks: otherRanks, integers: integers, others: others)
    }
}

extension FieldValue {
    @inlinable var isInteger: Bool {
        if case .integer = self { return true }
        return false
    }
}

/// The fields of a ``FieldValues`` that have values, with their values, in schema order: the
/// presence bits walked beside the packed values. Inlinable, so that a loop over a report's
/// values in another module is compiled into that loop rather than called step by step.
public struct PresentValues: Sequence, IteratorProtocol {
    @usableFromInline let integerRanks: RankBits
    @usableFromInline let otherRanks: RankBits
    @usableFromInline let integers: [Int]
    @usableFromInline let others: [FieldValue]
    @usableFromInline var word = 0
    @usableFromInline var bits: UInt64 = 0
    @usableFromInline var integerPosition = 0
    @usableFromInline var otherPosition = 0

    @inlinable
    init(integerRanks: RankBits, otherRanks: RankBits, integers: [Int], others: [FieldValue]) {
        self.integerRanks = integerRanks
        self.otherRanks = otherRanks
        self.integers = integers
        self.others = others
        self.bits = integerRanks.word(0) | otherRanks.word(0)
    }

    @inlinable
    public mutating func next() -> (id: FieldID, value: FieldValue)? {
        while bits == 0 {
            word += 1
            guard word < RankBits.wordCount else { return nil }
            bits = integerRanks.word(word) | otherRanks.word(word)
        }
        let bit = bits.trailingZeroBitCount
        bits &= bits &- 1
        let id = FieldID(index: word * 64 + bit)
        if integerRanks.word(word) & (1 << UInt64(bit)) != 0 {
            integerPosition += 1
            return (id: id, value: .integer(integers[integerPosition - 1]))
        }
        otherPosition += 1
        return (id: id, value: others[otherPosition - 1])
    }
}

/// A bitset over field indices that can count the members below an index.
///
/// Beside the bits it keeps, per word, how many members the earlier words hold (16-bit lanes,
/// four to a `UInt64`), so a count takes one population count whatever the index.
@usableFromInline
struct RankBits: Hashable, Sendable {
    @usableFromInline var words: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0, 0, 0, 0, 0, 0, 0, 0
    )
    /// Members in words before word `w`: lane `w` of `lowCounts` (w < 4) or of `highCounts`.
    @usableFromInline var lowCounts: UInt64 = 0
    @usableFromInline var highCounts: UInt64 = 0
    /// One past the highest member (0 when empty).
    @usableFromInline var upper = 0

    @inlinable @inline(__always)
    func contains(_ index: Int) -> Bool {
        word(index >> 6) & (1 << UInt64(index & 63)) != 0
    }

    /// How many members are below `index`.
    @inlinable @inline(__always)
    func rank(_ index: Int) -> Int {
        let word = index >> 6
        let below = (UInt64(1) << UInt64(index & 63)) &- 1
        let earlier =
            word < 4 ? (lowCounts >> UInt64(16 * word)) & 0xFFFF : (highCounts >> UInt64(16 * (word - 4))) & 0xFFFF
        return Int(earlier) + (self.word(word) & below).nonzeroBitCount
    }

    @inlinable @inline(__always)
    mutating func insert(_ index: Int) {
        let word = index >> 6
        update(word) { $0 |= 1 << UInt64(index & 63) }
        let (low, high) = Self.lanes(after: word)
        lowCounts &+= low
        highCounts &+= high
        if index >= upper { upper = index + 1 }
    }

    /// Works the counts out again from the bits, after they were set with ``update(_:_:)``;
    /// `upper` is one past the highest member.
    mutating func recount(upper: Int) {
        var below: UInt64 = 0
        var low: UInt64 = 0
        var high: UInt64 = 0
        for position in 0..<Self.wordCount {
            if position < 4 {
                low |= below << UInt64(16 * position)
            } else {
                high |= below << UInt64(16 * (position - 4))
            }
            below &+= UInt64(word(position).nonzeroBitCount)
        }
        lowCounts = low
        highCounts = high
        self.upper = upper
    }

    mutating func remove(_ index: Int) {
        let word = index >> 6
        update(word) { $0 &= ~(1 << UInt64(index & 63)) }
        let (low, high) = Self.lanes(after: word)
        lowCounts &-= low
        highCounts &-= high
        if index + 1 == upper {
            upper = 0
            for position in (0..<Self.wordCount).reversed() where self.word(position) != 0 {
                upper = position * 64 + 64 - self.word(position).leadingZeroBitCount
                break
            }
        }
    }

    /// A 1 in every count lane for the words after `word`, as (low lanes, high lanes).
    @inlinable @inline(__always)
    static func lanes(after word: Int) -> (UInt64, UInt64) {
        let ones: UInt64 = 0x0001_0001_0001_0001
        let low = word >= 3 ? 0 : ones << UInt64(16 * (word + 1))
        let high = word < 4 ? ones : word >= 7 ? 0 : ones << UInt64(16 * (word - 3))
        return (low, high)
    }

    /// The bits of either set.
    @inlinable @inline(__always)
    static func union(
        _ a: RankBits, _ b: RankBits
    ) -> (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) {
        (
            a.words.0 | b.words.0, a.words.1 | b.words.1, a.words.2 | b.words.2, a.words.3 | b.words.3,
            a.words.4 | b.words.4, a.words.5 | b.words.5, a.words.6 | b.words.6, a.words.7 | b.words.7
        )
    }

    /// A constant, not a stored global: inlined code would reach a global through a
    /// once-only initialisation check on every use.
    @inlinable static var wordCount: Int { 8 }

    /// The bits for indices `64 * position ..< 64 * (position + 1)`.
    @inlinable @inline(__always)
    func word(_ position: Int) -> UInt64 {
        // A switch reads the one word in place; taking the tuple's bytes would copy all eight.
        switch position {
        case 0: words.0
        case 1: words.1
        case 2: words.2
        case 3: words.3
        case 4: words.4
        case 5: words.5
        case 6: words.6
        default: words.7
        }
    }

    // The counts follow from the bits, so the bits alone decide equality.
    @usableFromInline
    static func == (lhs: RankBits, rhs: RankBits) -> Bool {
        withUnsafeBytes(of: lhs.words) { a in withUnsafeBytes(of: rhs.words) { b in a.elementsEqual(b) } }
    }

    @usableFromInline
    func hash(into hasher: inout Hasher) {
        withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
    }

    @inlinable @inline(__always)
    mutating func update(_ index: Int, _ change: (inout UInt64) -> Void) {
        withUnsafeMutableBytes(of: &words) { bytes in
            var word = bytes.load(fromByteOffset: index * 8, as: UInt64.self)
            change(&word)
            bytes.storeBytes(of: word, toByteOffset: index * 8, as: UInt64.self)
        }
    }
}
