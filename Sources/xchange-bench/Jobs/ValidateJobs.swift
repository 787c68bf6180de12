/// `validate` on each format, held to the time of reading the same file.
enum ValidateJobs {
    static var all: [BenchJob] {
        [
            BenchJob(
                id: "validate-jsonl", title: "validate JSON Lines", input: .jsonLines, output: nil, task: .validate,
                target: .init(reference: "read-jsonl:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
            BenchJob(
                id: "read-jsonl-faulty", title: "JSON Lines, a fault in 1 report of 10 → reports (reading only)",
                input: .faultyJSONLines, output: nil, task: .read),
            BenchJob(
                id: "validate-jsonl-faulty", title: "validate JSON Lines, a fault in 1 report of 10",
                input: .faultyJSONLines, output: nil, task: .validate,
                target: .init(
                    reference: "read-jsonl-faulty:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
            BenchJob(
                id: "validate-csv", title: "validate CSV wide", input: .csv, output: nil, task: .validate,
                target: .init(reference: "read-csv:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
            BenchJob(
                id: "validate-yaml", title: "validate YAML", input: .yaml, output: nil, task: .validate,
                target: .init(reference: "read-yaml:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
        ]
    }
}
