/// `validate` on each format, held to the time of reading the same file.
enum ValidateJobs {
    static var all: [BenchJob] {
        [
            BenchJob(
                id: "validate-jsonl", title: "validate JSON Lines", input: .jsonLines, output: nil, task: .validate,
                target: .init(reference: "read-jsonl:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
            BenchJob(
                id: "validate-csv", title: "validate CSV wide", input: .csv, output: nil, task: .validate,
                target: .init(reference: "read-csv:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
            BenchJob(
                id: "validate-yaml", title: "validate YAML", input: .yaml, output: nil, task: .validate,
                target: .init(reference: "read-yaml:xchange", maximum: 1.2, wording: "≤ 1.2× reading the same file")),
        ]
    }
}
