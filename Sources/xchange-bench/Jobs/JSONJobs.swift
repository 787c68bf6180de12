/// JSON Lines and JSON array jobs.
enum JSONJobs {
    static var all: [BenchJob] {
        [
            BenchJob(
                id: "read-jsonl", title: "JSON Lines → reports (reading only)", input: .jsonLines, output: nil,
                task: .read),
            BenchJob(
                id: "jsonl-jsonl", title: "JSON Lines → JSON Lines", input: .jsonLines, output: "out-jsonl.jsonl",
                task: .convert,
                peers: [BenchPeers.orjsonParse, BenchPeers.jsonParse, BenchPeers.orjsonLines], limit: .catOutput,
                target: .init(reference: "orjson-parse", maximum: 0.5, wording: "≥ 2× faster than orjson parsing alone")
            ),
            BenchJob(
                id: "jsonl-csv", title: "JSON Lines → CSV wide", input: .jsonLines, output: "out-jsonl.csv",
                task: .convert,
                peers: [BenchPeers.orjsonParse, BenchPeers.jsonToCSV, BenchPeers.duckDBJSONToCSV],
                target: .init(reference: "orjson-parse", maximum: 0.5, wording: "≥ 2× faster than orjson parsing alone")
            ),
            BenchJob(
                id: "array-jsonl", title: "JSON array (pretty) → JSON Lines", input: .jsonArray,
                output: "out-array.jsonl", task: .convert,
                peers: [BenchPeers.orjsonWhole],
                target: .init(
                    reference: "jsonl-jsonl:xchange", maximum: 1.2, wording: "within 20% of JSON Lines → JSON Lines")),
            BenchJob(
                id: "jsonl-yaml", title: "JSON Lines → YAML", input: .jsonLines, output: "out-jsonl.yaml",
                task: .convert, limit: .catOutput,
                target: .init(reference: "limit", maximum: 2, wording: "within 2× of writing the same bytes")),
        ]
    }
}
