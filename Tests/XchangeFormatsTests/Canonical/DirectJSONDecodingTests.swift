import Foundation
import Testing
import XchangeCore
import XchangeJSON
import XchangeSynthetic

@testable import XchangeFormats

/// JSON reports are decoded straight from their bytes when they are well formed, and by the
/// full, positioned decoder otherwise: the two must agree on every report, and errors must
/// still name the line and column wherever in a large file they are.
struct DirectJSONDecodingTests {
    /// Reads every report of `json` through the JSON module (the fast path where it applies).
    func readFast(_ json: String) throws -> [Report] {
        let reader = try JSONFormat().makeReader(
            InputSource(bytes: Array(json.utf8)), options: .defaults(for: JSONFormat(), side: .read),
            diagnostics: DiagnosticList())
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }

    /// Reads `json` (one report) through the parser's tree and ``CanonicalDecoder``.
    func readFull(_ json: String) throws -> Report {
        let value = try parseJSON(json)
        return try CanonicalDecoder(file: nil, diagnostics: DiagnosticList()).decode(
            JSONDocumentNode(value: value, at: nil))
    }

    /// Valid inputs away from the writer's own shape: the fast path must read them as the full
    /// decoder does (or decline them, which gives the same result).
    static let unusualButValid: [String] = [
        #"{"meta": {"agency_name": "A\"B\\C\/D\n\t\u00e9\ud83d\ude00"}}"#,
        #"{"applications": {"new_received": {"total": 3, "natural_person": 3}}, "meta": {"report_year": 2021}}"#,
        "{\r\n\t\"meta\" :\n {\"report_year\"\t: 2022 ,\"agency_name\":null}\n}",
        #"{"overview": "只有正文。", "other_matters": {"text": "正文", "subsections": null}}"#,
        #"{"active_disclosure": {"administrative_fees": {"amount_wan_yuan": 1.5e2}}}"#,
        #"{"active_disclosure": {"administrative_fees": {"amount_wan_yuan": 0.0001}}}"#,
        #"{"applications": {"new_received": {"total": 1e1}}}"#,
        #"{"facts": [{"value": 12.50, "label": "培训", "unit": "次", "source": {"file": "a.txt", "line": 3, "column": 1, "snippet": "培训12.50次"}}]}"#,
        #"{"meta": {"report_year": 2021}, "provenance": {"meta.report_year": {"file": "r.txt", "line": 2}}}"#,
        #"{"overview": {"subsections": [{"text": "正文", "heading": "（一）主动公开", "key": null}]}}"#,
        #"{"legacy": {"sections": [{"heading": "一、概述", "text": "旧"}]}}"#,
        #"{"applications": {"new_received": {"total": 123456789012345678, "natural_person": 0}}}"#,
        #"{"applications": {"new_received": {"total": 1234567890123456789}}, "meta": {"report_year": 2022.0}}"#,
        #"{"meta": {"published_on": "2024-02-29", "statistics_period": {"from": "2023-1-1", "to": "2023/12/31"}}}"#,
        // Counts gathered out of schema order, beside counts written so that they are set alone.
        #"{"applications": {"new_received": {"natural_person": 1, "total": 2.0}}, "active_disclosure": {"regulations": {"in_force": 3}}}"#,
        #"{"active_disclosure": {"regulations": {"in_force": 3.0, "issued_this_year": 4}}, "applications": {"new_received": {"total": 5}}}"#,
    ]

    @Test(arguments: unusualButValid)
    func fastAndFullDecodingAgree(_ json: String) throws {
        let fast = try readFast(json)
        #expect(fast == [try readFull(json)])
    }

    @Test func writtenReportsAreDecodedWithoutDeclining() throws {
        var caches = DirectJSONCaches(sharingStrings: true)
        for era in [FormatVersion.unified2021, .trial2019, .legacyPre2019] {
            for report in ReportGenerator(count: 20, seed: 3, format: era) {
                for style in [JSONWriter.Style.compact, .pretty(indent: 2)] {
                    var bytes: [UInt8] = []
                    var writer = JSONWriter(style: style) { bytes += $0 }
                    try CanonicalEncoder().encode(report, to: &writer)
                    try writer.flush()
                    let outcome = bytes.withUnsafeBufferPointer {
                        DirectJSONDecoder.reports(caches: caches)($0.baseAddress!, 0..<$0.count)
                    }
                    guard case .item(let decoded, let end, _, _) = outcome else {
                        Issue.record("the fast path declined a written \(era.rawValue) report")
                        continue
                    }
                    #expect(end == bytes.count)
                    #expect(decoded == report)
                }
            }
            caches = DirectJSONCaches(sharingStrings: true)
        }
    }

