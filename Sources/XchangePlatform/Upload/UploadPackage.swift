import XchangeCore

/// A package file about to be uploaded: its bytes and the package id from its manifest.
///
/// The package is verified as the platform will verify it, so that a damaged or tampered
/// file is refused here, with the entry named, instead of being sent.
public struct UploadPackage: Sendable {
    /// The package file as named.
    public let path: String
    /// The bytes sent.
    public let bytes: [UInt8]
    /// The manifest's `package_id`, sent as `Idempotency-Key`.
    public let packageID: String

    /// Reads and verifies the package at `path`.
    public init(path: String) throws(Diagnostic) {
        do {
            let bytes = try PackageFile.load(path, limit: PackageLimits.default.maxPackageSize)
            let verified = try SubmissionPackage.read(bytes: bytes, name: path)
            self.path = path
            self.bytes = bytes
            packageID = verified.manifest.packageID
        } catch {
            throw error.diagnostic
        }
    }
}
