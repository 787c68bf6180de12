import Foundation
import XchangeCore

/// Reads the form layout: one report from a file laid out as the printed report.
///
/// Headings (基本信息, 一、总体情况, 二/三/四 table captions, …) open blocks; inside a table, rows
/// and columns are found by their labels, not their positions, so forms with merged cells,
/// extra label columns, half-width brackets, spaces inside labels or the alias spellings of
/// the schema read alike.
final class FormReader: ReportReader {
    private struct Row {
        let number: Int
        let line: Int
        let cells: [String]
    }

    private let records: CSVRecordReader
    private let errors: RowErrors
    private var firstRow: Row?
    private var done = false

    private var report = Report()
    private var assignedAt: [Int: Int] = [:]
    private var row = Row(number: 0, line: 0, cells: [])
    private var block: FormBlock?
    // Table 二
    private var caption: String?
    private var activeColumns: [String] = []
    // Table 三
    private var applicantColumns: [Int: ApplicantColumn] = [:]
    private var firstValueColumn = Int.max
    private var rowPath: [String] = []
    // Table 四
    private var reviewGroups: [Int: String] = [:]
    private var reviewSubgroups: [Int: String] = [:]
    private var reviewOutcomes: [Int: String] = [:]
    private var reviewDataRow: Int?

    init(
        records: CSVRecordReader, firstRow: [String], errors: RowErrors, diagnostics: any DiagnosticCollector
    ) throws(Diagnostic) {
        self.records = records
        self.errors = errors
        self.firstRow = Row(number: records.record.row, line: records.record.line, cells: firstRow)
    }

    func next() throws -> Report? {
        guard !done else { return nil }
        done = true
        if let firstRow { try process(firstRow) }
        while try records.next() {
            let record = records.record
            if record.isBlank { continue }
            var cells: [String] = []
            for index in 0..<record.count { cells.append(try records.string(index)) }
            try process(Row(number: record.row, line: record.line, cells: cells))
        }
        try errors.finish(records.fileName)
        // Rows of titles alone (one cell each) give no report: converting them would write one
        // that no reader takes back.
        guard !report.isEmpty else {
            throw Diagnostic.error(
                "csv.no-reports",
                "\(records.fileName) holds no value: a form is laid out as the printed report, headings such as \(FormHeadings.meta) followed by label,value rows",
                at: SourceReference(file: records.fileName, line: firstRow?.line ?? 1))
        }
        return report
    }

    private func process(_ next: Row) throws(Diagnostic) {
        row = next
        let cells = row.cells.map { $0.trimmingBlanks(newlines: true) }
        guard cells.contains(where: { !$0.isEmpty }) else { return }
        let first = cells[0]
        if !first.isEmpty, let opened = FormHeadings.block(first), !isLegacyPart(opened) {
            open(opened, cells)
            return
        }
        switch block {
        case nil:
            // A title row ("XX局2021年政府信息公开工作年度报告") may precede the first heading.
            if cells.filter({ !$0.isEmpty }).count == 1 { return }
            try fail(
                0,
                "a form starts with a heading such as \(FormHeadings.meta) or \(FormHeadings.label(of: "applications")); found \"\(first)\""
            )
        case .meta?:
            try keyValue(cells, scope: FormHeadings.meta)
        case .section(let section)?:
            try sectionRow(cells, section)
        case .activeDisclosure?:
            try activeDisclosureRow(cells)
        case .applications?:
            try applicationsRow(cells)
        case .review?:
            try reviewRow(cells)
        case .legacyGroup(let group)?:
            try keyValue(cells, scope: group)
        case .legacySections?:
            report.legacySections.append(
                Subsection(
                    heading: first, key: FormHeadings.legacySectionKey(first),
                    text: row.cells.count > 1 ? row.cells[1] : ""))
        case .facts?:
            try factRow(cells)
        case .otherFields?:
            guard let id = CanonicalSchema.v1.fieldID(first) else {
                let hint = CanonicalSchema.v1.nearestKey(to: first).map { "; did you mean \($0)?" } ?? ""
                return try fail(0, "unknown key \"\(first)\"\(hint)")
            }
            try set(id, cells, value(after: 0, in: cells))
        }
    }

