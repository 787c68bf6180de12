/// Sentences and clauses of running text, for reading what a figure counts.
enum Prose {
    /// Ends a sentence (or a line of a one-paragraph-per-line report).
    static func isSentenceBreak(_ scalar: Unicode.Scalar) -> Bool {
        Scalars.isSentenceEnd(scalar) || scalar == "\n"
    }

    /// Ends a clause. 、 does not: it joins items of one list ("政府网站、政务微博").
    static func isClauseBreak(_ scalar: Unicode.Scalar) -> Bool {
        isSentenceBreak(scalar) || scalar == "，" || scalar == "," || scalar == "：" || scalar == ":"
    }

    /// Every scalar that ends a clause (``isClauseBreak(_:)`` as a list, for scans that look
    /// for several kinds of character at once).
    static let clauseBreaks: [Unicode.Scalar] = Array("。！？；!?;\n，,：:".unicodeScalars)

    /// The run around `range` between two breaks, within `bounds`.
    static func unit(
        around range: Range<Int>, in text: ReportText, bounds: Range<Int>, isBreak: (Unicode.Scalar) -> Bool
    ) -> Range<Int> {
        var start = range.lowerBound
        while start > bounds.lowerBound, !isBreak(text.scalars[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < bounds.upperBound, !isBreak(text.scalars[end]) { end += 1 }
        return text.trim(start..<end)
    }

    static func clause(around range: Range<Int>, in text: ReportText, bounds: Range<Int>) -> Range<Int> {
        unit(around: range, in: text, bounds: bounds, isBreak: isClauseBreak)
    }

    static func sentence(around range: Range<Int>, in text: ReportText, bounds: Range<Int>) -> Range<Int> {
        unit(around: range, in: text, bounds: bounds, isBreak: isSentenceBreak)
    }

    /// The clause before the one starting at `start` (for labels split by a comma:
    /// "已列入计划，逐步解决的10件").
    static func previousClause(before start: Int, in text: ReportText, bounds: Range<Int>) -> Range<Int>? {
        var end = start
        while end > bounds.lowerBound, Scalars.isWhitespace(text.scalars[end - 1]) { end -= 1 }
        guard end > bounds.lowerBound, isClauseBreak(text.scalars[end - 1]), !isSentenceBreak(text.scalars[end - 1])
        else { return nil }
        let breakAt = end - 1
        return unit(around: breakAt..<breakAt, in: text, bounds: bounds.lowerBound..<breakAt, isBreak: isClauseBreak)
    }

    /// Whether a normalized window holds a term.
    static func contains(_ window: [Unicode.Scalar], _ term: [Unicode.Scalar]) -> Bool {
        SectionSplitter.contains(window, term)
    }

    /// The window in comparison form without clause punctuation, so that terms match across
    /// the commas and spaces reports put inside them.
    static func window(_ text: ReportText, _ range: Range<Int>) -> [Unicode.Scalar] {
        let clamped = range.clamped(to: 0..<text.count)
        var window: [Unicode.Scalar] = []
        window.reserveCapacity(clamped.count)
        for scalar in text.scalars[clamped] {
            guard let folded = folded(scalar) else { continue }
            window.append(folded)
        }
        return window
    }

    /// One scalar as a window holds it: in comparison form, nil for whitespace and clause
    /// punctuation.
    static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar? {
        guard let folded = NormalizedText.fold(scalar), folded != ",", folded != ".", folded != ";", folded != ":"
        else { return nil }
        return folded
    }

    /// Where `term` ends last in `window`, or nil.
    static func lastEnd(of term: [Unicode.Scalar], in window: [Unicode.Scalar]) -> Int? {
        lastEnd(of: term, in: window[...])
    }

    /// Where `term` ends last in `window` (an index of the slice), or nil.
    static func lastEnd(of term: [Unicode.Scalar], in window: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !term.isEmpty, term.count <= window.count else { return nil }
        let start = window.withUnsafeBufferPointer { scalars in
            ScalarSearch.lastStart(of: term, in: scalars, starts: 0..<(scalars.count - term.count + 1))
        }
        return start.map { window.startIndex + $0 + term.count }
    }
}
