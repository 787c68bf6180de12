import XchangeCore

/// Figures the report's own running text states for table cells: "本年度制发规范性文件64件"
/// states 64 for the 制发 cell of the 规范性文件 row. Used only to choose among the readings of
/// digits a table printed run together, and only when exactly one reading agrees.
struct NarrativeEvidence {
    /// A whole number the running text states, with the words of its clause before it (folded
    /// for prose), which say what it counts.
    private struct StatedFigure {
        let value: Int
        let before: ArraySlice<Unicode.Scalar>
    }

    /// The running text's whole numbers, each with its clause's words before it: found once for
    /// a table, then read for each row in question.
    private let stated: [StatedFigure]

    /// `ranges` is the running text (not the tables); `mentions` gives the figures of a stretch
    /// of it (the report's shared cache of them); `prose` is the report's text folded for prose.
    init(
        text: ReportText, ranges: [Range<Int>], mentions: (Range<Int>) -> [NumberMention], prose: ProseWindows
    ) {
        var stated: [StatedFigure] = []
        for range in ranges {
            for mention in mentions(range) {
                guard let value = mention.integer, value >= 0, !mention.isPercent, !mention.isMoney,
                    !mention.isApproximate
                else { continue }
                let clause = Prose.clause(around: mention.range, in: text, bounds: range)
                stated.append(
                    StatedFigure(value: value, before: prose.slice(clause.lowerBound..<mention.range.lowerBound)))
            }
        }
        self.stated = stated
    }

    /// The words that name a cell's column in prose: `本年制发件数` → `制发`, `对外公开总数量` → `对外公开`.
    static func columnTerm(_ label: String) -> [Unicode.Scalar] {
        // On scalars: the labels are the schema's own, Chinese characters with no combining marks.
        var term = Array(label.unicodeScalars)[...]
        for prefix in columnPrefixes where term.starts(with: prefix) { term.removeFirst(prefix.count) }
        for suffix in columnSuffixes
        where term.reversed().starts(with: suffix.reversed()) && term.count > suffix.count + 1 {
            term.removeLast(suffix.count)
        }
        return NormalizedText.pattern(String(String.UnicodeScalarView(term)))
    }

    private static let columnPrefixes = ["本年度", "本年"].map { Array($0.unicodeScalars) }
    private static let columnSuffixes = ["件数", "数量", "总数", "数", "总"].map { Array($0.unicodeScalars) }

    /// The words that name a row in prose: its label without numbering, and without a leading
    /// 行政 (`行政规范性文件` is written `规范性文件`).
    static func rowTerms(_ label: String) -> [[Unicode.Scalar]] {
        let body = Numbering.split(NormalizedText.pattern(label)).body
        var terms = [body]
        if body.starts(with: Array("行政".unicodeScalars)), body.count > 4 { terms.append(Array(body.dropFirst(2))) }
        return terms
    }

    /// For each cell of a row, the whole numbers the running text states for it: in one clause,
    /// the row's words and the column's words, then the figure close after them.
    func figures(row: RowSpec) -> [Set<Int>] {
        let rowTerms = Self.rowTerms(row.label)
        let columnTerms = row.columns.map { Self.columnTerm($0.last ?? "") }
        var found = Array(repeating: Set<Int>(), count: row.fields.count)
        for figure in stated {
            let before = figure.before
            guard let rowEnd = rowTerms.compactMap({ Prose.lastEnd(of: $0, in: before) }).max() else { continue }
            for (cell, term) in columnTerms.enumerated() where term.count >= 2 {
                guard let columnEnd = Prose.lastEnd(of: term, in: before) else { continue }
                // Nothing but a few words between the named quantity and its figure.
                if before.endIndex - max(rowEnd, columnEnd) <= LegacyFigureRules.widestGap {
                    found[cell].insert(figure.value)
                }
            }
        }
        return found
    }

    /// The one reading the stated figures agree with, if exactly one does.
    static func choose(_ readings: [[Int?]], stated: [Set<Int>]) -> [Int?]? {
        guard stated.contains(where: { !$0.isEmpty }) else { return nil }
        let agreeing = readings.filter { reading in
            zip(reading, stated).allSatisfy { value, figures in figures.isEmpty || value.map(figures.contains) == true }
        }
        return agreeing.count == 1 ? agreeing[0] : nil
    }
}
