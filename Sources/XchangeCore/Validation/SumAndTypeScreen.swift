/// A quick, exact test that a report breaks none of the sum and type rules of a format, made in
/// one pass over its present values with integer arithmetic and no allocation.
///
/// Nearly every report passes; only one that does not (or that holds something the quick test
/// does not decide: a decimal or a very large number in a sum) goes through the full rule
/// evaluator, which words the findings. So a finding is produced exactly as before, and a clean
/// report costs a few thousand instructions instead of a walk over every field of every rule.
struct SumAndTypeScreen {
    /// One sum instance: its terms are `terms[start..<middle]` (left) and `terms[middle..<end]` (right).
    private struct Sum {
        let start: Int
        let middle: Int
        let end: Int
        let atMost: Bool
        let warnsWhenBlank: Bool
    }

    private var sums: [Sum] = []
    /// Field indices of every sum's terms, side by side.
    private var terms: [Int] = []
    /// The fields a type rule checks, as 64-bit words of field indices (the presence bits' layout).
    private var typedWords = [UInt64](repeating: 0, count: RankBits.wordCount)
    /// The fields some sum reads, likewise.
    private var summedWords = [UInt64](repeating: 0, count: RankBits.wordCount)
    /// The typed fields that are counts: a whole number there conforms when it is not negative.
    private var countWords = [UInt64](repeating: 0, count: RankBits.wordCount)
    /// The typed fields of other kinds than counts and signed counts, whose whole numbers are
    /// checked one by one (years, and whole numbers where text or money belongs).
    private var otherTypedWords = [UInt64](repeating: 0, count: RankBits.wordCount)
    /// Each field's kind, by field index.
    private let kinds: [FieldKind]

    /// A cell is packed as `value × 256 + 1`, a blank cell as 0 (``blank``): adding a side's
    /// cells gives its total × 256 plus how many of them are filled, with no test per cell.
    /// Sides have fewer than 256 terms, and values are smaller than ``largest`` in size, so the
    /// packed sum neither overflows nor mixes the count into the total.
    static let blank = 0
    private static let largest = 1 << 40

    /// The screen for these rules (the sum and type rules among them; others are ignored).
    init(_ rules: [CompiledRule], schema: CanonicalSchema) {
        kinds = schema.fields.map(\.kind)
        for rule in rules {
            switch rule.check {
            case .sum(let atMost, let whenBlank, let instances):
                for instance in instances {
                    precondition(instance.left.count < 256 && instance.right.count < 256)
                    let start = terms.count
                    terms += instance.left.map(\.index)
                    let middle = terms.count
                    terms += instance.right.map(\.index)
                    sums.append(
                        Sum(
                            start: start, middle: middle, end: terms.count, atMost: atMost,
                            warnsWhenBlank: whenBlank == .warn))
                    for id in instance.left + instance.right {
                        summedWords[id.index >> 6] |= 1 << UInt64(id.index & 63)
                    }
                }
            case .types(let fields):
                for id in fields { typedWords[id.index >> 6] |= 1 << UInt64(id.index & 63) }
            default:
                break
            }
        }
        for (index, kind) in kinds.enumerated() where typedWords[index >> 6] & (1 << UInt64(index & 63)) != 0 {
            switch kind {
            case .count: countWords[index >> 6] |= 1 << UInt64(index & 63)
            case .signedCount: break
            default: otherTypedWords[index >> 6] |= 1 << UInt64(index & 63)
            }
        }
    }

    /// Whether these rules certainly have no finding for the values. `cells` is working space
    /// of one slot per schema field, all ``blank`` between calls (the screen leaves it so).
    func passes(_ values: FieldValues, cells: inout [Int]) -> Bool {
        cells.withUnsafeMutableBufferPointer { cells in
            let filled = values.integers.withUnsafeBufferPointer { integers in
                values.others.withUnsafeBufferPointer { others in
                    fill(cells, from: integers, others, presence: values.integerRanks, values.otherRanks)
                }
            }
            let holds = filled && terms.withUnsafeBufferPointer { sumsHold(cells, $0) }
            // Leave the working space blank again: only whole numbers were written.
            for word in 0..<RankBits.wordCount {
                var written = values.integerRanks.word(word)
                while written != 0 {
                    cells[word &* 64 &+ written.trailingZeroBitCount] = Self.blank
                    written &= written &- 1
                }
            }
            return holds
        }
    }

    /// Packs the whole numbers into `cells` and checks the typed values; false when a typed
    /// value does not conform, a summed one is not a whole number, or a whole number is not
    /// smaller than ``largest`` in size (the full evaluator then decides). Walks the presence bits
    /// beside the packed values, so each value's place is a running count.
    ///
    /// Every whole number is packed, summed or not, and tested without a branch: a count is
    /// or'ed into `signs`, a size into `sizes`, and both are looked at once at the end. Only
    /// the rare typed field of another kind is tested on its own.
    private func fill(
        _ cells: UnsafeMutableBufferPointer<Int>, from integers: UnsafeBufferPointer<Int>,
        _ others: UnsafeBufferPointer<FieldValue>, presence integerRanks: RankBits, _ otherRanks: RankBits
    ) -> Bool {
        var integerPosition = 0
        var otherPosition = 0
        var signs = 0
        var sizes: UInt = 0
        for word in 0..<RankBits.wordCount {
            let counts = countWords[word]
            let otherTyped = otherTypedWords[word]
            var present = integerRanks.word(word)
            while present != 0 {
                let bit = present.trailingZeroBitCount
                present &= present &- 1
                let index = word &* 64 &+ bit
                let number = integers[integerPosition]
                integerPosition &+= 1
                cells[index] = number &* 256 &+ 1
                // All ones for a count, else zero: a negative count sets the sign bit.
                signs |= number & (0 &- Int(truncatingIfNeeded: (counts >> UInt64(bit)) & 1))
                sizes |= number.magnitude
                if otherTyped & (1 << UInt64(bit)) != 0, !FieldValue.integer(number).conforms(to: kinds[index]) {
                    return false
                }
            }
            let typed = typedWords[word]
            let summed = summedWords[word]
            present = otherRanks.word(word)
            while present != 0 {
                let bit = UInt64(present.trailingZeroBitCount)
                present &= present &- 1
                defer { otherPosition &+= 1 }
                // A summed cell must hold a whole number.
                if summed & (1 << bit) != 0 { return false }
                guard typed & (1 << bit) != 0 else { continue }
                if !others[otherPosition].conforms(to: kinds[word &* 64 &+ Int(bit)]) { return false }
            }
        }
        // Sizes or'ed together reach ``largest`` exactly when one of them does.
        return signs >= 0 && sizes < UInt(Self.largest)
    }

    private func sumsHold(_ cells: UnsafeMutableBufferPointer<Int>, _ terms: UnsafeBufferPointer<Int>) -> Bool {
        for sum in sums {
            var left = 0
            for position in sum.start..<sum.middle { left &+= cells[terms[position]] }
            var right = 0
            for position in sum.middle..<sum.end { right &+= cells[terms[position]] }
            // Low byte: how many cells are filled; the rest: the total (an arithmetic shift).
            switch (left & 255 != 0, right & 255 != 0) {
            case (false, false):
                continue
            case (true, false), (false, true):
                // One blank side: a warning when the other side is not zero (and the rule warns).
                let filled = (left | right) >> 8
                if sum.warnsWhenBlank && filled != 0 { return false }
            case (true, true):
                if sum.atMost ? left >> 8 > right >> 8 : left >> 8 != right >> 8 { return false }
            }
        }
        return true
    }
}
