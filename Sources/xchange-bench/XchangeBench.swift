import ArgumentParser
import Foundation

/// `xchange-bench`: throughput and memory of xchange's conversions beside peer tools.
struct XchangeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xchange-bench",
        abstract: "Measure xchange's conversions beside peer tools on generated reports.",
        discussion: """
            Generates reports with the fixed seed (what `xchange generate --count N --seed S` \
            writes) into the work folder, once, and reuses them. Each job then runs as a child \
            process of its own: xchange's conversion, the peers that are installed (Miller, \
            Python json/csv, orjson, DuckDB, PyYAML) and the limit (`cat` writing the same \
            output, libyaml's own event loop). It prints time, MB/s and peak memory of each, \
            and the ratios the targets are stated in; a target's reference (a peer, the limit \
            or another job's conversion) runs in turns with xchange, so that both are timed on \
            the machine in the same state. Run it from the package folder on a release build.

            Examples:
              swift run -c release xchange-bench
              swift run -c release xchange-bench --count 20000 --big-gb 0
              swift run -c release xchange-bench --seed 7 --jobs jsonl-jsonl,csv-jsonl --repeat 3
              swift run -c release xchange-bench --list-jobs
              swift run -c release xchange-bench text 200
            """,
        subcommands: [Measure.self, ReadTexts.self, Task.self],
        defaultSubcommand: Measure.self
    )
}

extension XchangeBench {
    /// Runs the jobs and prints the tables.
    struct Measure: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measure", abstract: "Run the benchmark jobs (the default).")

        @Option(help: "How many 2021-format reports to generate.")
        var count = 100_000

        @Option(help: "The generator's seed.")
        var seed: UInt64 = 2024

        @Option(help: "Where generated inputs are kept and reused.")
        var workDir = "/tmp/xchange-bench-data"

        @Option(help: "At least this many GB in the inputs of the memory check (0 skips it).")
        var bigGb = 1.0

        @Option(help: "Run each measurement this many times and keep the fastest.")
        var `repeat` = 1

        @Option(help: "Comma-separated job ids to run (default: all; see --list-jobs).")
        var jobs: String?

        @Flag(help: "List the jobs and exit.")
        var listJobs = false

        @Flag(help: "Skip the peer tools (Miller, Python, DuckDB).")
        var noPeers = false

        func validate() throws {
            guard count > 0 else { throw ValidationError("--count must be at least 1") }
            guard self.repeat > 0 else { throw ValidationError("--repeat must be at least 1") }
            if let jobs {
                let known = Set(BenchJobs.all.map(\.id))
                for id in jobs.split(separator: ",") where !known.contains(String(id)) {
                    throw ValidationError("unknown job \(id); jobs: \(BenchJobs.all.map(\.id).joined(separator: ", "))")
                }
            }
        }

        func run() throws {
            if listJobs {
                // Padded to the longest id, never cut: the ids are what `--jobs` takes.
                let width = BenchJobs.all.map(\.id.count).max() ?? 0
                for job in BenchJobs.all {
                    print("\(job.id.padding(toLength: width, withPad: " ", startingAt: 0))  \(job.title)")
                }
                return
            }
            // A job held to another job's time runs that job's task itself, in turns with its own.
            let selected = jobs.map { list in Set(list.split(separator: ",").map(String.init)) }
            let settings = BenchSettings(
                count: count, seed: seed, workDirectory: workDir, bigGigabytes: bigGb, repetitions: self.repeat,
                peers: !noPeers)
            BenchRun(settings: settings).run(BenchJobs.all.filter { selected?.contains($0.id) ?? true })
        }
    }

    /// Reading the sample report texts, in this process: time per report and reports per second.
    struct ReadTexts: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "text",
            abstract: "Time reading the sample report texts in samples/ (run from the package folder).")

        @Argument(help: "How many times each sample text is read; the median is reported.")
        var repetitions = 50

        @Option(
            name: .customLong("sample"),
            help: "Read only these texts (repeatable; any report text or HTML page), e.g. to profile one.")
        var samples: [String] = []

        func validate() throws {
            guard repetitions > 0 else { throw ValidationError("repetitions must be at least 1") }
            for sample in samples where !FileManager.default.fileExists(atPath: sample) {
                throw ValidationError("--sample \(sample): no such file")
            }
        }

        func run() throws {
            TextReadingBenchmark.run(
                samples: samples.isEmpty ? TextReadingBenchmark.samples : samples, repetitions: repetitions)
        }
    }

    /// One measured task in a child process (used by `measure`).
    struct Task: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "task",
            abstract: "Run one measured task in this process (the benchmark's child processes use this).",
            discussion: "Tasks: " + ChildTask.allCases.map(\.rawValue).joined(separator: ", "))

        @Argument(help: "The task.")
        var name: String

        @Argument(help: "The task's arguments (input, output, options).")
        var arguments: [String] = []

        func run() throws {
            guard let task = ChildTask(rawValue: name) else {
                throw ValidationError(
                    "unknown task \(name); tasks: \(ChildTask.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let status = task.run(arguments)
            if status != 0 { throw ExitCode(status) }
        }
    }
}
