import Foundation
import XchangeCore
import XchangeJSON
import ZIPFoundation

/// Interim verifier until the package reader lands: reads the manifest's identity only.
public struct PackageVerifier: SubmissionVerifier {
    public init() {}

    public func verify(_ package: [UInt8]) -> Result<VerifiedSubmission, PackageRefusal> {
        func refuse(_ message: String) -> Result<VerifiedSubmission, PackageRefusal> {
            .failure(PackageRefusal(findings: [Diagnostic.error("package.manifest", message)]))
        }
        guard let archive = try? Archive(data: Data(package), accessMode: .read),
            let entry = archive["manifest.json"]
        else { return refuse("not a submission package") }
        var bytes: [UInt8] = []
        guard (try? archive.extract(entry, consumer: { bytes += $0 })) != nil,
            let manifest = try? parseJSON(bytes),
            let packageID = manifest["package_id"]?.stringValue,
            let uscc = manifest["sender"]?["agency_uscc"]?.stringValue
        else { return refuse("unreadable manifest") }
        return .success(VerifiedSubmission(packageID: packageID, agencyUSCC: uscc, reportYear: nil, findings: []))
    }
}
