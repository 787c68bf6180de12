import XchangeCore

/// Splits the text of a part into its lead text and its （一）, （二）… sub-parts.
///
/// A sub-heading is a numbered marker in sequence at the start of a line (or after a space or
/// a sentence end, for text flattened onto one line); its heading runs to the line end, a
/// space, a full stop or a colon ("（一）主动公开方面。按照…" → heading `（一）主动公开方面`).
enum SubsectionSplitter {
    struct Part {
        let heading: Range<Int>
        let body: Range<Int>
    }

    /// The lead text range and the sub-parts of `range`.
    static func split(_ text: ReportText, _ range: Range<Int>) -> (lead: Range<Int>, parts: [Part]) {
        var headings: [Range<Int>] = []
        var expected = 1
        var offset = range.lowerBound
        let scalars = text.scalars
        while offset < range.upperBound {
            let scalar = scalars[offset]
            if scalar == "（" || scalar == "(",
                SectionSplitter.isBoundary(before: offset, in: text, lowerBound: range.lowerBound),
                let heading = subheading(at: offset, expected: expected, in: text, limit: range.upperBound)
            {
                headings.append(heading)
                expected += 1
                offset = heading.upperBound
                continue
            }
            offset += 1
        }
        guard let first = headings.first else { return (range, []) }
        var parts: [Part] = []
        for (index, heading) in headings.enumerated() {
            var bodyStart = heading.upperBound
            // The full stop or colon that closed a run-in heading belongs to neither part.
            if bodyStart < range.upperBound,
                Scalars.isSentenceEnd(scalars[bodyStart]) || scalars[bodyStart] == "：" || scalars[bodyStart] == ":"
            {
                bodyStart += 1
            }
            let bodyEnd = index + 1 < headings.count ? headings[index + 1].lowerBound : range.upperBound
            parts.append(Part(heading: heading, body: bodyStart..<max(bodyStart, bodyEnd)))
        }
        return (range.lowerBound..<first.lowerBound, parts)
    }

    private static func subheading(at offset: Int, expected: Int, in text: ReportText, limit: Int) -> Range<Int>? {
        // The next few scalars folded, in one small array (every bracket of a part is tried).
        var normalizedStart: [Unicode.Scalar] = []
        normalizedStart.reserveCapacity(6)
        for scalar in text.scalars[offset..<min(limit, offset + 6)] {
            if let folded = NormalizedText.fold(scalar) { normalizedStart.append(folded) }
        }
        guard let (end, numbering) = Numbering.parse(normalizedStart, at: 0), numbering.isChinese,
            numbering.isParenthesized,
            numbering.value == expected
        else { return nil }
        // Map the normalized length back: the marker has no whitespace inside.
        var textStart = offset
        var consumed = 0
        while consumed < end, textStart < limit {
            if NormalizedText.fold(text.scalars[textStart]) != nil { consumed += 1 }
            textStart += 1
        }
        guard let headingEnd = SectionSplitter.headingEnd(from: offset, textStart: textStart, in: text, limit: limit)
        else { return nil }
        return offset..<headingEnd
    }

    /// The text of a range as the model keeps it: lines trimmed (indents of either width
    /// removed), empty lines dropped.
    static func paragraphs(_ text: ReportText, _ range: Range<Int>) -> String? {
        // The kept lines (as ``ReportText/trimmedString(_:)`` gives each) written straight into
        // one string's storage, four bytes a scalar at most: no string per line, nor a join,
        // nor an array of their scalars first.
        let scalars = text.scalars
        let paragraphs = String(unsafeUninitializedCapacity: range.count * 4) { buffer in
            var count = 0
            var lineStart = range.lowerBound
            for offset in range.lowerBound...range.upperBound
            where offset == range.upperBound || scalars[offset] == "\n" {
                let before = count
                if before > 0 { ReportText.encode("\n", into: buffer, at: &count) }
                let lineStarted = count
                for scalar in scalars[text.trim(lineStart..<offset)] where scalar != HardWrapping.joinedBreak {
                    ReportText.encode(scalar, into: buffer, at: &count)
                }
                // An empty line is dropped, with the break before it.
                if count == lineStarted { count = before }
                lineStart = offset + 1
            }
            return count
        }
        return paragraphs.isEmpty ? nil : paragraphs
    }

    /// A text section: lead text plus keyed sub-parts.
    static func section(_ text: ReportText, _ range: Range<Int>, key: String) -> TextSection? {
        let (lead, parts) = split(text, range)
        let subsections = parts.map { part -> Subsection in
            let heading = text.trimmedString(part.heading)
            return Subsection(
                heading: heading, key: HeadingKeys.subsectionKey(heading, section: key),
                text: paragraphs(text, part.body) ?? "")
        }
        let section = TextSection(text: paragraphs(text, lead), subsections: subsections)
        return section.isEmpty ? nil : section
    }
}
