/// CSV jobs.
enum CSVJobs {
    static var all: [BenchJob] {
        [
            BenchJob(id: "read-csv", title: "CSV wide → reports (reading only)", input: .csv, output: nil, task: .read),
            BenchJob(
                id: "csv-jsonl", title: "CSV wide → JSON Lines", input: .csv, output: "out-csv.jsonl", task: .convert,
                peers: [BenchPeers.miller, BenchPeers.csvToJSON, BenchPeers.duckDBCSVToJSON], limit: .catOutput,
                target: .init(reference: "limit", maximum: 2, wording: "within 2× of cat writing the same output")),
        ]
    }
}
