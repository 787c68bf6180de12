/// YAML jobs, on a tenth of the reports.
enum YAMLJobs {
    static var all: [BenchJob] {
        [
            BenchJob(id: "read-yaml", title: "YAML → reports (reading only)", input: .yaml, output: nil, task: .read),
            BenchJob(
                id: "yaml-jsonl", title: "YAML → JSON Lines", input: .yaml, output: "out-yaml.jsonl", task: .convert,
                peers: [BenchPeers.pyYAML], limit: .yamlEvents,
                target: .init(reference: "limit", maximum: 1.5, wording: "within 1.5× of libyaml's own event loop")),
        ]
    }
}