    /// Inputs the fast path declines: the full decoder words each problem with its place.
    @Test(arguments: [
        (#"{"meta": {"report_year": 2021, "report_year": 2022}}"#, "key.duplicate"),
        (#"{"meta": {"report_yaer": 2021}}"#, "key.unknown"),
        (#"{"meta": {"report_year": "2021"}}"#, "value.type"),
        (#"{"applications": {"new_received": {"total": 01}}}"#, "json.syntax"),
        (#"{"meta": {"agency_name": "\ud800"}}"#, "json.syntax"),
        (#"{"meta": {"agency_level": "village"}}"#, "value.type"),
        (#"{"facts": [{"label": "x", "value": "3"}]}"#, "value.type"),
        (#"{"meta": {"published_on": "2023-02-29"}}"#, "value.type"),
        (#"{"meta": {"published_on": "2023-02-2x"}}"#, "value.type"),
    ])
    func declinedInputsAreWordedByTheFullDecoder(_ json: String, _ code: String) throws {
        let list = DiagnosticList()
        let reader = try JSONFormat().makeReader(
            InputSource(bytes: Array(json.utf8), name: "r.json"), options: .defaults(for: JSONFormat(), side: .read),
            diagnostics: list)
        var thrown: Diagnostic?
        do { _ = try reader.next() } catch let diagnostic as Diagnostic { thrown = diagnostic }
        let first = try #require((list.diagnostics + [thrown].compactMap { $0 }).first)
        #expect(first.code == code, "\(first)")
        #expect(first.location?.line == 1 && first.location?.column != nil, "\(first)")
    }

    /// Lines of 2,000 generated reports: far more than one read chunk, so the error lies
    /// behind several refills of the buffer.
    func largeJSONLines(breaking line: Int, with change: (String) -> String) throws -> String {
        var lines: [String] = []
        for report in ReportGenerator(count: 2000, seed: 9) {
            var bytes: [UInt8] = []
            var writer = JSONWriter(style: .compact) { bytes += $0 }
            try CanonicalEncoder().encode(report, to: &writer)
            try writer.flush()
            lines.append(String(decoding: bytes, as: UTF8.self))
        }
        lines[line - 1] = change(lines[line - 1])
        return lines.joined(separator: "\n") + "\n"
    }

    @Test func aCorruptLineDeepInALargeFileIsNamedByItsLine() throws {
        let directory = try TemporaryDirectory()
        let text = try largeJSONLines(breaking: 1733) { $0.replacingOccurrences(of: "\"meta\":{", with: "\"meta\":{,") }
        let path = try directory.write("big.jsonl", text)
        let reader = try JSONFormat().makeReader(
            InputSource(path: path), options: .defaults(for: JSONFormat(), side: .read), diagnostics: DiagnosticList())
        var read = 0
        do {
            while try reader.next() != nil { read += 1 }
            Issue.record("the corrupt line was not reported")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "json.syntax")
            #expect(diagnostic.location?.line == 1733 && diagnostic.location?.column == 10, "\(diagnostic)")
        }
        #expect(read == 1732)
    }

    @Test func aWrongValueDeepInALargeFileIsNamedByLineAndColumn() throws {
        let directory = try TemporaryDirectory()
        let text = try largeJSONLines(breaking: 1501) {
            $0.replacingOccurrences(of: "{\"meta\":{", with: "{\"meta\":{\"report_yaer\":1,")
        }
        let path = try directory.write("big.jsonl", text)
        let list = DiagnosticList()
        let reader = try JSONFormat().makeReader(
            InputSource(path: path), options: .defaults(for: JSONFormat(), side: .read), diagnostics: list)
        #expect(throws: Diagnostic.self) { while try reader.next() != nil {} }
        let problem = try #require(list.diagnostics.first)
        #expect(problem.code == "key.unknown")
        #expect(problem.location?.line == 1501 && problem.location?.column == 10, "\(problem)")
    }

    @Test(arguments: ["lines", "array"])
    func aReportWithFindingsIsReadAgainWithPositions(_ layout: String) throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("faulty.json")
        let file = try AtomicFileOutput(path: path)
        let module = JSONFormat()
        let writer = try module.makeWriter(
            file.sink, options: try FormatOptions(["layout": layout], for: module), diagnostics: DiagnosticList())
        for report in ReportGenerator(count: 30, seed: 4, faults: 3) { try writer.write(report) }
        try writer.finish()
        try file.commit()
        let lines = try directory.read("faulty.json").split(separator: "\n", omittingEmptySubsequences: false)

        let reader = try module.makeReader(
            InputSource(path: path), options: .defaults(for: module, side: .read), diagnostics: DiagnosticList())
        let rereading = try #require(reader as? any PositionedRereading)
        var located = 0
        var ordinal = 0
        while let report = try reader.next() {
            ordinal += 1
            #expect(report.provenance.isEmpty, "positions are not recorded on the first read")
            guard !Validator().validate(report).isEmpty else { continue }
            let again = try #require(try rereading.rereadWithPositions())
            for finding in Validator().validate(again, source: path) {
                let line = try #require(finding.location?.line, "\(finding)")
                let column = try #require(finding.location?.column)
                // The finding points at the report's line, or in a pretty array at a member's.
                if layout == "lines" {
                    #expect(line == ordinal, "\(finding)")
                } else {
                    #expect(lines[line - 1].contains("\":"), "line \(line): \(lines[line - 1])")
                }
                #expect(column >= 1)
                located += 1
            }
        }
        #expect(located >= 3)
    }

    /// Long strings are shared with equal ones read before; ones that only look alike (same
    /// length, same first and last bytes) must still be read for what they are.
    @Test func longStringsThatRecurOrLookAlikeAreReadExactly() throws {
        let names = [
            "北京市朝阳区人民政府办公室", "北京市朝阳区人民政府秘书处", "北京市朝阳区人民政府办公室",
            "The People's Government Office of Chaoyang", "The People's Government Bureau of Chaoyang",
        ]
        let lines = names.map { #"{"meta": {"agency_name": "\#($0)", "report_year": 2022}}"# }
        let reports = try readFast(lines.joined(separator: "\n"))
        #expect(reports.map(\.agencyName) == names)
        #expect(reports == (try lines.map { try readFull($0) }))
    }

    /// A long string that is not well-formed UTF-8 is refused even when an equal-looking one
    /// was read just before it.
    @Test func aBrokenLongStringAfterAGoodOneIsASyntaxError() throws {
        let good = Array(#"{"meta": {"agency_name": "北京市朝阳区人民政府办公室"}}"#.utf8)
        var broken = good
        // The last byte of 区 (E5 8C BA), in the middle of the string.
        let middle = try #require(broken.firstIndex(of: 0xBA))
        broken[middle] = 0xFF
        let reader = try JSONFormat().makeReader(
            InputSource(bytes: good + [0x0A] + broken + [0x0A], name: "r.jsonl"),
            options: .defaults(for: JSONFormat(), side: .read), diagnostics: DiagnosticList())
        #expect(try reader.next()?.agencyName == "北京市朝阳区人民政府办公室")
        do {
            _ = try reader.next()
            Issue.record("the broken string was read")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "json.syntax")
            #expect(diagnostic.location?.line == 2, "\(diagnostic)")
        }
    }

    /// Byte comparison in words: a difference at any place, in any length, is seen, and none
    /// beyond the length.
    @Test func bytesEqualSeesADifferenceAnywhere() {
        for count in 0...40 {
            // One byte more than compared, different in the two: it must not count.
            let first = (0...count).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            var beyond = first
            beyond[count] ^= 0xFF
            first.withUnsafeBufferPointer { a in
                beyond.withUnsafeBufferPointer { b in #expect(bytesEqual(a.baseAddress!, b.baseAddress!, count)) }
            }
            for place in 0..<count {
                var second = first
                second[place] ^= 0x40
                first.withUnsafeBufferPointer { a in
                    second.withUnsafeBufferPointer { b in
                        #expect(!bytesEqual(a.baseAddress!, b.baseAddress!, count), "length \(count), place \(place)")
                    }
                }
            }
        }
    }

    /// The eight-bytes-at-once test for bytes that end a string's plain run agrees with a
    /// byte-by-byte look, next to every kind of byte and in every place.
    @Test func wordTestsFindQuotesBackslashesAndControlsInAnyPlace() {
        func special(_ byte: UInt8) -> Bool { byte == 0x22 || byte == 0x5C || byte < 0x20 }
        let samples: [UInt8] = [
            0x00, 0x01, 0x1F, 0x20, 0x21, 0x22, 0x23, 0x5B, 0x5C, 0x5D, 0x7F, 0x80, 0x9C, 0xA2, 0xDC, 0xE5, 0xFF,
        ]
        for background in samples where !special(background) {
            for place in 0..<8 {
                for byte in samples {
                    var bytes = [UInt8](repeating: background, count: 8)
                    bytes[place] = byte
                    let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                    #expect(
                        SWAR.hasSpecialStringByte(word) == bytes.contains(where: special),
                        "byte \(byte) at \(place) among \(background)")
                }
            }
        }
    }

    /// Strings of every length around the eight-byte steps, with an escape, a control byte or
    /// non-ASCII text at each place, read as the full decoder reads them.
    @Test func stringsOfEveryLengthAndContentAgree() throws {
        for length in 0...40 {
            for place in 0..<max(length, 1) {
                for insert in [#"\n"#, "é", "中", #"\""#, "\u{01}"] {
                    var characters = Array(repeating: "a", count: length)
                    if length > 0 { characters[place] = insert }
                    let name = characters.joined()
                    let json = #"{"meta": {"agency_name": "\#(name)"}}"#
                    if insert == "\u{01}" && length > 0 {
                        #expect(throws: Diagnostic.self) { try readFast(json) }
                    } else {
                        #expect(try readFast(json) == [try readFull(json)], "\(json)")
                    }
                }
            }
        }
    }
}
