import XchangeCore
import XchangeFormats
import XchangePlatform

extension FormatRegistry {
    /// Every format the command line offers: the built-in modules, then those of libraries
    /// that build on them (the submission package).
    static var commandLine: FormatRegistry {
        let registry = FormatRegistry.builtin
        try? registry.register(PlatformFormat())
        return registry
    }
}
