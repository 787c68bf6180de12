extension LegacyFigureExtractor {
    /// What the figures of one clause and one sentence share, found for the first of them and
    /// given again to the rest, so that a sentence listing a thousand figures is read once, not
    /// once for each figure (which made reading such a report take seconds).
    final class Shared {
        var units: ProseUnits
        /// The last clause: its figures that can be figures, in text order, and its text as a
        /// snippet once a figure of it is read.
        var clause: (range: Range<Int>, figures: [NumberMention], snippet: String?)?
        var sentence: (range: Range<Int>, words: SentenceWords)?

        init(_ text: ReportText, bounds: Range<Int>) { units = ProseUnits(text, bounds: bounds) }
    }

    /// A sentence's words in comparison form, and, for a long one, which terms they hold, each
    /// found once (a short one is searched again: that costs less than remembering).
    final class SentenceWords {
        let words: [Unicode.Scalar]
        private var holds: [[Unicode.Scalar]: Bool] = [:]
        private static let longSentence = 256

        init(_ words: [Unicode.Scalar]) { self.words = words }

        func has(_ term: [Unicode.Scalar]) -> Bool {
            guard words.count > Self.longSentence else { return Prose.contains(words, term) }
            if let known = holds[term] { return known }
            let found = Prose.contains(words, term)
            holds[term] = found
            return found
        }

        func hasAny(_ terms: [[Unicode.Scalar]]) -> Bool { terms.contains { has($0) } }
    }
}
