/// What a format module can do.
public struct FormatCapabilities: OptionSet, Hashable, Sendable {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }

    public static let read = FormatCapabilities(rawValue: 1)
    public static let write = FormatCapabilities(rawValue: 2)
}

/// A format xchange reads or writes: JSON, YAML, CSV, report text, HTML.
///
/// A module declares what it is and hands out readers and writers; it knows nothing of other
/// modules. Built-in modules are Swift types; external modules (programs found on a search
/// path) conform through an adapter, so the registry holds both alike.
public protocol FormatModule: Sendable {
    /// Short stable id used by `--from`/`--to` (`json`, `csv`).
    var id: String { get }
    /// A human name (`JSON`, `Report text`).
    var name: String { get }
    /// One line on what the format is for.
    var summary: String { get }
    /// File extensions without the dot, lower case (`json`, `jsonl`).
    var fileExtensions: [String] { get }
    var capabilities: FormatCapabilities { get }
    /// The `--option key=value` settings the module understands.
    var options: [FormatOption] { get }
    /// Where the program behind an external module is; nil for modules compiled into xchange.
    /// The registry asks external modules about file extensions only when no built-in module
    /// claims one, so that resolving `report.json` starts no program.
    var externalPath: String? { get }

    /// Makes sure the module can be used before its description is trusted: an external module
    /// runs its `describe` here (once) and throws what went wrong, naming itself. Built-in
    /// modules are always ready.
    func prepare() throws(Diagnostic)

    /// A reader over `input`. Reports stream out one at a time; formats that can stream must
    /// not hold the whole input.
    func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader

    /// A writer into `output`. Reports stream in one at a time.
    func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter
}

extension FormatModule {
    public var options: [FormatOption] { [] }
    public var externalPath: String? { nil }
    public func prepare() throws(Diagnostic) {}

    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        throw Diagnostic.error("format.cannot-read", "the \(id) format can only be written, not read")
    }

    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        throw Diagnostic.error("format.cannot-write", "the \(id) format can only be read, not written")
    }
}

/// A stream of reports read from an input.
public protocol ReportReader: AnyObject {
    /// The next report, or nil at the end of the input. Problems that stop reading are thrown
    /// as ``Diagnostic``s; problems that do not are reported to the reader's collector.
    func next() throws -> Report?
}

/// A sink of reports written to an output.
public protocol ReportWriter: AnyObject {
    func write(_ report: Report) throws
    /// Completes the output (closing brackets, flushing buffers). Called once after the last report.
    func finish() throws
}

/// A reader that can read the report it last returned again, this time recording the line
/// and column of every value as its provenance.
///
/// Recording positions costs time on every value; `validate` reads without them and asks for
/// them only for a report that has findings, and only for the fields that place those
/// findings, so that they point at lines.
public protocol PositionedRereading: ReportReader {
    /// The report last returned by ``ReportReader/next()``, read again with positions; nil
    /// before the first report. Call it before the next `next()`.
    func rereadWithPositions() throws -> Report?

    /// Where the values of `fields` stand in the report last returned by
    /// ``ReportReader/next()``: the provenance ``rereadWithPositions()`` would give them (a
    /// field that is absent, or has none, is left out). Call it before the next `next()`.
    ///
    /// The default reads the report again with ``rereadWithPositions()``; a reader that can
    /// find a few positions more cheaply implements it.
    func positions(of fields: FieldSet) throws -> [FieldID: SourceReference]
}

extension PositionedRereading {
    public func positions(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        try positionsByRereading(of: fields)
    }

    /// ``positions(of:)`` as the default finds them: the provenance of the report read again
    /// with ``rereadWithPositions()``.
    public func positionsByRereading(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        guard let report = try rereadWithPositions(), !report.provenance.isEmpty else { return [:] }
        var found: [FieldID: SourceReference] = [:]
        for index in CanonicalSchema.v1.fields.indices where fields.contains(FieldID(index: index)) {
            if let reference = report.provenance[CanonicalSchema.v1.fields[index].key] {
                found[FieldID(index: index)] = reference
            }
        }
        return found
    }
}

extension ReportReader {
    /// Where the values of `fields` stand in the report last returned, when the reader can
    /// say (``PositionedRereading``); none otherwise.
    public func knownPositions(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        try (self as? any PositionedRereading)?.positions(of: fields) ?? [:]
    }
}
