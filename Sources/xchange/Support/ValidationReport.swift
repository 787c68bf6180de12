import Foundation
import XchangeCore
import XchangeJSON

/// One finding of `xchange validate`, with the file and report it concerns.
struct ValidationFinding {
    let file: String
    /// 1-based position of the report in its file; nil for a problem with the file itself.
    let report: Int?
    var subject: String? = nil
    let diagnostic: Diagnostic
}

/// Names a report in messages: agency and year where known.
func reportSubject(_ report: Report) -> String? {
    let parts = [report.agencyName, report.reportYear.map { "\($0)" }].compactMap { $0 }
    return parts.isEmpty ? nil : parts.joined(separator: " ")
}

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
        out += "\(reports) \(noun) checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
        out += failed ? " — FAILED\n" : " — OK\n"
        FileHandle.standardOutput.write(Data(out.utf8))
    }

    static func printJSON(_ findings: [ValidationFinding], reports: Int, failed: Bool) {
        var bytes: [UInt8] = []
        let writer = JSONWriter(style: .pretty(indent: 2)) { bytes += $0 }
        writer.beginObject()
        writer.key("valid")
        writer.bool(!failed)
        writer.key("reports")
        writer.int(reports)
        writer.key("errors")
        writer.int(findings.filter { $0.diagnostic.severity == .error }.count)
        writer.key("warnings")
        writer.int(findings.filter { $0.diagnostic.severity == .warning }.count)
        writer.key("findings")
        writer.beginArray()
        for finding in findings {
            let diagnostic = finding.diagnostic
            writer.beginObject()
            writer.key("file")
            writer.string(finding.file)
            if let report = finding.report {
                writer.key("report")
                writer.int(report)
            }
            if let subject = finding.subject {
                writer.key("subject")
                writer.string(subject)
            }
            writer.key("severity")
            writer.string(diagnostic.severity.rawValue)
            writer.key("code")
            writer.string(diagnostic.code)
            for (key, value) in [("field", diagnostic.field), ("message", diagnostic.message), ("expected", diagnostic.expected), ("actual", diagnostic.actual)] {
                if let value {
                    writer.key(key)
                    writer.string(value)
                }
            }
            if let line = diagnostic.location?.line {
                writer.key("line")
                writer.int(line)
            }
            if let column = diagnostic.location?.column {
                writer.key("column")
                writer.int(column)
            }
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
        writer.newline()
        try? writer.flush()
        FileHandle.standardOutput.write(Data(bytes))
    }
}
