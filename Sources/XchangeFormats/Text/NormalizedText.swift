import XchangeCore

/// The report text in label-comparison form (``LabelText/normalized(_:)``): whitespace dropped,
/// widths and brackets folded. Each scalar remembers its offset in the original text, so a
/// label found here maps back to the line it was printed on.
///
/// Labels are searched here rather than in the original because reports break them anywhere
/// (`本年新\n制作数量`, `商业 企业`) and print them in either width.
struct NormalizedText {
    let scalars: [Unicode.Scalar]
    /// The offset in ``ReportText/scalars`` of each normalized scalar.
    let origin: [Int]
    /// The length of the original text, so that ranges reaching the end map back.
    let originalCount: Int

    init(_ text: ReportText) {
        // Written straight into the arrays' storage (every report is folded once, scalar by scalar).
        let count = text.count
        var origin: [Int] = []
        self.scalars = text.scalars.withUnsafeBufferPointer { original in
            [Unicode.Scalar](unsafeUninitializedCapacity: count) { scalars, kept in
                origin = [Int](unsafeUninitializedCapacity: count) { origin, keptOrigins in
                    for offset in 0..<count {
                        guard let folded = Self.fold(original[offset]) else { continue }
                        (scalars.baseAddress! + kept).initialize(to: folded)
                        (origin.baseAddress! + kept).initialize(to: offset)
                        kept += 1
                    }
                    keptOrigins = kept
                }
            }
        }
        self.origin = origin
        self.originalCount = count
    }

    var count: Int { scalars.count }

    /// The first normalized index whose original offset is at or after `offset`.
    func index(atOriginal offset: Int) -> Int {
        origin.partitioningIndex { $0 >= offset }
    }

    /// The original offset where normalized index `index` starts (the text end past the last).
    func originalStart(_ index: Int) -> Int {
        index < origin.count ? origin[index] : originalCount
    }

    /// The original offset just past normalized index `index - 1`.
    func originalEnd(_ index: Int) -> Int {
        index > 0 ? origin[index - 1] + 1 : 0
    }

    /// The original range covering normalized `range`.
    func originalRange(_ range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let start = originalStart(range.lowerBound)
            return start..<start
        }
        return originalStart(range.lowerBound)..<originalEnd(range.upperBound)
    }

    /// Whether the normalized text at `index` spells `pattern`.
    func matches(_ pattern: [Unicode.Scalar], at index: Int) -> Bool {
        guard index >= 0, index + pattern.count <= scalars.count else { return false }
        for (offset, scalar) in pattern.enumerated() where scalars[index + offset] != scalar { return false }
        return true
    }

    /// The first index in `range` where `pattern` starts.
    func firstIndex(of pattern: [Unicode.Scalar], in range: Range<Int>) -> Int? {
        guard !pattern.isEmpty, !range.isEmpty else { return nil }
        // Starts that leave room for the pattern, in the range and in the text.
        let last = min(range.upperBound, scalars.count) - pattern.count
        guard range.lowerBound <= last else { return nil }
        return scalars.withUnsafeBufferPointer { scalars in
            ScalarSearch.firstStart(of: pattern, in: scalars, starts: range.lowerBound..<(last + 1))
        }
    }

    /// One scalar in comparison form, or nil for whitespace, as labels are normalized.
    @inline(__always)
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar? { LabelText.fold(scalar) }

    /// A label in comparison form, as scalars.
    static func pattern(_ label: String) -> [Unicode.Scalar] {
        // Folded scalar by scalar, as `LabelText.normalized` folds them, without making that
        // string first (headings are compared by their patterns in every report).
        var pattern: [Unicode.Scalar] = []
        pattern.reserveCapacity(label.utf8.count)
        for scalar in label.unicodeScalars {
            if let folded = fold(scalar) { pattern.append(folded) }
        }
        return pattern
    }
}
