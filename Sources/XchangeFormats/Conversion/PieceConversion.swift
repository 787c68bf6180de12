import Foundation
import XchangeCore

/// Converts an input piece by piece on every core: worker threads each read a piece and
/// encode its reports into bytes, and the calling thread takes pieces from the input and
/// writes the encoded ones in input order.
///
/// A piece that fails is not reported from its worker: the input is read again in order from
/// that piece on and written report by report, so the first error in input order is the one
/// thrown, with the position and report number the ordinary reader gives. Diagnostics of the
/// pieces reach `diagnostics` in input order. At most a few pieces are in flight, so memory
/// stays bounded.
enum PieceConversion {
    /// Pieces taken from the input and not yet written, beyond one per worker.
    static let queuedPieces = 3

    /// One piece's work, shared between the calling thread and a worker.
    private final class Job: @unchecked Sendable {
        let piece: InputPiece
        var encoded: (any EncodedReports)?
        var reports = 0
        var failed = false
        var done = false
        let diagnostics = DiagnosticList()

        init(_ piece: InputPiece) { self.piece = piece }
    }

    /// What the threads share, behind one lock.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var waiting: [Job] = []
        var stopped = false
        var running = 0
    }

    /// Converts everything `pieces` yields into `writer` (not finished here) and returns how
    /// many reports were written. `workers` threads do the reading and encoding.
    static func run(
        _ pieces: any PieceReading, into writer: any PieceEncodingWriter, encoders: [any ReportPieceEncoder],
        diagnostics: any DiagnosticCollector
    ) throws -> Int {
        let shared = Shared()
        let reading = UncheckedBox(pieces)
        for encoder in encoders {
            let box = UncheckedBox(encoder)
            shared.running += 1
            let thread = Thread { work(shared, reading.value, box.value) }
            thread.stackSize = 1 << 20
            thread.start()
        }
        defer { stop(shared) }

        var inFlight: [Job] = []
        var inputDone = false
        var count = 0
        while true {
            if !inputDone && inFlight.count < encoders.count + queuedPieces {
                if let piece = try pieces.nextPiece() {
                    let job = Job(piece)
                    inFlight.append(job)
                    if !piece.readsRest { hand(job, to: shared) }
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
            if job.piece.readsRest || job.failed {
                // Read in order from here on: the ordinary reader's errors, positions and numbering.
                stop(shared)
                let reader = try pieces.restReader(
                    from: job.piece, then: inFlight.dropFirst().map(\.piece), reportsBefore: count,
                    diagnostics: diagnostics)
                inFlight.removeAll()
                // Encoding still overlaps reading, as in any conversion.
                let background = BackgroundWriter(writer, finishesTarget: false)
                do {
                    while let report = try reader.next() {
                        try background.write(report)
                        count += 1
                    }
                    try background.finish()
                } catch {
                    background.cancel()
                    throw error
                }
                return count
            }
            inFlight.removeFirst()
            for diagnostic in job.diagnostics.diagnostics { diagnostics.report(diagnostic) }
            if let encoded = job.encoded { try writer.appendEncoded(encoded) }
            count += job.reports
        }
        return count
    }

    private static func hand(_ job: Job, to shared: Shared) {
        shared.condition.lock()
        shared.waiting.append(job)
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// Stops the workers and waits until none runs.
    private static func stop(_ shared: Shared) {
        shared.condition.lock()
        shared.stopped = true
        shared.waiting.removeAll()
        shared.condition.broadcast()
        while shared.running > 0 { shared.condition.wait() }
        shared.condition.unlock()
    }

    /// A worker: reads and encodes pieces until stopped.
    private static func work(_ shared: Shared, _ pieces: any PieceReading, _ encoder: any ReportPieceEncoder) {
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

            var reports = 0
            var encoded: (any EncodedReports)?
            do {
                let reader = try pieces.reader(for: job.piece, diagnostics: job.diagnostics)
                while let report = try reader.next() {
                    try encoder.encode(report)
                    reports += 1
                }
                encoded = encoder.take()
            } catch {
                _ = encoder.take()
            }

            shared.condition.lock()
            job.reports = reports
            job.encoded = encoded
            job.failed = encoded == nil
            job.done = true
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }
}
