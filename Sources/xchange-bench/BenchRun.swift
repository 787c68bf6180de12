import Foundation

/// Runs the selected jobs and prints, per job, xchange's row, the peers' rows, the limit and
/// the target ratio.
struct BenchRun {
    let settings: BenchSettings

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
        // The other rows' times by row id, for the "xchange vs" lines.
        var others: [String: ChildProcess.Outcome] = [:]
        let ours = xchangeCommand(job, output: output)
        // The target's reference runs in turns with xchange, one run of each after the other:
        // a shared machine drifts over the minutes between jobs, and a ratio of times taken
        // apart would measure the drift with the programs.
        let reference = referenceCommand(for: job, output: output)
        let measured: (ours: ChildProcess.Outcome?, reference: ChildProcess.Outcome?) =
            reference.map { measureInTurns(ours, $0.command) } ?? (measure(ours), nil)
        printRow("xchange", measured.ours, size)
        guard let oursOutcome = measured.ours, oursOutcome.status == 0 else { return false }
        if let reference, case .otherJob(let id) = reference.row {
            printRow("reference: \(id), run in turns", measured.reference, size)
            if let outcome = measured.reference, outcome.status == 0 { others[id] = outcome }
        }

        if let limit = job.limit {
            let outcome =
                reference?.row == .limit ? measured.reference : measure(limitCommand(limit, job: job, output: output))
            let name =
                limit == .catOutput
                ? String(format: "limit: cat of the %.0f MB output", megabytes(output)) : "limit: libyaml event loop"
            printRow(name, outcome, size)
            if let outcome, outcome.status == 0 { others["limit"] = outcome }
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
                let outcome =
                    reference?.row == .peer(peer.id) ? measured.reference : measure(peerCommand(peer, input: input))
                printRow(peer.title, outcome, size)
                if let outcome, outcome.status == 0 { others[peer.id] = outcome }
                unlink(settings.workDirectory + "/peer-" + peer.id + ".out")
            }
        }
        var met = true
        if let most = job.maxPeakMegabytes {
            let peak = Double(oursOutcome.peakKilobytes) / 1024
            met = peak < most
            print(String(format: "  target peak memory < %.0f MB: %.1f MB — %@", most, peak, met ? "met" : "MISSED"))
        }
        if let target = job.target {
            if let reference = measured.reference, reference.status == 0 {
                let ratio = target.basis.seconds(oursOutcome) / max(target.basis.seconds(reference), 1e-9)
                let cpuRatio = oursOutcome.cpuSeconds / max(reference.cpuSeconds, 1e-9)
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
        for (row, other) in others.sorted(by: { $0.key < $1.key }) {
            print(
                String(
                    format: "  xchange vs %@: %.2f× its speed (wall), %.2f× (CPU)", row,
                    other.seconds / oursOutcome.seconds, other.cpuSeconds / max(oursOutcome.cpuSeconds, 1e-9)))
        }
        print("")
        if job.output != nil, output != "/dev/null" { unlink(output) }
        if let removing = reference?.command.removing, removing.hasPrefix(settings.workDirectory + "/") {
            unlink(removing)
        }
        return met
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

    func isInstalled(_ requirement: BenchPeer.Requirement) -> Bool {
        switch requirement {
        case .program(let name): ChildProcess.isInstalled(name)
        case .pythonModule(let name):
            ChildProcess.isInstalled("python3")
                // A missing module is reported as missing; its traceback would only be noise.
                && ChildProcess.run(
                    ["python3", "-c", "import \(name)"], stdoutPath: "/dev/null", stderrPath: "/dev/null"
                )
                .status == 0
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
