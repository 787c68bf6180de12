import Foundation
import XchangeCore

/// Deciding the readings of the statistics table's rows and placing their values.
extension StatisticsTableReader {
    /// How the labels of the table's facts begin.
    static let factPrefix = "统计表："

    /// The column names, for facts and messages.
    static func columnNames(_ columns: Int) -> [String] { columns == 2 ? ["本年", "累计"] : ["统计数"] }

    /// Decides every row (where exactly one reading fits) and places the values: each in
    /// `facts` with its row, unit and column, 本年 values also in their `legacy.*` fields.
    func place(_ printed: [PrintedRow], columns: Int) {
        var rows = printed
        var decided: [[Decimal?]?] = rows.map { $0.problem == nil && $0.candidates.count == 1 ? $0.candidates[0] : nil }
        // Constraints between rows decide more rows as rows around them are decided.
        var progress = true
        while progress {
            progress = false
            for index in rows.indices
            where decided[index] == nil && rows[index].problem == nil && rows[index].candidates.count > 1 {
                let (remaining, reason) = narrow(index, rows: rows, decided: decided, columns: columns)
                if remaining.count == 1 {
                    decided[index] = remaining[0]
                    rows[index].decidedBy = reason
                    progress = true
                }
            }
        }
        for index in rows.indices {
            if let values = decided[index] {
                commit(rows[index], values, columns: columns)
            } else {
                keepUnread(rows[index], columns: columns, decided: decided, rows: rows)
            }
        }
    }

    /// The readings of a row that every known constraint allows, and what decided it.
    private func narrow(
        _ index: Int, rows: [PrintedRow], decided: [[Decimal?]?], columns: Int
    ) -> ([[Decimal?]], String) {
        var list = rows[index].candidates.filter { Self.isOrdered($0, columns: columns) }
        let row = StatisticsTableRows.rows[rows[index].row]
        if let parent = row.parent, let parentIndex = rows[..<index].lastIndex(where: { $0.row == parent }),
            let bound = decided[parentIndex]
        {
            list = list.filter { Self.fits($0, atMost: bound) }
        }
        for child in rows.indices
        where child > index && StatisticsTableRows.rows[rows[child].row].parent == rows[index].row {
            // Children follow their parent, up to the next row of the parent's level.
            guard let values = decided[child] else { continue }
            list = list.filter { Self.fits(values, atMost: $0) }
        }
        if list.count > 1, let key = row.key, let stated = builder.report[key]?.number {
            let agreeing = list.filter { $0.first == stated }
            if agreeing.count == 1 {
                return (agreeing, "the figure the narrative states (\(LiteralBytes.string(stated)))")
            }
        }
        return (list, "the table's constraints (累计 ≥ 本年, items ≤ their total)")
    }

    /// 累计 is at least 本年.
    private static func isOrdered(_ values: [Decimal?], columns: Int) -> Bool {
        guard columns == 2, let year = values[0], let cumulative = values[1] else { return true }
        return cumulative >= year
    }

    /// Every value of `part` is at most the same column of `whole`.
    private static func fits(_ part: [Decimal?], atMost whole: [Decimal?]) -> Bool {
        zip(part, whole).allSatisfy { part, whole in
            guard let part, let whole else { return true }
            return part <= whole
        }
    }

    private func label(_ row: PrintedRow) -> String { text.trimmedString(row.label) }

    private func printedFigures(_ row: PrintedRow) -> String {
        row.pieces.map { piece in
            switch piece {
            case .value(let value): LiteralBytes.string(value)
            case .digits(let digits): digits.map(String.init).joined()
            case .blank: "—"
            }
        }.joined(separator: " ")
    }

    private func commit(_ row: PrintedRow, _ values: [Decimal?], columns: Int) {
        let spec = StatisticsTableRows.rows[row.row]
        let names = Self.columnNames(columns)
        let span = row.label.lowerBound..<row.cells.upperBound
        let reading = values.map { $0.map(LiteralBytes.string) ?? "—" }.joined(separator: " | ")
        let rowLabel = label(row)
        let snippet =
            "统计表 \(rowLabel)\(row.unit ?? "") \(printedFigures(row)) → \(reading)"
            + (row.decidedBy.map { " (split by \($0))" } ?? "")
        // The row's figures share its place and its snippet: worked out once for them all.
        let source = builder.source(span, snippet: ReportText.shortened(snippet))
        for (column, value) in values.enumerated() {
            guard let value else { continue }
            let isYear = column == 0
            builder.addFact(
                Fact(
                    label: "\(Self.factPrefix)\(rowLabel)（\(names[column])）", value: value, unit: row.unit,
                    key: isYear ? spec.key : nil, source: source))
        }
        if let decidedBy = row.decidedBy {
            builder.note(
                "text.statistics.split",
                "statistics table row \"\(rowLabel)\": \(printedFigures(row)) read as \(reading), the only reading that fits \(decidedBy)",
                at: span)
        }
        guard let key = spec.key, let year = values.first ?? nil, let count = year.exactInteger, count >= 0,
            row.unit.map(LegacyFigureRules.isCountUnit) ?? true, let id = CanonicalSchema.v1.fieldID(key)
        else { return }
        if !builder.set(id, to: .integer(count), from: span, snippet: snippet) {
            builder.reportContradiction(id, .integer(count), at: span, snippet: snippet)
        }
    }

    /// A row whose reading is not decided stays empty; its printed figures stay as facts.
    private func keepUnread(_ row: PrintedRow, columns: Int, decided: [[Decimal?]?], rows: [PrintedRow]) {
        let span = row.label.lowerBound..<row.cells.upperBound
        let names = Self.columnNames(columns).joined(separator: "、")
        let why: String
        if let problem = row.problem {
            why = problem
        } else if row.candidates.isEmpty {
            why = "they do not fit its \(columns) column(s) (\(names))"
        } else {
            why = "they fit its columns (\(names)) in \(row.candidates.count) ways that nothing in the report decides"
        }
        guard !row.pieces.isEmpty else { return }
        builder.warn(
            "text.statistics.unread",
            "statistics table row \"\(label(row))\": the figures \(printedFigures(row)) were not read: \(why)",
            at: span,
            field: StatisticsTableRows.rows[row.row].key)
        for piece in row.pieces {
            let value: Decimal
            switch piece {
            case .value(let number): value = number
            case .digits(let digits): value = Decimal(string: digits.map(String.init).joined()) ?? 0
            case .blank: continue
            }
            builder.addFact(
                Fact(
                    label: "\(Self.factPrefix)\(label(row))（\(names)）：原文数字连写为“\(printedFigures(row))”，无法唯一拆分",
                    value: value, unit: row.unit,
                    source: builder.source(span)))
        }
    }
}
