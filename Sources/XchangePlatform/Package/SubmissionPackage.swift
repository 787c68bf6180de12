import Foundation
import XchangeCore

/// The provincial submission package: a ZIP holding exactly one report as `manifest.json`,
/// `report.json` (canonical), `fields.json` or `fields.csv` (the platform's layout) and
/// `report.txt` (the national format). `schemas/platform/README.md` documents it.
///
/// ```swift
/// let manifest = try SubmissionPackage.write(report: report, to: "submission.zip")
/// let package = try SubmissionPackage.read(from: "submission.zip")   // verified
/// package.report == report
/// ```
public enum SubmissionPackage {
    /// The manifest's path in the package.
    public static let manifestPath = "manifest.json"
    /// The canonical report's path.
    public static let reportPath = "report.json"
    /// The rendered report's path.
    public static let textPath = "report.txt"

    /// A built package: its manifest and its bytes.
    public struct Built: Sendable {
        /// The package's manifest.
        public let manifest: Manifest
        /// The ZIP file's bytes.
        public let bytes: [UInt8]
    }

    /// Builds a package in memory. The report is checked first (``PackagePreflight``): a
    /// missing required field or an error-level finding refuses it with code
    /// `package.invalid-report`, the findings in ``PackageError/findings``.
    ///
    /// - Parameters:
    ///   - packageID: a lower-case UUID v4; a new random one by default.
    ///   - createdAt: the time recorded as `created_at` (in +08:00) and as every entry's time.
    public static func build(
        report: Report, profile: PlatformProfile = .default, packageID: String = newPackageID(),
        createdAt: Date = Date(),
        source: String? = nil
    ) throws(PackageError) -> Built {
        let refusals = PackagePreflight.refusals(for: report, profile: profile, source: source)
        guard refusals.isEmpty else {
            let shown = refusals.prefix(5).map { finding in "\(finding.code) \(finding.field ?? "")" }
            let more = refusals.count > 5 ? " and \(refusals.count - 5) more" : ""
            throw PackageError(
                code: "package.invalid-report",
                message: "the report cannot be packaged (nothing was written): "
                    + "\(shown.joined(separator: ", "))\(more)",
                package: source, findings: refusals)
        }
        return try PackageBuilder(report: report, profile: profile, packageID: packageID, createdAt: createdAt).build()
    }

    /// Builds a package and writes it to `path` atomically: nothing is written when the report
    /// is refused, and an existing file is replaced only by a complete package.
    @discardableResult
    public static func write(
        report: Report, profile: PlatformProfile = .default, to path: String, packageID: String = newPackageID(),
        createdAt: Date = Date()
    ) throws(PackageError) -> Manifest {
        let built = try build(report: report, profile: profile, packageID: packageID, createdAt: createdAt)
        do {
            let output = try AtomicFileOutput(path: path)
            do {
                try output.sink.write(built.bytes)
                try output.commit()
            } catch {
                output.discard()
                throw error
            }
        } catch let diagnostic as Diagnostic {
            throw PackageError(code: diagnostic.code, message: diagnostic.message, package: path)
        } catch {
            throw PackageError(code: "output.write", message: "cannot write \(path): \(error)", package: path)
        }
        return built.manifest
    }

    /// Reads and verifies the package at `path` (see ``read(bytes:name:limits:)``).
    public static func read(from path: String, limits: PackageLimits = .default) throws(PackageError) -> VerifiedPackage
    {
        let bytes = try PackageFile.load(path, limit: limits.maxPackageSize)
        return try read(bytes: bytes, name: path, limits: limits)
    }

    /// Reads and verifies a package: the ZIP's structure, every entry's path, type and size
    /// against `limits`, the manifest against its JSON Schema, the set of entries against the
    /// manifest, every entry's size and SHA-256, `report.json` as a canonical report, and the
    /// manifest's sender, year and format against the report. The first failure is thrown,
    /// naming the entry; `name` is what errors call the package.
    public static func read(
        bytes: [UInt8], name: String? = nil, limits: PackageLimits = .default
    ) throws(PackageError)
        -> VerifiedPackage
    {
        do {
            return try PackageVerifier(bytes: bytes, limits: limits).verify()
        } catch {
            throw error.naming(name)
        }
    }

    /// A new package id: a random UUID (version 4), lower case.
    public static func newPackageID() -> String {
        UUID().uuidString.lowercased()
    }
}

/// A package that passed every check: its manifest, its report, and the bytes of its entries.
public struct VerifiedPackage: Sendable {
    /// The manifest, checked against its schema and the entries.
    public let manifest: Manifest
    /// The canonical report from `report.json`.
    public let report: Report
    /// Every entry's bytes by path, the manifest's included.
    public let entries: [String: [UInt8]]
}
