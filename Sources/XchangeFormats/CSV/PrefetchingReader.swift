import Foundation
import XchangeCore

/// Runs a report reader on a thread of its own, a few batches ahead of the consumer, so that
/// decoding CSV overlaps with whatever the caller does with each report (writing JSON, say).
///
/// At most ``maximumBatches`` batches of ``batchSize`` reports wait at any time, so memory stays
/// bounded. Reports come out in input order; an error is thrown after the reports read before it.
final class PrefetchingReader: ReportReader {
    static let batchSize = 128
    static let maximumBatches = 6

    /// What the reading thread and the consumer share, behind one lock.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var batches: [[Report]] = []
        /// Batches the consumer has finished with, for the reading thread to free. Reports are
        /// freed where they were allocated: freeing them on the consumer's thread makes the two
        /// threads fight over the allocator's lock for the reading thread's memory.
        var spent: [[Report]] = []
        var finished = false
        var failure: (any Error)?
        var cancelled = false
    }

    private let shared = Shared()
    private var current: [Report] = []
    private var position = 0

    init(_ source: any ReportReader) {
        let shared = self.shared
        let box = UncheckedBox(source)
        let thread = Thread {
            Self.produce(box.value, into: shared)
        }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        // A consumer that stops early must not leave the thread waiting for room forever.
        shared.condition.lock()
        shared.cancelled = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    func next() throws -> Report? {
        if position < current.count {
            position += 1
            return current[position - 1]
        }
        shared.condition.lock()
        while shared.batches.isEmpty && !shared.finished { shared.condition.wait() }
        guard !shared.batches.isEmpty else {
            let failure = shared.failure
            shared.failure = nil
            shared.condition.unlock()
            if let failure { throw failure }
            return nil
        }
        shared.spent.append(current)
        current = shared.batches.removeFirst()
        shared.condition.broadcast()
        shared.condition.unlock()
        position = 1
        return current[0]
    }

    private static func produce(_ source: any ReportReader, into shared: Shared) {
        var batch: [Report] = []
        batch.reserveCapacity(batchSize)
        // Returns the batches the consumer is done with; the caller drops them on this thread.
        func hand(_ reports: [Report]) -> [[Report]]? {
            shared.condition.lock()
            defer { shared.condition.unlock() }
            while shared.batches.count >= maximumBatches && !shared.cancelled { shared.condition.wait() }
            if shared.cancelled { return nil }
            if !reports.isEmpty { shared.batches.append(reports) }
            shared.condition.broadcast()
            defer { shared.spent.removeAll() }
            return shared.spent
        }
        var failure: (any Error)?
        do {
            while let report = try source.next() {
                batch.append(report)
                if batch.count == batchSize {
                    guard var spent = hand(batch) else { return }
                    // Reuse a spent batch's storage; its reports are freed here.
                    batch = spent.popLast() ?? []
                    batch.removeAll(keepingCapacity: true)
                    batch.reserveCapacity(batchSize)
                    spent.removeAll()
                }
            }
        } catch {
            failure = error
        }
        _ = hand(batch)
        shared.condition.lock()
        shared.failure = failure
        shared.finished = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }
}
