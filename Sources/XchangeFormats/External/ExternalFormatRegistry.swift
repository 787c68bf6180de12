import XchangeCore

extension FormatRegistry {
    /// A registry of the `builtins` followed by the external format modules found on the
    /// search path of `settings`, with warnings for the external modules left out.
    ///
    /// An external module whose id a built-in has is refused (built-ins cannot be shadowed by
    /// accident); of two external modules with one id, the first on the search path wins.
    /// External modules describe themselves only when first used (see ``ExternalFormatModule``).
    public static func assembled(
        builtins: [any FormatModule], settings: ExternalSettings
    ) -> (registry: FormatRegistry, warnings: [Diagnostic]) {
        let warnings = DiagnosticList()
        let registry = FormatRegistry(builtins)
        for program in ExternalDiscovery.find(.format, in: settings.searchPath, diagnostics: warnings) {
            if let builtin = builtins.first(where: { $0.id == program.name }) {
                warnings.report(
                    .warning(
                        "plugin.shadowed",
                        "ignoring \(program.label): the built-in \(builtin.name) format has the id \(builtin.id)"))
                continue
            }
            try? registry.register(ExternalFormatModule(program: program, settings: settings))
        }
        return (registry, warnings.diagnostics)
    }
}
