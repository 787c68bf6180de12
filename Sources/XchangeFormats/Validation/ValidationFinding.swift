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
    /// Pretty-printed, two spaces a level.
    static let style = JSONWriter.Style.pretty(indent: 2)

    /// The document as pretty-printed JSON, ending in a newline.
    public static func render(_ findings: [ValidationFinding], reports: Int, failed: Bool) -> [UInt8] {
        let spool = ValidationFindingsSpool(memoryLimit: .max)
        for finding in findings { spool.add(finding) }
        var bytes: [UInt8] = []
        try? write(spool, reports: reports, failed: failed) { bytes += $0 }
        return bytes
    }

    /// Writes the document of the findings in `spool` to `sink`, in chunks, ending in a newline;
    /// the spool is emptied.
    public static func write(
        _ spool: ValidationFindingsSpool, reports: Int, failed: Bool, to sink: ([UInt8]) throws -> Void
    ) throws {
        try spool.checkWhole()
        let writer = JSONWriter(style: style, chunkSize: .max) { _ in }
        writer.beginObject()
        writer.key("valid")
        writer.bool(!failed)
        writer.key("reports")
        writer.int(reports)
        writer.key("errors")
        writer.int(spool.errors)
        writer.key("warnings")
        writer.int(spool.warnings)
        writer.key("findings")
        writer.beginArray()
        if spool.count > 0 { writer.elementsFollow() }
        try writer.drain { try sink(Array($0)) }
        try spool.drainEncoded(sink)
        writer.endArray()
        writer.endObject()
        writer.newline()
        try writer.drain { try sink(Array($0)) }
    }

    static func write(_ finding: ValidationFinding, to writer: JSONWriter) {
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
