import Foundation

/// Runs the selected jobs and prints, per job, xchange's row, the peers' rows, the limit and
/// the target ratio.
struct BenchRun {
    let settings: BenchSettings

    /// Results by `JOB:ROW` key, so that a target can refer to another job's time.
    private final class Results {
        var outcomes: [String: ChildProcess.Outcome] = [:]
    }
    private let results = Results()

    init(settings: BenchSettings) {
        self.settings = settings
    }

    func run(_ jobs: [BenchJob]) {
        print(
            "xchange-bench: \(settings.count) generated unified_2021 reports, seed \(settings.seed) (xchange generate --count \(settings.count) --seed \(settings.seed))"
        )
        print("machine: \(Self.machine())")
        print(
            "each time is the fastest of \(settings.repetitions) run\(settings.repetitions == 1 ? "" : "s"); MB/s is of the job's input\n"
        )
        var failures: [String] = []
        for job in jobs {
            if settings.bigGigabytes <= 0, [.bigJSONLines, .bigCSV, .bigYAML].contains(job.input) { continue }
            guard job.input.prepare(settings) else {
                print("\(job.title): its input could not be made\n")
                continue
            }
            if !runJob(job) { failures.append(job.id) }
        }
        if !failures.isEmpty { print("missed targets or failed: \(failures.joined(separator: ", "))") }
    }

    /// Runs one job; false when xchange failed or the target was missed.
    private func runJob(_ job: BenchJob) -> Bool {
        let input = job.input.path(settings)
        let size = megabytes(input)
        let output = job.output.map { settings.workDirectory + "/" + $0 } ?? "/dev/null"
        print(String(format: "%@ [%@] — input %.1f MB", job.title, job.id, size))
        print(
            "  " + "".padding(toLength: 44, withPad: " ", startingAt: 0)
                + "    wall      CPU  MB/s wall  MB/s CPU  peak MB")
        var arguments = [ChildProcess.selfPath, "task", job.task.rawValue, input]
        if job.output != nil { arguments.append(output) }
        arguments += job.taskOptions
        let ours = measure(arguments, stdout: nil, removing: job.output == nil ? nil : output)
        printRow("xchange", ours, size)
        guard let ours, ours.status == 0 else { return false }
        results.outcomes["\(job.id):xchange"] = ours

        if let limit = job.limit {
            let outcome: ChildProcess.Outcome? =
                switch limit {
                case .catOutput:
                    measure(
                        ["cat", output], stdout: settings.workDirectory + "/cat.out",
                        removing: settings.workDirectory + "/cat.out")
                case .yamlEvents: measure([ChildProcess.selfPath, "task", "yaml-events", input], stdout: nil)
                }
            let name =
                limit == .catOutput
                ? String(format: "limit: cat of the %.0f MB output", megabytes(output)) : "limit: libyaml event loop"
            printRow(name, outcome, size)
            if let outcome, outcome.status == 0 { results.outcomes["\(job.id):limit"] = outcome }
            unlink(settings.workDirectory + "/cat.out")
        }
        if settings.peers {
            for peer in job.peers {
                guard isInstalled(peer.requirement) else {
                    print(
                        "  \(peer.title.padding(toLength: 44, withPad: " ", startingAt: 0)) missing (\(describe(peer.requirement)) not installed)"
                    )
                    continue
                }
                let peerOutput = settings.workDirectory + "/peer-" + peer.id + ".out"
                let outcome = measure(peer.command(input, peerOutput), stdout: "/dev/null", removing: peerOutput)
                printRow(peer.title, outcome, size)
                if let outcome, outcome.status == 0 { results.outcomes["\(job.id):\(peer.id)"] = outcome }
                unlink(peerOutput)
            }
        }
        var met = true
        if let most = job.maxPeakMegabytes {
            let peak = Double(ours.peakKilobytes) / 1024
            met = peak < most
            print(String(format: "  target peak memory < %.0f MB: %.1f MB — %@", most, peak, met ? "met" : "MISSED"))
        }
        if let target = job.target {
            let key = target.reference.contains(":") ? target.reference : "\(job.id):\(target.reference)"
            if let reference = results.outcomes[key] {
                let ratio = target.basis.seconds(ours) / max(target.basis.seconds(reference), 1e-9)
                let cpuRatio = ours.cpuSeconds / max(reference.cpuSeconds, 1e-9)
                met = met && ratio <= target.maximum
                print(
                    String(
                        format: "  target %@: %@ time ratio %.2f (≤ %.2f) — %@%@", target.wording,
                        target.basis.rawValue, ratio, target.maximum, met ? "met" : "MISSED",
                        target.basis == .cpu ? "" : String(format: " (CPU time ratio %.2f)", cpuRatio)))
            } else {
                print("  target \(target.wording): reference \(target.reference) not measured")
            }
        }
        for (key, other) in results.outcomes.sorted(by: { $0.key < $1.key })
        where key.hasPrefix(job.id + ":") && key != "\(job.id):xchange" {
            print(
                String(
                    format: "  xchange vs %@: %.2f× its speed (wall), %.2f× (CPU)",
                    String(key.dropFirst(job.id.count + 1)),
                    other.seconds / ours.seconds, other.cpuSeconds / max(ours.cpuSeconds, 1e-9)))
        }
        print("")
        if job.output != nil, output != "/dev/null" { unlink(output) }
        return met
    }

