import Foundation
import XchangeCore

/// A running external step fed one report at a time, for pipeline runners that push reports
/// (`process(report, emit:)`, then `finish(emit:)`) rather than pull them.
///
/// Reports pushed in wait in a short queue for the thread that feeds the program; the reports
/// it prints are read on another thread as they come and handed to `emit` on the next call. So
/// the program is never blocked on a full pipe, the caller never waits for more than a few
/// reports to be taken, and nothing is held beyond what one call produces.
public final class ExternalStepSession {
    private let inbound = ReportChannel(capacity: 16)
    private let outbound = OutboundReports()
    private let label: String
    private var finished = false

    /// Starts `step` with `options` (checked against those it declares).
    public init(step: ExternalStep, options: [String: String], diagnostics: any DiagnosticCollector) throws(Diagnostic)
    {
        label = step.program.label
        let output = UncheckedReader(try step.run(inbound, options: options, diagnostics: diagnostics))
        let inbound = self.inbound
        let outbound = self.outbound
        Thread {
            do {
                while let report = try output.reader.next() { outbound.append(report) }
                outbound.end(failure: nil)
            } catch {
                outbound.end(failure: error)
            }
            // The program has ended: nobody takes reports any more.
            inbound.abandon()
        }.start()
    }

    deinit {
        if !finished {
            inbound.close()
            outbound.waitForEnd()
        }
    }

    /// Passes one report to the step and emits the reports it has printed so far.
    public func process(_ report: Report, emit: (Report) throws -> Void) throws {
        let taken = inbound.put(report)
        for report in outbound.takeAll() { try emit(report) }
        if !taken {
            finished = true
            try finishEmitting(emit)
        }
    }

    /// Ends the step's input, waits for it to finish and emits the rest of its reports. Throws
    /// the step's failure (naming it) if it failed.
    public func finish(emit: (Report) throws -> Void) throws {
        finished = true
        inbound.close()
        try finishEmitting(emit)
    }

    private func finishEmitting(_ emit: (Report) throws -> Void) throws {
        outbound.waitForEnd()
        for report in outbound.takeAll() { try emit(report) }
        if let failure = outbound.failure { throw failure }
        if !inbound.isClosed {
            throw Diagnostic.error("plugin.input-closed", "\(label) stopped reading its input before the end")
        }
    }
}

/// A queue of reports between the caller and the thread feeding a program: `put` waits while
/// it is full, `next` while it is empty.
final class ReportChannel: ReportReader, @unchecked Sendable {
    private let condition = NSCondition()
    private let capacity: Int
    private var queue: [Report] = []
    private var closed = false
    private var abandoned = false

    init(capacity: Int) { self.capacity = capacity }

    /// Adds a report; false when the consumer has gone and the report was not taken.
    func put(_ report: Report) -> Bool {
        condition.withLock {
            while queue.count >= capacity, !abandoned { condition.wait() }
            guard !abandoned else { return false }
            queue.append(report)
            condition.broadcast()
            return true
        }
    }

    /// No more reports will be put.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    var isClosed: Bool { condition.withLock { closed } }

    /// The consumer has gone: `put` no longer waits.
    func abandon() {
        condition.withLock {
            abandoned = true
            condition.broadcast()
        }
    }

    func next() throws -> Report? {
        condition.withLock {
            while queue.isEmpty, !closed { condition.wait() }
            guard !queue.isEmpty else { return nil }
            condition.broadcast()
            return queue.removeFirst()
        }
    }
}

/// The reports a program has printed, waiting for the caller, and how its output ended.
final class OutboundReports: @unchecked Sendable {
    private let condition = NSCondition()
    private var reports: [Report] = []
    private var ended = false
    private var endFailure: (any Error)?

    func append(_ report: Report) {
        condition.withLock { reports.append(report) }
    }

    func end(failure: (any Error)?) {
        condition.withLock {
            ended = true
            endFailure = failure
            condition.broadcast()
        }
    }

    func takeAll() -> [Report] {
        condition.withLock {
            defer { reports.removeAll() }
            return reports
        }
    }

    func waitForEnd() {
        condition.withLock {
            while !ended { condition.wait() }
        }
    }

    var failure: (any Error)? { condition.withLock { endFailure } }
}

/// A reader handed to the one thread that uses it from then on.
struct UncheckedReader: @unchecked Sendable {
    let reader: any ReportReader
    init(_ reader: any ReportReader) { self.reader = reader }
}
