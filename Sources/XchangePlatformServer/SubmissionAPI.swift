import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import XchangeCore
import XchangeJSON
import XchangePlatform

/// The platform's HTTP API: `POST /submissions` and `GET /submissions/{package_id}`, as
/// `schemas/platform/openapi.yaml` documents them.
public struct SubmissionAPI: Sendable {
    let store: SubmissionStore
    let tokens: TokenFile
    let verifier: any SubmissionVerifier
    let faults: FaultPlan
    /// The largest package accepted, in bytes; larger bodies get 413 without being read whole.
    let maxBodySize: Int

    /// Creates the API over a store, the token file and a verifier.
    public init(
        store: SubmissionStore, tokens: TokenFile, verifier: any SubmissionVerifier, faults: FaultPlan = FaultPlan(),
        maxBodySize: Int
    ) {
        self.store = store
        self.tokens = tokens
        self.verifier = verifier
        self.faults = faults
        self.maxBodySize = maxBodySize
    }

    /// Adds the API's routes to a router.
    public func addRoutes(to router: Router<PlatformRequestContext>) {
        router.post("submissions") { request, context in
            try await submit(request, context: context)
        }
        router.get("submissions/:package_id") { request, context in
            try await status(request, context: context)
        }
    }

    // MARK: POST /submissions

    func submit(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let fault = await faults.next()
        switch fault {
        case .status(let code):
            return APIResponse.error(
                HTTPResponse.Status(code: code), code: "server.fault-injected",
                message: "rehearsal fault: the server answers \(code) to this request")
        case .drop:
            try await context.channel.close()
            throw CancellationError()
        case .delay(let seconds):
            try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
        case .dropAfterStore, nil:
            break
        }
        let token: TokenFile.Entry
        switch authenticate(request) {
        case .success(let entry): token = entry
        case .failure(let refusal): return refusal.response
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > maxBodySize {
            return tooLarge()
        }
        guard let idempotencyKey = request.headers[.idempotencyKey], !idempotencyKey.isEmpty else {
            return APIResponse.error(
                .badRequest, code: "upload.idempotency-key-missing",
                message: "the Idempotency-Key header must carry the package's package_id")
        }
        let body: [UInt8]
        do {
            var buffer = try await request.body.collect(upTo: maxBodySize)
            body = buffer.readBytes(length: buffer.readableBytes) ?? []
        } catch is NIOTooManyBytesError {
            return tooLarge()
        }
        let receivedAt = SubmissionReceipt.timestamp()
        let receiptID = UUID().uuidString.lowercased()
        let verified: VerifiedSubmission
        switch verifier.verify(body) {
        case .success(let submission):
            verified = submission
        case .failure(let refusal):
            return rejected(receiptID, packageID: idempotencyKey, at: receivedAt, findings: refusal.findings)
        }
        guard verified.packageID == idempotencyKey else {
            let mismatch = Diagnostic.error(
                "upload.idempotency-key-mismatch",
                "the Idempotency-Key header is \(idempotencyKey) but the manifest's package_id is \(verified.packageID)",
                at: SourceReference(file: "manifest.json"), field: "package_id")
            return rejected(receiptID, packageID: verified.packageID, at: receivedAt, findings: [mismatch])
        }
        guard token.agencies.contains(verified.agencyUSCC) else {
            return APIResponse.error(
                .forbidden, code: "auth.agency-forbidden",
                message: "this token may not submit for the agency \(verified.agencyUSCC)")
        }
        let digest = EntryDigest.sha256(body)
        let receipt = SubmissionReceipt(
            receiptID: receiptID, packageID: verified.packageID, status: .accepted, receivedAt: receivedAt,
            findings: verified.findings.map(ReceiptFinding.init), packageSHA256: digest,
            agencyUSCC: verified.agencyUSCC)
        let outcome = try await store.record(
            SubmissionStore.NewSubmission(
                packageID: verified.packageID, receiptID: receiptID, packageSHA256: digest,
                agencyUSCC: verified.agencyUSCC, reportYear: verified.reportYear, tokenName: token.name,
                receivedAt: receivedAt, package: body, receipt: receipt.jsonBytes))
        if fault == .dropAfterStore {
            try await context.channel.close()
            throw CancellationError()
        }
        switch outcome {
        case .created(let bytes):
            var response = APIResponse.receipt(bytes, status: .created)
            response.headers[.location] = "submissions/\(verified.packageID)"
            return response
        case .alreadyReceived(let bytes):
            return APIResponse.receipt(bytes, status: .ok)
        case .conflict(let storedSHA256):
            return APIResponse.error(
                .conflict, code: "upload.conflict",
                message: "another package was already received under the id \(verified.packageID)",
                extra: [
                    JSONMember(key: "package_id", value: .string(verified.packageID)),
                    JSONMember(key: "stored_sha256", value: .string(storedSHA256)),
                    JSONMember(key: "received_sha256", value: .string(digest)),
                ])
        }
    }

    private func rejected(_ receiptID: String, packageID: String, at time: String, findings: [Diagnostic]) -> Response {
        let receipt = SubmissionReceipt(
            receiptID: receiptID, packageID: packageID, status: .rejected, receivedAt: time,
            findings: findings.map(ReceiptFinding.init))
        return APIResponse.receipt(receipt.jsonBytes, status: .unprocessableContent)
    }

    private func tooLarge() -> Response {
        APIResponse.error(
            .contentTooLarge, code: "upload.too-large", message: "the package is larger than \(maxBodySize) bytes")
    }

    // MARK: GET /submissions/{package_id}

    func status(_ request: Request, context: PlatformRequestContext) async throws -> Response {
        let token: TokenFile.Entry
        switch authenticate(request) {
        case .success(let entry): token = entry
        case .failure(let refusal): return refusal.response
        }
        let packageID = context.parameters.get("package_id") ?? ""
        // Another agency's submission is reported as unknown, so that ids cannot be probed.
        guard let stored = try await store.receipt(packageID: packageID), token.agencies.contains(stored.agencyUSCC)
        else {
            return APIResponse.error(
                .notFound, code: "upload.not-found", message: "no submission has the id \(packageID)")
        }
        return APIResponse.receipt(stored.receipt, status: .ok)
    }

    // MARK: Authentication

    struct AuthenticationRefusal: Error {
        let response: Response
    }

    /// The token's entry, from `Authorization: Bearer TOKEN`; the token is hashed at once and
    /// never kept, logged or echoed.
    func authenticate(_ request: Request) -> Result<TokenFile.Entry, AuthenticationRefusal> {
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"xchange-platform\""]
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer "),
            case let token = header.dropFirst(7).trimmingCharacters(in: .whitespaces), !token.isEmpty
        else {
            return .failure(
                AuthenticationRefusal(
                    response: APIResponse.error(
                        .unauthorized, code: "auth.token-missing",
                        message: "send the agency's token as Authorization: Bearer TOKEN", headers: challenge)))
        }
        let hash = EntryDigest.sha256(token.utf8)
        guard let entry = tokens.entry(forHash: hash) else {
            return .failure(
                AuthenticationRefusal(
                    response: APIResponse.error(
                        .unauthorized, code: "auth.token-unknown", message: "the token is not known to this platform",
                        headers: challenge)))
        }
        return .success(entry)
    }
}

extension HTTPField.Name {
    /// `Idempotency-Key`: the package id, so that a retried upload is recognised.
    static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
}
