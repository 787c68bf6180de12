import XchangeCore

/// The csv module's reader: reads the first row, settles the layout, and hands the records to
/// that layout's reader.
final class CSVReportReader: ReportReader {
    private let records: CSVRecordReader
    private let options: CSVOptions
    private let diagnostics: any DiagnosticCollector
    private var layoutReader: (any ReportReader)?
    private var started = false
    private let prefetches: Bool

    convenience init(input: InputSource, options: CSVOptions, diagnostics: any DiagnosticCollector) {
        self.init(
            records: CSVRecordReader(input: input, encoding: options.encoding, delimiter: options.delimiter),
            options: options, diagnostics: diagnostics)
    }

    /// Reads the records `records` yields, the header first; with `prefetches`, wide and long
    /// rows are read on a thread of their own.
    init(records: CSVRecordReader, options: CSVOptions, diagnostics: any DiagnosticCollector, prefetches: Bool = true) {
        self.records = records
        self.prefetches = prefetches
        self.options = options
        self.diagnostics = diagnostics
    }

    func next() throws -> Report? {
        if !started {
            started = true
            layoutReader = try start()
        }
        return try layoutReader?.next()
    }

    /// A file with a header and no report rows: converting it would silently produce nothing.
    static func noReports(_ file: String, headerRow: Int) -> Diagnostic {
        Diagnostic.error(
            "csv.no-reports", "\(file) has a header (row \(headerRow)) but no report rows",
            at: SourceReference(file: file, line: headerRow))
    }

    private func start() throws(Diagnostic) -> any ReportReader {
        // Blank lines before the header (some exports start with one) are not the header.
        repeat {
            guard try records.next() else {
                let what = records.isEmptyInput ? "is empty (0 bytes)" : "holds no rows"
                throw Diagnostic.error(
                    "csv.empty", "\(records.fileName) \(what): expected a header row",
                    at: SourceReference(file: records.fileName))
            }
        } while records.record.isBlank
        var first: [String] = []
        for index in 0..<records.record.count { first.append(try records.string(index)) }
        var ignored: Set<Int> = []
        if let map = options.columnMap {
            guard options.layout == nil || options.layout == .wide else {
                throw Diagnostic.error(
                    "csv.map-layout",
                    "a column map applies to the wide layout (a report per row), not \(options.layout!.rawValue)")
            }
            (first, ignored) = try map.apply(
                to: first, unmapped: options.unmapped, file: records.fileName, line: records.record.line,
                row: records.record.row)
        }
        let layout = options.columnMap != nil ? .wide : options.layout ?? LayoutDetector.detect(first)
        let errors = RowErrors(limit: options.maxErrors, diagnostics: diagnostics)
        // The header is checked here, before reading moves to a thread of its own.
        switch layout {
        case .wide:
            let reader = try WideReader(
                records: records, header: first, ignoring: ignored, errors: errors, diagnostics: diagnostics)
            return prefetches ? PrefetchingReader(reader) : reader
        case .long:
            let reader = try LongReader(records: records, header: first, errors: errors)
            return prefetches ? PrefetchingReader(reader) : reader
        case .form: return try FormReader(records: records, firstRow: first, errors: errors, diagnostics: diagnostics)
        }
    }
}
