import Foundation
import XchangeCore

/// Reads the cells of one table (二, 三 or 四) from its part of the report text.
///
/// The table is found by its labels, not by its layout: every known row label and heading is
/// located in the normalized text, and the figures between a row label and the next label are
/// that row's cells. This reads every flattening real reports use, and a figure is only ever
/// placed under the label it follows.
struct TableReader {
    enum Target: Sendable {
        case row(Int)
        case header
    }

    let spec: TableSpec
    let builder: ReportBuilder
    /// The format the report follows, for tables whose rows differ between formats.
    let format: FormatVersion
    /// The report's running text, whose figures may decide cells printed run together.
    var narrative: [Range<Int>] = []

    private var text: ReportText { builder.text }
    private var normalized: NormalizedText { builder.normalized }

    /// Reads the table found in normalized `region`; returns the part of the text it occupies.
    @discardableResult
    func read(in region: Range<Int>) -> Range<Int>? {
        let matcher = Self.matcher(for: spec)
        var hits = matcher.scan(normalized, in: region)
        let anchors = spec.anchorBodies
        let isAnchor = { (hit: LabelMatcher<Target>.Hit) in
            spec.layout == .singleRow || anchors.contains(Array(normalized.scalars[hit.body]))
        }
        guard let anchor = hits.firstIndex(where: isAnchor) else { return nil }
        hits.removeFirst(anchor)
        let tableFormat = format(of: hits)
        let applicable = Set(
            spec.rows.indices.filter { spec.rows[$0].formats.isEmpty || spec.rows[$0].formats.contains(tableFormat) })
        let raw = normalized.originalStart(hits[0].start)..<normalized.originalStart(region.upperBound)
        var state = ReadState(stream: TableCellStream(text, region: raw), format: tableFormat, tableEnd: raw.lowerBound)

        switch spec.layout {
        case .labelledRows:
            readRows(hits, applicable: applicable, region: raw, state: &state)
        case .singleRow:
            readSingleRow(hits, region: raw, state: &state)
        }
        splitRunTogetherRows(&state)
        return raw.lowerBound..<state.tableEnd
    }

    // MARK: Walking the labels

    /// A row whose figures ran together, waiting for the table's sums.
    typealias PendingRow = (row: Int, pieces: [RunTogetherRow.Piece], range: Range<Int>, printed: String)

    struct ReadState {
        let stream: TableCellStream
        let format: FormatVersion
        var tableEnd: Int
        var assigned: Set<Int> = []
        /// Cells read directly, for the sums that split run-together rows (blank = 0).
        var known = FieldMap<Int>()
        var pending: [PendingRow] = []
    }

    private func readRows(
        _ hits: [LabelMatcher<Target>.Hit], applicable: Set<Int>, region: Range<Int>, state: inout ReadState
    ) {
        for (index, hit) in hits.enumerated() {
            let nextStart =
                index + 1 < hits.count ? hits[index + 1].start : normalized.index(atOriginal: region.upperBound)
            let valueStart = normalized.originalEnd(afterInstruction(hit.body.upperBound, before: nextStart))
            let valueEnd = index + 1 < hits.count ? normalized.originalStart(hits[index + 1].start) : region.upperBound
            let tokens = state.stream.tokens(in: valueStart..<max(valueStart, valueEnd))
            state.tableEnd = max(state.tableEnd, valueStart)
            let lead = tokens.prefix { !$0.isText }
            let labelStart = normalized.originalStart(hit.start)
            switch hit.target {
            case .row(let row) where applicable.contains(row):
                place(
                    row: row, cells: Array(lead), labelStart: labelStart, isLast: index == hits.count - 1, state: &state
                )
            default:
                if let figure = lead.first(where: { if case .value = $0.kind { true } else { false } }) {
                    let heading = text.trimmedString(labelStart..<valueStart)
                    builder.warn(
                        "text.table.unplaced",
                        "figures after the heading \"\(heading)\" belong to no row of table \(spec.key); not read",
                        at: figure.range)
                    keepUnplaced(Array(lead), under: heading)
                }
            }
            if let last = lead.last { state.tableEnd = max(state.tableEnd, last.range.upperBound) }
            if !readUnlabelledRows(Array(tokens.dropFirst(lead.count)), applicable: applicable, state: &state) {
                return
            }
        }
    }

