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

    /// The labels, in the order given.
    let entries: [Entry]
    /// The entries of two scalars or more, grouped by their first two scalars (each group in
    /// matching order).
    private let pairs: PairTable
    /// The entries of one scalar, by that scalar (each list in matching order).
    private let singles: [Unicode.Scalar: [Int]]
    /// The labels' first scalars: most scalars of a table start no label and are passed over
    /// by a bit test, without hashing.
    private let firstScalars: ScalarBitmap

    init(_ entries: [Entry]) {
        self.entries = entries
        // Longest first; on equal length the entry that demands numbering first, so that a
        // numbered `（七）总计` is a row while a bare `总计` stays a column heading.
        let order = entries.indices.filter { !entries[$0].body.isEmpty }.sorted { lhs, rhs in
            let (a, b) = (entries[lhs], entries[rhs])
            if a.body.count != b.body.count { return a.body.count > b.body.count }
            if a.requiresNumbering != b.requiresNumbering { return a.requiresNumbering }
            return lhs < rhs
        }
        var singles: [Unicode.Scalar: [Int]] = [:]
        var pairs: [(first: Unicode.Scalar, second: Unicode.Scalar, entry: Int)] = []
        for index in order {
            let body = entries[index].body
            if body.count == 1 {
                singles[body[0], default: []].append(index)
            } else {
                pairs.append((body[0], body[1], index))
            }
        }
        self.pairs = PairTable(pairs)
        self.singles = singles
        self.firstScalars = ScalarBitmap(order.map { entries[$0].body[0] })
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

    /// The label starting at `index`, if any: the first entry, in matching order, that the
    /// text spells there within `range` (with its numbering, when it demands one).
    private func match(_ scalars: [Unicode.Scalar], at index: Int, in range: Range<Int>, after lowerBound: Int) -> Hit?
    {
        // Entries of two scalars or more, found by the two the text has here: entries that
        // differ in either could not match.
        if index + 1 < range.upperBound {
            for candidate in pairs.entries(scalars[index], scalars[index + 1]) {
                if let hit = hit(candidate, scalars, at: index, in: range, after: lowerBound) { return hit }
            }
        }
        // (Labels of one scalar are rare: most matchers have none to hash for.)
        guard !singles.isEmpty, let candidates = singles[scalars[index]] else { return nil }
        for candidate in candidates {
            if let hit = hit(candidate, scalars, at: index, in: range, after: lowerBound) { return hit }
        }
        return nil
    }

    /// The hit of entry `candidate` at `index`, whose first two scalars (or only one) the text
    /// is known to spell there.
    private func hit(
        _ candidate: Int, _ scalars: [Unicode.Scalar], at index: Int, in range: Range<Int>, after lowerBound: Int
    ) -> Hit? {
        let entry = entries[candidate]
        let end = index + entry.body.count
        guard end <= range.upperBound else { return nil }
        for offset in 2..<max(2, entry.body.count) where scalars[index + offset] != entry.body[offset] { return nil }
        let numberingStart = entry.numbering?.start(endingAt: index, in: scalars, lowerBound: lowerBound)
        if entry.requiresNumbering, numberingStart == nil { return nil }
        return Hit(target: entry.target, body: index..<end, start: numberingStart ?? index)
    }
}
