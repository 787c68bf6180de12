import XchangeCore

/// The layouts a CSV file can have.
enum CSVLayout: String, CaseIterable, Sendable {
    /// One report per row, one column per canonical key.
    case wide
    /// `report,key,value` rows.
    case long
    /// One report per file, laid out as the printed tables.
    case form
}

/// The `--option` settings of the csv module, checked and typed.
struct CSVOptions {
    var layout: CSVLayout?
    var chineseHeader = false
    var allColumns = false
    var encoding: TextEncoding?
    var bom = false
    var maxErrors = 0
    var delimiter: UInt8?
    var crlf = true
    /// Read: a province's own headers mapped onto canonical keys, and what to do with the rest.
    var columnMap: CSVColumnMap?
    var unmapped = UnmappedColumns.error

    static let declared: [FormatOption] = [
        FormatOption(name: "layout", summary: "wide (a report per row), long (report,key,value rows) or form (the printed tables); read: detected from the header", values: ["auto", "wide", "long", "form"], defaultValue: "auto"),
        FormatOption(name: "header", summary: "write canonical keys (key) or Chinese label paths (zh) as headers and labels; both are read", values: ["key", "zh"], defaultValue: "key"),
        FormatOption(name: "columns", summary: "wide: write only the columns some report fills (used), or every column as a blank template (all)", values: ["used", "all"], defaultValue: "used", for: .write),
        FormatOption(name: "columns", summary: "a column map: a YAML file of header: canonical.key for a spreadsheet with its own headers (or the mapping inline, {…})", for: .read),
        FormatOption(name: "unmapped", summary: "with a column map: a header it does not name is an error, or is ignored", values: ["error", "ignore"], defaultValue: "error", for: .read),
        FormatOption(name: "encoding", summary: "auto (read: BOM, else UTF-8 if valid, else GB18030), utf-8, gb18030 or gbk", defaultValue: "auto"),
        .flag("bom", summary: "write a UTF-8 byte-order mark, so that Excel opens the file as UTF-8", default: false, for: .write),
        FormatOption(name: "max-errors", summary: "read: report up to N bad rows before stopping (0: stop at the first); any bad row fails the run", defaultValue: "0", for: .read),
        FormatOption(name: "delimiter", summary: "comma, tab, semicolon, or auto (tab for .tsv and for a header with more tabs than commas)", values: ["auto", "comma", "tab", "semicolon"], defaultValue: "auto"),
        FormatOption(name: "newline", summary: "line ends to write: crlf (RFC 4180, Excel) or lf", values: ["crlf", "lf"], defaultValue: "crlf", for: .write),
    ]

    init(_ options: FormatOptions) throws(Diagnostic) {
        let values = options.values
        if let layout = values["layout"], layout != "auto" {
            guard let chosen = CSVLayout(rawValue: layout) else {
                throw Diagnostic.error("option.value", "option layout takes auto, wide, long or form, not \"\(layout)\"")
            }
            self.layout = chosen
        }
        chineseHeader = values["header"] == "zh"
        allColumns = values["columns"] == "all"
        if let name = values["encoding"] { encoding = try TextEncoding.named(name) }
        bom = options.bool("bom", default: false)
        maxErrors = try options.int("max-errors", default: 0)
        switch values["delimiter"] {
        case "comma", ",": delimiter = UInt8(ascii: ",")
        case "tab", "\t": delimiter = UInt8(ascii: "\t")
        case "semicolon", ";": delimiter = UInt8(ascii: ";")
        default: delimiter = nil
        }
        crlf = values["newline"] != "lf"
        unmapped = values["unmapped"] == "ignore" ? .ignore : .error
    }
}
