import XchangeCore
import XchangeFormats

/// Prints the outcome of `xchange validate` as the findings come, so that an input with a
/// finding in every report is checked in flat memory: text line by line, or the JSON document,
/// whose counts come before its findings, from a ``ValidationFindingsSpool``.
final class ValidationReport {
    enum Format { case text, json }

    private let format: Format
    private let output = OutputSink.standardOutput()
    /// Lines not yet written, in text.
    private var pending: [UInt8] = []
    private let spool = ValidationFindingsSpool()
    private var errors = 0
    private var warnings = 0

    init(format: Format) { self.format = format }

    /// Whether any finding so far is an error, or a warning when `strict`.
    func fails(strict: Bool) -> Bool { errors > 0 || (strict && warnings > 0) }

    /// Prints one finding (in text) or keeps it for the document (in JSON).
    func add(_ finding: ValidationFinding) throws {
        switch finding.diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        default: break
        }
        guard format == .text else { return spool.add(finding) }
        pending += Array(Self.line(finding).utf8)
        if pending.count >= 1 << 16 { try flush() }
    }

    /// Prints the summary line (text) or the whole document (JSON).
    func finish(reports: Int, failed: Bool) throws {
        switch format {
        case .text:
            let noun = reports == 1 ? "report" : "reports"
            pending += Array(
                "\(reports) \(noun) checked: \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
                    .utf8)
            pending += Array((failed ? " — FAILED\n" : " — OK\n").utf8)
            try flush()
        case .json:
            try ValidationFindingsDocument.write(spool, reports: reports, failed: failed) { try output.write($0) }
        }
    }

    /// `file:line:column: severity CODE field: message`, or the file and report when the
    /// finding has no line.
    private static func line(_ finding: ValidationFinding) -> String {
        let diagnostic = finding.diagnostic
        var location = diagnostic.location?.position ?? finding.file
        if diagnostic.location?.line == nil, let report = finding.report {
            location += " (report \(report)\(finding.subject.map { ": " + $0 } ?? ""))"
        }
        var line = "\(location): \(diagnostic.severity.rawValue) \(diagnostic.code) "
        if let field = diagnostic.field { line += field + ": " }
        return line + diagnostic.message + "\n"
    }

    private func flush() throws {
        try output.write(pending)
        pending.removeAll(keepingCapacity: true)
    }
}
