import XchangeCore

/// Why a submission package could not be built or was refused on reading.
///
/// `code` is stable (`package.digest`, `package.path-escape`, …) and `entry` names the ZIP
/// entry concerned, so that a program (the receiving platform) can answer with both, and a
/// person reads `message`. Building refused for the report's own problems carries them in
/// `findings`.
public struct PackageError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A stable problem code, e.g. `package.digest`.
    public var code: String
    /// The entry concerned (`report.json`, `../evil`), when the problem is one entry's.
    public var entry: String?
    /// What is wrong, for a person; names the entry when there is one.
    public var message: String
    /// The package's name as diagnostics show it (a path, or what the caller named the bytes).
    public var package: String?
    /// The report's findings that refused packaging (missing required fields, rule errors).
    public var findings: [Diagnostic]

    /// Creates an error; `message` should already name the entry.
    public init(
        code: String, entry: String? = nil, message: String, package: String? = nil, findings: [Diagnostic] = []
    ) {
        self.code = code
        self.entry = entry
        self.message = message
        self.package = package
        self.findings = findings
    }

    /// The error as a diagnostic of the project's one diagnostics type: the package as the
    /// file, the entry in the message.
    public var diagnostic: Diagnostic {
        Diagnostic.error(code, message, at: package.map { SourceReference(file: $0) })
    }

    /// `package: [code] message`
    public var description: String { diagnostic.description }

    func naming(_ package: String?) -> PackageError {
        var copy = self
        copy.package = copy.package ?? package
        return copy
    }
}
