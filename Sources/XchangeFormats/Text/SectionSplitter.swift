import XchangeCore

/// A numbered part of a report: its heading and the text under it (offsets in the report text).
struct SectionSpan {
    /// The schema key of the part (`overview`, `applications`, …), nil when not recognised.
    let key: String?
    /// The part's number (1 for 一).
    let number: Int
    let heading: Range<Int>
    var body: Range<Int>
}

/// Finds the top-level parts of a report.
///
/// 2019/2021-format reports have six fixed parts, found by their headings (schema labels and
/// aliases, in any width or spacing) in order, so that table rows that happen to be numbered
/// the same way (`四、结转下年度继续办理`) are never taken for a heading. Narrative reports are
/// split at their own Chinese-numbered headings.
enum SectionSplitter {
    /// The six parts of the national format, in order, with the keys the model uses.
    static let unifiedParts: [(number: Int, key: String, headings: [String], keywords: [String])] = {
        let schema = CanonicalSchema.v1
        func section(_ key: String) -> [String] {
            schema.sections.first { $0.key == key }.map { [$0.label] + $0.aliases } ?? []
        }
        func table(_ key: String) -> [String] {
            schema.tables.filter { $0.key == key }.flatMap { [$0.label] + $0.aliases }
        }
        return [
            (1, "overview", section("overview"), ["总体情况", "概述", "基本情况"]),
            (2, "active_disclosure", table("active_disclosure"), ["主动公开"]),
            (3, "applications", table("applications"), ["申请"]),
            (4, "review_litigation", table("review_litigation"), ["复议", "诉讼"]),
            (5, "problems_and_improvements", section("problems_and_improvements"), ["问题"]),
            (6, "other_matters", section("other_matters"), ["其他"]),
        ]
    }()

    /// The national-format parts found in `range`, in order, each body running to the next.
    static func unified(_ text: ReportText, _ normalized: NormalizedText, in range: Range<Int>) -> [SectionSpan] {
        var spans: [SectionSpan] = []
        var cursor = normalized.index(atOriginal: range.lowerBound)
        let end = normalized.index(atOriginal: range.upperBound)
        for (part, bodies) in zip(unifiedParts, unifiedHeadingBodies) {
            guard let found = findHeading(part, bodies: bodies, normalized, text, from: cursor, to: end) else {
                continue
            }
            let heading = normalized.originalRange(found)
            spans.append(
                SectionSpan(
                    key: part.key, number: part.number, heading: heading, body: heading.upperBound..<heading.upperBound)
            )
            cursor = found.upperBound
        }
        closeBodies(&spans, end: range.upperBound)
        return spans
    }

    /// The parts' headings in comparison form, numbering left off (made once).
    private static let unifiedHeadingBodies: [[[Unicode.Scalar]]] = unifiedParts.map { part in
        part.headings.map { Numbering.split(NormalizedText.pattern($0)).body }
    }

    private static func findHeading(
        _ part: (number: Int, key: String, headings: [String], keywords: [String]), bodies: [[Unicode.Scalar]],
        _ normalized: NormalizedText, _ text: ReportText, from start: Int, to end: Int
    ) -> Range<Int>? {
        let numbering = Numbering(value: part.number, isChinese: true, isParenthesized: false)
        var best: Range<Int>?
        for body in bodies {
            var from = start
            while let index = normalized.firstIndex(of: body, in: from..<end) {
                // A heading listed in a sentence ("一、总体情况；二、…") is not one.
                let next = index + body.count < normalized.count ? normalized.scalars[index + body.count] : "\n"
                if [";", ",", "."].contains(next) {
                    from = index + 1
                    continue
                }
                if let numberStart = numbering.start(endingAt: index, in: normalized.scalars, lowerBound: start) {
                    if best == nil || numberStart < best!.lowerBound { best = numberStart..<(index + body.count) }
                    break
                }
                from = index + 1
            }
        }
        return best ?? findLooseHeading(part, normalized, text, from: start, to: end)
            ?? findRunInTableHeading(part, normalized, from: start, to: end)
    }

    /// A table part's heading the schema does not list, inside a line (pages flattened onto one
    /// line): the part's number, then its subject before any figure or sentence end
    /// ("…1000001 四、因政府信息公开工作被申请行政复议和提起行政诉讼情况 行政复议…"). A table row
    /// numbered the same ("四、结转下年度继续办理1000001") has figures before any such word.
    /// The tables are then found by their own headings, so the exact end of this one is not needed.
    private static func findRunInTableHeading(
        _ part: (number: Int, key: String, headings: [String], keywords: [String]),
        _ normalized: NormalizedText, from start: Int, to end: Int
    ) -> Range<Int>? {
        guard (2...4).contains(part.number) else { return nil }
        let prefix = Array((Numbering.chineseText(part.number) + ".").unicodeScalars)
        let keywords = part.keywords.map { Array($0.unicodeScalars) }
        var index = start
        while let found = normalized.firstIndex(of: prefix, in: index..<end) {
            index = found + 1
            if found > 0, ChineseNumeral.isNumeral(normalized.scalars[found - 1]) { continue }
            let windowEnd = min(end, found + prefix.count + 30)
            var stop = found + prefix.count
            while stop < windowEnd, !Scalars.isDigit(normalized.scalars[stop]), normalized.scalars[stop] != "." {
                stop += 1
            }
            let window = Array(normalized.scalars[(found + prefix.count)..<stop])
            for keyword in keywords {
                guard let keywordEnd = Prose.lastEnd(of: keyword, in: window) else { continue }
                return found..<(found + prefix.count + keywordEnd)
            }
        }
        return nil
    }

