import Foundation
import XchangeCore

/// A format module that is a separate program, `xchange-format-ID`, speaking the plugin
/// protocol (`schemas/plugin-protocol.md`): `describe`, `read` and `write` over pipes.
///
/// The description is obtained lazily, once per process: discovering a module lists a folder,
/// and only a module that is used (or listed) is run to describe itself. Until then the
/// registry knows it only by its id.
public final class ExternalFormatModule: FormatModule, @unchecked Sendable {
    private let description: DescriptionCache

    /// A module for `program`, described when first needed.
    public init(program: ExternalProgram, settings: ExternalSettings) {
        description = DescriptionCache(program: program, settings: settings)
    }

    /// The program and where it was found.
    public var program: ExternalProgram { description.program }
    /// How it is run.
    public var settings: ExternalSettings { description.settings }

    /// The program's description, running `describe` the first time.
    public func describe() throws(Diagnostic) -> ProgramDescription { try description.get() }

    public func prepare() throws(Diagnostic) { _ = try describe() }

    public var id: String { program.name }
    public var externalPath: String? { program.path }
    public var name: String { (try? describe())?.name ?? program.executableName }
    public var summary: String { (try? describe())?.summary ?? "" }
    public var fileExtensions: [String] { (try? describe())?.fileExtensions ?? [] }
    public var capabilities: FormatCapabilities { (try? describe())?.capabilities ?? [] }
    public var options: [FormatOption] { (try? describe())?.options ?? [] }

    /// Runs `xchange-format-ID read`, feeding it the input; its canonical JSON Lines are read
    /// back and checked against the schema.
    public func makeReader(
        _ input: InputSource, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportReader {
        try prepare()
        let call = try ExternalCall(
            program, arguments: ["read"] + Self.arguments(options), settings: settings, file: input.displayName,
            diagnostics: diagnostics)
        call.feed { try input.read(upTo: 1 << 16) }
        return ExternalReportReader(
            call: call, diagnostics: diagnostics,
            positions: ExternalPositions(module: self, options: options, input: input))
    }

    /// Runs `xchange-format-ID write`, feeding it canonical JSON Lines; what it prints goes to
    /// the output.
    public func makeWriter(
        _ output: OutputSink, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> any ReportWriter {
        try prepare()
        let call = try ExternalCall(
            program, arguments: ["write"] + Self.arguments(options), settings: settings, file: output.displayName,
            diagnostics: diagnostics)
        return ExternalReportWriter(call: call, output: output)
    }

    /// `--option k=v` for each value given (not the defaults: the program applies its own), in a
    /// stable order.
    static func arguments(_ options: FormatOptions) -> [String] { arguments(options.given) }

    /// `--option k=v` for each of `given`, in a stable order.
    static func arguments(_ given: [String: String]) -> [String] {
        given.sorted { $0.key < $1.key }.flatMap { ["--option", "\($0.key)=\($0.value)"] }
    }
}
