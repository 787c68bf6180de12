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

final class ValidateStep: PipelineStep {
    let threshold: Severity?
    let findingsPath: String?
    let context: StepContext
    /// Checks reports on its own thread; results are handled here, in input order.
    private let worker = ValidationWorker(validator: Validator())
    private var ready: [(item: PipelineItem, findings: [Diagnostic])] = []
    private var position = 0
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
        take(worker.submit(item))
        try handleReady(emit)
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        // After a refused report the runner calls finish again: what is left in `ready` goes on.
        take(worker.takeAll())
        try handleReady(emit)
        guard let findingsPath else { return }
        let output = try context.outputs.open(findingsPath)
        try output.sink.write(ValidationFindingsDocument.render(findings, reports: reports, failed: failed))
    }

    private func take(_ checked: [(item: PipelineItem, findings: [Diagnostic])]) {
        if position == ready.count {
            ready = checked
            position = 0
        } else {
            ready += checked
        }
    }

    /// Passes on or refuses the checked reports, oldest first; one refused report is thrown as
    /// a ``StepRejection`` and the rest stay ready for the next call.
    private func handleReady(_ emit: (PipelineItem) throws -> Void) throws {
        while position < ready.count {
            let (item, found) = ready[position]
            position += 1
            reports += 1
            if found.isEmpty {
                try emit(item)
                continue
            }
            context.count(found)
            errors += found.filter { $0.severity == .error }.count
            warnings += found.filter { $0.severity == .warning }.count
            let subject = ValidationFinding.subject(of: item.report)
            if findingsPath != nil {
                findings += found.map {
                    ValidationFinding(
                        file: item.origin.file, report: item.origin.ordinal, subject: subject, diagnostic: $0)
                }
            }
            if let threshold, let worst = found.first(where: { $0.severity >= threshold }) {
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
            try emit(item)
        }
    }
}
