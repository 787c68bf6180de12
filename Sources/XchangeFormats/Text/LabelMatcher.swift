/// Finds known labels in normalized report text: leftmost, longest first, never overlapping.
///
/// A label is matched by its body (`属于国家秘密`); the numbering printed before it (`1.`,
/// `（一）`) is looked for separately, because reports vary its style and often glue it to the
/// figure before (`00000002.其他法律…`). Bodies that are also column headings (`其他`, `总计`)
/// count as rows only when their numbering is there.
struct LabelMatcher<Target: Sendable>: Sendable {
    struct Entry: Sendable {
        let body: [Unicode.Scalar]
        let target: Target
        let numbering: Numbering?
        let requiresNumbering: Bool
    }

    /// A label found in the text.
    struct Hit: Sendable {
        let target: Target
        /// The body, in normalized indices.
        let body: Range<Int>
        /// Where the label starts, numbering included.
        let start: Int
    }

    private let entries: [Entry]
    private let buckets: [Unicode.Scalar: [Int]]
    /// The labels' first scalars: most scalars of a table start no label and are passed over
    /// by a bit test, without hashing.
    private let firstScalars: ScalarBitmap

    init(_ entries: [Entry]) {
        self.entries = entries
        var buckets: [Unicode.Scalar: [Int]] = [:]
        for (index, entry) in entries.enumerated() {
            guard let first = entry.body.first else { continue }
            buckets[first, default: []].append(index)
        }
        // Longest first; on equal length the entry that demands numbering first, so that a
        // numbered `（七）总计` is a row while a bare `总计` stays a column heading.
        for key in buckets.keys {
            buckets[key]!.sort { lhs, rhs in
                let (a, b) = (entries[lhs], entries[rhs])
                if a.body.count != b.body.count { return a.body.count > b.body.count }
                if a.requiresNumbering != b.requiresNumbering { return a.requiresNumbering }
                return lhs < rhs
            }
        }
        self.buckets = buckets
        self.firstScalars = ScalarBitmap(buckets.keys)
    }

    /// Every label in `range`, in text order.
    func scan(_ text: NormalizedText, in range: Range<Int>) -> [Hit] {
        var hits: [Hit] = []
        let scalars = text.scalars
        var lastEnd = range.lowerBound
        scalars.withUnsafeBufferPointer { buffer in
            var index = range.lowerBound
            // From one scalar that starts a label to the next.
            while let start = firstScalars.firstIndex(in: buffer, index..<range.upperBound) {
                if let hit = match(scalars, at: start, in: range, after: lastEnd) {
                    hits.append(hit)
                    index = hit.body.upperBound
                    lastEnd = index
                } else {
                    index = start + 1
                }
            }
        }
        return hits
    }

    /// The label starting at `index`, if any.
    private func match(_ scalars: [Unicode.Scalar], at index: Int, in range: Range<Int>, after lowerBound: Int) -> Hit?
    {
        guard let candidates = buckets[scalars[index]] else { return nil }
        for candidate in candidates {
            let entry = entries[candidate]
            let end = index + entry.body.count
            guard end <= range.upperBound else { continue }
            var equal = true
            for offset in 1..<entry.body.count where scalars[index + offset] != entry.body[offset] {
                equal = false
                break
            }
            guard equal else { continue }
            let numberingStart = entry.numbering?.start(endingAt: index, in: scalars, lowerBound: lowerBound)
            if entry.requiresNumbering, numberingStart == nil { continue }
            return Hit(target: entry.target, body: index..<end, start: numberingStart ?? index)
        }
        return nil
    }
}
