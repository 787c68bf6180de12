/// A report's text folded once into the form ``Prose/window(_:_:)`` gives (comparison form,
/// clause punctuation dropped), so that the window of any range is a slice of it instead of a
/// fresh pass over the text: narrative readers take several windows around every figure.
struct ProseWindows {
    /// The folded text.
    private let folded: [Unicode.Scalar]
    /// For each text offset (and the end), how many folded scalars come before it.
    private let foldedBefore: [Int]
    private let textCount: Int

    init(_ text: ReportText) {
        // Written straight into the arrays' storage (a pass over the whole text per report).
        let count = text.count
        var foldedBefore: [Int] = []
        self.folded = text.scalars.withUnsafeBufferPointer { original in
            [Unicode.Scalar](unsafeUninitializedCapacity: count) { folded, kept in
                foldedBefore = [Int](unsafeUninitializedCapacity: count + 1) { before, written in
                    for offset in 0..<count {
                        (before.baseAddress! + offset).initialize(to: kept)
                        guard let scalar = Prose.folded(original[offset]) else { continue }
                        (folded.baseAddress! + kept).initialize(to: scalar)
                        kept += 1
                    }
                    (before.baseAddress! + count).initialize(to: kept)
                    written = count + 1
                }
            }
        }
        self.foldedBefore = foldedBefore
        self.textCount = count
    }

    /// `Prose.window(text, range)` as a slice of the folded text (indices are the folded
    /// text's, so only their order and differences mean anything).
    func slice(_ range: Range<Int>) -> ArraySlice<Unicode.Scalar> {
        let clamped = range.clamped(to: 0..<textCount)
        return folded[foldedBefore[clamped.lowerBound]..<foldedBefore[clamped.upperBound]]
    }

    /// `Prose.window(text, range)`, copied out of the folded text.
    func window(_ range: Range<Int>) -> [Unicode.Scalar] { Array(slice(range)) }
}
