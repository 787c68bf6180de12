import XchangeCore

extension FormatRegistry {
    /// A registry holding every format module compiled into xchange.
    public static var builtin: FormatRegistry {
        FormatRegistry(builtinFormatModules)
    }
}

/// The built-in format modules, in the order `xchange formats` lists them.
public let builtinFormatModules: [any FormatModule] = [
    JSONFormat(),
    YAMLFormat(),
    CSVFormat(),
    TextFormat(),
    HTMLFormat(),
    // new-format: `swift package new-format ID` adds modules above this line.
]
