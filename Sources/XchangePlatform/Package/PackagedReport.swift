import XchangeCore
import XchangeFormats

/// `report.json` of a package: exactly one canonical report, which must be the one the
/// manifest describes.
enum PackagedReport {
    static func decode(_ bytes: [UInt8]) throws(PackageError) -> Report {
        let path = SubmissionPackage.reportPath
        let problems = DiagnosticList()
        var reports: [Report] = []
        do {
            let reader = try JSONFormat().makeReader(
                InputSource(bytes: bytes, name: path), options: .defaults(for: JSONFormat(), side: .read),
                diagnostics: problems)
            while let report = try reader.next() {
                reports.append(report)
                guard reports.count == 1 else { break }
            }
        } catch let diagnostic as Diagnostic {
            throw PackageError(
                code: "package.report", entry: path, message: "\(path): \(diagnostic.message)", findings: [diagnostic])
        } catch {
            throw PackageError(code: "package.report", entry: path, message: "\(path) cannot be read: \(error)")
        }
        let errors = problems.diagnostics.filter { $0.severity == .error }
        if let first = errors.first {
            throw PackageError(
                code: "package.report", entry: path, message: "\(path): \(first.description)", findings: errors)
        }
        guard reports.count == 1, let report = reports.first else {
            throw PackageError(
                code: "package.report", entry: path,
                message: "\(path) must hold exactly one report, but holds \(reports.isEmpty ? "none" : "more")")
        }
        return report
    }

    /// The manifest's sender, year and format must be the report's own: a platform decides
    /// who may submit by the manifest, so it must not name another agency than the report.
    static func check(_ manifest: Manifest, against report: Report) throws(PackageError) {
        let pairs: [(member: String, stated: String, key: String)] = [
            ("sender.agency_name", manifest.sender.agencyName, "meta.agency_name"),
            ("sender.agency_uscc", manifest.sender.agencyUSCC, "meta.agency_uscc"),
            ("sender.admin_division_code", manifest.sender.adminDivisionCode, "meta.admin_division_code"),
            ("report_year", String(manifest.reportYear), "meta.report_year"),
            ("format_version", manifest.formatVersion, "meta.format_version"),
        ]
        for pair in pairs {
            let actual = report[pair.key]?.plainText
            guard actual == pair.stated else {
                throw PackageError(
                    code: "package.manifest-mismatch", entry: SubmissionPackage.manifestPath,
                    message: "manifest.json gives \(pair.member) \"\(pair.stated)\", but report.json has "
                        + (actual.map { "\(pair.key) \"\($0)\"" } ?? "no \(pair.key)"))
            }
        }
    }
}
