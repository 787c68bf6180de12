import XchangeCore

/// Reads the information-processing fee statement of part 六: "实际收取信息处理费共计400元",
/// "发出收费通知3件", "无收取信息处理费情况".
struct FeeStatementReader {
    let builder: ReportBuilder

    private var text: ReportText { builder.text }

    /// How a written report states the fee block on a line of its own.
    static let blockLabel = "信息处理费收取情况："

    /// The last line of part 六 when it is the written fee block: its figures are the fee
    /// fields, not part of the section's text.
    static func blockLine(in range: Range<Int>, of text: ReportText) -> Range<Int>? {
        let trimmed = text.trim(range)
        guard !trimmed.isEmpty else { return nil }
        let lastLine = text.trim(
            max(
                trimmed.lowerBound, text.lineRange(text.lineIndex(of: trimmed.upperBound - 1)).lowerBound)..<trimmed
                .upperBound)
        return text.string(lastLine).hasPrefix(blockLabel) ? lastLine : nil
    }
    private static let fee = Array("信息处理费".unicodeScalars)
    private static let notice = Array("收费通知".unicodeScalars)

    func read(in range: Range<Int>) {
        for mention in NumberScanner.mentions(in: text, range: range) {
            let clause = Prose.clause(around: mention.range, in: text, bounds: range)
            let sentence = Prose.window(text, Prose.sentence(around: mention.range, in: text, bounds: range))
            let before = Prose.window(text, clause.lowerBound..<mention.range.lowerBound)
            let snippet = text.trimmedString(clause)
            if let yuan = mention.yuan, Prose.contains(sentence, Self.fee),
                Prose.contains(before, Array("收".unicodeScalars))
            {
                builder.set(
                    "other_matters.information_processing_fee.amount_yuan", to: .decimal(yuan), from: mention.range,
                    snippet: snippet)
                builder.set(
                    "other_matters.information_processing_fee.charged", to: .flag(yuan > 0), from: mention.range,
                    snippet: snippet)
            } else if !mention.isPercent, !mention.isMoney, let count = mention.integer,
                Prose.contains(Prose.window(text, clause), Self.notice)
            {
                builder.set(
                    "other_matters.information_processing_fee.notices_issued", to: .integer(count), from: mention.range,
                    snippet: snippet)
            }
        }
        for statement in ZeroStatements.find(in: text, range: range) where statement.subjects.contains("信息处理费") {
            let snippet = text.trimmedString(statement.range)
            builder.set(
                "other_matters.information_processing_fee.charged", to: .flag(false), from: statement.range,
                snippet: snippet)
            builder.set(
                "other_matters.information_processing_fee.amount_yuan", to: .decimal(0), from: statement.range,
                snippet: snippet)
        }
    }
}
