import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// One HTTP exchange over URLSession: no cookies, no cache, no redirects (a redirect could
/// carry the token elsewhere), HTTPS checked against the system's certificates.
struct HTTPTransport: Sendable {
    /// A complete answer.
    struct Answer: Sendable {
        var status: Int
        var body: [UInt8]
    }

    /// Seconds one exchange may take.
    let timeout: Double

    /// Sends the request; throws URLSession's error when no complete answer came.
    ///
    /// Each exchange has a session of its own, so no connection is ever reused: on Linux a
    /// request retried by the HTTP library on a kept-alive connection the server had closed
    /// went out without its body and hung until the timeout.
    func send(_ request: URLRequest) async throws -> Answer {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        configuration.httpCookieStorage = nil
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        let session = URLSession(configuration: configuration, delegate: RedirectRefusal(), delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw URLError(.badServerResponse) }
        return Answer(status: http.statusCode, body: Array(data))
    }
}

/// Answers every redirect with "don't follow": the 3xx itself reaches the client.
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