    /// Handles what follows a row's figures: rows whose label matches no known label, and the
    /// narrative that ends the table. Returns false at the end of the table.
    private func readUnlabelledRows(_ tokens: [CellToken], applicable: Set<Int>, state: inout ReadState) -> Bool {
        var rest = tokens[...]
        while let first = rest.first, first.isText {
            let labelTokens = rest.prefix { $0.isText }
            let label = labelTokens.first!.range.lowerBound..<labelTokens.last!.range.upperBound
            rest = rest.dropFirst(labelTokens.count)
            let figures = rest.prefix { !$0.isText }
            rest = rest.dropFirst(figures.count)
            if isNarrative(label) { return false }
            guard figures.contains(where: { if case .value = $0.kind { true } else { false } }) else { continue }
            let printed = text.trimmedString(label)
            if let row = closestRow(to: label, among: applicable.subtracting(state.assigned)) {
                builder.note(
                    "text.table.fuzzy-label", "row \"\(printed)\" read as \"\(spec.rows[row].label)\"", at: label)
                place(row: row, cells: Array(figures), labelStart: label.lowerBound, isLast: false, state: &state)
            } else {
                builder.warn(
                    "text.table.unknown-row",
                    "\"\(printed)\" is not a row of table \(spec.key); its figures were not read", at: label)
                keepUnplaced(Array(figures), under: printed)
            }
            state.tableEnd = max(state.tableEnd, figures.last!.range.upperBound)
        }
        return true
    }

    private func readSingleRow(_ hits: [LabelMatcher<Target>.Hit], region: Range<Int>, state: inout ReadState) {
        // The figures follow the lowest column headings: the row is looked for once the hits
        // have named every one of them.
        let leaves = spec.firstRowLeaves
        var named = [Bool](repeating: false, count: leaves.count)
        var unnamed = leaves.count
        for (index, hit) in hits.enumerated() {
            let body = normalized.scalars[hit.body]
            for (leaf, pattern) in leaves.enumerated() where !named[leaf] && body.elementsEqual(pattern) {
                named[leaf] = true
                unnamed -= 1
            }
            let valueStart = normalized.originalEnd(hit.body.upperBound)
            let valueEnd = index + 1 < hits.count ? normalized.originalStart(hits[index + 1].start) : region.upperBound
            state.tableEnd = max(state.tableEnd, valueStart)
            guard unnamed == 0 else { continue }
            let lead = state.stream.tokens(in: valueStart..<max(valueStart, valueEnd)).prefix { !$0.isText }
            guard lead.contains(where: { if case .value = $0.kind { true } else { false } }) else { continue }
            place(row: 0, cells: Array(lead), labelStart: valueStart, isLast: true, state: &state)
            state.tableEnd = max(state.tableEnd, lead.last!.range.upperBound)
            return
        }
    }

    /// Where a row's cells start: after a bracketed instruction the template printed with its
    /// label (`规范性文件(指各行政机关印发的有正式文号的文件)`), which is not a cell.
    func afterInstruction(_ labelEnd: Int, before limit: Int) -> Int {
        let scalars = normalized.scalars
        guard labelEnd < limit, scalars[labelEnd] == "(" else { return labelEnd }
        var close = labelEnd + 1
        while close < limit, close - labelEnd <= 80, scalars[close] != ")" { close += 1 }
        guard close < limit, scalars[close] == ")", scalars[(labelEnd + 1)..<close].filter(Scalars.isHan).count >= 2
        else { return labelEnd }
        return close + 1
    }

    // MARK: Placing a row's cells

    private func place(row rowIndex: Int, cells: [CellToken], labelStart: Int, isLast: Bool, state: inout ReadState) {
        let row = spec.rows[rowIndex]
        // Only the warnings name the row: made when one is given.
        func name() -> String { row.label.isEmpty ? "table \(spec.key)" : "row \"\(row.label)\"" }
        guard !state.assigned.contains(rowIndex) else {
            if !cells.isEmpty {
                builder.warn(
                    "text.table.duplicate-row", "\(name()) appears twice; the second one was not read",
                    at: cells[0].range
                )
                keepUnplaced(cells, under: row.label)
            }
            return
        }
        // Surplus empty cells come from the layout (a row's closing bar, an opener line, an
        // extra label column), never from the figures: trailing ones first, then leading ones.
        var cells = cells
        while cells.count > row.fields.count, case .blank = cells.last!.kind { cells.removeLast() }
        while cells.count > row.fields.count, case .blank = cells.first!.kind { cells.removeFirst() }
        guard !cells.isEmpty else {
            if !isLast {
                builder.warn("text.table.empty-row", "\(name()) has no figures", at: labelStart..<labelStart + 1)
            }
            return
        }
        state.assigned.insert(rowIndex)
        let span = labelStart..<cells.last!.range.upperBound
        let snippet = text.snippet(span)
        if cells.count == row.fields.count {
            for (field, cell) in zip(row.fields, cells) { assign(cell, to: field, snippet: snippet, state: &state) }
            return
        }
        let figures = cells.map { text.trimmedString($0.range) }.joined(separator: " ")
        if cells.count < row.fields.count, let pieces = Self.pieces(cells) {
            state.pending.append((rowIndex, pieces, span, figures))
            return
        }
        builder.warn(
            "text.table.cell-count",
            "\(name()) has \(cells.count) figures (\(figures)) for \(row.fields.count) cells; not read", at: span,
            field: row.key)
        keepUnplaced(cells, under: row.label.isEmpty ? spec.key : row.label)
    }