    /// The fastest of the configured repetitions; nil when the program could not run. Every run
    /// starts alike: `removing` (the output of the run before, a file in the work directory) is
    /// gone, and so are the dirty pages earlier runs left for the kernel to write back, which
    /// would otherwise be written while this run is timed.
    private func measure(_ arguments: [String], stdout: String?, removing: String? = nil) -> ChildProcess.Outcome? {
        var best: ChildProcess.Outcome?
        for _ in 0..<settings.repetitions {
            // Only ever a file the benchmark made: never `/dev/null` or the user's files.
            if let removing, removing.hasPrefix(settings.workDirectory + "/") { unlink(removing) }
            sync()
            let outcome = ChildProcess.run(arguments, stdoutPath: stdout)
            if outcome.status != 0 { return outcome }
            if best == nil || outcome.seconds < best!.seconds { best = outcome }
        }
        return best
    }

    private func printRow(_ name: String, _ outcome: ChildProcess.Outcome?, _ size: Double) {
        let label = "  " + name.padding(toLength: 44, withPad: " ", startingAt: 0)
        guard let outcome else { return print(label + " not run") }
        guard outcome.status == 0 else {
            return print(label + " failed (status \(outcome.status)) \(outcome.output.prefix(300))")
        }
        print(
            String(
                format: "%@ %7.2f s %7.2f s %8.1f %8.1f %8.1f", label, outcome.seconds, outcome.cpuSeconds,
                size / max(outcome.seconds, 1e-9), size / max(outcome.cpuSeconds, 1e-9),
                Double(outcome.peakKilobytes) / 1024))
    }

    private func isInstalled(_ requirement: BenchPeer.Requirement) -> Bool {
        switch requirement {
        case .program(let name): ChildProcess.isInstalled(name)
        case .pythonModule(let name):
            ChildProcess.isInstalled("python3")
                && ChildProcess.run(["python3", "-c", "import \(name)"], stdoutPath: "/dev/null").status == 0
        }
    }

    private func describe(_ requirement: BenchPeer.Requirement) -> String {
        switch requirement {
        case .program(let name): name
        case .pythonModule(let name): "Python module \(name)"
        }
    }

    static func machine() -> String {
        let cpu =
            (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?
            .split(separator: "\n").first { $0.hasPrefix("model name") }?
            .split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let load =
            (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(
                String.init) ?? "?"
        return "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpu); load average \(load) at the start"
    }
}
