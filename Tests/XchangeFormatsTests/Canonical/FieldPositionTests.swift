import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// `validate` reads reports without positions and, for a report with findings, asks its reader
/// where the few fields that place them stand. The JSON and YAML readers find those keys by
/// walking the report again without decoding it; what they find must be exactly what reading
/// the report in full with every position gives, in every layout, and the findings must be
/// placed exactly as they were when the whole report was read again.
struct FieldPositionTests {
    /// `count` generated reports, `faults` of their cells broken, written by `module` with
    /// `options` to a file in `directory`; the file's path.
    func write(
        _ module: any FormatModule, _ options: [String: String] = [:], count: Int, faults: Int,
        to directory: TemporaryDirectory, as name: String
    ) throws -> String {
        let path = directory.path(name)
        let file = try AtomicFileOutput(path: path)
        let writer = try module.makeWriter(
            file.sink, options: try FormatOptions(options, for: module), diagnostics: DiagnosticList())
        for report in ReportGenerator(count: count, seed: 11, faults: faults) { try writer.write(report) }
        try writer.finish()
        try file.commit()
        return path
    }

    /// Every field that has a value in `report`.
    func presentFields(of report: Report) -> FieldSet {
        FieldSet(CanonicalSchema.v1.fields.indices.map(FieldID.init(index:)).filter { report.values.contains($0) })
    }

    /// Reads every report of `path` with `module`, and checks for each that the positions its
    /// reader finds of `fields(report)` are those reading it again in full gives. Returns how
    /// many positions were compared.
    func comparePositions(
        of path: String, with module: any FormatModule, fields: (Report) -> FieldSet
    ) throws -> Int {
        let reader = try module.makeReader(
            InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        let rereading = try #require(reader as? any PositionedRereading)
        var compared = 0
        while let report = try reader.next() {
            let wanted = fields(report)
            let found = try rereading.positions(of: wanted)
            let full = try rereading.positionsByRereading(of: wanted)
            #expect(found == full, "report \(report.values[CanonicalSchema.v1.fieldID("meta.agency_name")!]!)")
            #expect(found.count == wanted.count, "every field with a value has a position")
            compared += found.count
        }
        return compared
    }

    static let layouts: [(name: String, module: any FormatModule, options: [String: String])] = [
        ("reports.jsonl", JSONFormat(), ["layout": "lines"]),
        ("reports.json", JSONFormat(), ["layout": "array"]),
        ("reports.yaml", YAMLFormat(), [:]),
    ]

    @Test(arguments: 0..<layouts.count)
    func everyFieldIsFoundWhereAFullReadingFindsIt(_ layout: Int) throws {
        let (name, module, options) = Self.layouts[layout]
        let directory = try TemporaryDirectory()
        // Enough reports that the reader's buffer is refilled between them.
        let path = try write(module, options, count: 160, faults: 40, to: directory, as: name)
        let compared = try comparePositions(of: path, with: module, fields: presentFields(of:))
        #expect(compared > 160 * 100)
    }

    @Test(arguments: 0..<layouts.count)
    func aFewFieldsAreFoundWhereAFullReadingFindsThem(_ layout: Int) throws {
        let (name, module, options) = Self.layouts[layout]
        let directory = try TemporaryDirectory()
        let path = try write(module, options, count: 30, faults: 10, to: directory, as: name)
        var generator = SystemRandomNumberGenerator()
        let compared = try comparePositions(of: path, with: module) { report in
            var present = Array(
                CanonicalSchema.v1.fields.indices.map(FieldID.init(index:)).filter {
                    report.values.contains($0)
                })
            present.shuffle(using: &generator)
            return FieldSet(present.prefix(3))
        }
        #expect(compared == 30 * 3)
    }

    /// A single report, pretty printed; lines that end in CR LF after a byte-order mark; a key
    /// written with an escape (which the walk does not match, so the report is read in full).
    @Test(arguments: ["single", "crlf", "escaped"])
    func oddlyWrittenJSONIsPlacedAsAFullReadingPlacesIt(_ variant: String) throws {
        let directory = try TemporaryDirectory()
        var path: String
        if variant == "single" {
            path = try write(JSONFormat(), ["layout": "single"], count: 1, faults: 1, to: directory, as: "one.json")
        } else {
            _ = try write(JSONFormat(), ["layout": "lines"], count: 3, faults: 3, to: directory, as: "r.jsonl")
            var text = try directory.read("r.jsonl")
            if variant == "crlf" {
                text = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            } else {
                text = text.replacingOccurrences(of: #""agency_name""#, with: #""agency\u005fname""#)
                    .replacingOccurrences(of: #""natural_person""#, with: #""natural\u005fperson""#)
            }
            path = try directory.write("odd.jsonl", text)
        }
        let compared = try comparePositions(of: path, with: JSONFormat(), fields: presentFields(of:))
        #expect(compared > 100)
    }

    /// The findings a validator places with positions found for their fields alone are those
    /// it gave the report read again in full, and it asks only for a report with findings,
    /// only for fields with a value and no provenance of their own.
    @Test(arguments: 0..<layouts.count)
    func findingsArePlacedAsWhenTheReportIsReadAgain(_ layout: Int) throws {
        let (name, module, options) = Self.layouts[layout]
        let directory = try TemporaryDirectory()
        let path = try write(module, options, count: 60, faults: 40, to: directory, as: name)
        let reader = try module.makeReader(
            InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        let rereading = try #require(reader as? any PositionedRereading)
        var asked = 0
        var placed = 0
        while let report = try reader.next() {
            let findings = try Validator().validateAlone(report, source: path) { fields in
                asked += 1
                #expect(!fields.isEmpty)
                #expect(
                    CanonicalSchema.v1.fields.indices.allSatisfy {
                        !fields.contains(FieldID(index: $0)) || report.values.contains(FieldID(index: $0))
                    })
                return try rereading.positions(of: fields)
            }
            let again = try #require(try rereading.rereadWithPositions())
            #expect(findings == Validator().validateAlone(again, source: path))
            placed += findings.filter { $0.location?.line != nil }.count
        }
        #expect(asked > 0 && asked <= 40)
        #expect(placed >= asked)
    }
}
