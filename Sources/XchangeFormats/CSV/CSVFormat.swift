import XchangeCore

/// The `csv` format module: reports as spreadsheets saved as CSV, in three layouts.
///
/// - **wide**: one report per row, one column per canonical key (or Chinese label path with
///   `header=zh`); text sections and facts as extra columns (see ``WideColumn``).
/// - **long**: `report,key,value` rows, tidy for analysis tools.
/// - **form**: one report per file, laid out as the printed tables 二/三/四 with the official
///   labels, as an office's Excel form looks when saved as CSV.
///
/// Reading detects the layout from the first row, the encoding from the bytes (UTF-8 with or
/// without BOM, GB18030/GBK, UTF-16 with BOM) and the delimiter; it streams in 1 MB chunks.
public struct CSVFormat: PieceReadingModule {
    public let id = "csv"
    public let name = "CSV"
    public let summary =
        "spreadsheets saved as CSV: a report per row (wide), report,key,value rows (long), or the printed form"
    public let fileExtensions = ["csv", "tsv"]
    public let capabilities: FormatCapabilities = [.read, .write]
    public var options: [FormatOption] { CSVOptions.declared }

    public init() {}

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        var settings = try CSVOptions(reading: options)
        if let map = options.string("columns") { settings.columnMap = try CSVColumnMap.load(map) }
        return CSVReportReader(input: input, options: settings, diagnostics: diagnostics)
    }

    public func pieces(
        of input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> (any PieceReading)? {
        var settings = try CSVOptions(reading: options)
        if let map = options.string("columns") { settings.columnMap = try CSVColumnMap.load(map) }
        return CSVPieces(input: input, options: settings)
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        let settings = try CSVOptions(writing: options)
        let path = output.path?.lowercased() ?? ""
        let delimiter = settings.delimiter ?? (path.hasSuffix(".tsv") ? UInt8(ascii: "\t") : UInt8(ascii: ","))
        let rows = try CSVRowWriter(
            sink: output, encoding: settings.encoding ?? .utf8, bom: settings.bom, delimiter: delimiter,
            crlf: settings.crlf)
        switch settings.layout ?? .wide {
        case .wide: return try WideWriter(rows: rows, options: settings)
        case .long: return LongWriter(rows: rows, options: settings)
        case .form: return FormWriter(rows: rows, options: settings)
        }
    }
}