    /// Pre-2019 part headings ("二、主动公开政府信息情况") can read like table captions; under
    /// 报告各部分 only the blocks written after it open a new block.
    private func isLegacyPart(_ opened: FormBlock) -> Bool {
        guard block == .legacySections else { return false }
        return ![.facts, .otherFields, .meta].contains(opened)
    }

    private func open(_ opened: FormBlock, _ cells: [String]) {
        block = opened
        caption = nil
        activeColumns = []
        applicantColumns = [:]
        firstValueColumn = .max
        rowPath = []
        if case .section(let section) = opened {
            var content = report[section: section] ?? TextSection()
            if row.cells.count > 1, !cells[1].isEmpty { content.text = row.cells[1] }
            report[section: section] = content
        }
    }

    // MARK: Blocks

    private func keyValue(_ cells: [String], scope: String) throws(Diagnostic) {
        let label = cells[0]
        guard !label.isEmpty else { return try fail(1, "a value without a label in column 1") }
        let scoped = LabelIndex.shared.field(path: scope + "/" + label)
        let leaf = LabelIndex.shared.field(leaf: label).flatMap { $0.descriptor.label[0] == scope ? $0 : nil }
        guard let id = scoped ?? leaf ?? CanonicalSchema.v1.fieldID(label) else {
            let candidates = CanonicalSchema.v1.fields.filter { $0.label[0] == scope }.map {
                $0.label.dropFirst().joined(separator: "/")
            }
            let hint = NearestName.find(label, among: candidates).map { "; did you mean \($0)?" } ?? ""
            return try fail(0, "unknown label \"\(label)\" under \(scope)\(hint)")
        }
        try set(id, cells, value(after: 0, in: cells))
    }

    private func sectionRow(_ cells: [String], _ section: SectionKey) throws(Diagnostic) {
        let first = cells[0]
        if section == .otherMatters, !first.isEmpty,
            let id = LabelIndex.shared.field(path: WideColumns.heading(.otherMatters) + "/" + first)
        {
            return try set(id, cells, value(after: 0, in: cells))
        }
        var content = report[section: section] ?? TextSection()
        let text = row.cells.count > 1 ? row.cells[1] : ""
        if first.isEmpty {
            // Text continued on a row of its own belongs to what precedes it.
            if content.subsections.isEmpty {
                content.text = [content.text, text].compactMap { $0 }.joined(separator: "\n")
            } else {
                content.subsections[content.subsections.count - 1].text += "\n" + text
            }
        } else {
            content.subsections.append(
                Subsection(heading: row.cells[0], key: FormHeadings.subsectionKey(first, in: section), text: text))
        }
        report[section: section] = content
    }

    private func activeDisclosureRow(_ cells: [String]) throws(Diagnostic) {
        let first = LabelText.normalized(cells[0])
        if first.hasPrefix("第二十条") {
            caption = cells[0]
            activeColumns = []
            return
        }
        if first == "信息内容" {
            activeColumns = Array(cells.dropFirst())
            return
        }
        let unitLabel = "采购总金额单位"
        if first == unitLabel,
            let id = CanonicalSchema.v1.fieldID("active_disclosure_2019.centralized_procurement.total_amount_unit")
        {
            return try set(id, cells, value(after: 0, in: cells))
        }
        for index in 1..<max(cells.count, 1) where !FieldValue.isBlank(cells[index]) {
            guard let caption else { return try fail(index, "a figure before any 第二十条第（…）项 caption row") }
            guard index - 1 < activeColumns.count, !activeColumns[index - 1].isEmpty else {
                return try fail(index, "a figure in a column with no 信息内容 header label")
            }
            let path = [FormHeadings.label(of: "active_disclosure"), caption, cells[0], activeColumns[index - 1]]
            guard let id = LabelIndex.shared.field(segments: path) else {
                return try fail(index, "table 二 has no cell \(caption) › \(cells[0]) › \(activeColumns[index - 1])")
            }
            try set(id, cells, index)
        }
    }

