import Testing

/// A YAML sink takes its documents encoded on every core, as JSON Lines and wide CSV sinks do.
struct PiecedYAMLSinkTests {
    @Test(arguments: ["in.jsonl", "in.csv"])
    func aYAMLSinkGetsTheSameDocumentsReadInPieces(source: String) throws {
        let run = PiecedRunTests()
        try run.writeInputs()
        let (summary, files) = try run.expectSameBothWays(
            """
            version: 1
            sources:
              - path: \(source)
            steps:
              - validate: {on_error: skip}
              - filter: {applications.new_received.total: {ge: 3}}
            sinks:
              - path: ${out}/all.yaml
              - path: ${out}/all.jsonl
            rejects: ${out}/rejects.jsonl
            """)
        let yaml = try #require(files["all.yaml"], "\(summary)")
        let lines = try #require(files["all.jsonl"])
        #expect(yaml.components(separatedBy: "---\n").count - 1 == lines.split(separator: "\n").count)
        #expect(lines.split(separator: "\n").count > 100)
        #expect(!(files["rejects.jsonl"] ?? "").isEmpty)
    }
}
