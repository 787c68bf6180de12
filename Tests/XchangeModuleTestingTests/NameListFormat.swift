import XchangeCore

/// A small format for testing the suite itself: one agency name per line. Each fault can be
/// switched on, so that a test can show the suite finds it.
struct NameListFormat: FormatModule {
    struct Faults: OptionSet, Sendable {
        let rawValue: Int
        /// Bad input throws a plain Swift error instead of a diagnostic.
        static let untypedErrors = Faults(rawValue: 1)
        /// Diagnostics name no line.
        static let noLines = Faults(rawValue: 2)
        /// An option with a default outside its values, declared for reading, which it cannot do
        /// when `writeOnly` is set too.
        static let badOption = Faults(rawValue: 4)
        /// The module cannot read.
        static let writeOnly = Faults(rawValue: 8)
        /// The first character of each name is dropped on writing.
        static let dropsACharacter = Faults(rawValue: 16)
    }

    var faults: Faults = []

    let id = "names"
    let name = "Agency names"
    let summary = "one agency name per line"
    let fileExtensions = ["names"]
    var capabilities: FormatCapabilities { faults.contains(.writeOnly) ? [.write] : [.read, .write] }
    var options: [FormatOption] {
        let base = [FormatOption.flag("upper", summary: "nothing at all, on writing", default: false, for: .write)]
        guard faults.contains(.badOption) else { return base }
        return base + [
            FormatOption(name: "mode", summary: "a broken choice", values: ["a", "b"], defaultValue: "c", for: .read)
        ]
    }

    func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws
        -> any ReportReader
    {
        guard capabilities.contains(.read) else { throw Diagnostic.error("format.cannot-read", "write only") }
        return NameListReader(input: input, faults: faults)
    }

    func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws
        -> any ReportWriter
    {
        _ = options.bool("upper")
        return NameListWriter(output: output, faults: faults)
    }
}

struct UntypedFailure: Error {}

final class NameListReader: ReportReader {
    private var lines: [Substring] = []
    private var line = 0
    private let input: InputSource
    private let faults: NameListFormat.Faults
    private var loaded = false

    init(input: InputSource, faults: NameListFormat.Faults) {
        self.input = input
        self.faults = faults
    }

    func next() throws -> Report? {
        if !loaded {
            loaded = true
            let bytes = try input.readAll()
            guard let text = String(validating: bytes, as: UTF8.self), !bytes.contains(0) else {
                if faults.contains(.untypedErrors) { throw UntypedFailure() }
                let line = faults.contains(.noLines) ? nil : 1
                throw Diagnostic.error(
                    "names.encoding", "not UTF-8 text", at: SourceReference(file: input.displayName, line: line))
            }
            lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if lines.last == "" { lines.removeLast() }
        }
        guard line < lines.count else { return nil }
        line += 1
        var report = Report()
        do {
            try report.set("meta.agency_name", to: .text(String(lines[line - 1])))
        } catch {
            let location = SourceReference(file: input.displayName, line: faults.contains(.noLines) ? nil : line)
            throw Diagnostic.error("names.value", error.message, at: location)
        }
        return report
    }
}

final class NameListWriter: ReportWriter {
    private let output: OutputSink
    private let faults: NameListFormat.Faults

    init(output: OutputSink, faults: NameListFormat.Faults) {
        self.output = output
        self.faults = faults
    }

    func write(_ report: Report) throws {
        let name = report.agencyName ?? ""
        try output.write((faults.contains(.dropsACharacter) ? String(name.dropFirst()) : name) + "\n")
    }

    func finish() throws {}
}
