import XchangeCore

/// What became of one package's upload or status query.
public enum UploadOutcome: Sendable {
    /// The platform holds the package: 201 (stored now) or 200 (received before); the receipt
    /// and its bytes as the server sent them.
    case accepted(SubmissionReceipt, body: [UInt8], httpStatus: Int)
    /// The platform refused the package (422) and said why in the receipt's findings.
    case rejected(SubmissionReceipt, body: [UInt8])
    /// No receipt: a client-side problem, a 4xx, or no answer after every retry.
    case failed(Diagnostic)

    /// The receipt's bytes, when there is a receipt to save.
    public var receiptBody: [UInt8]? {
        switch self {
        case .accepted(_, let body, _), .rejected(_, let body): body
        case .failed: nil
        }
    }
}
