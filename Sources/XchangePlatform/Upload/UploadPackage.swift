import Foundation
import XchangeCore
import XchangeJSON
import ZIPFoundation

/// A package file about to be uploaded: its bytes and the package id from its manifest.
public struct UploadPackage: Sendable {
    public let path: String
    public let bytes: [UInt8]
    /// The manifest's `package_id`, sent as `Idempotency-Key`.
    public let packageID: String

    /// Reads the package and its manifest.
    public init(path: String) throws(Diagnostic) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Diagnostic.error("input.unreadable", "cannot read \(path)", at: SourceReference(file: path))
        }
        self.path = path
        bytes = Array(data)
        guard let archive = try? Archive(data: data, accessMode: .read), let entry = archive["manifest.json"] else {
            throw Diagnostic.error("package.manifest", "\(path) is not a submission package", at: SourceReference(file: path))
        }
        var manifest: [UInt8] = []
        guard (try? archive.extract(entry, consumer: { manifest += $0 })) != nil,
            let packageID = (try? parseJSON(manifest))?["package_id"]?.stringValue
        else {
            throw Diagnostic.error("package.manifest", "\(path): unreadable manifest", at: SourceReference(file: path))
        }
        self.packageID = packageID
    }
}
