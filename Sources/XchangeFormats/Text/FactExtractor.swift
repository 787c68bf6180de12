import XchangeCore

/// Keeps every figure of the running text that no field took as a fact (label, value, unit,
/// source line), so that no number of a report is lost; "没有…" statements give facts of 0.
///
/// Figures that restate table 三's totals ("本年度全区共收到70件申请") carry that cell's key, so
/// that the validator can check the text against the table (rule T3-7).
struct FactExtractor {
    let builder: ReportBuilder
    /// Whether figures may be tied to table 三 cells (2019 and 2021 formats).
    let linksTableFigures: Bool

    private var text: ReportText { builder.text }
    private var prose: ProseWindows { builder.prose }

    func extract(in range: Range<Int>) {
        var units = ProseUnits(text, bounds: range)
        // Whether the last sentence asked about names applications: the figures of one
        // sentence share it.
        var applicationSentence: (sentence: Range<Int>, names: Bool)?
        for mention in builder.mentions(in: range) where !builder.isPlaced(mention.range) {
            let label = label(for: mention.range, bounds: range, units: &units)
            let key =
                linksTableFigures && !mention.isPercent
                ? restatedKey(mention, units: &units, applicationSentence: &applicationSentence) : nil
            builder.addFact(
                Fact(
                    label: label, value: mention.value, unit: mention.unit, key: key,
                    source: builder.source(mention.range, snippet: ReportText.shortened(label))))
            builder.markPlaced(mention.range)
        }
        for statement in builder.zeroStatements(in: range) where !builder.isPlaced(statement.range) {
            let label = text.trimmedString(statement.range)
            let key = linksTableFigures ? zeroKey(statement) : nil
            builder.addFact(Fact(label: label, value: 0, key: key, source: builder.source(statement.range)))
        }
    }

    /// The clause that says what the figure counts; a clause that is little more than the
    /// figure ("占32.65%") takes the clause before it too.
    private func label(for range: Range<Int>, bounds: Range<Int>, units: inout ProseUnits) -> String {
        var clause = units.clause(around: range)
        let prose = self.prose
        // Counted only as far as 3: a clause of a long list is not walked for every figure.
        let hanBefore = Self.hanCount(prose.slice(clause.lowerBound..<range.lowerBound), upTo: 3)
        let hanCount = hanBefore + Self.hanCount(prose.slice(range.upperBound..<clause.upperBound), upTo: 3 - hanBefore)
        if hanCount <= 2,
            let previous = Prose.previousClause(before: clause.lowerBound, in: text, bounds: bounds)
        {
            clause = previous.lowerBound..<clause.upperBound
        }
        return text.snippet(clause, limit: 100)
    }

    /// How many Han characters `scalars` holds, counting no further than `limit`.
    private static func hanCount(_ scalars: ArraySlice<Unicode.Scalar>, upTo limit: Int) -> Int {
        var count = 0
        for scalar in scalars where Scalars.isHan(scalar) {
            count += 1
            if count >= limit { break }
        }
        return count
    }

    private static func words(_ list: [String]) -> [[Unicode.Scalar]] { list.map { Array($0.unicodeScalars) } }
    private static let carriedOver = words(["上年结转", "上年度结转", "上一年度结转", "上年度转结"])
    private static let carriedForward = words(["结转下年", "下年度", "下一年度", "转入下年", "顺延"])
    private static let received = words(["收到", "受理", "新收", "接收"])
    private static let completed = words(["办结", "答复", "办理完毕", "处理"])
    private static let application = Array("申请".unicodeScalars)

    /// The table 三 total a narrative figure restates, read from the words just before it (or
    /// just after, for "1件结转下年度继续办理").
    private func restatedKey(
        _ mention: NumberMention, units: inout ProseUnits,
        applicationSentence: inout (sentence: Range<Int>, names: Bool)?
    ) -> String? {
        guard mention.unit == nil || mention.unit == "件" || mention.unit == "份",
            Scalars.isDigit(text.scalars[mention.range.lowerBound])
        else { return nil }
        let sentence = units.sentence(around: mention.range)
        let prose = self.prose
        if applicationSentence?.sentence != sentence {
            applicationSentence = (sentence, Prose.contains(prose.window(sentence), Self.application))
        }
        guard applicationSentence?.names == true else { return nil }
        let clause = units.clause(around: mention.range)
        // The clause's figures, found once for all of them: in order and apart, so the ones on
        // either side are found by binary search.
        let neighbours = builder.mentions(in: clause)
        let following = neighbours.partitioningIndex { $0.range.upperBound > mention.range.lowerBound }
        let previousEnd = following > 0 ? neighbours[following - 1].range.upperBound : clause.lowerBound
        let next = neighbours.partitioningIndex { $0.range.lowerBound >= mention.range.upperBound }
        let nextStart = next < neighbours.count ? neighbours[next].range.lowerBound : clause.upperBound
        // Only words right beside the figure say what it counts.
        let before = prose.slice(previousEnd..<mention.range.lowerBound).suffix(14)
        let after = prose.slice(mention.range.upperBound..<nextStart).prefix(14)
        for window in [Array(before), Array(after)] {
            if Self.carriedOver.contains(where: { Prose.contains(window, $0) }) {
                return "applications.carried_over.total"
            }
            if Self.carriedForward.contains(where: { Prose.contains(window, $0) }) {
                return "applications.carried_forward.total"
            }
            if Self.received.contains(where: { Prose.contains(window, $0) }) {
                return "applications.new_received.total"
            }
            if Self.completed.contains(where: { Prose.contains(window, $0) }) {
                return "applications.result.total.total"
            }
        }
        return nil
    }

    private func zeroKey(_ statement: ZeroStatements.Statement) -> String? {
        let clause = prose.window(statement.range)
        if statement.subjects.contains("结转"), Self.carriedForward.contains(where: { Prose.contains(clause, $0) }) {
            return "applications.carried_forward.total"
        }
        if statement.subjects == ["申请"], Self.received.contains(where: { Prose.contains(clause, $0) }) {
            return "applications.new_received.total"
        }
        return nil
    }
}
