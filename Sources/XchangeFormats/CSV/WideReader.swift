import Foundation
import XchangeCore

/// Reads the wide layout: one report per row under a header of canonical keys or Chinese
/// label paths.
///
/// The header is mapped to columns once; each row then fills a report slot by slot, without
/// looking anything up by name.
final class WideReader: ReportReader {
    /// What a column of the header holds.
    enum Role {
        case field(FieldID, FieldKind)
        case sectionText(SectionKey)
        case sectionParts(SectionKey)
        case legacySections
        case facts
        /// A column with an empty header (Excel's trailing empty columns): must stay empty.
        case unnamed
        /// The `report` column of a file written for the long layout's readers, or a column a
        /// column map leaves unmapped with unmapped=ignore: skipped.
        case ignored
    }

    /// A header mapped to columns, once for all the pieces of a file read in pieces.
    struct MappedHeader {
        let names: [String]
        let roles: [Role]
        let row: Int
    }

    private let records: CSVRecordReader
    private let roles: [Role]
    /// The whole-number columns, read first in one tight pass (``CountColumns``), and the
    /// columns left for the general loop when they all read plainly.
    private let counts: CountColumns
    private let otherColumns: [Int]
    private let errors: RowErrors
    private var decoder = CellDecoder()
    /// The counts of the row being read, added to its report when the row ends.
    private let integers = IntegerBatch()
    /// For the JSON of sub-section and fact cells too: their keys, headings and stock
    /// sentences recur from row to row and are shared rather than made again.
    private var partCaches: DirectJSONCaches { decoder.caches }
    private var emitted = 0
    private let headerRow: Int

    convenience init(
        records: CSVRecordReader, header: [String], ignoring: Set<Int> = [], errors: RowErrors,
        diagnostics: any DiagnosticCollector
    ) throws(Diagnostic) {
        self.init(
            records: records,
            header: try Self.map(header, ignoring: ignoring, records: records, diagnostics: diagnostics),
            errors: errors)
    }

    /// Reads rows under a header mapped before; `reportsBefore` reports came before them (a
    /// piece of a file that does have reports).
    init(records: CSVRecordReader, header: MappedHeader, errors: RowErrors, reportsBefore: Int = 0) {
        self.records = records
        self.roles = header.roles
        let counts = CountColumns(header.roles)
        self.counts = counts
        self.otherColumns = header.roles.indices.filter { !counts.contains($0) }
        self.headerRow = header.row
        self.errors = errors
        self.emitted = reportsBefore
        let names = header.names
        records.columnName = { index in
            index < names.count && !names[index].isEmpty
                ? "column \(index + 1) \"\(names[index])\"" : "column \(index + 1)"
        }
    }

    /// Maps the header row `records` just read to columns; unknown and repeated columns are
    /// errors (the first thrown, the others reported), an unknown one with the nearest known
    /// name unless `suggesting` is false (a caller that only asks whether the header maps).
    static func map(
        _ header: [String], ignoring: Set<Int>, records: CSVRecordReader, diagnostics: any DiagnosticCollector,
        suggesting: Bool = true
    ) throws(Diagnostic) -> MappedHeader {
        var header = header
        while header.last?.trimmingBlanks().isEmpty == true { header.removeLast() }
        var roles: [Role] = []
        var seen: [WideColumn: Int] = [:]
        var problems: [Diagnostic] = []
        let row = records.record.row
        for (index, name) in header.enumerated() {
            let trimmed = name.trimmingBlanks()
            if trimmed.isEmpty {
                roles.append(.unnamed)
                continue
            }
            if ignoring.contains(index) || ["report", "报告"].contains(trimmed) {
                roles.append(.ignored)
                continue
            }
            guard let column = WideColumns.column(named: trimmed) else {
                let suggestion = suggesting ? WideColumns.suggestion(for: trimmed) : nil
                let hint = suggestion.map { "; did you mean \"\($0)\"?" } ?? ""
                problems.append(
                    .error(
                        "csv.unknown-column",
                        "header row \(row), column \(index + 1) \"\(trimmed)\": unknown column\(hint)",
                        at: SourceReference(file: records.fileName, line: records.record.line)))
                roles.append(.unnamed)
                continue
            }
            if let earlier = seen[column] {
                problems.append(
                    .error(
                        "csv.duplicate-column",
                        "header row \(row), column \(index + 1) \"\(trimmed)\": duplicates column \(earlier + 1) \"\(header[earlier])\" (both are \(WideColumns.key(column)))",
                        at: SourceReference(file: records.fileName, line: records.record.line)))
            }
            seen[column] = index
            switch column {
            case .field(let id): roles.append(.field(id, id.descriptor.kind))
            case .sectionText(let section): roles.append(.sectionText(section))
            case .sectionParts(let section): roles.append(.sectionParts(section))
            case .legacySections: roles.append(.legacySections)
            case .facts: roles.append(.facts)
            }
        }
        if let first = problems.first {
            for problem in problems.dropFirst() { diagnostics.report(problem) }
            throw first
        }
        return MappedHeader(names: header, roles: roles, row: row)
    }

