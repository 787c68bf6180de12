/// How alike two labels are, for headings and rows that match no known label exactly
/// (typos, words added or dropped): the share of characters they have in common, in order.
enum LabelSimilarity {
    /// Length of the longest common subsequence.
    static func commonLength(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        guard !a.isEmpty, !b.isEmpty else { return 0 }
        var previous = [Int](repeating: 0, count: b.count + 1)
        var current = previous
        // Through buffers: every heading is compared with every label of its part.
        b.withUnsafeBufferPointer { b in
            for x in a {
                previous.withUnsafeBufferPointer { previous in
                    current.withUnsafeMutableBufferPointer { current in
                        for j in 0..<b.count {
                            current[j + 1] = x == b[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
                        }
                    }
                }
                swap(&previous, &current)
            }
        }
        return previous[b.count]
    }

    /// Common characters over the longer label's length: 1 for equal labels.
    static func ratioToLonger(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let longer = max(a.count, b.count)
        return longer == 0 ? 0 : Double(commonLength(a, b)) / Double(longer)
    }

    /// Common characters over the shorter label's length: 1 when one contains the other's
    /// characters in order.
    static func ratioToShorter(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Double {
        let shorter = min(a.count, b.count)
        return shorter == 0 ? 0 : Double(commonLength(a, b)) / Double(shorter)
    }

    /// Whether common characters reach `threshold` of the longer label's length:
    /// `ratioToLonger(a, b) >= threshold`, most often decided without counting them.
    static func ratioToLonger(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], reaches threshold: Double) -> Bool {
        common(a, b, over: max(a.count, b.count), reach: threshold)
    }

    /// Whether common characters reach `threshold` of the shorter label's length:
    /// `ratioToShorter(a, b) >= threshold`, most often decided without counting them.
    static func ratioToShorter(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], reaches threshold: Double) -> Bool {
        common(a, b, over: min(a.count, b.count), reach: threshold)
    }

    /// Whether the common length over `length` reaches `threshold`: each side's held characters
    /// are tried first, the second only when the first reaches it, the count only when both do.
    private static func common(
        _ a: [Unicode.Scalar], _ b: [Unicode.Scalar], over length: Int, reach threshold: Double
    ) -> Bool {
        guard length > 0, Double(held(a, in: b)) / Double(length) >= threshold,
            Double(held(b, in: a)) / Double(length) >= threshold
        else { return false }
        return Double(commonLength(a, b)) / Double(length) >= threshold
    }

    /// At least ``commonLength(_:_:)``: how many characters of either label the other holds
    /// at all, in any order. A heading is compared with every label of its part, and most
    /// share too few characters for this bound, let alone the count, to reach the threshold.
    static func sharedBound(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        min(held(a, in: b), held(b, in: a))
    }

    /// How many characters of `a` `b` holds (each bounds the common length on its own: the
    /// threshold tests stop at the first that falls short).
    private static func held(_ a: [Unicode.Scalar], in b: [Unicode.Scalar]) -> Int {
        a.count { b.contains($0) }
    }
}
