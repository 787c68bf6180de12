/// One problem code that diagnostics carry (`key.unknown`, `csv.encoding`, …), with what it means.
///
/// The codes are an interface: programs read them from `--format json` and match on them, so
/// they are listed here, once, and a test fails when the sources use a code this list lacks.
/// Consistency-rule ids (`T3-1`, `L-2`, …) are codes too; they come from the schema's rules
/// (``CanonicalSchema/rules``), not from this list.
public struct DiagnosticCode: Hashable, Sendable {
    /// The dotted code itself, as `Diagnostic.code` carries it.
    public let code: String
    /// The severity the code is always reported with, or `nil` when it depends on the case.
    public let severity: Severity?
    /// What the code means, in one line.
    public let meaning: String

    init(_ code: String, _ severity: Severity?, _ meaning: String) {
        self.code = code
        self.severity = severity
        self.meaning = meaning
    }

    /// The listed code with this name, if any.
    public static func named(_ code: String) -> DiagnosticCode? { byCode[code] }

    private static let byCode = Dictionary(uniqueKeysWithValues: all.map { ($0.code, $0) })
}

extension DiagnosticCode {
    /// Every problem code xchange reports, grouped by prefix. Adding a code is one line here.
    public static let all: [DiagnosticCode] = [
        .init("input.missing", .error, "the input file does not exist"),
        .init("input.directory", .error, "the input path is a directory, not a file"),
        .init("input.unreadable", .error, "the input file cannot be opened (permission denied)"),
        .init("input.read", .error, "reading the input failed part-way"),
        .init("input.empty", .error, "the input holds no report"),
        .init("input.invalid", .error, "a report had errors (listed before it), so nothing was written"),
        .init("output.folder", .error, "the output's folder does not exist"),
        .init("output.directory", .error, "the output path is a directory"),
        .init("output.unwritable", .error, "the output's temporary file cannot be created beside it"),
        .init("output.write", .error, "writing the output or renaming it into place failed"),
        .init("output.is-input", .error, "the output is the input file; it is never overwritten"),
        .init("output.spool", .error, "the temporary file the CSV writer holds rows in failed"),
        .init("format.unknown", .error, "no format has this id"),
        .init("format.unknown-extension", .error, "the file's extension names no format; name it with --from/--to"),
        .init("format.unspecified", .error, "standard input or output needs its format named with --from/--to"),
        .init("format.capability", .error, "the format cannot read (or write) as asked"),
        .init("format.cannot-read", .error, "the format can only be written"),
        .init("format.cannot-write", .error, "the format can only be read"),
        .init("format.duplicate", .error, "two format modules have the same id"),
        .init("option.unknown", .error, "neither the reader nor the writer declares this option"),
        .init("option.value", .error, "an option's value is not one it takes"),
        // External modules and steps (schemas/plugin-protocol.md). Failures met while listing
        // modules (`xchange formats`) are warnings; the same failures in use are errors.
        .init("plugin.launch", nil, "an external program could not be started"),
        .init("plugin.io", .error, "writing to an external program failed"),
        .init("plugin.failed", nil, "an external program exited with a status other than 0"),
        .init("plugin.crashed", nil, "an external program was killed by a signal"),
        .init("plugin.timeout", nil, "an external program took longer than XCHANGE_PLUGIN_TIMEOUT and was killed"),
        .init("plugin.interrupted", nil, "xchange was interrupted and passed the signal on to an external program"),
        .init("plugin.output", .error, "an external program printed invalid JSON where reports belong"),
        .init("plugin.report", .error, "an external program printed a report that breaks the canonical schema"),
        .init("plugin.input-closed", .error, "an external program stopped reading its input before the end"),
        .init("plugin.describe", nil, "an external program's describe answer is malformed"),
        .init("plugin.protocol", nil, "an external program speaks a plugin protocol version xchange does not"),
        .init("plugin.stderr", .note, "a line an external program printed on standard error"),
        .init("plugin.shadowed", .warning, "an external module has a built-in format's id and was ignored"),
        .init("plugin.duplicate", .warning, "a later external program with an earlier one's id was ignored"),
        .init("plugin.timeout-setting", .warning, "XCHANGE_PLUGIN_TIMEOUT is not a number of seconds above 0"),
        .init("report.shape", .error, "the document is not a report (an object of meta, applications, …)"),
        .init("report.empty", .error, "an empty object or mapping is not a report"),
        .init("key.unknown", .error, "a key the schema does not have (with the nearest one it has)"),
        .init("key.duplicate", .error, "a key appears twice in one object"),
        .init("value.type", .error, "a value is not of its field's type"),
        .init("value.missing", .error, "a subsection or fact lacks a part it needs"),
        .init("json.syntax", .error, "the input is not valid JSON"),
        .init("json.layout", .error, "layout=single was asked for, but there is more than one report"),
        .init("yaml.syntax", .error, "the input is not valid YAML"),
        .init("csv.empty", .error, "the CSV file has no header row"),
        .init("csv.no-reports", .error, "the CSV file has a header but no report rows"),
        .init("csv.unknown-column", .error, "a header cell names no field (with the nearest one)"),
        .init("csv.duplicate-column", .error, "two header cells name the same field"),
        .init("csv.unclosed-quote", .error, "a quoted cell is never closed"),
        .init("csv.encoding", .error, "bytes invalid in the encoding, an unknown encoding, or an unwritable character"),
        .init("csv.layout", .error, "the layout forced with --option layout does not fit the header"),
        .init("csv.value", .error, "a cell's value does not fit its column's field"),
        .init("csv.form", .error, "a row of the form layout cannot be placed"),
        .init("csv.form-one-report", .error, "the form layout holds one report, and there are more"),
        .init("csv.errors", .error, "the file had errors (listed before it); no report with one was passed on"),
        .init("csv.too-many-errors", .error, "reading stopped after max-errors errors"),
        .init("encoding.unsupported", .error, "this system's iconv cannot convert between the two encodings"),
        .init("text.empty", .error, "the report text file is empty"),
        .init("text.binary", .error, "the file holds binary data, not text"),
        .init("text.encoding", .error, "the text is neither UTF-8 nor GB18030"),
        .init("text.not-a-report", .error, "the text has no report title, numbered parts or tables"),
        .init("text.one-report", .error, "the report text holds one report per file, and there are more"),
        .init("text.value", .warning, "a figure in the text is not of its field's type; not read"),
        .init("text.table.unplaced", .warning, "figures under a table heading belong to no row; not read"),
        .init("text.table.fuzzy-label", .note, "a row label was matched to the nearest known row"),
        .init("text.table.unknown-row", .warning, "a row label is not a row of the table; its figures were not read"),
        .init("text.table.duplicate-row", .warning, "a table row appears twice; the second was not read"),
        .init("text.table.empty-row", .warning, "a table row has no figures"),
        .init("text.table.cell-count", .warning, "a table row has more or fewer figures than cells; not read"),
        .init("text.table.value", .warning, "a table cell is not of its field's type; not read"),
        .init("text.table.split", nil, "figures printed without separators were split the one way the sums allow"),
        .init("text.table.run-together", .warning, "figures printed without separators fit no single split; left empty"),
        // The submission package and platform profiles (schemas/platform/README.md).
        .init("package.invalid-report", .error, "the report cannot be packaged; the reasons are in its findings"),
        .init("package.required-field", .error, "a field the manifest or the platform profile needs is missing"),
        .init("package.several-reports", .error, "the input holds more than one report; a package holds exactly one"),
        .init("package.render", .error, "the package's report entries could not be rendered"),
        .init("package.zip", .error, "the ZIP file could not be assembled"),
        .init("package.too-large", .error, "the package file or its total inflated size is over the limit"),
        .init("package.not-zip", .error, "the file is not a ZIP file"),
        .init("package.truncated", .error, "the ZIP is cut short: end record missing, directory outside the file, or unreadable entries"),
        .init("package.too-many-entries", .error, "the ZIP holds more entries than the limit"),
        .init("package.path-escape", .error, "an entry path escapes the package (.., absolute, backslash, drive letter, control character)"),
        .init("package.symlink", .error, "an entry is a symbolic link"),
        .init("package.duplicate-entry", .error, "a path appears twice in the ZIP"),
        .init("package.extra-entry", .error, "an entry that the manifest does not list or the package may not hold"),
        .init("package.missing-entry", .error, "the manifest, a listed entry or a required entry is absent"),
        .init("package.entry-too-large", .error, "an entry inflates past the size limit"),
        .init("package.compression-ratio", .error, "an entry's compression ratio is absurd (a ZIP bomb)"),
        .init("package.size", .error, "an entry's size differs from the manifest or the ZIP directory"),
        .init("package.corrupt", .error, "an entry fails its CRC-32 or cannot be inflated"),
        .init("package.digest", .error, "an entry's SHA-256 differs from the manifest"),
        .init("package.manifest", .error, "the manifest is not JSON, breaks its schema, or lists a path twice"),
        .init("package.report", .error, "report.json does not hold exactly one valid report"),
        .init("package.manifest-mismatch", .error, "the manifest's sender, year or format version differs from the report"),
        .init("profile.syntax", .error, "the platform profile is not readable YAML or not one document"),
        .init("profile.unknown-key", .error, "the platform profile has a member it does not take"),
        .init("profile.missing", .error, "a required member of the platform profile is missing"),
        .init("profile.value", .error, "a platform profile value is invalid (platform_id, layout, fields, required)"),
        .init("profile.unknown-field", .error, "the platform profile maps a key the canonical schema does not have"),
        .init("profile.duplicate", .error, "the platform profile gives a code, key or member twice"),
        .init("schema.syntax", .error, "the schema source is not valid YAML"),
        .init("schema.shape", .error, "the schema source is not exactly one YAML document"),
        .init("schema.invalid", .error, "an entry of the schema source is invalid"),
    ]
}