    func next() throws -> Report? {
        while try records.next() {
            let record = records.record
            if record.isBlank { continue }
            if let report = try readRow(record) {
                emitted += 1
                return report
            }
        }
        try errors.finish(records.fileName)
        if emitted == 0 { throw CSVReportReader.noReports(records.fileName, headerRow: headerRow) }
        return nil
    }

    /// The row's report, or nil when the row had errors (already counted).
    private func readRow(_ record: CSVRecord) throws(Diagnostic) -> Report? {
        let row = record.row
        let errorsBefore = errors.count
        if record.count > roles.count {
            for extra in roles.count..<record.count where !record.isEmpty(extra) {
                try errors.report(
                    problem(
                        row, extra,
                        "the header has \(roles.count) columns but this row has \(record.count) cells, and cell \(extra + 1) holds \"\(record.lossyString(extra))\" (ragged row)"
                    ))
                return nil
            }
        } else if record.count < roles.count {
            try errors.report(
                problem(
                    row, record.count,
                    "the header has \(roles.count) columns but this row has only \(record.count) cell\(record.count == 1 ? "" : "s") (ragged row)"
                ))
            return nil
        }
        var report = Report()
        integers.removeAll()
        // Most rows are mostly counts written as plain digits: those are read in one pass, and
        // the rest of the row cell by cell; a count that is not plain digits sends the whole row
        // the general way, so that what it finds is worded, and in order, as it always was.
        if counts.read(record, into: integers) {
            for index in otherColumns { try readCell(index, roles[index], of: record, into: &report) }
        } else {
            integers.removeAll()
            for index in roles.indices { try readCell(index, roles[index], of: record, into: &report) }
        }
        guard errors.count == errorsBefore else { return nil }
        report.values.add(integers)
        return report
    }

    /// Reads cell `index` of `record`, of the column's `role`, into `report` (counts into
    /// ``integers``); a bad value is reported to ``errors``.
    private func readCell(
        _ index: Int, _ role: Role, of record: CSVRecord, into report: inout Report
    ) throws(Diagnostic) {
        let row = record.row
        switch role {
        case .field(let id, let kind):
            let range = record.range(index)
            if range.isEmpty { return }
            // Whole-number cells are most of a row: read them without the general decoder.
            if kind == .count,
                let number = record.bytes.withUnsafeBufferPointer({
                    NumericLiteral.integer(UnsafeBufferPointer(rebasing: $0[range]))
                }), number >= 0
            {
                integers.append(number, for: id)
                return
            }
            switch try decoder.value(record, index, for: id, kind: kind, reader: records) {
            case .success(let value?): report.values.set(value, for: id)
            case .success(nil): break
            case .failure(let problem):
                try errors.report(self.problem(row, index, "\(problem.message)", field: id.key))
            }
        case .sectionText(let section):
            let text = try records.string(index)
            if !text.isEmpty { report[section: section, default: TextSection()].text = text }
        case .sectionParts(let section):
            if let parts = try readSubsections(index, of: record, in: section), !parts.isEmpty {
                report[section: section, default: TextSection()].subsections = parts
            }
        case .legacySections:
            if let parts = try readSubsections(index, of: record, in: nil) { report.legacySections = parts }
        case .facts:
            let facts = try readParts(
                index, of: record,
                direct: { ReportPartsCodec.facts(record.bytes, record.range(index), caches: $0) },
                full: { text throws(ValueProblem) in try ReportPartsCodec.facts(text) })
            if let facts { report.facts = facts }
        case .unnamed:
            if !record.isEmpty(index) {
                try errors.report(
                    problem(row, index, "the column has no header but holds \"\(record.lossyString(index))\""))
            }
        case .ignored:
            break
        }
    }

    /// A cell of sub-sections written as JSON, under `section`'s standard headings (none for
    /// the legacy sections).
    private func readSubsections(
        _ index: Int, of record: CSVRecord, in section: SectionKey?
    ) throws(Diagnostic) -> [Subsection]? {
        try readParts(
            index, of: record,
            direct: { ReportPartsCodec.subsections(record.bytes, record.range(index), in: section, caches: $0) },
            full: { text throws(ValueProblem) in try ReportPartsCodec.subsections(text, in: section) })
    }

    /// A cell of parts written as JSON: read straight from its bytes (`direct`), else as text
    /// by the codec that words what is wrong (`full`), which is then reported; nil for an empty
    /// cell or a bad one.
    private func readParts<Parts>(
        _ index: Int, of record: CSVRecord, direct: (DirectJSONCaches) -> Parts?,
        full: (String) throws(ValueProblem) -> Parts
    ) throws(Diagnostic) -> Parts? {
        if record.isEmpty(index) { return nil }
        if let parts = direct(partCaches) { return parts }
        let text = try records.string(index)
        if text.isEmpty { return nil }
        do throws(ValueProblem) {
            return try full(text)
        } catch {
            try errors.report(problem(record.row, index, error.message))
            return nil
        }
    }

    private func problem(_ row: Int, _ index: Int, _ message: String, field: String? = nil) -> Diagnostic {
        Diagnostic.error(
            "csv.value", "row \(row), \(records.columnName(index)): \(message)",
            at: SourceReference(file: records.fileName, line: records.record.line), field: field)
    }
}
