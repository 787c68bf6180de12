import Foundation

/// An external program xchange runs: a format module (`xchange-format-ID`) or a pipeline step
/// (`xchange-step-NAME`), found on the plugin search path.
public struct ExternalProgram: Hashable, Sendable {
    /// What the program is for; its executable's name starts with `xchange-KIND-`.
    public enum Kind: String, Hashable, Sendable {
        case format
        case step

        /// The executable name's prefix (`xchange-format-`).
        public var prefix: String { "xchange-\(rawValue)-" }
    }

    /// Format module or step.
    public let kind: Kind
    /// The format id or step name: the executable's name after the prefix.
    public let name: String
    /// Where the executable is.
    public let path: String

    /// A program of `kind` named `name`, found at `path`.
    public init(kind: Kind, name: String, path: String) {
        self.kind = kind
        self.name = name
        self.path = path
    }

    /// The executable's file name (`xchange-format-kv`).
    public var executableName: String { kind.prefix + name }

    /// How messages name it: `the external format module kv (/opt/plugins/xchange-format-kv)`.
    public var label: String {
        let what = kind == .format ? "format module" : "step"
        return "the external \(what) \(name) (\(path))"
    }
}
