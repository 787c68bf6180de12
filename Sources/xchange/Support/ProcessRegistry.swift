import Foundation
import XchangeCore
import XchangeFormats
import XchangePipeline
import XchangePlatform

/// The one registry every command uses, built once per process: the built-in modules, then the
/// external ones found on `XCHANGE_PLUGIN_PATH` and `PATH` (see README, "External modules").
enum ProcessRegistry {
    /// The modules compiled into xchange, in the order `xchange formats` lists them: the format
    /// library's, then those of libraries built on it (the submission package).
    static let builtinModules: [any FormatModule] = builtinFormatModules + [PlatformFormat()]

    /// How external programs are found and run, from the environment.
    static let settings = ExternalSettings.from(
        environment: ProcessInfo.processInfo.environment, diagnostics: DiagnosticPrinter())

    /// The registry. Building it prints a warning for each external module left out (its id
    /// taken by a built-in, or by an earlier external module on the search path).
    static let shared: FormatRegistry = {
        let (registry, warnings) = FormatRegistry.assembled(builtins: builtinModules, settings: settings)
        for warning in warnings { StandardError.write(warning.description) }
        return registry
    }()

    /// The pipeline step types: the built-in steps, then the external steps
    /// (`xchange-step-NAME`) on the same search path. Building it prints a warning for each
    /// external step left out (its name taken by a built-in, or by an earlier external step);
    /// an external step describes itself only when a pipeline uses it.
    static let steps: StepRegistry = {
        let (registry, warnings) = StepRegistry.assembled(builtins: StepRegistry.builtinTypes, settings: settings)
        for warning in warnings { StandardError.write(warning.description) }
        return registry
    }()
}
