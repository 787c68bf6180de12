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
        FormatOption(
            name: "layout",
            summary:
                "wide (a report per row), long (report,key,value rows) or form (the printed tables); read: detected from the header",
            values: ["auto", "wide", "long", "form"], defaultValue: "auto"),
        FormatOption(
            name: "header",
            summary: "write canonical keys (key) or Chinese label paths (zh) as headers and labels; both are read",
            values: ["key", "zh"], defaultValue: "key"),
        FormatOption(
            name: "columns",
            summary: "wide: write only the columns some report fills (used), or every column as a blank template (all)",
            values: ["used", "all"], defaultValue: "used", for: .write),
        FormatOption(
            name: "columns",
            summary:
                "a column map: a YAML file of header: canonical.key for a spreadsheet with its own headers (or the mapping inline, {…})",
            for: .read),
        FormatOption(
            name: "unmapped", summary: "with a column map: a header it does not name is an error, or is ignored",
            values: ["error", "ignore"], defaultValue: "error", for: .read),
        FormatOption(
            name: "encoding",
            summary:
                "auto (read: BOM, else UTF-8 if valid or plainly UTF-8 up to a damaged byte, else GB18030), utf-8, gb18030 or gbk",
            defaultValue: "auto"),
        .flag(
            "bom", summary: "write a UTF-8 byte-order mark, so that Excel opens the file as UTF-8", default: false,
            for: .write),
        .wholeNumber(
            "max-errors",
            summary: "read: report up to N bad rows before stopping (0: stop at the first); any bad row fails the run",
            default: 0, for: .read),
        FormatOption(
            name: "delimiter",
            summary: "comma, tab, semicolon, or auto (tab for .tsv and for a header with more tabs than commas)",
            values: ["auto", "comma", "tab", "semicolon"], defaultValue: "auto"),
        FormatOption(
            name: "newline", summary: "line ends to write: crlf (RFC 4180, Excel) or lf", values: ["crlf", "lf"],
            defaultValue: "crlf", for: .write),
    ]

    /// The settings for reading.
    init(reading options: FormatOptions) throws(Diagnostic) {
        try self.init(common: options)
        maxErrors = options.int("max-errors")
        unmapped = options.string("unmapped") == "ignore" ? .ignore : .error
    }

    /// The settings for writing.
    init(writing options: FormatOptions) throws(Diagnostic) {
        try self.init(common: options)
        allColumns = options.string("columns") == "all"
        bom = options.bool("bom")
        crlf = options.string("newline") == "crlf"
    }

    /// The options both sides take.
    private init(common options: FormatOptions) throws(Diagnostic) {
        if let layout = options.string("layout"), layout != "auto" {
            self.layout = options.choice("layout", as: CSVLayout.self)
        }
        chineseHeader = options.string("header") == "zh"
        // A free value: the encoding names have aliases (cp936, utf8…) that a choice would not list.
        encoding = try options.string("encoding").flatMap { name throws(Diagnostic) in try TextEncoding.named(name) }
        delimiter =
            switch options.string("delimiter") {
            case "comma": UInt8(ascii: ",")
            case "tab": UInt8(ascii: "\t")
            case "semicolon": UInt8(ascii: ";")
            default: nil
            }
    }
}
