import XchangeCore
import XchangeFormats
import XchangeYAML

/// `validate` applies the schema's rules to each report. A report with a finding at or above
/// `fail_on` (error by default; warning; never) is refused; `findings: PATH` writes every
/// finding in the shape of `xchange validate --format json`.
struct ValidateStepType: StepType {
    let name = "validate"
    let summary = "apply the schema's rules; fail_on: error|warning|never; findings: PATH writes them as JSON"
    var configShape: ConfigShape {
        .object([
            ConfigProperty(
                "fail_on", .choice(["error", "warning", "never"]),
                "the lowest severity that refuses a report (default error)"),
            ConfigProperty(
                "findings", .string, "write every finding here, as `xchange validate --format json` prints them"),
        ])
    }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let threshold: Severity? =
            switch config["fail_on"]?.scalar?.value {
            case "warning": .warning
            case "never": nil
            default: .error
            }
        var findingsPath: String?
        if let node = config["findings"], let path = node.scalar?.value {
            do {
                findingsPath = try context.outputs.reserve(context.resolve(path))
            } catch {
                throw context.checker.error(error.code, error.message, at: node.mark)
            }
        }
        return ValidateStep(threshold: threshold, findingsPath: findingsPath, context: context)
    }
}

/// Checks each report as it passes, on the pipeline's own thread: the validator screens a
/// clean report in a few microseconds, less than handing it to another thread would cost.
/// When a source is read in pieces, copies check the reports alone on the other threads
/// (``ValidateCopy``) and the step takes in their findings and runs the cross-year rules in
/// input order.
final class ValidateStep: ReportLocalStep {
    let threshold: Severity?
    let findingsPath: String?
    let context: StepContext
    private let validator = Validator()
    /// The findings for the findings file, when there is one.
    private let findings: ValidationFindingsSpool?
    private var reports = 0
    private var failed = false
    private var errors = 0
    private var warnings = 0

    init(threshold: Severity?, findingsPath: String?, context: StepContext) {
        self.threshold = threshold
        self.findingsPath = findingsPath
        self.context = context
        findings = findingsPath == nil ? nil : ValidationFindingsSpool()
    }

    var note: String? {
        "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        reports += 1
        let found = validator.validate(item.report, source: item.origin.file) { fields in
            context.beingRead.positions(of: fields, for: item.origin)
        }
        if !found.isEmpty { try handle(item, found) }
        try emit(item)
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        guard let findingsPath, let findings else { return }
        let output = try context.outputs.open(findingsPath)
        try ValidationFindingsDocument.write(findings, reports: reports, failed: failed) { try output.sink.write($0) }
    }

    /// A copy for another thread, unless a cross-year finding could refuse a report: that is
    /// known only in input order, after the reports that follow it may have been written.
    func makeLocalCopy() -> (any LocalStepCopy)? {
        if let threshold, validator.crossYearFindings(canReach: threshold) { return nil }
        return ValidateCopy(threshold: threshold)
    }

    func absorb(_ kept: any Sendable, reportsBefore: Int) {
        guard let kept = kept as? CheckedReports else { return }
        reports += kept.count
        kept.merge(into: validator) { ordinal, subject, found in
            record(found, origin: ReportOrigin(file: kept.source, ordinal: reportsBefore + ordinal), subject: subject)
        }
    }

    /// Counts and keeps a report's findings; refuses the report (a ``StepRejection``) when one
    /// is at or above `fail_on`.
    private func handle(_ item: PipelineItem, _ found: [Diagnostic]) throws {
        let subject = ValidationFinding.subject(of: item.report)
        record(found, origin: item.origin, subject: subject)
        guard let threshold, let worst = found.first(where: { $0.severity >= threshold }) else { return }
        failed = true
        let refusing = found.filter { $0.severity >= threshold }
        for finding in refusing { context.diagnostics.report(finding) }
        let more = refusing.count > 1 ? " (and \(refusing.count - 1) more)" : ""
        throw StepRejection(
            Diagnostic.error(
                "pipeline.invalid-report",
                "\(item.origin)\(subject.map { " " + $0 } ?? ""): \(worst.code) \(worst.field.map { $0 + ": " } ?? "")\(worst.message)\(more)"
            ),
            items: [item])
    }

    /// Counts a report's findings, and keeps them for the findings file.
    private func record(_ found: [Diagnostic], origin: ReportOrigin, subject: String?) {
        context.count(found)
        errors += found.filter { $0.severity == .error }.count
        warnings += found.filter { $0.severity == .warning }.count
        for diagnostic in found {
            findings?.add(
                ValidationFinding(file: origin.file, report: origin.ordinal, subject: subject, diagnostic: diagnostic))
        }
    }
}

/// A ``ValidateStep``'s copy for another thread: checks each report alone, keeps its findings
/// and what the cross-year rules need, and throws (so that the piece is read again in order)
/// when a report must be refused.
final class ValidateCopy: LocalStepCopy {
    /// A report to refuse: the step itself words the refusal when it reads the piece again.
    struct Refusal: Error {}

    let threshold: Severity?
    private let validator = Validator()
    private var kept: CheckedReports
    private var beingRead: ReportBeingRead?

    init(threshold: Severity?) {
        self.threshold = threshold
        kept = CheckedReports(source: "", checkedBy: validator)
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        let found = validator.validateAlone(item.report, source: item.origin.file) { fields in
            beingRead?.positions(of: fields, for: item.origin) ?? [:]
        }
        if let threshold, found.contains(where: { $0.severity >= threshold }) { throw Refusal() }
        if kept.count == 0 { kept.source = item.origin.file }
        kept.add(item.report, ordinal: item.origin.ordinal, found: found, by: validator)
        try emit(item)
    }

    func reads(from beingRead: ReportBeingRead) {
        self.beingRead = beingRead
    }

    func takeKept() -> (any Sendable)? {
        var fresh = CheckedReports(source: "", checkedBy: validator)
        swap(&fresh, &kept)
        return fresh.count == 0 ? nil : fresh
    }
}
