import XchangeCore

/// Passes reports from step to step and on to the sinks, counting what each step did.
final class StepChain {
    let entries: [PipelineStepEntry]
    let steps: [any PipelineStep]
    let sinks: SinkWriters
    let rejects: RejectsWriter?
    let pipelineFile: String
    var received: [Int]
    var emitted: [Int]
    var skipped: [Int]

    init(
        entries: [PipelineStepEntry], steps: [any PipelineStep], sinks: SinkWriters, rejects: RejectsWriter?,
        pipelineFile: String
    ) {
        self.entries = entries
        self.steps = steps
        self.sinks = sinks
        self.rejects = rejects
        self.pipelineFile = pipelineFile
        received = Array(repeating: 0, count: steps.count)
        emitted = received
        skipped = received
    }

    /// An error from further down the chain (a later step, a sink) travelling up through the
    /// steps before it, which must not take it for a report of their own to refuse.
    private struct Downstream: Error {
        let error: any Error
    }

    /// Counts what copies of the steps did on other threads (``PipelineLane``).
    func add(received more: [Int], emitted moreEmitted: [Int]) {
        for index in steps.indices {
            received[index] += more[index]
            emitted[index] += moreEmitted[index]
        }
    }

    /// Hands a report read from a source to the first step.
    func start(_ item: PipelineItem) throws {
        do { try push(item, at: 0) } catch let downstream as Downstream { throw downstream.error }
    }

    /// Hands a report to step `index` (past the last step: to the sinks).
    private func push(_ item: PipelineItem, at index: Int) throws {
        guard index < steps.count else { return try sinks.write(item) }
        received[index] += 1
        do {
            try steps[index].process(item) { output in try self.emit(output, from: index) }
        } catch let downstream as Downstream {
            throw downstream
        } catch let failure as StepFailure {
            throw stop(failure.diagnostic, at: index, items: [])
        } catch let rejection as StepRejection {
            try refuse(rejection.items, at: index, rejection.diagnostic)
        } catch let diagnostic as Diagnostic {
            try refuse([item], at: index, diagnostic)
        }
    }

    private func emit(_ output: PipelineItem, from index: Int) throws {
        emitted[index] += 1
        do { try push(output, at: index + 1) } catch let downstream as Downstream { throw downstream } catch {
            throw Downstream(error: error)
        }
    }

    /// Ends the input: each step in turn may emit what it collected. A step whose finish
    /// refuses a report is called again to go on with the rest.
    func finish() throws {
        do {
            for index in steps.indices {
                while true {
                    do {
                        try steps[index].finish { output in try self.emit(output, from: index) }
                        break
                    } catch let rejection as StepRejection {
                        try refuse(rejection.items, at: index, rejection.diagnostic)
                    } catch let failure as StepFailure {
                        throw stop(failure.diagnostic, at: index, items: [])
                    }
                }
            }
        } catch let downstream as Downstream {
            throw downstream.error
        }
        try sinks.finish()
        try rejects?.finish()
    }

    /// A step refused reports: to the rejects file with `on_error: skip`, otherwise the run stops.
    private func refuse(_ items: [PipelineItem], at index: Int, _ diagnostic: Diagnostic) throws {
        let entry = entries[index]
        guard entry.skipsOnError, let rejects else { throw stop(diagnostic, at: index, items: items) }
        for item in items {
            skipped[index] += 1
            try rejects.write(item, step: entry.type.name, reason: diagnostic)
        }
    }

    /// The error that stops the run: the step's problem, naming the step, its line in the
    /// pipeline file and the first report concerned (if any).
    private func stop(_ diagnostic: Diagnostic, at index: Int, items: [PipelineItem]) -> Diagnostic {
        let entry = entries[index]
        var stop = diagnostic
        let origin = items.first.map { "\($0.origin): " } ?? ""
        if !stop.message.contains(origin) || origin.isEmpty { stop.message = origin + stop.message }
        stop.message = "step \(index + 1) (\(entry.type.name)): " + stop.message
        if items.isEmpty, entry.skipsOnError {
            stop.message += " (on_error: skip does not apply: the step failed as a whole, not on one report)"
        }
        stop.location = SourceReference(file: pipelineFile, line: entry.line)
        return stop
    }
}
