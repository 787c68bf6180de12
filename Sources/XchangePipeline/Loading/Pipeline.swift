import XchangeCore
import XchangeYAML

/// A loaded, checked pipeline file: what `xchange run` executes.
public struct Pipeline: Sendable {
    /// The pipeline file as given, and its folder (every relative path in it starts there).
    public let file: String
    public let folder: String
    /// `name:`, shown in the summary.
    public let name: String?
    public let sources: [PipelineSource]
    public let steps: [PipelineStepEntry]
    public let sinks: [PipelineSink]
    /// `rejects:`, resolved: where reports refused by `on_error: skip` steps go.
    public let rejects: String?
}

/// One entry of `sources:`.
public struct PipelineSource: Sendable {
    /// The path or glob as written, and resolved against the pipeline's folder.
    public let pattern: String
    public let resolved: String
    /// `format:`, if given; otherwise each file's extension decides.
    public let formatID: String?
    /// Read options, with `columns`/`unmapped` folded in.
    public let options: [String: String]
    /// Where the entry is in the pipeline file.
    public let line: Int
}

/// One entry of `steps:`: a registered step type with its configuration.
public struct PipelineStepEntry: Sendable {
    public let type: any StepType
    public let config: YAMLNode
    /// `on_error: skip`: refused reports go to the rejects file and the run goes on.
    public let skipsOnError: Bool
    public let line: Int
}

/// One entry of `sinks:`.
public struct PipelineSink: Sendable {
    /// The path, resolved against the pipeline's folder; may hold `{field}` placeholders.
    public let path: FieldTemplate
    public let module: any FormatModule
    public let options: FormatOptions
}
