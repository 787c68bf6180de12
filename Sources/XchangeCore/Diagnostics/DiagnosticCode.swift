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
    /// Every problem code xchange reports, grouped by prefix. Adding a code is one line here
    /// (then `swift package --allow-writing-to-package-directory generate-schema-code` copies
    /// the list into the README).
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
        .init("csv.no-reports", .error, "the CSV file has a header but no report rows, or is a form with no value"),
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
        .init("text.encoding", .error, "the text is neither UTF-8 nor GB18030, or is UTF-8 with a damaged byte"),
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
        .init("text.table.run-together", .warning, "run-together figures fit no one split the sums allow; left empty"),
        // Pipelines (xchange run) and CSV column maps.
        .init("pipeline.syntax", .error, "the pipeline file is not UTF-8, not YAML, or not one mapping"),
        .init("pipeline.version", .error, "the pipeline file's version is not 1"),
        .init(
            "pipeline.unknown-key", .error,
            "a key the pipeline, a source, a sink or a step does not take (with the nearest name)"),
        .init("pipeline.missing-key", .error, "a required key of the pipeline file is absent"),
        .init("pipeline.duplicate-key", .error, "a key is given twice in one mapping of the pipeline file"),
        .init("pipeline.type", .error, "a value of the pipeline file is of the wrong kind"),
        .init("pipeline.value", .error, "a value of the pipeline file is outside the allowed set"),
        .init("pipeline.step", .error, "a step entry names several steps"),
        .init("pipeline.unknown-step", .error, "a step name that no registered step type has (with the nearest)"),
        .init("pipeline.unknown-field", .error, "a step names no field or part of the schema (with the nearest)"),
        .init("pipeline.value-type", .error, "a value does not fit its field's schema type"),
        .init("pipeline.template", .error, "a {key} template names no field, or a report lacks the field it needs"),
        .init(
            "pipeline.variable-unset", .error, "a ${NAME} variable has no value from --var, the environment or vars:"),
        .init("pipeline.columns", .error, "columns: on a source that is not csv, or unmapped: without columns:"),
        .init("pipeline.output-twice", .error, "two outputs of the pipeline name one file"),
        .init("pipeline.no-files", .error, "a source path or glob matches no file"),
        .init("pipeline.sink-reopened", .error, "a templated sink file is needed again after it was closed"),
        .init("pipeline.assign", .error, "set or default could not assign a templated value to a report"),
        .init("pipeline.invalid-report", .error, "validate refused a report (a finding at or above fail_on)"),
        .init("aggregate.no-group", .error, "a report lacks the aggregate step's by key"),
        .init("aggregate.mixed-group", .error, "members of an aggregate group differ in report year or format version"),
        .init("aggregate.partial-field", .warning, "a field is missing in some members of an aggregate group"),
        .init(
            "aggregate.overflow", .error, "the total of a count over an aggregate group is too large for a whole number"
        ),
        .init("csv.unmapped-column", .error, "a spreadsheet header the column map does not name"),
        .init("csv.map-unknown-key", .error, "a column map names a key the canonical schema does not have"),
        .init("csv.map-syntax", .error, "a column map is not a header: key YAML mapping, or maps a header twice"),
        .init("csv.map-layout", .error, "a column map is used with a forced layout other than wide"),
        .init("step.duplicate", .error, "two pipeline step types have the same name"),
        // The submission package and platform profiles (schemas/platform/README.md).
        .init("package.invalid-report", .error, "the report cannot be packaged; the reasons are in its findings"),
        .init("package.required-field", .error, "a field the manifest or the platform profile needs is missing"),
        .init("package.several-reports", .error, "the input holds more than one report; a package holds exactly one"),
        .init("package.render", .error, "the package's report entries could not be rendered"),
        .init("package.zip", .error, "the ZIP file could not be assembled"),
        .init("package.too-large", .error, "the package file or its total inflated size is over the limit"),
        .init("package.not-zip", .error, "the file is not a ZIP file"),
        .init(
            "package.truncated", .error,
            "the ZIP is cut short: end record missing, directory outside the file, or unreadable entries"),
        .init("package.too-many-entries", .error, "the ZIP holds more entries than the limit"),
        .init(
            "package.path-escape", .error,
            "an entry path escapes the package (.., absolute, backslash, drive letter, control character)"),
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
        .init(
            "package.manifest-mismatch", .error, "the manifest's sender, year or format version differs from the report"
        ),
        .init("profile.syntax", .error, "the platform profile is not readable YAML or not one document"),
        .init("profile.unknown-key", .error, "the platform profile has a member it does not take"),
        .init("profile.missing", .error, "a required member of the platform profile is missing"),
        .init("profile.value", .error, "a platform profile value is invalid (platform_id, layout, fields, required)"),
        .init("profile.unknown-field", .error, "the platform profile maps a key the canonical schema does not have"),
        .init("profile.duplicate", .error, "the platform profile gives a code, key or member twice"),
        .init(
            "text.legacy.contradiction", .warning,
            "the text states a legacy figure twice with different values; the first is kept"),
        .init(
            "text.legacy.inconsistent", .warning,
            "legacy figures break an L-rule; each term's place is named, nothing changed"),
        .init(
            "text.statistics.split", .note,
            "a statistics-table row's run-together digits were split the one way that fits"),
        .init(
            "text.statistics.unread", .warning,
            "a statistics-table row's figures could not be read; left empty, digits kept as facts"),
        // Uploads and the reference platform (schemas/platform/openapi.yaml).
        .init("upload.endpoint", .error, "--endpoint is not a usable https:// or http:// URL"),
        .init("upload.insecure", .error, "http:// to a host that is not loopback, without --insecure"),
        .init("upload.token", .error, "no token, or the token is empty or malformed"),
        .init("upload.timeout", .error, "no answer within --timeout, and the retries are used up"),
        .init("upload.network", .error, "the connection failed or dropped, and the retries are used up"),
        .init("upload.server-error", .error, "the platform answered 5xx until the retries ran out"),
        .init("upload.unauthorized", .error, "the platform answered 401: missing or unknown token"),
        .init("upload.forbidden", .error, "the platform answered 403: the token may not submit for this agency"),
        .init("upload.not-found", .error, "the platform knows no such package (404)"),
        .init("upload.conflict", .error, "another package body was already received under this package id (409)"),
        .init("upload.too-large", .error, "the package is over the platform's body limit (413)"),
        .init("upload.http-status", .error, "the platform answered an unexpected HTTP status"),
        .init("upload.receipt-invalid", .error, "an answer that is not a receipt, or a receipt for another package"),
        .init("upload.idempotency-key-missing", .error, "a submission without its Idempotency-Key header (400)"),
        .init(
            "upload.idempotency-key-mismatch", .error,
            "the Idempotency-Key differs from the manifest's package_id (422)"),
        .init("auth.token-missing", .error, "a request without a Bearer token (401)"),
        .init("auth.token-unknown", .error, "the token's hash is not in the token file (401)"),
        .init("auth.agency-forbidden", .error, "the token may not submit for the package's agency (403)"),
        .init("server.fault-injected", .error, "a rehearsal failure injected with --inject-faults"),
        .init("server.fault", .error, "the --inject-faults list is not understood"),
        .init("server.listen", .error, "the server cannot bind or serve on the host and port"),
        .init("store.open", .error, "the platform's SQLite store cannot be opened"),
        .init("store.write", .error, "the platform's SQLite store cannot be written"),
        .init("store.read", .error, "the platform's SQLite store cannot be read"),
        .init("store.missing", .error, "the data folder holds no platform store"),
        .init("tokens.unreadable", .error, "the token file cannot be read"),
        .init("tokens.syntax", .error, "the token file is not valid YAML"),
        .init("tokens.field", .error, "a token file member is missing, unknown or of the wrong shape"),
        .init("tokens.hash", .error, "a token's sha256 is not 64 lower-case hex digits"),
        .init("tokens.uscc", .error, "an agency in the token file is not a valid 统一社会信用代码"),
        .init("tokens.duplicate", .error, "the same token hash is listed twice"),
        .init("tokens.name", .error, "a token name has characters other than letters, digits, -, _ and ."),
        .init("schema.syntax", .error, "the schema source is not valid YAML"),
        .init("schema.shape", .error, "the schema source is not exactly one YAML document"),
        .init("schema.invalid", .error, "an entry of the schema source is invalid"),
    ]
}
