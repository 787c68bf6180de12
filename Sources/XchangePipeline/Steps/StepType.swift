import XchangeCore
import XchangeFormats
import XchangeYAML

/// A kind of pipeline step (`validate`, `sort`, …), registered by name in a ``StepRegistry``
/// as format modules are in a `FormatRegistry`.
///
/// The type describes its configuration (``configShape``: checked by `xchange run --check`
/// and rendered into the pipeline JSON Schema) and makes a ``PipelineStep`` from a checked
/// configuration. A step defined outside xchange (an external program) is one more type.
public protocol StepType: Sendable {
    /// The key naming the step in a pipeline file.
    var name: String { get }
    /// One line on what the step does.
    var summary: String { get }
    /// The shape of the step's configuration (the value under its name). The key `on_error`
    /// is handled by the runner and must not be declared.
    var configShape: ConfigShape { get }
    /// Makes the step from its configuration, which has passed ``configShape``. Problems the
    /// shape cannot see (an unknown field key, a value of the wrong type for its field) are
    /// thrown naming their line and column.
    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep
}

/// One step of a running pipeline. Reports arrive one at a time; the step emits any number
/// for each (none to drop it), and may emit more when the input ends (collecting steps such
/// as `sort` emit everything then).
public protocol PipelineStep: AnyObject {
    /// Takes one report. Throwing a ``Diagnostic`` refuses this report; a ``StepRejection``
    /// refuses the reports it names.
    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws
    /// Called after the last report. When it throws a ``StepRejection`` (and the step skips
    /// refused reports) it is called again, and must go on where it stopped.
    func finish(emit: (PipelineItem) throws -> Void) throws
    /// A note for the run summary (`2 duplicates dropped`), if the step has one.
    var note: String? { get }
    /// Whether the step holds reports until the input ends (for the documentation and summary).
    var collects: Bool { get }
}

extension PipelineStep {
    public func finish(emit: (PipelineItem) throws -> Void) throws {}
    public var note: String? { nil }
    public var collects: Bool { false }
}

/// What a step may use when it is made and run.
public final class StepContext: @unchecked Sendable {
    /// The pipeline file (for positions in diagnostics) and its folder (paths are relative to it).
    public let file: String
    public let folder: String
    /// Warnings and notes found while running (`aggregate`'s partial fields, validation warnings).
    public let diagnostics: any DiagnosticCollector
    /// Files steps write besides the sinks (validation findings): committed with the sinks.
    public let outputs: StagedOutputs
    /// Findings of `validate` steps, by severity, for the summary.
    public internal(set) var findingCounts: [Severity: Int] = [:]
    /// The report the source read last, while the steps of the run's own thread take it in.
    public let beingRead = ReportBeingRead()

    public init(file: String, folder: String, diagnostics: any DiagnosticCollector, outputs: StagedOutputs) {
        self.file = file
        self.folder = folder
        self.diagnostics = diagnostics
        self.outputs = outputs
    }

    /// Checks configuration values: messages name the pipeline file's lines.
    public var checker: ConfigChecker { ConfigChecker(file: file) }

    /// A path of the pipeline file made relative to the current folder.
    public func resolve(_ path: String) -> String {
        PipelinePaths.resolve(path, in: folder)
    }

    /// Counts findings for the summary.
    public func count(_ findings: [Diagnostic]) {
        for finding in findings { findingCounts[finding.severity, default: 0] += 1 }
    }
}
