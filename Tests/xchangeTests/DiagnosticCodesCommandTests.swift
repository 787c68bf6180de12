import Foundation
import Testing

/// `xchange schema --diagnostics`: the list of codes in its three forms, and the README's copy.
extension CommandLineTests {
    @Test func diagnosticsListsEveryCodeAsTextAndJSON() throws {
        let text = try run(["schema", "--diagnostics"])
        #expect(text.status == 0, "\(text.stderr)")
        let lines = text.stdout.split(separator: "\n")
        #expect(lines.contains { $0.hasPrefix("key.unknown ") && $0.contains(" error ") })
        #expect(lines.contains { $0.hasPrefix("text.table.split ") && $0.contains(" varies ") })

        let json = try run(["schema", "--diagnostics", "--format", "json"])
        #expect(json.status == 0, "\(json.stderr)")
        let entries = try #require(
            try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == lines.count)
        let unknownColumn = try #require(entries.first { $0["code"] as? String == "csv.unknown-column" })
        #expect(unknownColumn["severity"] as? String == "error")
        #expect((unknownColumn["meaning"] as? String)?.isEmpty == false)
    }

    @Test func readmeTableOfDiagnosticCodesIsTheListingsOutput() throws {
        let markdown = try run(["schema", "--diagnostics", "--format", "markdown"])
        #expect(markdown.status == 0, "\(markdown.stderr)")
        let readme = try String(contentsOf: Self.root.appending(path: "README.md"), encoding: .utf8)
        let begin = "<!-- diagnostic-codes:begin -->\n", end = "<!-- diagnostic-codes:end -->"
        let start = try #require(readme.range(of: begin), "README has no \(begin)")
        let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
        #expect(
            String(readme[start.upperBound..<stop.lowerBound]) == markdown.stdout,
            "README's table of diagnostic codes is out of date: paste `xchange schema --diagnostics --format markdown`")
    }

    @Test func formatWithoutDiagnosticsIsRefused() throws {
        let result = try run(["schema", "--format", "json"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format applies to --diagnostics"))
    }
}
