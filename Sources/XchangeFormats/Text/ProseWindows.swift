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
        var folded: [Unicode.Scalar] = []
        var foldedBefore: [Int] = []
        folded.reserveCapacity(text.count)
        foldedBefore.reserveCapacity(text.count + 1)
        for scalar in text.scalars {
            foldedBefore.append(folded.count)
            if let kept = Prose.folded(scalar) { folded.append(kept) }
        }
        foldedBefore.append(folded.count)
        self.folded = folded
        self.foldedBefore = foldedBefore
        self.textCount = text.count
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
