import Foundation
import XchangeCore

/// What one worker thread does with the reports of a piece; see ``PieceScheduler``.
public protocol PieceWork: AnyObject {
    /// What handling one piece yields, for the calling thread to take in input order.
    associatedtype Outcome

    /// Handles every report `reports` yields (the reports of one piece). When it throws (or
    /// the reader does), the piece and everything after it are read again in order; the
    /// worker must then be ready for another piece, holding nothing of this one.
    func handle(_ reports: any ReportReader) throws -> Outcome
}

/// Reads an input piece by piece on every core: worker threads each read a piece and handle
/// its reports (``PieceWork``), and the calling thread takes pieces from the input and hands
/// the outcomes on in input order.
///
/// A piece that fails is not reported from its worker: the workers stop, and the input is
/// read again in order from that piece on by the calling thread, so the first error in input
/// order is the one thrown, with the position and report number the ordinary reader gives.
/// Diagnostics of the pieces reach `diagnostics` in input order. At most a few pieces are in
/// flight, so memory stays bounded.
public enum PieceScheduler {
    /// Pieces taken from the input and not yet handed on, beyond one per worker.
    static let queuedPieces = 3

    /// One piece's work, shared between the calling thread and a worker.
    private final class Job<Outcome>: @unchecked Sendable {
        let piece: InputPiece
        var outcome: Outcome?
        var reports = 0
        var done = false
        let diagnostics = DiagnosticList()

        init(_ piece: InputPiece) { self.piece = piece }
    }

    /// What the threads share, behind one lock.
    private final class Shared<Outcome>: @unchecked Sendable {
        let condition = NSCondition()
        var waiting: [Job<Outcome>] = []
        var stopped = false
        var running = 0
    }

    /// Reads everything `pieces` yields with `workers` (one thread each) and returns how many
    /// reports there were.
    ///
    /// - Parameters:
    ///   - take: called on this thread, in input order, with each piece's outcome, the piece,
    ///     and how many reports came before it.
    ///   - readRest: called at most once, on this thread, when a piece failed: with a reader of
    ///     everything from that piece on, in order, and how many reports came before it. It
    ///     handles those reports and returns how many there were.
    public static func run<Work: PieceWork>(
        _ pieces: any PieceReading, workers: [Work], diagnostics: any DiagnosticCollector,
        take: (_ outcome: Work.Outcome, _ piece: InputPiece, _ reportsBefore: Int) throws -> Void,
        readRest: (_ reader: any ReportReader, _ reportsBefore: Int) throws -> Int
    ) throws -> Int {
        let shared = Shared<Work.Outcome>()
        let reading = UncheckedBox(pieces)
        // The workers start with the second piece: an input that is one piece (most single
        // reports, every small file of a batch) is handled on this thread, with no threads to
        // start and stop for it.
        var started = false
        func startWorkers() {
            started = true
            for work in workers {
                let box = UncheckedBox(work)
                shared.running += 1
                let thread = Thread { run(box.value, shared, reading.value) }
                thread.stackSize = 1 << 20
                thread.start()
            }
        }
        defer { stop(shared) }

        var inFlight: [Job<Work.Outcome>] = []
        var inputDone = false
        var count = 0
        while true {
            if !inputDone && inFlight.count < workers.count + queuedPieces {
                if let piece = try pieces.nextPiece() {
                    let job = Job<Work.Outcome>(piece)
                    inFlight.append(job)
                    if piece.readsRest {
                        // Read in order below.
                    } else if !started && piece.isLast, let work = workers.first {
                        perform(job, with: work, pieces)
                    } else {
                        if !started { startWorkers() }
                        hand(job, to: shared)
                    }
                } else {
                    inputDone = true
                }
                continue
            }
            guard let job = inFlight.first else { break }
            if !job.piece.readsRest {
                shared.condition.lock()
                while !job.done { shared.condition.wait() }
                shared.condition.unlock()
            }
            guard let outcome = job.outcome, !job.piece.readsRest else {
                // Read in order from here on: the ordinary reader's errors, positions and numbering.
                stop(shared)
                let reader = try pieces.restReader(
                    from: job.piece, then: inFlight.dropFirst().map(\.piece), reportsBefore: count,
                    diagnostics: diagnostics)
                inFlight.removeAll()
                return count + (try readRest(reader, count))
            }
            inFlight.removeFirst()
            for diagnostic in job.diagnostics.diagnostics { diagnostics.report(diagnostic) }
            try take(outcome, job.piece, count)
            count += job.reports
        }
        return count
    }

    private static func hand<Outcome>(_ job: Job<Outcome>, to shared: Shared<Outcome>) {
        shared.condition.lock()
        shared.waiting.append(job)
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// Stops the workers and waits until none runs.
    private static func stop<Outcome>(_ shared: Shared<Outcome>) {
        shared.condition.lock()
        shared.stopped = true
        shared.waiting.removeAll()
        shared.condition.broadcast()
        while shared.running > 0 { shared.condition.wait() }
        shared.condition.unlock()
    }

    /// A worker: handles pieces until stopped.
    private static func run<Work: PieceWork>(
        _ work: Work, _ shared: Shared<Work.Outcome>, _ pieces: any PieceReading
    ) {
        while true {
            shared.condition.lock()
            while shared.waiting.isEmpty && !shared.stopped { shared.condition.wait() }
            if shared.stopped {
                shared.running -= 1
                shared.condition.broadcast()
                shared.condition.unlock()
                return
            }
            let job = shared.waiting.removeFirst()
            shared.condition.unlock()

            let (outcome, reports) = handle(job.piece, with: work, job.diagnostics, pieces)
            shared.condition.lock()
            (job.outcome, job.reports, job.done) = (outcome, reports, true)
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }

    /// Handles a piece on this thread, for an input of one piece.
    private static func perform<Work: PieceWork>(
        _ job: Job<Work.Outcome>, with work: Work, _ pieces: any PieceReading
    ) {
        (job.outcome, job.reports) = handle(job.piece, with: work, job.diagnostics, pieces)
        job.done = true
    }

    /// What handling a piece's reports yields (nil when reading or handling them failed), and
    /// how many reports it read.
    private static func handle<Work: PieceWork>(
        _ piece: InputPiece, with work: Work, _ diagnostics: DiagnosticList, _ pieces: any PieceReading
    ) -> (Work.Outcome?, Int) {
        var counting: CountingReader?
        do {
            let reader = CountingReader(try pieces.reader(for: piece, diagnostics: diagnostics))
            counting = reader
            return (try work.handle(reader), reader.count)
        } catch {
            return (nil, counting?.count ?? 0)
        }
    }
}

/// Counts the reports a reader hands out; it reads a report again with positions when the
/// reader it wraps can.
private final class CountingReader: PositionedRereading {
    let base: any ReportReader
    var count = 0

    init(_ base: any ReportReader) { self.base = base }

    func next() throws -> Report? {
        guard let report = try base.next() else { return nil }
        count += 1
        return report
    }

    func rereadWithPositions() throws -> Report? {
        try (base as? any PositionedRereading)?.rereadWithPositions()
    }

    func positions(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        try base.knownPositions(of: fields)
    }
}
