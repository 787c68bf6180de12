import XchangeCore
import XchangeFormats

/// One worker thread's share of a source read in pieces: its own copies of the steps (every
/// step is a ``ReportLocalStep``) and an encoder for each sink. A piece's reports go through the
/// copies and are encoded for the sinks; the run takes the outcomes in input order.
///
/// When a copy refuses a report, nothing of the piece is kept: the run reads the piece again
/// in order through the steps themselves, which refuse it as they would have (the rejects
/// file, or the error that stops the run).
final class PipelineLane: PieceWork {
    /// What the lane did with one piece.
    struct Outcome {
        /// Reports read from the piece.
        var reports = 0
        /// A step refused a report: nothing else here is kept.
        var refused = false
        /// Per step, reports taken and given on.
        var received: [Int]
        var emitted: [Int]
        /// Reports that reached the sinks, and their encoding for each sink.
        var written = 0
        var encoded: [any EncodedReports] = []
        /// What each step's copy kept, for the step to take in.
        var kept: [(any Sendable)?] = []
    }

    private let file: String
    private let copies: [any LocalStepCopy]
    private let encoders: [any ReportPieceEncoder]
    private var outcome: Outcome
    /// The report this lane's reader returned last, for the copies that ask where values stand.
    private let beingRead = ReportBeingRead()

    /// A lane for reports read from `file`; nil when a step or a sink cannot be copied.
    init?(file: String, steps: [any PipelineStep], sinks: [any PieceEncodingWriter]) {
        var copies: [any LocalStepCopy] = []
        for step in steps {
            guard let copy = (step as? any ReportLocalStep)?.makeLocalCopy() else { return nil }
            copy.reads(from: beingRead)
            copies.append(copy)
        }
        var encoders: [any ReportPieceEncoder] = []
        for sink in sinks {
            guard let encoder = sink.makePieceEncoder() else { return nil }
            encoders.append(encoder)
        }
        self.file = file
        self.copies = copies
        self.encoders = encoders
        outcome = Outcome(received: Array(repeating: 0, count: steps.count), emitted: [])
    }

    func handle(_ reports: any ReportReader) throws -> Outcome {
        outcome = Outcome(received: Array(repeating: 0, count: copies.count), emitted: [])
        outcome.emitted = outcome.received
        var ordinal = 0
        defer { beingRead.clear() }
        do {
            while let report = try reports.next() {
                ordinal += 1
                // After a refusal the piece is still read to its end: a piece read again in
                // order must be known to read without error.
                guard !outcome.refused else { continue }
                let origin = ReportOrigin(file: file, ordinal: ordinal)
                beingRead.read(origin, by: reports)
                do {
                    try push(PipelineItem(report: report, origin: origin), at: 0)
                } catch {
                    outcome.refused = true
                }
            }
        } catch {
            discard()
            throw error
        }
        outcome.reports = ordinal
        if outcome.refused {
            discard()
        } else {
            outcome.encoded = encoders.map { $0.take() }
            outcome.kept = copies.map { $0.takeKept() }
        }
        return outcome
    }

    private func push(_ item: PipelineItem, at index: Int) throws {
        guard index < copies.count else {
            for encoder in encoders { try encoder.encode(item.report) }
            outcome.written += 1
            return
        }
        outcome.received[index] += 1
        try copies[index].process(item) { output in
            outcome.emitted[index] += 1
            try push(output, at: index + 1)
        }
    }

    /// Forgets what the encoders and copies hold of the current piece.
    private func discard() {
        for encoder in encoders { _ = encoder.take() }
        for copy in copies { _ = copy.takeKept() }
    }
}