    private func applicationsRow(_ cells: [String]) throws(Diagnostic) {
        let labelEnd = min(firstValueColumn, cells.count)
        let labels = (0..<labelEnd).filter {
            !cells[$0].isEmpty && ApplicationsTable.levels[LabelText.normalized(cells[$0])] != nil
        }
        if labels.isEmpty {
            // A header row: learn which column holds which applicant type.
            for (index, cell) in cells.enumerated() {
                if let column = ApplicationsTable.columnsByLabel[LabelText.normalized(cell)],
                    applicantColumns[index] == nil
                {
                    applicantColumns[index] = column
                    firstValueColumn = min(firstValueColumn, index)
                }
            }
            let unknown = (0..<labelEnd).first { index in
                !cells[index].isEmpty && ApplicationsTable.columnsByLabel[LabelText.normalized(cells[index])] == nil
                    && !Self.headerWords.contains { LabelText.normalized(cells[index]).contains($0) }
            }
            if let unknown, !applicantColumns.isEmpty, firstValueColumn != .max, unknown < firstValueColumn {
                let known = Array(ApplicationsTable.levels.keys)
                let hint =
                    NearestName.find(LabelText.normalized(cells[unknown]), among: known).map { "; did you mean \($0)?" }
                    ?? ""
                return try fail(unknown, "unknown row label \"\(cells[unknown])\" in table 三\(hint)")
            }
            return
        }
        guard !applicantColumns.isEmpty else {
            return try fail(labels[0], "table 三 has figures but no header row naming the applicant columns (自然人 … 总计)")
        }
        for index in 0..<labelEnd where !cells[index].isEmpty {
            let label = LabelText.normalized(cells[index])
            guard let level = ApplicationsTable.levels[label] else {
                let hint =
                    NearestName.find(label, among: Array(ApplicationsTable.levels.keys)).map { "; did you mean \($0)?" }
                    ?? ""
                return try fail(index, "unknown row label \"\(cells[index])\" in table 三\(hint)")
            }
            rowPath = Array(rowPath.prefix(level)) + [label]
        }
        let joined = rowPath.joined(separator: "/")
        let tableRow =
            ApplicationsTable.rowsByPath[joined]
            ?? {
                let matches = ApplicationsTable.rowsByPath.filter {
                    $0.key.hasSuffix("/" + (rowPath.last ?? "")) || $0.key == rowPath.last
                }
                return Set(matches.values).count == 1 ? matches.first?.value : nil
            }()
        let figures = applicantColumns.keys.sorted().filter { $0 < cells.count && !FieldValue.isBlank(cells[$0]) }
        guard let tableRow else {
            if figures.isEmpty { return }  // a group heading row such as （三）不予公开
            return try fail(labels.last!, "\"\(rowPath.joined(separator: " › "))\" is not a row of table 三")
        }
        for index in figures {
            guard let id = CanonicalSchema.v1.fieldID(tableRow.key(applicantColumns[index]!)) else { continue }
            try set(id, cells, index)
        }
    }

    private static let headerWords = ["申请人情况", "法人或其他组织", "勾稽关系"]

