import Foundation
import XchangeCore

/// Validates reports on a thread of its own, a bounded number ahead of the pipeline, so that
/// checking overlaps with reading and writing instead of adding to them. One thread keeps the
/// validator's cross-year memory in input order; results come back in input order.
final class ValidationWorker {
    /// Reports waiting or checked but not yet taken, at most: bounds the memory held.
    static let limit = 512

    /// What the worker thread and the pipeline share, behind one lock.
    private final class Shared: @unchecked Sendable {
        let condition = NSCondition()
        var waiting: [PipelineItem] = []
        var checked: [(item: PipelineItem, findings: [Diagnostic])] = []
        var inFlight = 0
        var closed = false
    }

    private let shared = Shared()

    init(validator: Validator) {
        let shared = self.shared
        let box = UncheckedValidator(validator)
        let thread = Thread { Self.work(box.validator, shared) }
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        // A run that stops early must not leave the thread waiting for work forever.
        shared.condition.lock()
        shared.closed = true
        shared.condition.broadcast()
        shared.condition.unlock()
    }

    /// Hands a report over and takes the reports checked so far, in input order. Waits while
    /// too many are outstanding and none is checked.
    func submit(_ item: PipelineItem) -> [(item: PipelineItem, findings: [Diagnostic])] {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        while shared.waiting.count + shared.inFlight >= Self.limit && shared.checked.isEmpty { shared.condition.wait() }
        shared.waiting.append(item)
        let checked = shared.checked
        shared.checked = []
        shared.condition.broadcast()
        return checked
    }

    /// Every report handed over and not yet taken, once checked, in input order.
    func takeAll() -> [(item: PipelineItem, findings: [Diagnostic])] {
        shared.condition.lock()
        defer { shared.condition.unlock() }
        while !shared.waiting.isEmpty || shared.inFlight > 0 { shared.condition.wait() }
        let checked = shared.checked
        shared.checked = []
        shared.condition.broadcast()
        return checked
    }

    private static func work(_ validator: Validator, _ shared: Shared) {
        while true {
            shared.condition.lock()
            while shared.waiting.isEmpty && !shared.closed { shared.condition.wait() }
            if shared.waiting.isEmpty {
                shared.condition.unlock()
                return
            }
            let batch = shared.waiting
            shared.waiting = []
            shared.inFlight = batch.count
            shared.condition.unlock()
            let results = batch.map { (item: $0, findings: validator.validate($0.report, source: $0.origin.file)) }
            shared.condition.lock()
            shared.checked += results
            shared.inFlight = 0
            shared.condition.broadcast()
            shared.condition.unlock()
        }
    }
}

/// The validator moves to the worker thread once and is used only there.
private struct UncheckedValidator: @unchecked Sendable {
    let validator: Validator
    init(_ validator: Validator) { self.validator = validator }
}
