import XchangeCore
import XchangeJSON

/// The list of diagnostic codes as `xchange schema --diagnostics` prints it.
enum DiagnosticCodeListing {
    static func render(_ codes: [DiagnosticCode], as format: Schema.ListingFormat) -> [UInt8] {
        switch format {
        case .text: Array(text(codes).utf8)
        case .markdown: Array(markdown(codes).utf8)
        case .json: json(codes)
        }
    }

    /// `code  severity  meaning`, aligned.
    static func text(_ codes: [DiagnosticCode]) -> String {
        let width = codes.map(\.code.count).max() ?? 0
        return codes.map { entry in
            let padding = String(repeating: " ", count: width - entry.code.count)
            let severity = severityName(entry).padding(toLength: 7, withPad: " ", startingAt: 0)
            return "\(entry.code)\(padding)  \(severity)  \(entry.meaning)"
        }.joined(separator: "\n") + "\n"
    }

    /// The README's table.
    static func markdown(_ codes: [DiagnosticCode]) -> String {
        var lines = ["| code | severity | meaning |", "|---|---|---|"]
        lines += codes.map { "| `\($0.code)` | \(severityName($0)) | \($0.meaning.replacingOccurrences(of: "|", with: "\\|")) |" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// `[{"code": …, "severity": …, "meaning": …}]`; severity is null when it varies.
    static func json(_ codes: [DiagnosticCode]) -> [UInt8] {
        var bytes: [UInt8] = []
        let writer = JSONWriter(style: .pretty(indent: 2)) { bytes += $0 }
        writer.beginArray()
        for entry in codes {
            writer.beginObject()
            writer.key("code")
            writer.string(entry.code)
            writer.key("severity")
            if let severity = entry.severity { writer.string(severity.rawValue) } else { writer.null() }
            writer.key("meaning")
            writer.string(entry.meaning)
            writer.endObject()
        }
        writer.endArray()
        writer.newline()
        try? writer.flush()  // the sink appends to memory and cannot fail
        return bytes
    }

    private static func severityName(_ entry: DiagnosticCode) -> String { entry.severity?.rawValue ?? "varies" }
}