    /// A heading line the schema does not list ("四、因政府信息公开工作被申请行政复议…"): a
    /// short line that starts with the part's number and names its subject.
    private static func findLooseHeading(
        _ part: (number: Int, key: String, headings: [String], keywords: [String]),
        _ normalized: NormalizedText, _ text: ReportText, from start: Int, to end: Int
    ) -> Range<Int>? {
        let prefix = Array((Numbering.chineseText(part.number) + ".").unicodeScalars)
        let firstLine = text.lineIndex(of: normalized.originalStart(start))
        for line in firstLine..<text.lineCount {
            let range = text.trim(text.lineRange(line))
            let from = normalized.index(atOriginal: range.lowerBound)
            let to = normalized.index(atOriginal: range.upperBound)
            if from >= end { break }
            guard from >= start, to - from <= 40, normalized.matches(prefix, at: from) else { continue }
            let line = Array(normalized.scalars[from..<to])
            if part.keywords.contains(where: { contains(line, Array($0.unicodeScalars)) }) { return from..<to }
        }
        return nil
    }

    /// The numbered parts of a narrative report: headings `一、…`, `二、…` in sequence, each at
    /// the start of a line or after a space or sentence end.
    static func legacy(_ text: ReportText, in range: Range<Int>) -> [SectionSpan] {
        var spans: [SectionSpan] = []
        var expected = 1
        var offset = range.lowerBound
        let scalars = text.scalars
        var marker = Array(Numbering.chineseText(expected).unicodeScalars)
        while offset < range.upperBound {
            if scalars[offset] == marker[0], isBoundary(before: offset, in: text, lowerBound: range.lowerBound),
                let heading = legacyHeading(at: offset, marker: marker, in: text, limit: range.upperBound)
            {
                let key = LegacySectionKey.key(for: text.string(heading))
                spans.append(
                    SectionSpan(
                        key: key, number: expected, heading: heading, body: heading.upperBound..<heading.upperBound))
                expected += 1
                marker = Array(Numbering.chineseText(expected).unicodeScalars)
                offset = heading.upperBound
                continue
            }
            offset += 1
        }
        closeBodies(&spans, end: range.upperBound)
        return spans
    }

    private static func legacyHeading(
        at offset: Int, marker: [Unicode.Scalar], in text: ReportText, limit: Int
    ) -> Range<Int>? {
        let scalars = text.scalars
        var index = offset
        for scalar in marker {
            guard index < limit, scalars[index] == scalar else { return nil }
            index += 1
        }
        guard index < limit, scalars[index] == "、" || scalars[index] == "." || scalars[index] == "．" else { return nil }
        index += 1
        return headingEnd(from: offset, textStart: index, in: text, limit: limit).map { offset..<$0 }
    }

    /// Where a heading that starts at `start` ends: at the line end, a space, a sentence end or
    /// colon within a heading's length; nil when the text runs on like prose.
    static func headingEnd(from start: Int, textStart: Int, in text: ReportText, limit: Int, maximum: Int = 40) -> Int?
    {
        let scalars = text.scalars
        var index = textStart
        var comma: Int?
        while index < limit, index - textStart <= maximum {
            let scalar = scalars[index]
            if Scalars.isWhitespace(scalar) || Scalars.isSentenceEnd(scalar) || scalar == "：" || scalar == ":" {
                return index > textStart ? index : nil
            }
            if comma == nil, scalar == "，" || scalar == "," { comma = index }
            index += 1
        }
        if index == limit, index > textStart { return index }
        return comma
    }

    static func isBoundary(before offset: Int, in text: ReportText, lowerBound: Int) -> Bool {
        guard offset > lowerBound else { return true }
        let previous = text.scalars[offset - 1]
        return Scalars.isWhitespace(previous) || Scalars.isSentenceEnd(previous) || previous == "：" || previous == ":"
    }

    private static func closeBodies(_ spans: inout [SectionSpan], end: Int) {
        for index in spans.indices {
            let bodyEnd = index + 1 < spans.count ? spans[index + 1].heading.lowerBound : end
            spans[index].body = spans[index].heading.upperBound..<max(spans[index].heading.upperBound, bodyEnd)
        }
    }

    static func contains(_ haystack: [Unicode.Scalar], _ needle: [Unicode.Scalar]) -> Bool {
        ScalarSearch.contains(needle, in: haystack[...])
    }
}
