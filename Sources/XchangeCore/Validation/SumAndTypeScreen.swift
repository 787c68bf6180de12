/// A quick, exact test that a report breaks none of the sum and type rules of a format, made in
/// one pass over its present values with integer arithmetic and no allocation.
///
/// Nearly every report passes; only one that does not (or that holds something the quick test
/// does not decide: a decimal in a sum, an overflow) goes through the full rule evaluator, which
/// words the findings. So a finding is produced exactly as before, and a clean report costs a
/// few thousand instructions instead of a walk over every field of every rule.
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
    /// Each field's kind, by field index.
    private let kinds: [FieldKind]

    /// A cell with no value.
    static let blank = Int.min
    /// A cell the quick sums cannot take: not a plain whole number.
    private static let undecided = Int.min + 1

    /// The screen for these rules (the sum and type rules among them; others are ignored).
    init(_ rules: [CompiledRule], schema: CanonicalSchema) {
        kinds = schema.fields.map(\.kind)
        for rule in rules {
            switch rule.check {
            case .sum(let atMost, let whenBlank, let instances):
                for instance in instances {
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
    }

    /// Whether these rules certainly have no finding for the values. `cells` is working space
    /// of one slot per schema field, all ``blank`` between calls (the screen leaves it so).
    func passes(_ values: FieldValues, cells: inout [Int]) -> Bool {
        cells.withUnsafeMutableBufferPointer { cells in
            let typesHold = values.entries.withUnsafeBufferPointer { entries in
                fill(cells, from: entries, presence: values.ranks)
            }
            let holds = typesHold && terms.withUnsafeBufferPointer { sumsHold(cells, $0) }
            // Leave the working space blank again: only the summed cells were written.
            for word in 0..<RankBits.wordCount {
                var written = values.ranks.word(word) & summedWords[word]
                while written != 0 {
                    cells[word &* 64 &+ written.trailingZeroBitCount] = Self.blank
                    written &= written &- 1
                }
            }
            return holds
        }
    }

    /// Copies the summed cells' whole numbers into `cells` and checks the typed ones; false
    /// when a typed value does not conform. Walks the presence bits beside the packed entries,
    /// so each value's place is a running count (no population count per field).
    private func fill(
        _ cells: UnsafeMutableBufferPointer<Int>, from entries: UnsafeBufferPointer<FieldValue>, presence: RankBits
    ) -> Bool {
        var position = 0
        for word in 0..<RankBits.wordCount {
            var present = presence.word(word)
            let typed = typedWords[word]
            let summed = summedWords[word]
            while present != 0 {
                let bit = UInt64(present.trailingZeroBitCount)
                present &= present &- 1
                defer { position &+= 1 }
                guard (typed | summed) & (1 << bit) != 0 else { continue }
                let index = word &* 64 &+ Int(bit)
                if typed & (1 << bit) != 0, !conforms(entries, position, kinds[index]) { return false }
                if summed & (1 << bit) != 0 {
                    if case .integer(let number) = entries[position], number > Self.undecided {
                        cells[index] = number
                    } else {
                        cells[index] = Self.undecided
                    }
                }
            }
        }
        return true
    }

    /// `FieldValue.conforms(to:)`, with the whole-number cases read in place.
    @inline(__always)
    private func conforms(_ entries: UnsafeBufferPointer<FieldValue>, _ position: Int, _ kind: FieldKind) -> Bool {
        if case .integer(let number) = entries[position] {
            switch kind {
            case .count: return number >= 0
            case .signedCount: return true
            default: break
            }
        }
        return entries[position].conforms(to: kind)
    }

    private func sumsHold(_ cells: UnsafeMutableBufferPointer<Int>, _ terms: UnsafeBufferPointer<Int>) -> Bool {
        for sum in sums {
            guard let left = total(cells, terms, sum.start, sum.middle),
                let right = total(cells, terms, sum.middle, sum.end)
            else { return false }
            switch (left.filled, right.filled) {
            case (false, false):
                continue
            case (true, false), (false, true):
                // One blank side: a warning when the other side is not zero (and the rule warns).
                let filled = left.filled ? left.sum : right.sum
                if sum.warnsWhenBlank && filled != 0 { return false }
            case (true, true):
                if sum.atMost ? left.sum > right.sum : left.sum != right.sum { return false }
            }
        }
        return true
    }

    /// The total of one side, whether any of its cells is filled; nil when undecided.
    @inline(__always)
    private func total(
        _ cells: UnsafeMutableBufferPointer<Int>, _ terms: UnsafeBufferPointer<Int>, _ start: Int, _ end: Int
    ) -> (sum: Int, filled: Bool)? {
        var sum = 0
        var filled = false
        for position in start..<end {
            let cell = cells[terms[position]]
            if cell == Self.blank { continue }
            if cell == Self.undecided { return nil }
            let (next, overflow) = sum.addingReportingOverflow(cell)
            if overflow { return nil }
            sum = next
            filled = true
        }
        return (sum, filled)
    }
}
