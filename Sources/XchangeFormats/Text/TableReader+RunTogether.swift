import Foundation
import XchangeCore

/// Rows whose figures were printed with fewer separators than cells: split by the table's
/// sums where exactly one reading fits, kept as printed (with a warning) where not.
extension TableReader {
    /// The cells as pieces to split, when they are whole numbers or blanks.
    static func pieces(_ cells: [CellToken]) -> [RunTogetherRow.Piece]? {
        var pieces: [RunTogetherRow.Piece] = []
        for cell in cells {
            switch cell.kind {
            case .blank: pieces.append(.single(nil))
            case .value(let value):
                if let digits = value.digits {
                    pieces.append(.digits(digits.unicodeScalars.map { Int($0.value) - 48 }))
                } else if let integer = value.integer, integer >= 0 {
                    pieces.append(.single(integer))
                } else {
                    return nil
                }
            case .text: return nil
            }
        }
        return pieces
    }

    func splitRunTogetherRows(_ state: inout ReadState) {
        guard !state.pending.isEmpty else { return }
        let splitter = RunTogetherSplitter(equations: SumEquation.all(for: state.format), known: state.known)
        let rows = state.pending.map { RunTogetherRow(fields: spec.rows[$0.row].fields, pieces: $0.pieces) }
        // Each row's readings are listed once, for the sums and for the text's figures alike.
        let solution = splitter.solution(rows)
        let (solved, consistent) = (solution.outcomes, solution.tableConsistent)
        // The figures the text states, found when a row first needs them.
        var evidence: NarrativeEvidence?
        for (index, (pending, outcome)) in zip(state.pending, solved).enumerated() {
            // Several readings fit the sums: the figures the text states may leave exactly one.
            if case .ambiguous = outcome, !narrative.isEmpty, let readings = solution.readings[index] {
                if evidence == nil {
                    evidence = NarrativeEvidence(
                        text: builder.text, ranges: narrative, mentions: builder.mentions, prose: builder.prose)
                }
                if let evidence,
                    let chosen = NarrativeEvidence.choose(
                        readings, stated: evidence.figures(row: spec.rows[pending.row]))
                {
                    place(chosen, of: pending, by: "the figures the report's text states", consistent: consistent)
                    continue
                }
            }
            let row = spec.rows[pending.row]
            let name = row.label.isEmpty ? "table \(spec.key)" : "row \"\(row.label)\""
            switch outcome {
            case .solved(let values):
                place(values, of: pending, by: "the table's sums", consistent: consistent)
            case .ambiguous(let count):
                let readings = count >= splitter.candidateLimit ? "many" : String(count)
                builder.warn(
                    "text.table.run-together",
                    "\(name): the figures \(pending.printed) run together and fit its \(row.fields.count) cells in \(readings) ways; left empty",
                    at: pending.range, field: row.key)
                keepUnsplit(pending.pieces, of: row, range: pending.range)
            case .impossible:
                builder.warn(
                    "text.table.run-together",
                    "\(name): the figures \(pending.printed) cannot be split into \(row.fields.count) cells that satisfy the table's sums; left empty",
                    at: pending.range, field: row.key)
                keepUnsplit(pending.pieces, of: row, range: pending.range)
            }
        }
    }

    /// Places the one reading of a run-together row; provenance and a note say what decided it.
    private func place(_ values: [Int?], of pending: PendingRow, by decider: String, consistent: Bool) {
        let row = spec.rows[pending.row]
        let name = row.label.isEmpty ? "table \(spec.key)" : "row \"\(row.label)\""
        let reading = values.map { $0.map(String.init) ?? "" }.joined(separator: "|")
        let snippet = "\(pending.printed) → \(reading) (split by \(decider))"
        for (field, value) in zip(row.fields, values) {
            guard let value else { continue }
            builder.set(field, to: .integer(value), from: pending.range, snippet: snippet)
        }
        if consistent {
            builder.note(
                "text.table.split",
                "\(name): figures printed without separators (\(pending.printed)) read as \(reading), the only reading \(decider) allow",
                at: pending.range, field: row.key)
        } else {
            builder.warn(
                "text.table.split",
                "\(name): figures printed without separators (\(pending.printed)) read as \(reading), the only reading \(decider) allow; the table's other sums do not hold",
                at: pending.range, field: row.key)
        }
    }

    /// Digits that could not be split stay in the output as printed, labelled as such, so the
    /// figures remain findable without being passed off as cell values.
    private func keepUnsplit(_ pieces: [RunTogetherRow.Piece], of row: RowSpec, range: Range<Int>) {
        let columns = row.columns.compactMap(\.last).joined(separator: "、")
        let name = row.label.isEmpty ? spec.key : row.label
        for piece in pieces {
            switch piece {
            case .digits(let digits):
                let printed = digits.map(String.init).joined()
                guard let value = Decimal(string: printed) else { continue }
                builder.addFact(
                    Fact(
                        label: "\(name)（\(columns)）：原文数字连写为“\(printed)”，无法唯一拆分", value: value,
                        source: builder.source(range)))
            case .single(let value?):
                builder.addFact(
                    Fact(label: "\(name)（表格中未能对应到单元格的数字）", value: Decimal(value), source: builder.source(range)))
            case .single(nil):
                break
            }
        }
    }
}
