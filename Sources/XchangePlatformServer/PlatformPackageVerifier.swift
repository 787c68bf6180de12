import XchangeCore
import XchangePlatform

/// Verifies a received package exactly as the `platform` reader does
/// (``SubmissionPackage/read(bytes:name:limits:)``), then checks its report as packaging does
/// (``PackagePreflight``): a missing required field or an error-level finding refuses it;
/// warnings go into the receipt.
public struct PlatformPackageVerifier: SubmissionVerifier {
    let profile: PlatformProfile
    let limits: PackageLimits

    /// Creates a verifier for a platform profile (the default one unless given).
    public init(profile: PlatformProfile = .default, limits: PackageLimits = .default) {
        self.profile = profile
        self.limits = limits
    }

    /// The package's identity and validation warnings, or every finding that refuses it.
    public func verify(_ package: [UInt8]) -> Result<VerifiedSubmission, PackageRefusal> {
        let verified: VerifiedPackage
        do {
            verified = try SubmissionPackage.read(bytes: package, limits: limits)
        } catch {
            let finding = Diagnostic.error(error.code, error.message, at: error.entry.map { SourceReference(file: $0) })
            return .failure(PackageRefusal(findings: [finding] + error.findings))
        }
        let source = SubmissionPackage.reportPath
        let refusals = PackagePreflight.refusals(for: verified.report, profile: profile, source: source)
        guard refusals.isEmpty else { return .failure(PackageRefusal(findings: refusals)) }
        let warnings = Validator().validate(verified.report, source: source).filter { $0.severity != .error }
        return .success(
            VerifiedSubmission(
                packageID: verified.manifest.packageID, agencyUSCC: verified.manifest.sender.agencyUSCC,
                reportYear: verified.manifest.reportYear, findings: warnings))
    }
}
