import XchangeCore

/// When a number of narrative text may be a `legacy.*` figure at all. A wrong legacy figure is
/// worse than a missing one, so these rules reject whatever only looks like a count:
/// enumerations ("5大类", "共七个部分"), digits glued to a unit word the way flattened statistics
/// tables print them ("网站公开条17135017"), sizes no count of a report has, and figures in a
/// unit the field is not counted in.
enum LegacyFigureRules {
    /// Units each kind of legacy count is printed in. 个 is left out on purpose: it counts
    /// parts, aspects and units of a report far more often than items or applications.
    private static let itemUnits: Set<String> = ["条", "件", "项", "篇", "份"]
    private static let caseUnits: Set<String> = ["件", "条", "份", "起", "宗", "次", "人次", "例"]

    /// The most words that may stand between a field's term and its figure ("主动公开政府信息共计8123条"
    /// has two); more, and the words between are about something else.
    static let widestGap = 10

    /// Counts larger than this are run-together digits or identifiers, not figures of a report.
    static let largestCount = 99_999_999

    /// Whether the mention can state a figure of any legacy field: it is not an enumeration or
    /// a table flattening.
    static func canBeFigure(_ mention: NumberMention, in text: ReportText) -> Bool {
        let scalars = text.scalars
        let start = mention.range.lowerBound
        let end = mention.range.upperBound
        // "5大类", "3方面": a number followed straight by a noun counts kinds, not items.
        if mention.unit == nil, end < scalars.count, Scalars.isHan(scalars[end]), !mention.isApproximate {
            return false
        }
        // "形式1.门户网站": list numbering glued to the words before it.
        if mention.unit == nil, end < scalars.count, [".", "．", "、"].contains(scalars[end]), mention.value < 100 {
            return false
        }
        // "数条17135017": a value cell printed after its unit cell, never a sentence.
        if start > 0, Scalars.isDigit(scalars[start]) {
            if scalars[start - 1] == "条" { return false }
            if start > 1, scalars[start - 2] == "数", unitEnds.contains(scalars[start - 1]) { return false }
        }
        if let count = mention.integer, count > largestCount { return false }
        // "政务微信公开21⏎3条": a number cut by a hard line break; neither part is the figure.
        if mention.unit == nil, end + 1 < scalars.count, scalars[end] == "\n", Scalars.isDigit(scalars[end + 1]) {
            return false
        }
        if start >= 2, scalars[start - 1] == "\n", Scalars.isDigit(scalars[start - 2]) { return false }
        return true
    }

    /// Whether the unit printed with a figure fits the field (no unit printed fits every field).
    static func unitFits(_ mention: NumberMention, _ field: FieldDescriptor) -> Bool {
        guard let unit = mention.unit else { return true }
        switch field.kind {
        case .percentage: return mention.isPercent
        case .money: return mention.isMoney
        case .count:
            if field.key.hasPrefix("legacy.active.") { return itemUnits.contains(unit) }
            if field.key.hasPrefix("legacy.proposals.") { return itemUnits.contains(unit) }
            return caseUnits.contains(unit)
        default: return false
        }
    }

    /// Whether a unit is one counts of legacy fields are printed in.
    static func isCountUnit(_ unit: String) -> Bool {
        itemUnits.contains(unit) || caseUnits.contains(unit) || unit == "个"
    }

    /// Whether the figure is a share of a whole ("各乡镇主动公开政府信息602条，占32.5%"): it
    /// cannot be that whole's total.
    static func isShare(_ mention: NumberMention, in text: ReportText, bounds: Range<Int>) -> Bool {
        var index = mention.range.upperBound
        while index < bounds.upperBound,
            Scalars.isWhitespace(text.scalars[index]) || Prose.isClauseBreak(text.scalars[index]),
            !Scalars.isSentenceEnd(text.scalars[index])
        {
            index += 1
        }
        return index < bounds.upperBound && text.scalars[index] == "占"
    }

    /// Unit words a statistics table prints in its unit column, after a row label ending in 数.
    private static let unitEnds: Set<Unicode.Scalar> = ["条", "件", "个", "次", "元", "人", "篇", "项"]
}
