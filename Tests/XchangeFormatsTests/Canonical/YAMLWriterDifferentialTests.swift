import Foundation
import Testing
import XchangeCore
import XchangeSynthetic
import XchangeYAML

@testable import XchangeFormats

/// The YAML format writes reports through the byte-level ``YAMLWriter``; libyaml's emitter,
/// driven by the same encoder, is the oracle: the bytes must be the same for every report.
@Suite("YAML reports: byte-level writer against libyaml")
struct YAMLWriterDifferentialTests {
    /// Text with every awkward character, put into every string a report can hold.
    static let awkward = [
        "", " ", " leading", "trailing ", "a: b", "a #b", "it's", "\"q\"", "line\nbreak", "line \nspace",
        "kept\n\n", "\nfirst", "tab\there", "cr\r\nlf", "\u{1}\u{1B}\u{7F}", "😀𠀀", "\u{85}\u{2028}\u{2029}",
        "\u{FEFF}", "yes", "No", "~", "null", "TRUE", "12", "-1.5", "0x1F", "1:30", "2021-12-31", ".inf",
        "- item", "-", "? q", "?", ":", ": v", "---", "...", "# c", "[a]", "{b}", "&a", "*a", "!t", "|", ">", "%",
        "@", "`", "\\", "（一）主动公开\n　　全年发布信息。\n", String(repeating: "键", count: 60),
    ]

    @Test(arguments: [
        (FormatVersion.unified2021, UInt64(1)), (.unified2021, 2024), (.trial2019, 7), (.legacyPre2019, 3),
    ])
    func generatedReports(_ era: FormatVersion, _ seed: UInt64) throws {
        let reports = Array(ReportGenerator(count: 60, seed: seed, format: era))
        try assertSameBytes(reports, includeProvenance: true)
        try assertSameBytes(reports, includeProvenance: false)
    }

    @Test func reportsFullOfAwkwardText() throws {
        var random = SyntheticRandom(seed: 99)
        let textFields = CanonicalSchema.v1.fields.filter { $0.kind == .text }
        var reports: [Report] = []
        for var report in ReportGenerator(count: 40, seed: 5, format: .unified2021) {
            func pick() -> String {
                (0..<Int.random(in: 1...3, using: &random)).map { _ in Self.awkward.randomElement(using: &random)! }
                    .joined()
            }
            for field in textFields { try? report.set(field.key, to: .text(pick())) }
            for key in SectionKey.allCases {
                report[section: key] = TextSection(
                    text: pick(), subsections: [Subsection(heading: pick(), key: pick(), text: pick())])
            }
            report.legacySections = [Subsection(heading: pick(), text: pick())]
            report.facts = [
                Fact(label: pick(), value: 12, unit: pick(), key: pick(), source: SourceReference(snippet: pick())),
                Fact(label: pick(), value: Decimal(string: "-3.25")!, source: SourceReference()),
            ]
            report.provenance = [
                pick(): SourceReference(file: pick(), line: 3, column: 4, snippet: pick()),
                "overview": SourceReference(),
            ]
            reports.append(report)
        }
        try assertSameBytes(reports, includeProvenance: true)
    }

    private func assertSameBytes(
        _ reports: [Report], includeProvenance: Bool, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let encoder = CanonicalEncoder(includeProvenance: includeProvenance)
        var expected: [UInt8] = []
        let emitter = YAMLEmitter { expected += $0 }
        try emitter.beginStream()
        var oracle = LibYAMLStructuredWriter(emitter: emitter)
        var actual: [UInt8] = []
        let writer = YAMLWriter { actual += $0 }
        var structured = YAMLStructuredWriter(yaml: writer)
        for (index, report) in reports.enumerated() {
            try emitter.beginDocument(explicitStart: true)
            try encoder.encode(report, to: &oracle)
            try emitter.endDocument()
            try writer.beginDocument(explicitStart: true)
            try encoder.encode(report, to: &structured)
            try writer.endDocument()
            try emitter.flush()
            try writer.flush()
            guard actual == expected else {
                let common = min(actual.count, expected.count)
                let difference = (0..<common).first { actual[$0] != expected[$0] } ?? common
                Issue.record(
                    """
                    report \(index + 1) differs at byte \(difference)
                    libyaml: \(String(decoding: expected.dropFirst(max(0, difference - 80)).prefix(200), as: UTF8.self).debugDescription)
                    writer:  \(String(decoding: actual.dropFirst(max(0, difference - 80)).prefix(200), as: UTF8.self).debugDescription)
                    """, sourceLocation: sourceLocation)
                return
            }
        }
        try emitter.endStream()
        try writer.endStream()
        #expect(actual == expected, sourceLocation: sourceLocation)
        #expect(!actual.isEmpty, sourceLocation: sourceLocation)
    }
}

/// The YAML format's writer as it was: ``StructuredWriter`` calls on libyaml's emitter.
private struct LibYAMLStructuredWriter: StructuredWriter {
    let emitter: YAMLEmitter

    func beginObject() throws { try emitter.beginMapping() }
    func endObject() throws { try emitter.endMapping() }
    func beginArray() throws { try emitter.beginSequence() }
    func endArray() throws { try emitter.endSequence() }
    func key(_ key: String) throws { try emitter.string(key) }
    func string(_ value: String) throws { try emitter.string(value) }
    func number(_ literal: String) throws { try emitter.plain(literal) }
    func bool(_ value: Bool) throws { try emitter.plain(value ? "true" : "false") }
    func null() throws { try emitter.plain("null") }
}
