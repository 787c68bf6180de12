import Foundation
import XchangeCore

@testable import XchangeFormats

/// The real published reports in `samples/`, with their hand-read truth files.
enum SampleReports {
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples")

    static let names = [
        "suifenhe-2017-report.txt",
        "pingtan-local-tax-2013-report.txt",
        "dalu-town-2019-report.txt",
        "shanghai-general-office-2019-report.html",
        "pingtan-2021-report.txt",
        "zhabu-township-2021-report.txt",
        "hanyang-district-office-2022-report.txt",
        "pingtan-county-2013-report.txt",
        "pingtan-2020-report.txt",
    ]

    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    static func bytes(_ name: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: url(name))) }

    /// Reads a sample with the module its extension selects.
    static func read(
        _ name: String, options: [String: String] = [:]
    ) throws -> (report: Report, diagnostics: [Diagnostic]) {
        try read(bytes: bytes(name), name: name, options: options)
    }

    static func read(
        bytes: [UInt8], name: String, options: [String: String] = [:]
    ) throws -> (report: Report, diagnostics: [Diagnostic]) {
        let module: any FormatModule = name.hasSuffix(".html") ? HTMLFormat() : TextFormat()
        let diagnostics = DiagnosticList()
        let reader = try module.makeReader(
            InputSource(bytes: bytes, name: name), options: try FormatOptions(options, for: module),
            diagnostics: diagnostics)
        guard let report = try reader.next() else { throw Diagnostic.error("test", "no report in \(name)") }
        return (report, diagnostics.diagnostics)
    }

    /// A sample's truth file.
    static func truth(_ name: String) throws -> Truth {
        let base = name.replacingOccurrences(of: ".txt", with: "").replacingOccurrences(of: ".html", with: "")
        let data = try Data(contentsOf: url(base + ".truth.json"))
        return try Truth(json: JSONSerialization.jsonObject(with: data) as! [String: Any])
    }
}

/// What a person read off a sample report.
struct Truth {
    /// Canonical key → the value as text (`8`, `24252.311082`, `2018-02-23`).
    let fields: [String: String]
    /// Cells that only the table's sums decide.
    let derivedFields: [String: String]
    /// Figures without a canonical field.
    let otherFigures: [String: String]
    let formatVersion: String
    let reportYear: Int?
    /// The annotator's notes.
    let notes: [String]

    init(json: [String: Any]) throws {
        func strings(_ key: String) -> [String: String] {
            (json[key] as? [String: Any] ?? [:]).mapValues(Truth.text)
        }
        fields = strings("fields")
        derivedFields = strings("derived_fields")
        otherFigures = strings("other_figures")
        formatVersion = json["format_version"] as? String ?? ""
        reportYear = json["report_year"] as? Int
        notes = json["notes"] as? [String] ?? []
    }

    static func text(_ value: Any) -> String {
        if let number = value as? NSNumber {
            return Decimal(string: number.stringValue).map { DecimalText.format($0) } ?? number.stringValue
        }
        return "\(value)"
    }
}
