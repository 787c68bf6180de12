import Foundation
import XchangeCore

/// The long layout: a `report,key,value` header, then one row per value. Rows of one report
/// are consecutive and share the `report` cell; keys are those of the wide layout (canonical
/// keys, section columns, `facts`), or Chinese label paths.
enum LongLayout {
    static let keyHeader = ["report", "key", "value"]
    static let chineseHeader = ["报告", "字段", "值"]

    /// Whether a (normalised) first row is a long-layout header.
    static func isHeader(_ cells: [String]) -> Bool {
        let lowered = cells.map { $0.lowercased() }
        return lowered == keyHeader || lowered == chineseHeader
    }
}

/// Writes the long layout.
final class LongWriter: ReportWriter {
    private let rows: CSVRowWriter
    private let chinese: Bool
    private var headerWritten = false
    private var ordinal = 0
    private var previousID = ""
    private var scratch: [UInt8] = []
    private var used = [Bool](repeating: false, count: WideColumns.all.count)
    /// Each column's key cell as written, worked out once.
    private lazy var names: [[UInt8]] = WideColumns.all.map {
        rows.writtenForm(of: chinese ? WideColumns.chineseLabel($0) : WideColumns.key($0))
    }

    init(rows: CSVRowWriter, options: CSVOptions) {
        self.rows = rows
        self.chinese = options.chineseHeader
    }

    func write(_ report: Report) throws {
        if !headerWritten {
            headerWritten = true
            try rows.row(chinese ? LongLayout.chineseHeader : LongLayout.keyHeader)
        }
        ordinal += 1
        let id = rows.writtenForm(of: identifier(report))
        scratch.removeAll(keepingCapacity: true)
        ReportCells.encode(report, into: &scratch, used: &used)
        let names = self.names
        try scratch.withUnsafeBufferPointer { buffer throws(Diagnostic) in
            _ = try ReportCells.decode(buffer, from: 0) { position, text throws(Diagnostic) in
                rows.field(writtenForm: id)
                rows.field(writtenForm: names[position])
                rows.field(bytes: text)
                try rows.endRow()
            }
        }
    }

    /// `USCC/year` when the report has both, else its position in the stream; never the same
    /// as the report before, since readers group rows by runs of one id.
    private func identifier(_ report: Report) -> String {
        var id = String(ordinal)
        if case .text(let code)? = report["meta.agency_uscc"], let year = report.reportYear {
            id = "\(code)/\(year)"
            if id == previousID { id += "#\(ordinal)" }
        }
        previousID = id
        return id
    }

    func finish() throws {
        if !headerWritten { try rows.row(chinese ? LongLayout.chineseHeader : LongLayout.keyHeader) }
        try rows.flush()
    }
}

/// Reads the long layout.
final class LongReader: ReportReader {
    private let records: CSVRecordReader
    private let errors: RowErrors
    private let reportIndex: Int
    private let keyIndex: Int
    private let valueIndex: Int
    private let width: Int
    // Touched on every row, on one thread: no run-time exclusivity checks, which cost more
    // than most rows' work.
    @exclusivity(unchecked) private var current: Report?
    /// Whether `current` holds a report.
    @exclusivity(unchecked) private var hasCurrent = false
    @exclusivity(unchecked) private var currentID: [UInt8] = []
    @exclusivity(unchecked) private var currentHasErrors = false
    /// Per column, the number of the last report that gave it (a report's keys must differ).
    @exclusivity(unchecked) private var givenIn = [Int](repeating: 0, count: WideColumns.all.count)
    @exclusivity(unchecked) private var reportNumber = 0
    @exclusivity(unchecked) private var keys = LongKeyIndex.take()
    private var decoder = CellDecoder()
    private var sawReport = false
    private let headerRow: Int

    /// Reads the rows after `header`; with `afterReports`, rows that follow reports read
    /// elsewhere (a later piece of the file), so that a piece of blank rows is no file
    /// "without report rows".
    init(records: CSVRecordReader, header: [String], errors: RowErrors, afterReports: Bool = false) throws(Diagnostic) {
        sawReport = afterReports
        self.records = records
        self.errors = errors
        func index(_ english: String, _ chinese: String) throws(Diagnostic) -> Int {
            guard let found = Self.column(english, chinese, in: header) else {
                let shown = header.prefix(5).joined(separator: ",") + (header.count > 5 ? ",…" : "")
                throw Diagnostic.error(
                    "csv.layout",
                    "row \(records.record.row): the long layout needs report, key and value columns (报告, 字段, 值), but the header has no \(english) column: \(shown)"
                )
            }
            return found
        }
        reportIndex = try index("report", "报告")
        keyIndex = try index("key", "字段")
        valueIndex = try index("value", "值")
        width = max(reportIndex, keyIndex, valueIndex) + 1
        headerRow = records.record.row
        let header = header
        records.columnName = { index in
            index < header.count ? "column \(index + 1) \"\(header[index])\"" : "column \(index + 1)"
        }
    }

    deinit { LongKeyIndex.giveBack(keys) }

