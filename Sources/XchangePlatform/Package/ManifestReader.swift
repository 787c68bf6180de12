import XchangeCore
import XchangeJSON

/// Reads `manifest.json`: JSON syntax, then the JSON Schema; the first problem is named with
/// its member and line.
enum ManifestReader {
    static func read(_ bytes: [UInt8]) throws(PackageError) -> Manifest {
        let path = SubmissionPackage.manifestPath
        let value: JSONValue
        do {
            value = try parseJSON(bytes)
        } catch {
            throw PackageError(code: "package.manifest", entry: path, message: "\(path) is not JSON: \(error)")
        }
        let violations = ManifestSchema.violations(of: value)
        if let first = violations.first {
            let place = first.line.map { " (line \($0)\(first.column.map { ", column \($0)" } ?? ""))" } ?? ""
            let more = violations.count > 1 ? "; and \(violations.count - 1) more" : ""
            throw PackageError(
                code: "package.manifest", entry: path,
                message: "\(path) does not follow its schema: \(first.path) \(first.message)\(place)\(more)")
        }
        guard let manifest = Manifest(checked: value) else {
            throw PackageError(code: "package.manifest", entry: path, message: "\(path) cannot be read")
        }
        return manifest
    }
}

extension Manifest {
    /// Reads `manifest.json` bytes, checked against the manifest's JSON Schema; a problem is
    /// a ``PackageError`` with code `package.manifest` naming the member and line.
    public static func parse(_ bytes: [UInt8]) throws(PackageError) -> Manifest {
        try ManifestReader.read(bytes)
    }
}
