import Foundation
import XchangeCore
import XchangeFormats

/// Prints the outcome of `xchange validate`.
enum ValidationReport {
    static func printText(_ findings: [ValidationFinding], reports: Int, failed: Bool) {
        var out = ""
        for finding in findings {
            let diagnostic = finding.diagnostic
            var location = diagnostic.location?.position ?? finding.file
            if diagnostic.location?.line == nil, let report = finding.report {
                location += " (report \(report)\(finding.subject.map { ": " + $0 } ?? ""))"
            }
            out += "\(location): \(diagnostic.severity.rawValue) \(diagnostic.code) "
            if let field = diagnostic.field { out += field + ": " }
            out += diagnostic.message + "\n"
        }
        let errors = findings.filter { $0.diagnostic.severity == .error }.count
        let warnings = findings.filter { $0.diagnostic.severity == .warning }.count
        let noun = reports == 1 ? "report" : "reports"
        out +=
            "\(reports) \(noun) checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        out += failed ? " — FAILED\n" : " — OK\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func printJSON(_ findings: [ValidationFinding], reports: Int, failed: Bool) {
        FileHandle.standardOutput.write(
            Data(ValidationFindingsDocument.render(findings, reports: reports, failed: failed)))
    }
}
