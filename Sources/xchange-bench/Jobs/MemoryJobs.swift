/// Streaming paths on large inputs: peak memory must stay flat.
enum MemoryJobs {
    static var all: [BenchJob] {
        [
            BenchJob(
                id: "big-jsonl-csv", title: "memory: big JSON Lines → CSV wide", input: .bigJSONLines,
                output: "big-out.csv", task: .convert, maxPeakMegabytes: 64),
            BenchJob(
                id: "big-csv-jsonl", title: "memory: big CSV wide → JSON Lines", input: .bigCSV,
                output: "big-out.jsonl", task: .convert, maxPeakMegabytes: 64),
            BenchJob(
                id: "big-yaml-jsonl", title: "memory: big YAML → JSON Lines", input: .bigYAML,
                output: "big-out-yaml.jsonl", task: .convert, maxPeakMegabytes: 64),
            BenchJob(
                id: "big-validate-jsonl", title: "memory: validate big JSON Lines", input: .bigJSONLines,
                output: nil, task: .validate, maxPeakMegabytes: 64),
            BenchJob(
                id: "big-validate-csv", title: "memory: validate big CSV wide", input: .bigCSV,
                output: nil, task: .validate, maxPeakMegabytes: 64),
            BenchJob(
                id: "big-pipeline-csv-jsonl", title: "memory: run big CSV wide → validate → JSON Lines",
                input: .bigCSV, output: "big-out-pipeline.jsonl", task: .pipeline, maxPeakMegabytes: 64),
        ]
    }
}
