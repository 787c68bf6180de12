import Foundation
import XchangeCore

/// Runs a report writer on a thread of its own, so that encoding and writing one batch of
/// reports overlaps with reading the next: a conversion uses both cores.
///
/// At most ``maximumBatches`` batches of ``batchSize`` reports wait at any time, so memory stays
/// bounded. Reports are written in the order given, and so are reports encoded on other
/// threads when the target can take them (``PieceEncodingWriter``). A writer error is thrown
/// by the next `write` or by `finish`; ``cancel()`` stops the thread without finishing the output.
public final class BackgroundWriter: CancellableReportWriter {
    static let batchSize = 64
    static let maximumBatches = 4

    /// What waits for the writing thread: reports, or reports already encoded.
    private enum Batch {
        case reports([Report])
        case encoded(any EncodedReports)
    }

    /// What the caller and the writing thread share, behind one lock.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var batches: [Batch] = []
        /// Batches written, for the caller's thread to free: reports are freed where they were
        /// made, or the two threads fight over the allocator's lock.
        var spent: [[Report]] = []
        var closed = false
        var cancelled = false
        var done = false
        var failure: (any Error)?
    }

    private let shared = Shared()
    private var batch: [Report] = []
    private let target: any ReportWriter
    /// Whether the target is this writer's own, to finish or cancel with it.
    private let ownsTarget: Bool

    /// Starts the writing thread for `target`; reports given to ``write(_:)`` reach it in order.
    /// Without `finishesTarget`, ``finish()`` waits for every report to be written but leaves
    /// finishing `target` to the caller (who may write more to it).
    public init(_ target: any ReportWriter, finishesTarget: Bool = true) {
        self.target = target
        ownsTarget = finishesTarget
        let shared = self.shared
        let box = UncheckedBox(target as any ReportWriter)
        let thread = Thread { Self.consume(into: box.value, from: shared, finishing: finishesTarget) }
        thread.stackSize = 1 << 20
        thread.start()
        batch.reserveCapacity(Self.batchSize)
    }

    deinit {
        stopThread()
    }

    public func write(_ report: Report) throws {
        batch.append(report)
        if batch.count == Self.batchSize { try hand(close: false) }
    }

    public func finish() throws {
        try hand(close: true)
        shared.condition.lock()
        while !shared.done { shared.condition.wait() }
        let failure = shared.failure
        shared.condition.unlock()
        if let failure { throw failure }
    }

    /// Stops the writing thread and waits for it; the target writer is not finished. A target
    /// of this writer's own (`finishesTarget`) that writes from threads of its own is cancelled too.
    public func cancel() {
        stopThread()
        if ownsTarget { (target as? any CancellableReportWriter)?.cancel() }
    }

    private func stopThread() {
        shared.condition.lock()
        shared.cancelled = true
        shared.condition.broadcast()
        while !shared.done { shared.condition.wait() }
        shared.condition.unlock()
    }

    private func hand(close: Bool, encoded: (any EncodedReports)? = nil) throws {
        shared.condition.lock()
        while shared.batches.count >= Self.maximumBatches && shared.failure == nil && !shared.done {
            shared.condition.wait()
        }
        if let failure = shared.failure {
            shared.condition.unlock()
            throw failure
        }
        if !batch.isEmpty { shared.batches.append(.reports(batch)) }
        if let encoded { shared.batches.append(.encoded(encoded)) }
        shared.closed = close
        shared.condition.broadcast()
        var spent = shared.spent
        shared.spent = []
        shared.condition.unlock()
        // Reuse a written batch's storage; its reports are freed here, on the thread that made them.
        batch = spent.popLast() ?? []
        batch.removeAll(keepingCapacity: true)
        batch.reserveCapacity(Self.batchSize)
        spent.removeAll()
    }

    private static func consume(into target: any ReportWriter, from shared: Shared, finishing: Bool) {
        var failure: (any Error)?
        loop: while true {
            shared.condition.lock()
            while shared.batches.isEmpty && !shared.closed && !shared.cancelled { shared.condition.wait() }
            if shared.cancelled || (shared.batches.isEmpty && shared.closed) {
                shared.condition.unlock()
                break loop
            }
            let batch = shared.batches.removeFirst()
            shared.condition.broadcast()
            shared.condition.unlock()
            do {
                switch batch {
                case .reports(let reports):
                    for report in reports { try target.write(report) }
                    shared.condition.lock()
                    shared.spent.append(reports)
                    shared.condition.unlock()
                case .encoded(let encoded):
                    // Only handed in when the target is a piece-encoding writer.
                    try (target as! any PieceEncodingWriter).appendEncoded(encoded)
                }
            } catch {
                failure = error
                break loop
            }
        }
        shared.condition.lock()
        if failure == nil, finishing, shared.closed, !shared.cancelled {
            do { try target.finish() } catch { failure = error }
        }
        shared.failure = failure
        shared.done = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }
}

extension BackgroundWriter: PieceEncodingWriter {
    /// An encoder of the target writer, when it has them.
    public func makePieceEncoder() -> (any ReportPieceEncoder)? {
        (target as? any PieceEncodingWriter)?.makePieceEncoder()
    }

    /// Writes encoded reports after every report given before, on the writing thread.
    public func appendEncoded(_ encoded: any EncodedReports) throws {
        precondition(target is any PieceEncodingWriter, "encoded reports for a writer that cannot take them")
        try hand(close: false, encoded: encoded)
    }
}
