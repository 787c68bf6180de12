import XchangeCore
import XchangeFormats
import XchangeYAML

/// A pipeline step that is a separate program, `xchange-step-NAME` (see
/// `schemas/plugin-protocol.md`), registered as one more ``StepType``.
///
/// The step's options are a mapping of scalars in the pipeline file (`- stamp: {field: …,
/// value: …}`), checked against those the program declares and passed as `--option k=v`. The
/// program is asked to `describe` itself only when a pipeline uses it (once per process), and
/// started only when the first report reaches it; `xchange run --check` never starts it.
public struct ExternalStepType: StepType {
    /// The program behind the step.
    public let step: ExternalStep

    /// The step type of an external step.
    public init(_ step: ExternalStep) {
        self.step = step
    }

    /// The step's name: the program's file name after `xchange-step-`.
    public var name: String { step.name }

    /// The program's own summary (this runs `describe`), or where it is if it cannot say.
    public var summary: String { (try? step.describe().summary) ?? step.program.label }

    /// The options the program declares, each a single value (one of its `values` if it lists
    /// them). A program that cannot describe itself gets no shape: ``makeStep(_:context:)``
    /// reports why.
    public var configShape: ConfigShape {
        guard let description = try? step.describe() else { return .any }
        return .object(
            description.options.map { option in
                ConfigProperty(option.name, option.values.isEmpty ? .scalar : .choice(option.values), option.summary)
            })
    }

    /// The step with the options of `config` (checked by ``configShape``), not yet started.
    /// A program that cannot describe itself is an error at the step's place in the file.
    public func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        do {
            _ = try step.describe()
        } catch {
            var failure = error
            failure.location = SourceReference(file: context.file, line: config.mark.line, column: config.mark.column)
            throw failure
        }
        var options: [String: String] = [:]
        for pair in config.mapping ?? [] {
            guard let key = pair.key.scalar?.value else { continue }
            options[key] = pair.value.scalar?.value ?? ""
        }
        return ExternalPipelineStep(step: step, options: options, diagnostics: context.diagnostics)
    }
}

/// A running external step: the program starts with the first report (or at the end of an
/// input without reports) and streams reports through an ``ExternalStepSession``.
///
/// The protocol does not say which report in gave which report out, so the reports the program
/// prints are new reports to the pipeline, numbered in the order they come (`stamp (report 3)`),
/// as `aggregate` numbers its own. For the same reason a failing program is a ``StepFailure``:
/// the reports it held cannot be told apart, so the run stops even with `on_error: skip`.
final class ExternalPipelineStep: PipelineStep {
    private let step: ExternalStep
    private let options: [String: String]
    private let diagnostics: any DiagnosticCollector
    private var session: ExternalStepSession?
    private var printed = 0

    init(step: ExternalStep, options: [String: String], diagnostics: any DiagnosticCollector) {
        self.step = step
        self.options = options
        self.diagnostics = diagnostics
    }

    /// An error of a later step or sink, carried through the session untouched.
    private struct Downstream: Error {
        let error: any Error
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        do {
            try started().process(item.report) { report in try forward(report, to: emit) }
        } catch {
            throw translated(error)
        }
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        do {
            try started().finish { report in try forward(report, to: emit) }
        } catch {
            throw translated(error)
        }
    }

    private func started() throws(Diagnostic) -> ExternalStepSession {
        if let session { return session }
        let session = try ExternalStepSession(step: step, options: options, diagnostics: diagnostics)
        self.session = session
        return session
    }

    /// Hands a report the program printed on, keeping the errors of `emit` apart from the step's.
    private func forward(_ report: Report, to emit: (PipelineItem) throws -> Void) throws {
        printed += 1
        do {
            try emit(PipelineItem(report: report, origin: ReportOrigin(file: step.name, ordinal: printed)))
        } catch {
            throw Downstream(error: error)
        }
    }

    /// The errors of `emit` as they were; the program's failures as a ``StepFailure``.
    private func translated(_ error: any Error) -> any Error {
        switch error {
        case let downstream as Downstream: downstream.error
        case let diagnostic as Diagnostic: StepFailure(diagnostic)
        default: StepFailure(.error("plugin.failed", "\(step.program.label) failed: \(error)"))
        }
    }
}