    private func reviewRow(_ cells: [String]) throws(Diagnostic) {
        let groups = ["行政复议", "行政诉讼"]
        let subgroups = ["未经复议直接起诉", "复议后起诉"]
        let outcomes = Set(
            ReviewOutcome.allCases.map {
                CanonicalSchema.v1.field(ReviewOutcome.key(.reconsideration, $0))!.label.last!
            })
        if reviewOutcomes.isEmpty
            || reviewDataRow == nil
                && cells.contains(where: {
                    groups.contains(LabelText.normalized($0)) || subgroups.contains(LabelText.normalized($0))
                        || outcomes.contains(LabelText.normalized($0))
                })
        {
            var isHeader = false
            for (index, cell) in cells.enumerated() where !cell.isEmpty {
                let label = LabelText.normalized(cell)
                if groups.contains(label) {
                    reviewGroups[index] = label
                    isHeader = true
                }
                if subgroups.contains(label) {
                    reviewSubgroups[index] = label
                    isHeader = true
                }
                if outcomes.contains(label) {
                    reviewOutcomes[index] = label
                    isHeader = true
                }
            }
            if isHeader { return }
            if reviewOutcomes.isEmpty {
                let index = cells.firstIndex { !$0.isEmpty } ?? 0
                return try fail(index, "table 四 has figures before its header rows (行政复议 / 行政诉讼 … 结果维持 … 总计)")
            }
        }
        if let earlier = reviewDataRow {
            return try fail(0, "table 四 has one row of figures, already given in row \(earlier)")
        }
        reviewDataRow = row.number
        for (index, outcome) in reviewOutcomes.sorted(by: { $0.key < $1.key })
        where index < cells.count && !FieldValue.isBlank(cells[index]) {
            let groupStart = reviewGroups.keys.filter { $0 <= index }.max()
            let group = groupStart.flatMap { reviewGroups[$0] }
            let subStart = reviewSubgroups.keys.filter { $0 <= index && $0 >= (groupStart ?? 0) }.max()
            let sub = group == "行政诉讼" ? subStart.flatMap { reviewSubgroups[$0] } : nil
            let path =
                [FormHeadings.label(of: "review_litigation"), group ?? ""] + (sub.map { [$0] } ?? []) + [outcome]
            guard group != nil, let id = LabelIndex.shared.field(segments: path) else {
                return try fail(
                    index, "the column \(path.dropFirst().joined(separator: " › ")) is not a cell of table 四")
            }
            try set(id, cells, index)
        }
    }

    private func factRow(_ cells: [String]) throws(Diagnostic) {
        if cells[0] == "名称" { return }
        let literal = NumericLiteral.folded(cells.count > 1 ? cells[1] : "")
        guard let number = DecimalText.parse(literal) else {
            return try fail(1, "the fact \"\(cells[0])\" needs a number, found \"\(literal)\"")
        }
        func optional(_ index: Int) -> String? { index < cells.count && !cells[index].isEmpty ? cells[index] : nil }
        report.facts.append(Fact(label: cells[0], value: number, unit: optional(2), key: optional(3)))
    }

    // MARK: Cells

    private func value(after index: Int, in cells: [String]) -> Int {
        (index + 1..<cells.count).first { !cells[$0].isEmpty } ?? index + 1
    }

    private func set(_ id: FieldID, _ cells: [String], _ index: Int) throws(Diagnostic) {
        let field = id.descriptor
        // Text fields keep their text as written; everything else is read trimmed.
        let text = index < row.cells.count ? (field.kind == .text ? row.cells[index] : cells[index]) : ""
        switch CellDecoder.parse(text, for: field) {
        case .success(let value?):
            if let earlier = assignedAt[id.index] {
                return try fail(index, "\(field.key) is given twice (also in row \(earlier))", field: field.key)
            }
            assignedAt[id.index] = row.number
            report.values[id] = value
        case .success(nil):
            break
        case .failure(let problem):
            try fail(index, "\(field.labelPath): \(problem.message)", field: field.key)
        }
    }

    private func fail(_ index: Int, _ message: String, field: String? = nil) throws(Diagnostic) {
        try errors.report(
            .error(
                "csv.form", "row \(row.number), column \(index + 1): \(message)",
                at: SourceReference(file: records.fileName, line: row.line), field: field))
    }
}
