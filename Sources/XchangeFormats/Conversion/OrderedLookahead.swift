import Foundation

/// Works out results for items `0..<count` on worker threads, a bounded number of items ahead
/// of a consumer that takes them in order: the consumer gets item `i`'s result with
/// ``result(_:)`` as soon as it is ready, while the workers go on with the items after it.
///
/// Only the items `isAhead` accepts are worked on ahead; the others are left to the consumer.
/// Workers take items no more than `window` past the consumer's, so memory stays bounded
/// however many items there are. The consumer calls ``stop()`` when it is done or gives up,
/// so that the workers finish the item in hand and end.
public final class OrderedLookahead<Result>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: Result] = [:]
    /// The next item a worker takes, and the first the consumer has not taken yet.
    private var nextItem = 0
    private var consumed = 0
    private var stopped = false
    private let count: Int
    private let window: Int
    private let isAhead: (Int) -> Bool
    private let work: (Int) -> Result

    /// Starts `workers` threads that run `work` on the items `isAhead` accepts, at most
    /// `window` items past the consumer's.
    public init(
        count: Int, workers: Int, window: Int, isAhead: @escaping (Int) -> Bool, work: @escaping (Int) -> Result
    ) {
        self.count = count
        self.window = max(window, 1)
        self.isAhead = isAhead
        self.work = work
        for _ in 0..<max(workers, 1) {
            let thread = Thread { [self] in runWorker() }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Item `index`'s result, waiting for it; nil for an item not worked on ahead. Items are
    /// asked for in increasing order, each once.
    public func result(_ index: Int) -> Result? {
        condition.lock()
        defer { condition.unlock() }
        consumed = index + 1
        condition.broadcast()
        guard isAhead(index) else { return nil }
        while results[index] == nil { condition.wait() }
        return results.removeValue(forKey: index)
    }

    /// Lets the workers stop after the item in hand; results not taken are dropped.
    public func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    private func runWorker() {
        while let index = take() {
            let result = work(index)
            condition.lock()
            results[index] = result
            condition.broadcast()
            condition.unlock()
        }
    }

    /// The next item to work on, once it is within the window; nil when none is left.
    private func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            while nextItem < count && !isAhead(nextItem) { nextItem += 1 }
            if stopped || nextItem >= count { return nil }
            if nextItem < consumed + window {
                nextItem += 1
                return nextItem - 1
            }
            condition.wait()
        }
    }
}
