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
    private var findings: [ValidationFinding] = []
    private var reports = 0
    private var failed = false
    private var errors = 0
    private var warnings = 0

    init(threshold: Severity?, findingsPath: String?, context: StepContext) {
        self.threshold = threshold
        self.findingsPath = findingsPath
        self.context = context
    }

    var note: String? {
        "\(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        reports += 1
        let found = validator.validate(item.report, source: item.origin.file)
        if !found.isEmpty { try handle(item, found) }
        try emit(item)
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        guard let findingsPath else { return }
        let output = try context.outputs.open(findingsPath)
        try output.sink.write(ValidationFindingsDocument.render(findings, reports: reports, failed: failed))
    }

    /// A copy for another thread, unless a cross-year finding could refuse a report: that is
    /// known only in input order, after the reports that follow it may have been written.
    func makeLocalCopy() -> (any LocalStepCopy)? {
        if let threshold, validator.crossYearFindings(canReach: threshold) { return nil }
        return ValidateCopy(threshold: threshold)
    }

    func absorb(_ kept: any Sendable, reportsBefore: Int) {
        guard let kept = kept as? ValidateCopy.Kept else { return }
        var alone = kept.findings[...]
        for index in 0..<kept.crossYear.count {
            let ordinal = kept.ordinals[index]
            var found: [Diagnostic] = []
            var subject: String?
            if let first = alone.first, first.ordinal == ordinal {
                (found, subject) = (first.found, first.subject)
                alone = alone.dropFirst()
            }
            let crossYear = validator.crossYearFindings(kept.crossYear, at: index, source: kept.file)
            reports += 1
            guard !found.isEmpty || !crossYear.isEmpty else { continue }
            if found.isEmpty {
                // A cross-year finding: the report has an agency and a year.
                let parts = [kept.names[index], kept.crossYear.year(at: index).map { "\($0)" }]
                subject = parts.compactMap { $0 }.joined(separator: " ")
            }
            let origin = ReportOrigin(file: kept.file, ordinal: reportsBefore + Int(ordinal))
            record(found + crossYear, origin: origin, subject: subject)
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
        if findingsPath != nil {
            findings += found.map {
                ValidationFinding(file: origin.file, report: origin.ordinal, subject: subject, diagnostic: $0)
            }
        }
    }
}

/// A ``ValidateStep``'s copy for another thread: checks each report alone, keeps its findings
/// and what the cross-year rules need, and throws (so that the piece is read again in order)
/// when a report must be refused.
final class ValidateCopy: LocalStepCopy {
    /// What the copy kept of one piece.
    struct Kept: Sendable {
        var file = ""
        /// Findings of the reports that have some, in order, by their number in the piece.
        var findings: [(ordinal: Int32, subject: String?, found: [Diagnostic])] = []
        /// Each report checked: its number in the piece, its agency's name, its cross-year figures.
        var ordinals: [Int32] = []
        var names: [String?] = []
        var crossYear: CrossYearBatch
    }

    /// A report to refuse: the step itself words the refusal when it reads the piece again.
    struct Refusal: Error {}

    /// `meta.agency_name`, looked up once rather than by its key for every report.
    private static let agencyName = CanonicalSchema.v1.fieldID("meta.agency_name")!

    let threshold: Severity?
    private let validator = Validator()
    private var kept: Kept

    init(threshold: Severity?) {
        self.threshold = threshold
        kept = Kept(crossYear: validator.makeCrossYearBatch())
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        let found = validator.validateAlone(item.report, source: item.origin.file)
        if !found.isEmpty {
            if let threshold, found.contains(where: { $0.severity >= threshold }) { throw Refusal() }
            kept.findings.append((Int32(item.origin.ordinal), ValidationFinding.subject(of: item.report), found))
        }
        if kept.ordinals.isEmpty { kept.file = item.origin.file }
        kept.ordinals.append(Int32(item.origin.ordinal))
        if case .text(let name)? = item.report.values[Self.agencyName] {
            kept.names.append(name)
        } else {
            kept.names.append(nil)
        }
        validator.note(item.report, in: &kept.crossYear)
        try emit(item)
    }

    func takeKept() -> (any Sendable)? {
        var fresh = Kept(crossYear: validator.makeCrossYearBatch())
        swap(&fresh, &kept)
        return fresh.ordinals.isEmpty ? nil : fresh
    }
}
