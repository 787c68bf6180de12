import XchangeCore

/// What a run did: reports read per source, each step's counts, findings, files written, time.
public struct RunSummary: Sendable {
    public struct Source: Sendable {
        public let pattern: String
        public var files = 0
        public var reports = 0
    }

    public struct Step: Sendable {
        public let name: String
        public var received = 0
        public var emitted = 0
        public var skipped = 0
        public var note: String?
    }

    public var name: String?
    public var sources: [Source] = []
    public var steps: [Step] = []
    public var findings: [Severity: Int] = [:]
    /// Files written (or, in a dry run, that would be written) with their report counts; other
    /// outputs (findings) have nil.
    public var files: [(path: String, reports: Int?)] = []
    public var rejected = 0
    public var seconds = 0.0
    public var dryRun = false

    /// The summary as lines for standard error.
    public func render() -> String {
        var lines: [String] = []
        lines.append(
            (dryRun ? "dry run" : "run") + (name.map { " of \($0)" } ?? "") + String(format: ": %.2f s", seconds))
        for source in sources {
            lines.append(
                "  read \(source.reports) \(source.reports == 1 ? "report" : "reports") from \(source.files) \(source.files == 1 ? "file" : "files"): \(source.pattern)"
            )
        }
        for (index, step) in steps.enumerated() {
            var line = "  step \(index + 1) \(step.name): \(step.received) in, \(step.emitted) out"
            if step.skipped > 0 { line += ", \(step.skipped) skipped" }
            if let note = step.note { line += " (\(note))" }
            lines.append(line)
        }
        if !findings.isEmpty {
            let parts = Severity.allCases.reversed().compactMap { severity in
                findings[severity].map { "\($0) \(severity.rawValue)\($0 == 1 ? "" : "s")" }
            }
            lines.append("  findings: " + parts.joined(separator: ", "))
        }
        if rejected > 0 { lines.append("  rejected: \(rejected) \(rejected == 1 ? "report" : "reports")") }
        let verb = dryRun ? "would write" : "wrote"
        let shown = files.prefix(20)
        for file in shown {
            lines.append(
                "  \(verb) \(file.path)" + (file.reports.map { " (\($0) \($0 == 1 ? "report" : "reports"))" } ?? ""))
        }
        if files.count > shown.count { lines.append("  … and \(files.count - shown.count) more files") }
        if files.isEmpty { lines.append("  \(verb) no file") }
        return lines.joined(separator: "\n")
    }
}
