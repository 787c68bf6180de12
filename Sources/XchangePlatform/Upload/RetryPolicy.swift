/// When and how long to wait before trying a request again: exponential backoff with jitter,
/// a bounded number of retries, and a bound on the whole upload's time.
public struct RetryPolicy: Sendable, Hashable {
    /// Retries after the first attempt.
    public var retries: Int
    /// The wait before the first retry; it doubles with each retry, up to ``maximumDelay``.
    public var initialDelay: Double
    /// The longest wait between two attempts.
    public var maximumDelay: Double
    /// The longest one attempt may take, in seconds (no answer by then is a timeout).
    public var timeout: Double
    /// The longest all attempts of one package may take together, waits included.
    public var totalTime: Double

    /// Creates a policy.
    public init(
        retries: Int = 4, initialDelay: Double = 0.5, maximumDelay: Double = 8, timeout: Double = 30,
        totalTime: Double = 300
    ) {
        self.retries = retries
        self.initialDelay = initialDelay
        self.maximumDelay = maximumDelay
        self.timeout = timeout
        self.totalTime = totalTime
    }

    /// The wait before retry number `retry` (1 for the first): half the backoff plus a random
    /// part of the other half, so that many clients failing together do not retry together.
    public func delay(beforeRetry retry: Int, using generator: inout some RandomNumberGenerator) -> Double {
        let backoff = min(maximumDelay, initialDelay * Double(1 << min(max(retry - 1, 0), 30)))
        return backoff / 2 + Double.random(in: 0...(backoff / 2), using: &generator)
    }
}
