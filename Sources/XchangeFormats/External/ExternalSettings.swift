import XchangeCore

/// How external programs are found and run, from the environment.
public struct ExternalSettings: Sendable {
    /// The default time limit of one call, in seconds.
    public static let defaultTimeout = 120.0

    /// Folders searched for `xchange-format-*` and `xchange-step-*`, in order:
    /// `XCHANGE_PLUGIN_PATH`, then `PATH`.
    public var searchPath: [String]
    /// Seconds one call may take before the program is killed (`XCHANGE_PLUGIN_TIMEOUT`).
    public var timeout: Double

    /// Settings with these folders and time limit (see ``from(environment:diagnostics:)``).
    public init(searchPath: [String], timeout: Double = Self.defaultTimeout) {
        self.searchPath = searchPath
        self.timeout = timeout
    }

    /// Reads `XCHANGE_PLUGIN_PATH`, `PATH` and `XCHANGE_PLUGIN_TIMEOUT`. A timeout that is not a
    /// number of seconds above 0 is reported as a warning and the default is used.
    public static func from(
        environment: [String: String], diagnostics: any DiagnosticCollector
    ) -> ExternalSettings {
        let folders = [environment["XCHANGE_PLUGIN_PATH"], environment["PATH"]]
            .compactMap { $0 }
            .flatMap { $0.split(separator: ":").map(String.init) }
            .filter { !$0.isEmpty }
        var timeout = defaultTimeout
        if let text = environment["XCHANGE_PLUGIN_TIMEOUT"] {
            if let seconds = Double(text), seconds > 0, seconds.isFinite {
                timeout = seconds
            } else {
                diagnostics.report(
                    .warning(
                        "plugin.timeout-setting",
                        "XCHANGE_PLUGIN_TIMEOUT must be a number of seconds above 0, not \"\(text)\"; using \(Int(defaultTimeout))"
                    ))
            }
        }
        return ExternalSettings(searchPath: folders, timeout: timeout)
    }
}
