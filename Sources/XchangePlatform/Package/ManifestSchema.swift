import XchangeCore
import XchangeJSON

/// The JSON Schema of `manifest.json` (`schemas/platform/manifest.v1.schema.json`), compiled
/// in, and the check of a manifest against it.
public enum ManifestSchema {
    /// One place where a manifest breaks the schema: the member's path, what is wrong, and
    /// where in `manifest.json` (line and column) it is.
    public struct Violation: Hashable, Sendable, CustomStringConvertible {
        /// `entries[1].sha256`, or `(root)` for the manifest as a whole.
        public var path: String
        /// What is wrong, for a person.
        public var message: String
        /// The 1-based line in `manifest.json`, when known.
        public var line: Int?
        /// The 1-based column, when known.
        public var column: Int?

        /// `path: message`
        public var description: String { "\(path): \(message)" }
    }

    /// The schema as JSON.
    public static let schema: JSONValue = {
        do {
            return try parseJSON(source)
        } catch {
            preconditionFailure("the compiled-in manifest schema is not JSON: \(error)")
        }
    }()

    private static let checker: JSONSchemaSubset = {
        do {
            return try JSONSchemaSubset(schema)
        } catch {
            preconditionFailure("the compiled-in manifest schema: \(error)")
        }
    }()

    /// Every way `manifest` breaks the schema; empty when it conforms.
    public static func violations(of manifest: JSONValue) -> [Violation] {
        checker.check(manifest).map {
            Violation(path: $0.path, message: $0.message, line: $0.position?.line, column: $0.position?.column)
        }
    }
}
