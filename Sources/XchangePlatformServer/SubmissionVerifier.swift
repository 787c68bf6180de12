import XchangeCore

/// What the server needs to know about a package that passed verification and validation.
public struct VerifiedSubmission: Sendable {
    /// The manifest's `package_id`.
    public var packageID: String
    /// The sender's 统一社会信用代码 (`sender.agency_uscc`).
    public var agencyUSCC: String
    /// The report year, when the manifest gives it.
    public var reportYear: Int?
    /// Findings that do not refuse the package (validation warnings), for the receipt.
    public var findings: [Diagnostic]

    /// Creates a verified submission.
    public init(packageID: String, agencyUSCC: String, reportYear: Int?, findings: [Diagnostic]) {
        self.packageID = packageID
        self.agencyUSCC = agencyUSCC
        self.reportYear = reportYear
        self.findings = findings
    }
}

/// Why a package was refused: every error found, with the entry or field each concerns.
public struct PackageRefusal: Error, Sendable {
    /// The findings; at least one is an error.
    public var findings: [Diagnostic]

    /// Creates a refusal.
    public init(findings: [Diagnostic]) {
        self.findings = findings
    }
}

/// Checks a received package as the `platform` reader does and validates its report.
public protocol SubmissionVerifier: Sendable {
    /// The package's identity and warnings, or the findings that refuse it.
    func verify(_ package: [UInt8]) -> Result<VerifiedSubmission, PackageRefusal>
}
