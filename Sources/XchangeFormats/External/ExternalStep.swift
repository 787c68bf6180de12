import Foundation
import XchangeCore
import XchangeJSON

/// A pipeline step that is a separate program, `xchange-step-NAME`: `describe`, and `run
/// [--option k=v]...` turning canonical JSON Lines of reports on stdin into canonical JSON Lines
/// on stdout (`schemas/plugin-protocol.md`).
///
/// Running it streams both ways: the reports coming in are encoded on a thread of their own
/// while the caller reads the step's reports one at a time, so neither side is held whole.
public final class ExternalStep: @unchecked Sendable {
    private let description: DescriptionCache

    /// A step for `program`, described when first needed.
    public init(program: ExternalProgram, settings: ExternalSettings) {
        description = DescriptionCache(program: program, settings: settings)
    }

    /// The program and where it was found.
    public var program: ExternalProgram { description.program }
    /// How it is run.
    public var settings: ExternalSettings { description.settings }

    /// Every `xchange-step-*` program on the search path of `settings`; later ones with an
    /// earlier one's name are reported as warnings.
    public static func discover(settings: ExternalSettings, diagnostics: any DiagnosticCollector) -> [ExternalStep] {
        ExternalDiscovery.find(.step, in: settings.searchPath, diagnostics: diagnostics)
            .map { ExternalStep(program: $0, settings: settings) }
    }

    /// The step's name (the executable's name after `xchange-step-`).
    public var name: String { program.name }

    /// The step's description, running `describe` the first time.
    public func describe() throws(Diagnostic) -> ProgramDescription { try description.get() }

    /// Runs the step over the reports of `input`; the reports it prints come out of the reader
    /// returned, checked against the canonical schema. Options are checked against those the
    /// step declares. The step's diagnostics go to `diagnostics`; a step that fails, crashes,
    /// hangs past the time limit or prints something other than reports makes the reader
    /// throw an error naming it.
    public func run(
        _ input: any ReportReader, options: [String: String], diagnostics: any DiagnosticCollector
    ) throws(Diagnostic) -> any ReportReader {
        let declared = try describe().options.map(\.name)
        for (key, value) in options.sorted(by: { $0.key < $1.key }) {
            guard let option = try describe().options.first(where: { $0.name == key }) else {
                let hint = NearestName.find(key, among: declared).map { "did you mean \($0)? " } ?? ""
                let list =
                    declared.isEmpty ? "it takes no options" : "its options are: \(declared.joined(separator: ", "))"
                throw Diagnostic.error("option.unknown", "\(program.label) has no option \"\(key)\"; \(hint)\(list)")
            }
            if !option.values.isEmpty, !option.values.contains(value) {
                throw Diagnostic.error(
                    "option.value",
                    "option \(key) of \(program.label) takes \(option.values.joined(separator: ", ")), not \"\(value)\""
                )
            }
        }
        let arguments = ["run"] + options.sorted { $0.key < $1.key }.flatMap { ["--option", "\($0.key)=\($0.value)"] }
        let call = try ExternalCall(
            program, arguments: arguments, settings: settings, file: nil, diagnostics: diagnostics)
        let source = ReportLines(input)
        call.feed { try source.nextChunk() }
        return ExternalReportReader(call: call, diagnostics: diagnostics)
    }
}

/// Reports from a reader as canonical JSON Lines, a few reports' worth at a time. Used only by
/// the one thread that feeds a step, which is what makes handing the reader over safe.
final class ReportLines: @unchecked Sendable {
    private let reader: any ReportReader
    private let encoder = CanonicalEncoder(includeProvenance: true)
    private var pending: [UInt8] = []
    private var writer: JSONWriter!

    init(_ reader: any ReportReader) {
        self.reader = reader
        writer = JSONWriter(style: .compact, chunkSize: 1 << 16) { [unowned self] in pending += $0 }
    }

    /// The next chunk of JSON Lines; empty after the last report.
    func nextChunk() throws -> [UInt8] {
        while pending.count < 1 << 16, let report = try reader.next() {
            try encoder.encode(report, to: &writer!)
            writer.newline()
        }
        try writer.flush()
        defer { pending.removeAll(keepingCapacity: true) }
        return pending
    }
}
