import Foundation
import XchangeCore

/// Faults the server injects into its next submissions, in order, so that a client's retries
/// can be rehearsed and tested against the real server (`serve --inject-faults 503,503`).
/// Never use it on a real platform.
public actor FaultPlan {
    /// One injected fault.
    public enum Fault: Sendable, Equatable, CustomStringConvertible {
        /// Answer with this status (a 5xx) without looking at the request.
        case status(Int)
        /// Close the connection without answering, before storing anything.
        case drop
        /// Store the submission as usual, then close the connection instead of answering.
        case dropAfterStore
        /// Wait this many seconds before handling the request.
        case delay(Double)

        /// The fault as `--inject-faults` writes it.
        public var description: String {
            switch self {
            case .status(let code): String(code)
            case .drop: "drop"
            case .dropAfterStore: "drop-after-store"
            case .delay(let seconds): "delay=\(seconds)"
            }
        }
    }

    private var pending: [Fault]

    /// A plan from a comma-separated list: `503`, `500`, `drop`, `drop-after-store`, `delay=2.5`.
    public init(parsing list: String) throws(Diagnostic) {
        var faults: [Fault] = []
        for item in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !item.isEmpty {
            if let code = Int(item), (500...599).contains(code) {
                faults.append(.status(code))
            } else if item == "drop" {
                faults.append(.drop)
            } else if item == "drop-after-store" {
                faults.append(.dropAfterStore)
            } else if item.hasPrefix("delay="), let seconds = Double(item.dropFirst(6)), seconds >= 0 {
                faults.append(.delay(seconds))
            } else {
                throw Diagnostic.error(
                    "server.fault",
                    "unknown fault \"\(item)\": use a 5xx status, drop, drop-after-store or delay=SECONDS")
            }
        }
        pending = faults
    }

    /// Creates an empty plan.
    public init() {
        pending = []
    }

    /// The fault for the next submission request, if any is left.
    public func next() -> Fault? {
        pending.isEmpty ? nil : pending.removeFirst()
    }
}
