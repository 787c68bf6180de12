import XchangeCore

/// A report on its way through a pipeline, with where it was read (for findings and rejects).
public struct PipelineItem: Sendable {
    public var report: Report
    public var origin: ReportOrigin

    public init(report: Report, origin: ReportOrigin) {
        self.report = report
        self.origin = origin
    }
}

/// Where a report entered the pipeline: its source file and its 1-based position there. A
/// report a step makes (an aggregate) names the step instead of a file.
public struct ReportOrigin: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var ordinal: Int

    public init(file: String, ordinal: Int) {
        self.file = file
        self.ordinal = ordinal
    }

    /// `inbox/a.csv (report 3)`.
    public var description: String { "\(file) (report \(ordinal))" }
}

/// A step refusing reports: with `on_error: skip` they go to the rejects file with the reason,
/// otherwise the run stops. A plain ``Diagnostic`` thrown by a step refuses the report it was given.
public struct StepRejection: Error, Sendable {
    public let diagnostic: Diagnostic
    public let items: [PipelineItem]

    public init(_ diagnostic: Diagnostic, items: [PipelineItem]) {
        self.diagnostic = diagnostic
        self.items = items
    }
}

/// A step failing as a whole rather than refusing a report (an external program that crashed):
/// the run stops even with `on_error: skip`, since the reports it held cannot be told apart.
public struct StepFailure: Error, Sendable {
    /// What went wrong, naming the step's program.
    public let diagnostic: Diagnostic

    /// The step failed with `diagnostic`.
    public init(_ diagnostic: Diagnostic) {
        self.diagnostic = diagnostic
    }
}
