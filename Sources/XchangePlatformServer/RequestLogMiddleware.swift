import Foundation
import HTTPTypes
import Hummingbird
import XchangePlatform

/// Writes one line per request to standard error: time, method, path, status, body size,
/// duration and the idempotency key. Headers are never logged, so no token is.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = PlatformRequestContext

    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let start = ContinuousClock.now
        do {
            let response = try await next(request, context)
            log(request, status: String(response.status.code), since: start)
            return response
        } catch {
            // A fault closed the connection (CancellationError), or the framework answers 500.
            let status =
                (error as? any HTTPResponseError).map { String($0.status.code) }
                ?? (error is CancellationError ? "dropped" : "500 error=\(error)")
            log(request, status: status, since: start)
            throw error
        }
    }

    private func log(_ request: Request, status: String, since start: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        var line = "\(SubmissionReceipt.timestamp()) \(request.method) \(request.uri.path) \(status)"
        if let length = request.headers[.contentLength] { line += " in=\(length)B" }
        line += " \(String(format: "%.1f", milliseconds))ms"
        if let key = request.headers[.idempotencyKey] { line += " key=\(key.prefix(64))" }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