    private func assign(_ cell: CellToken, to field: FieldID, snippet: String, state: inout ReadState) {
        switch cell.kind {
        case .blank:
            state.known[field] = 0
        case .value(let value):
            let descriptor = field.descriptor
            switch value.fieldValue(for: descriptor) {
            case .success(let fieldValue):
                builder.set(field, to: fieldValue, from: cell.range, snippet: snippet)
                if case .integer(let count) = fieldValue { state.known[field] = count }
                setUnit(of: descriptor, from: value, range: cell.range, snippet: snippet)
            case .failure(let problem):
                builder.warn(
                    "text.table.value", "\(text.trimmedString(cell.range)): \(problem.message); not read",
                    at: cell.range, field: descriptor.key)
                keepUnplaced([cell], under: descriptor.label.dropFirst().joined(separator: "／"))
            }
        case .text:
            break
        }
    }

    /// Figures the table prints but no cell could take stay in the output as facts, labelled
    /// as such, so that no printed number is lost (the warning says why).
    func keepUnplaced(_ cells: [CellToken], under label: String) {
        for cell in cells {
            guard case .value(let value) = cell.kind else { continue }
            builder.addFact(
                Fact(
                    label: "\(label)（表格中未能对应到单元格的数字）", value: value.number, unit: value.unit,
                    source: builder.source(cell.range)))
        }
    }

    /// An amount whose unit the format leaves open (2019 采购总金额) records the printed unit.
    private func setUnit(of field: FieldDescriptor, from value: CellValue, range: Range<Int>, snippet: String) {
        guard field.kind == .money, field.unit == nil, let unit = value.unit,
            let unitField = CanonicalSchema.v1.field(field.key + "_unit"), unitField.values.contains(unit)
        else { return }
        builder.set(unitField.key, to: .text(unit), from: range, snippet: snippet)
    }

    // MARK: Labels

    /// Table 三 rows differ between formats only under （六）其他处理: its 2021 sub-rows decide
    /// (the 2019 row label is also the 2021 group label, so it decides nothing).
    private func format(of hits: [LabelMatcher<Target>.Hit]) -> FormatVersion {
        var formats: Set<FormatVersion> = []
        for hit in hits {
            if case .row(let row) = hit.target, spec.rows[row].formats.count == 1 {
                formats.insert(spec.rows[row].formats[0])
            }
        }
        if formats.contains(.unified2021) { return .unified2021 }
        return formats.first ?? format
    }

    /// A row label the matcher did not know (a typo no alias covers), when it is close to
    /// exactly one row not yet read.
    private func closestRow(to label: Range<Int>, among rows: Set<Int>) -> Int? {
        let printed = Numbering.split(NormalizedText.pattern(text.string(label))).body
        guard printed.count >= 4 else { return nil }
        var best: (row: Int, score: Double)?
        var tie = false
        for row in rows {
            let body = Numbering.split(NormalizedText.pattern(spec.rows[row].label)).body
            let score = LabelSimilarity.ratioToLonger(printed, body)
            if score > (best?.score ?? 0) {
                best = (row, score)
                tie = false
            } else if score == best?.score {
                tie = true
            }
        }
        guard let best, best.score >= 0.8, !tie else { return nil }
        return best.row
    }

    /// Prose rather than a label: a sentence, or longer than any heading of a table cell.
    private func isNarrative(_ range: Range<Int>) -> Bool {
        let scalars = text.scalars[range]
        if scalars.contains(where: Scalars.isSentenceEnd) { return true }
        return NormalizedText.pattern(text.string(range)).count > 40
    }

}
