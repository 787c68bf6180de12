import Foundation
import XchangeCore
import XchangeJSON

/// Sends submission packages to a platform (`schemas/platform/openapi.yaml`) and asks it for
/// receipts. Network errors, timeouts and 5xx answers are retried under the ``RetryPolicy``;
/// 4xx answers are final. Every attempt carries the package id as `Idempotency-Key`, so a
/// retry of a package the platform already stored returns its receipt instead of storing it again.
public struct SubmissionClient: Sendable {
    /// Why an attempt is being retried, for progress messages.
    public struct RetryEvent: Sendable {
        /// The attempt that failed, counting from 1.
        public var attempt: Int
        /// What went wrong, without the token.
        public var reason: String
        /// Seconds until the next attempt.
        public var delay: Double
    }

    /// Where packages go.
    public let endpoint: UploadEndpoint
    let credential: UploadCredential
    /// How failed attempts are retried.
    public let policy: RetryPolicy
    private let transport: HTTPTransport

    /// Creates a client for one platform.
    public init(endpoint: UploadEndpoint, credential: UploadCredential, policy: RetryPolicy) {
        self.endpoint = endpoint
        self.credential = credential
        self.policy = policy
        transport = HTTPTransport(timeout: policy.timeout)
    }

    /// Uploads one package's bytes under its manifest's package id.
    public func upload(
        _ package: [UInt8], packageID: String, onRetry: @Sendable (RetryEvent) -> Void = { _ in }
    ) async -> UploadOutcome {
        var request = HTTPRequest("POST", endpoint.submissions)
        request.setHeader("Content-Type", "application/zip")
        request.setHeader("Idempotency-Key", packageID)
        request.body = package
        return await exchange(request, packageID: packageID, onRetry: onRetry)
    }

    /// Asks the platform for the receipt of a package it received.
    public func status(packageID: String, onRetry: @Sendable (RetryEvent) -> Void = { _ in }) async -> UploadOutcome {
        let request = HTTPRequest("GET", endpoint.submission(packageID))
        return await exchange(request, packageID: packageID, onRetry: onRetry)
    }

    private func exchange(
        _ request: HTTPRequest, packageID: String, onRetry: @Sendable (RetryEvent) -> Void
    ) async -> UploadOutcome {
        var request = request
        request.setHeader("Authorization", credential.authorization)
        request.setHeader("Accept", "application/json")
        // A fresh connection per attempt: a retry on a kept-alive connection the server has
        // dropped could otherwise hang until the timeout instead of failing at once.
        request.setHeader("Connection", "close")
        // Without libcurl no attempt can succeed: said once, not retried.
        if let problem = HTTPTransport.unavailability {
            return .failed(Diagnostic.error("upload.network", "cannot send: \(problem)"))
        }
        let started = ContinuousClock.now
        var generator = SystemRandomNumberGenerator()
        var attempt = 0
        while true {
            attempt += 1
            let failure: Diagnostic
            let delay = policy.delay(beforeRetry: attempt, using: &generator)
            do {
                let answer = try await transport.send(request)
                if let outcome = Self.outcome(of: answer, packageID: packageID) {
                    return outcome
                }
                failure = Diagnostic.error("upload.server-error", Self.describe(answer))
            } catch {
                failure = Self.transportFailure(error)
            }
            let elapsed = ContinuousClock.now - started
            let spent = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            guard attempt <= policy.retries else {
                let attempts = attempt == 1 ? "1 attempt" : "\(attempt) attempts"
                return .failed(Diagnostic.error(failure.code, "\(failure.message) (gave up after \(attempts))"))
            }
            guard spent + delay + policy.timeout <= policy.totalTime else {
                return .failed(
                    Diagnostic.error(
                        failure.code,
                        "\(failure.message) (gave up after \(attempt) attempts: the next one would pass the \(Int(policy.totalTime)) s limit)"
                    ))
            }
            onRetry(RetryEvent(attempt: attempt, reason: failure.message, delay: delay))
            try? await Task.sleep(for: .milliseconds(Int(delay * 1000)))
        }
    }

    /// The final outcome of an answer, or nil when it is worth retrying (5xx).
    static func outcome(of answer: HTTPTransport.Answer, packageID: String) -> UploadOutcome? {
        switch answer.status {
        case 500...599:
            return nil
        case 200, 201, 422:
            let receipt: SubmissionReceipt
            do {
                receipt = try SubmissionReceipt(json: try parseJSON(answer.body))
            } catch {
                let reason = (error as? Diagnostic)?.message ?? "\(error)"
                return .failed(
                    Diagnostic.error("upload.receipt-invalid", "\(describe(answer)), but not with a receipt: \(reason)")
                )
            }
            guard receipt.packageID == packageID else {
                return .failed(
                    Diagnostic.error(
                        "upload.receipt-invalid",
                        "the platform's receipt is for package \(receipt.packageID), not \(packageID)"))
            }
            if answer.status == 422 || receipt.status == .rejected { return .rejected(receipt, body: answer.body) }
            return .accepted(receipt, body: answer.body, httpStatus: answer.status)
        default:
            let code =
                switch answer.status {
                case 401: "upload.unauthorized"
                case 403: "upload.forbidden"
                case 404: "upload.not-found"
                case 409: "upload.conflict"
                case 413: "upload.too-large"
                default: "upload.http-status"
                }
            return .failed(Diagnostic.error(code, describe(answer)))
        }
    }

    /// `the platform answered 401 Unauthorized: [auth.token-unknown] the token is not known`,
    /// from an error answer.
    static func describe(_ answer: HTTPTransport.Answer) -> String {
        var text = "the platform answered \(answer.status)"
        if let reason = HTTPStatusReason.phrase(answer.status) { text += " \(reason)" }
        if let error = (try? parseJSON(answer.body))?["error"], let message = error["message"]?.stringValue {
            let code = error["code"]?.stringValue.map { "[\($0)] " } ?? ""
            text += ": \(code)\(message)"
        }
        return text
    }

    static func transportFailure(_ error: any Error) -> Diagnostic {
        if let failure = error as? HTTPTransport.Failure, failure.isTimeout {
            return Diagnostic.error("upload.timeout", "no answer within the time limit")
        }
        return Diagnostic.error("upload.network", "network error: \(error)")
    }
}