    /// Where a header has the column named `english` or `chinese`, in any case or spelling.
    static func column(_ english: String, _ chinese: String, in header: [String]) -> Int? {
        header.firstIndex {
            let name = LabelText.normalized($0).lowercased()
            return name == english || name == chinese
        }
    }

    func next() throws -> Report? {
        while try records.next() {
            let record = records.record
            if record.isBlank { continue }
            let id = record.range(reportIndex < record.count ? reportIndex : 0)
            // The report's rows follow one another: most rows only add to the current report.
            // (Tested through a flag and compared in place: reading `current` to test it, or
            // copying the id out, copied a whole report or made an array on every row.)
            if hasCurrent, !Self.cell(id, of: record.bytes, equals: currentID) {
                let finished = current.take()
                let hadErrors = currentHasErrors
                start(Array(record.bytes[id]))
                try apply(record)
                if !hadErrors, let finished { return finished }
                continue
            }
            if !hasCurrent { start(Array(record.bytes[id])) }
            try apply(record)
        }
        if hasCurrent { sawReport = true }
        hasCurrent = false
        let last = current.take()
        if !currentHasErrors, let last { return last }
        try errors.finish(records.fileName)
        if !sawReport { throw CSVReportReader.noReports(records.fileName, headerRow: headerRow) }
        return nil
    }

    /// Whether the cell at `range` of a record's bytes holds exactly `other`.
    private static func cell(_ range: Range<Int>, of bytes: [UInt8], equals other: [UInt8]) -> Bool {
        guard range.count == other.count else { return false }
        return bytes.withUnsafeBufferPointer { bytes in
            other.withUnsafeBufferPointer { other in
                range.isEmpty || memcmp(bytes.baseAddress! + range.lowerBound, other.baseAddress!, range.count) == 0
            }
        }
    }

    private func start(_ id: [UInt8]) {
        current = Report()
        hasCurrent = true
        currentID = id
        currentHasErrors = false
        reportNumber += 1
        keys.startReport()
    }

    private func apply(_ record: CSVRecord) throws(Diagnostic) {
        let row = record.row
        guard record.count >= width else {
            return try fail(
                row, record.count,
                "the header has \(width) columns but this row has only \(record.count) cell\(record.count == 1 ? "" : "s") (ragged row)"
            )
        }
        for extra in width..<record.count where !record.isEmpty(extra) {
            return try fail(
                row, extra,
                "cell \(extra + 1) holds \"\(record.lossyString(extra))\" but the header has \(width) columns (ragged row)"
            )
        }
        guard let (column, position) = try column(of: record) else { return }
        guard givenIn[position] != reportNumber else {
            return try fail(
                row, keyIndex,
                "\(try key()) is given twice for report \"\(String(decoding: currentID, as: UTF8.self))\"")
        }
        givenIn[position] = reportNumber
        switch column {
        case .field(let id):
            switch try decoder.value(record, valueIndex, for: id, kind: id.kind, reader: records) {
            case .success(let value?): current?.values[id] = value
            case .success(nil): break
            case .failure(let problem):
                // The diagnostic names the field; the problem's message already says what it is.
                try fail(row, valueIndex, problem.message, field: id.key)
            }
        default:
            let text = try records.string(valueIndex)
            guard !text.isEmpty else { return }
            do {
                switch column {
                case .sectionText(let section): current?[section: section, default: TextSection()].text = text
                case .sectionParts(let section):
                    current?[section: section, default: TextSection()].subsections = try ReportPartsCodec.subsections(
                        text, in: section)
                case .legacySections: current?.legacySections = try ReportPartsCodec.subsections(text)
                case .facts: current?.facts = try ReportPartsCodec.facts(text)
                case .field: break
                }
            } catch {
                try fail(row, valueIndex, "\(try key()): \(error.message)")
            }
        }
    }

    /// The column the row's key names, found by its bytes; nil (after reporting the row) for
    /// an unknown key.
    private func column(of record: CSVRecord) throws(Diagnostic) -> (WideColumn, Int)? {
        let range = record.range(keyIndex)
        let found = record.bytes.withUnsafeBufferPointer { keys.find(UnsafeBufferPointer(rebasing: $0[range])) }
        if let found { return found }
        let key = try key()
        guard let column = WideColumns.column(named: key) else {
            let hint = WideColumns.suggestion(for: key).map { "; did you mean \($0)?" } ?? ""
            try fail(record.row, keyIndex, "unknown key \"\(key)\"\(hint)")
            return nil
        }
        let position = record.bytes.withUnsafeBufferPointer {
            keys.remember(UnsafeBufferPointer(rebasing: $0[range]), as: column)
        }
        return (column, position)
    }

    /// The row's key as text, for messages and for a key not seen before.
    private func key() throws(Diagnostic) -> String { try records.string(keyIndex).trimmingBlanks() }

    private func fail(_ row: Int, _ index: Int, _ message: String, field: String? = nil) throws(Diagnostic) {
        currentHasErrors = true
        try errors.report(
            .error(
                "csv.value", "row \(row), \(records.columnName(index)): \(message)",
                at: SourceReference(file: records.fileName, line: records.record.line), field: field))
    }
}
