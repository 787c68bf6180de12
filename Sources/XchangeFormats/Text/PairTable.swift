/// Entry numbers grouped by a pair of scalars, in an open-addressed table keyed by the pair
/// packed into one word: a lookup is a multiply, a shift and a comparison or two, where a
/// `Dictionary` keyed by a scalar hashes it through `Hasher` (about 180 instructions), and the
/// text's scalars that start some label are looked up by the thousand per report.
struct PairTable: Sendable {
    /// Packed pairs (0 for a free slot) and, beside each, its entries' range in `lists`.
    private let keys: [UInt64]
    private let ranges: [Range<Int>]
    private let lists: [Int]
    private let shift: UInt64

    /// A table of `pairs`, each entry listed under its pair in the order given.
    init(_ pairs: [(first: Unicode.Scalar, second: Unicode.Scalar, entry: Int)]) {
        var grouped: [UInt64: [Int]] = [:]
        var order: [UInt64] = []
        for pair in pairs {
            let key = Self.key(pair.first, pair.second)
            if grouped[key] == nil { order.append(key) }
            grouped[key, default: []].append(pair.entry)
        }
        // At most half full: a miss meets a free slot within a step or two.
        var bits: UInt64 = 1
        while 1 << bits < 2 * max(order.count, 1) { bits += 1 }
        shift = 64 - bits
        var keys = [UInt64](repeating: 0, count: 1 << bits)
        var ranges = [Range<Int>](repeating: 0..<0, count: 1 << bits)
        var lists: [Int] = []
        for key in order {
            var slot = Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
            while keys[slot] != 0 { slot = (slot + 1) & (keys.count - 1) }
            keys[slot] = key
            ranges[slot] = lists.count..<(lists.count + grouped[key]!.count)
            lists += grouped[key]!
        }
        self.keys = keys
        self.ranges = ranges
        self.lists = lists
    }

    /// The entries listed under the pair, in the order given; empty when there are none.
    func entries(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> ArraySlice<Int> {
        let key = Self.key(first, second)
        var slot = Int(truncatingIfNeeded: (key &* Self.multiplier) >> shift)
        while true {
            let found = keys[slot]
            if found == key { return lists[ranges[slot]] }
            if found == 0 { return [] }
            slot = (slot + 1) & (keys.count - 1)
        }
    }

    /// The pair in one word, never 0 (the top bit is set).
    private static func key(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> UInt64 {
        1 << 63 | UInt64(first.value) << 21 | UInt64(second.value)
    }

    /// Fibonacci hashing: the golden ratio's multiple spreads nearby pairs over the table.
    private static var multiplier: UInt64 { 0x9E37_79B9_7F4A_7C15 }
}
