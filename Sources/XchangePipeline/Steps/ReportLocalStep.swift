/// A step whose handling of a report depends on that report alone, not on the reports before
/// it. Copies of it can handle different pieces of one input at the same time, one copy per
/// thread, and what they kept is taken in by the step in input order: a pipeline whose steps
/// are all such steps reads a source in pieces on every core.
public protocol ReportLocalStep: PipelineStep {
    /// A copy for one thread (the step itself when it keeps nothing and may be shared), or nil
    /// when this configuration must see every report in order.
    func makeLocalCopy() -> (any LocalStepCopy)?
    /// Takes in what one of the copies kept (``LocalStepCopy/takeKept()``) of the reports of one
    /// piece, in input order. The piece's reports were numbered from 1 on; in their file they
    /// come after `reportsBefore` others.
    func absorb(_ kept: any Sendable, reportsBefore: Int)
}

extension ReportLocalStep {
    public func absorb(_ kept: any Sendable, reportsBefore: Int) {}
}

/// A ``ReportLocalStep``'s copy for one thread.
public protocol LocalStepCopy: AnyObject {
    /// Takes one report, as ``PipelineStep/process(_:emit:)`` does. Anything thrown sends the
    /// piece to be read again in order, through the step itself, which then refuses the report.
    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws
    /// What the copy kept of the reports it took since the last call (nil for nothing), for
    /// ``ReportLocalStep/absorb(_:reportsBefore:)``; the copy then starts afresh.
    func takeKept() -> (any Sendable)?
    /// Where the copy's thread tells which report its reader returned last, for a copy that
    /// asks where values stand; the default does not ask.
    func reads(from beingRead: ReportBeingRead)
}

extension LocalStepCopy {
    public func reads(from beingRead: ReportBeingRead) {}
}

/// A step that keeps nothing between reports is its own copy on every thread.
protocol StatelessStep: ReportLocalStep, LocalStepCopy {}

extension StatelessStep {
    public func makeLocalCopy() -> (any LocalStepCopy)? { self }
    public func takeKept() -> (any Sendable)? { nil }
}
