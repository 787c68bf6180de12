import Foundation
import Testing
import XchangeCore

@testable import XchangeFormats

/// The findings document is written from a spool that moves to a temporary file past its
/// memory limit: the document is the same either way, and no file is left behind.
struct FindingsSpoolTests {
    /// The findings of 300 reports, every seventh with a sum that does not add up.
    func findings() throws -> (list: [ValidationFinding], reports: Int) {
        let folder = try TemporaryDirectory()
        var remaining = try FindingReports.make(
            count: 300, seed: 12, brokenSums: stride(from: 0, to: 300, by: 7), otherYears: [(3, 1)], later: 40)[...]
        let converter = Converter(registry: .builtin)
        try converter.write(to: folder.path("in.jsonl"), diagnostics: DiagnosticList()) { remaining.popFirst() }
        var list: [ValidationFinding] = []
        let count = try converter.validate(folder.path("in.jsonl"), with: Validator()) { list.append($0) }
        return (list, count)
    }

    /// The spool files in the temporary folder.
    func spoolFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter {
            $0.hasPrefix("xchange-findings-")
        }
    }

    @Test func aSpilledSpoolWritesTheDocumentKeptInMemory() throws {
        let (list, reports) = try findings()
        #expect(list.count > 40)
        let before = try spoolFiles()
        let spool = ValidationFindingsSpool(memoryLimit: 300)
        for finding in list { spool.add(finding) }
        #expect(try spoolFiles() == before)  // open, but already removed from the folder
        var chunks: [[UInt8]] = []
        try ValidationFindingsDocument.write(spool, reports: reports, failed: true) { chunks.append($0) }
        #expect(chunks.count > 2)
        let written = chunks.flatMap { $0 }
        #expect(written == ValidationFindingsDocument.render(list, reports: reports, failed: true))

        let document = try #require(try JSONSerialization.jsonObject(with: Data(written)) as? [String: Any])
        let entries = try #require(document["findings"] as? [[String: Any]])
        #expect(entries.count == list.count)
        #expect(entries.map { $0["report"] as? Int } == list.map(\.report))
        #expect(document["errors"] as? Int == list.filter { $0.diagnostic.severity == .error }.count)
        #expect(document["warnings"] as? Int == list.filter { $0.diagnostic.severity == .warning }.count)
        #expect(document["reports"] as? Int == reports && document["valid"] as? Bool == false)
    }

    @Test func aDocumentWithoutFindingsHasAnEmptyList() throws {
        var text: [UInt8] = []
        try ValidationFindingsDocument.write(ValidationFindingsSpool(), reports: 3, failed: false) { text += $0 }
        #expect(
            String(decoding: text, as: UTF8.self)
                == "{\n  \"valid\": true,\n  \"reports\": 3,\n  \"errors\": 0,\n  \"warnings\": 0,\n  \"findings\": []\n}\n"
        )
    }
}
