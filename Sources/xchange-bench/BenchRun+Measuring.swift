import Foundation

/// One measured command: its arguments, where its standard output goes (nil: captured), and
/// the file of the run before to remove first.
struct BenchCommand {
    let arguments: [String]
    var stdout: String? = nil
    var removing: String? = nil
}

/// The row a target compares xchange's time with.
enum ReferenceRow: Equatable {
    /// The job's limit (`cat` of the output, libyaml's event loop).
    case limit
    /// One of the job's peers, by id.
    case peer(String)
    /// Another job's xchange task, by job id.
    case otherJob(String)
}

extension BenchRun {
    /// The fastest of the configured repetitions; nil when the program could not run. Every run
    /// starts alike: `removing` (the output of the run before, a file in the work directory) is
    /// gone, and so are the dirty pages earlier runs left for the kernel to write back, which
    /// would otherwise be written while this run is timed.
    func measure(_ command: BenchCommand) -> ChildProcess.Outcome? {
        var best: ChildProcess.Outcome?
        for _ in 0..<settings.repetitions {
            let outcome = runOnce(command)
            if outcome.status != 0 { return outcome }
            if best == nil || outcome.seconds < best!.seconds { best = outcome }
        }
        return best
    }

    /// The fastest run of each command, run in turns (`first`, `second`, `first`, …), so that
    /// both are timed on the machine as it is at the same moments. `first` runs first in each
    /// turn: `second` may read what it wrote (`cat` of xchange's output).
    func measureInTurns(_ first: BenchCommand, _ second: BenchCommand) -> (ChildProcess.Outcome?, ChildProcess.Outcome?)
    {
        var best: (ChildProcess.Outcome?, ChildProcess.Outcome?) = (nil, nil)
        for _ in 0..<settings.repetitions {
            let one = runOnce(first)
            if one.status != 0 { return (one, best.1) }
            if best.0 == nil || one.seconds < best.0!.seconds { best.0 = one }
            let two = runOnce(second)
            if two.status != 0 {
                best.1 = two
                continue
            }
            if best.1 == nil || (best.1!.status == 0 && two.seconds < best.1!.seconds) { best.1 = two }
        }
        return best
    }

    private func runOnce(_ command: BenchCommand) -> ChildProcess.Outcome {
        // Only ever a file the benchmark made: never `/dev/null` or the user's files.
        if let removing = command.removing, removing.hasPrefix(settings.workDirectory + "/") { unlink(removing) }
        sync()
        return ChildProcess.run(command.arguments, stdoutPath: command.stdout)
    }

    /// xchange's task for a job, writing `output` when the job has one.
    func xchangeCommand(_ job: BenchJob, output: String) -> BenchCommand {
        var arguments = [ChildProcess.selfPath, "task", job.task.rawValue, job.input.path(settings)]
        if job.output != nil { arguments.append(output) }
        return BenchCommand(arguments: arguments + job.taskOptions, removing: job.output == nil ? nil : output)
    }

    func limitCommand(_ limit: BenchJob.Limit, job: BenchJob, output: String) -> BenchCommand {
        switch limit {
        case .catOutput:
            let copy = settings.workDirectory + "/cat.out"
            return BenchCommand(arguments: ["cat", output], stdout: copy, removing: copy)
        case .yamlEvents:
            return BenchCommand(arguments: [ChildProcess.selfPath, "task", "yaml-events", job.input.path(settings)])
        }
    }

    func peerCommand(_ peer: BenchPeer, input: String) -> BenchCommand {
        let output = settings.workDirectory + "/peer-" + peer.id + ".out"
        return BenchCommand(arguments: peer.command(input, output), stdout: "/dev/null", removing: output)
    }

    /// What the job's target compares with, when it can be run: a peer only when peers are
    /// measured and it is installed; another job once its input is made.
    func referenceCommand(for job: BenchJob, output: String) -> (row: ReferenceRow, command: BenchCommand)? {
        guard let reference = job.target?.reference else { return nil }
        if reference == "limit" {
            return job.limit.map { (.limit, limitCommand($0, job: job, output: output)) }
        }
        if let id = reference.split(separator: ":").first.map(String.init), reference == id + ":xchange" {
            guard let other = BenchJobs.all.first(where: { $0.id == id }), other.input.prepare(settings) else {
                return nil
            }
            let otherOutput = other.output.map { settings.workDirectory + "/" + $0 } ?? "/dev/null"
            return (.otherJob(id), xchangeCommand(other, output: otherOutput))
        }
        guard settings.peers, let peer = job.peers.first(where: { $0.id == reference }), isInstalled(peer.requirement)
        else { return nil }
        return (.peer(reference), peerCommand(peer, input: job.input.path(settings)))
    }
}
