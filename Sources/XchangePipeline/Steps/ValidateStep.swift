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
final class ValidateStep: PipelineStep {
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

    /// Counts and keeps a report's findings; refuses the report (a ``StepRejection``) when one
    /// is at or above `fail_on`.
    private func handle(_ item: PipelineItem, _ found: [Diagnostic]) throws {
        context.count(found)
        errors += found.filter { $0.severity == .error }.count
        warnings += found.filter { $0.severity == .warning }.count
        let subject = ValidationFinding.subject(of: item.report)
        if findingsPath != nil {
            findings += found.map {
                ValidationFinding(file: item.origin.file, report: item.origin.ordinal, subject: subject, diagnostic: $0)
            }
        }
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
}
