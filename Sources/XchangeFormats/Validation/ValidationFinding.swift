import XchangeCore
import XchangeJSON

/// One finding of validation, with the file and report it concerns: what `xchange validate`
/// prints and a pipeline's `validate` step writes.
public struct ValidationFinding: Sendable {
    public let file: String
    /// 1-based position of the report in its file; nil for a problem with the file itself.
    public let report: Int?
    /// The agency and year, where known.
    public var subject: String?
    public let diagnostic: Diagnostic

    public init(file: String, report: Int?, subject: String? = nil, diagnostic: Diagnostic) {
        self.file = file
        self.report = report
        self.subject = subject
        self.diagnostic = diagnostic
    }

    /// Names a report in messages: agency and year where known.
    public static func subject(of report: Report) -> String? {
        let parts = [report.agencyName, report.reportYear.map { "\($0)" }].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}

/// The findings document of `xchange validate --format json`:
/// `{"valid", "reports", "errors", "warnings", "findings": [{"file", "report", "subject",
/// "severity", "code", "field", "message", "expected", "actual", "line", "column"}]}`.
public enum ValidationFindingsDocument {
    /// The document as pretty-printed JSON, ending in a newline.
    public static func render(_ findings: [ValidationFinding], reports: Int, failed: Bool) -> [UInt8] {
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
        for finding in findings { write(finding, to: writer) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        try? writer.flush()
        return bytes
    }

    private static func write(_ finding: ValidationFinding, to writer: JSONWriter) {
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
        let texts = [
            ("field", diagnostic.field), ("message", diagnostic.message), ("expected", diagnostic.expected),
            ("actual", diagnostic.actual),
        ]
        for (key, value) in texts {
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
}
