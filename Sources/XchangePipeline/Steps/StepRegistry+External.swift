import XchangeCore
import XchangeFormats

extension StepRegistry {
    /// A registry of the `builtins` followed by the external steps (`xchange-step-NAME`) found
    /// on the search path of `settings`, with warnings for the external steps left out.
    ///
    /// An external step whose name a built-in step has is refused (built-ins cannot be shadowed
    /// by accident); of two external steps with one name, the first on the search path wins.
    /// Discovery only lists folders: an external step describes itself only when a pipeline
    /// uses it (see ``ExternalStepType``).
    public static func assembled(
        builtins: [any StepType], settings: ExternalSettings
    ) -> (registry: StepRegistry, warnings: [Diagnostic]) {
        let warnings = DiagnosticList()
        let registry = StepRegistry(builtins)
        for step in ExternalStep.discover(settings: settings, diagnostics: warnings) {
            if builtins.contains(where: { $0.name == step.name }) {
                warnings.report(
                    .warning(
                        "plugin.shadowed",
                        "ignoring \(step.program.label): the built-in step \(step.name) has that name"))
                continue
            }
            try? registry.register(ExternalStepType(step))
        }
        return (registry, warnings.diagnostics)
    }
}
