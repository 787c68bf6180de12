import Foundation
import Testing

@testable import XchangeFormats

/// Work done ahead on worker threads comes back item by item in order, never more than the
/// window ahead of the consumer, and only for the items meant to be done ahead.
struct OrderedLookaheadTests {
    /// The items in hand or done and not yet taken, and the most there ever were.
    final class Tally: @unchecked Sendable {
        let lock = NSLock()
        var open = 0
        var most = 0
        var worked: [Int] = []

        func begin(_ item: Int) {
            lock.lock()
            open += 1
            most = max(most, open)
            worked.append(item)
            lock.unlock()
        }

        func taken() {
            lock.lock()
            open -= 1
            lock.unlock()
        }
    }

    @Test func resultsComeInOrderWithinTheWindow() {
        let tally = Tally()
        let lookahead = OrderedLookahead<Int>(
            count: 200, workers: 3, window: 5, isAhead: { $0 % 7 != 3 },
            work: { item in
                tally.begin(item)
                // Uneven work, so that later items are often done first.
                usleep(UInt32((item * 37) % 5) * 200)
                return item * item
            })
        defer { lookahead.stop() }
        for item in 0..<200 {
            let result = lookahead.result(item)
            if item % 7 == 3 {
                #expect(result == nil)
            } else {
                #expect(result == item * item)
                tally.taken()
            }
        }
        // The window's items, and the one the consumer holds.
        #expect(tally.most <= 5 + 1)
        #expect(tally.worked.sorted() == (0..<200).filter { $0 % 7 != 3 })
    }

    @Test func aConsumerThatStopsEarlyLetsTheWorkersEnd() {
        let tally = Tally()
        let lookahead = OrderedLookahead<Int>(
            count: 10_000, workers: 2, window: 4, isAhead: { _ in true },
            work: { item in
                tally.begin(item)
                return item
            })
        #expect(lookahead.result(0) == 0)
        lookahead.stop()
        usleep(50_000)
        tally.lock.lock()
        let worked = tally.worked.count
        tally.lock.unlock()
        #expect(worked <= 4 + 2)
    }
}
