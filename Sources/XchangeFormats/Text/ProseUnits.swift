/// The clauses and sentences around the figures of one stretch of prose, read in order.
///
/// The last clause and sentence found are given again for a figure inside them, so that one
/// sentence listing a thousand figures is walked once, not once for each figure (which made
/// reading such a text take seconds). Each gives what ``Prose/clause(around:in:bounds:)`` and
/// ``Prose/sentence(around:in:bounds:)`` give with the same bounds.
struct ProseUnits {
    private let text: ReportText
    private let bounds: Range<Int>
    private var lastClause: Found?
    private var lastSentence: Found?

    /// A unit found, and the run of text around it that holds no break: any range inside that
    /// run has the same unit.
    private struct Found {
        let run: Range<Int>
        let unit: Range<Int>
    }

    init(_ text: ReportText, bounds: Range<Int>) {
        self.text = text
        self.bounds = bounds
    }

    mutating func clause(around range: Range<Int>) -> Range<Int> {
        unit(around: range, last: &lastClause, isBreak: Prose.isClauseBreak)
    }

    mutating func sentence(around range: Range<Int>) -> Range<Int> {
        unit(around: range, last: &lastSentence, isBreak: Prose.isSentenceBreak)
    }

    private func unit(
        around range: Range<Int>, last: inout Found?, isBreak: (Unicode.Scalar) -> Bool
    ) -> Range<Int> {
        if let last, last.run.lowerBound <= range.lowerBound, range.upperBound <= last.run.upperBound {
            return last.unit
        }
        // As `Prose.unit(around:in:bounds:isBreak:)` walks.
        var start = range.lowerBound
        while start > bounds.lowerBound, !isBreak(text.scalars[start - 1]) { start -= 1 }
        var end = range.upperBound
        while end < bounds.upperBound, !isBreak(text.scalars[end]) { end += 1 }
        let unit = text.trim(start..<end)
        // Any range inside start..<end walks to the same ends when the run holds no break and
        // its ends are where a walk stops: the walk steps over `range` itself, which may hold
        // one (a figure such as 1,234 holds a comma), and does not walk from outside the bounds.
        if bounds.lowerBound <= range.lowerBound, range.upperBound <= bounds.upperBound,
            !text.scalars[range].contains(where: isBreak)
        {
            last = Found(run: start..<end, unit: unit)
        }
        return unit
    }
}
