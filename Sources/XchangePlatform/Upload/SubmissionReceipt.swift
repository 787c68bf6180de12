import Foundation
import XchangeCore
import XchangeJSON

/// What the platform answers about one submitted package: the receipt the client saves beside
/// the package as `NAME.receipt.json`, and what `GET /submissions/{package_id}` returns.
///
/// The JSON members are those of `schemas/platform/openapi.yaml` (`Receipt`). The receipt file
/// holds the platform's answer as it came (``ReceiptFile``), so the members this type does not
/// know, from another server, are kept there; ``json`` writes only the members it knows.
public struct SubmissionReceipt: Hashable, Sendable {
    /// Whether the platform took the package.
    public enum Status: String, Hashable, Sendable {
        case accepted, rejected
    }

    /// The platform's id for this receipt (a lower-case UUID).
    public var receiptID: String
    /// The `package_id` from the package's manifest.
    public var packageID: String
    /// Whether the package was accepted or rejected.
    public var status: Status
    /// When the platform received the package (ISO 8601).
    public var receivedAt: String
    /// What verification and validation found; errors when rejected, warnings otherwise.
    public var findings: [ReceiptFinding]
    /// The SHA-256 of the package bytes, as the platform computed it, when given.
    public var packageSHA256: String?
    /// The sending agency's 统一社会信用代码, when given.
    public var agencyUSCC: String?

    /// Creates a receipt.
    public init(
        receiptID: String, packageID: String, status: Status, receivedAt: String, findings: [ReceiptFinding] = [],
        packageSHA256: String? = nil, agencyUSCC: String? = nil
    ) {
        self.receiptID = receiptID
        self.packageID = packageID
        self.status = status
        self.receivedAt = receivedAt
        self.findings = findings
        self.packageSHA256 = packageSHA256
        self.agencyUSCC = agencyUSCC
    }

    /// A `received_at` time, written as the manifest's `created_at` is
    /// (`2026-11-28T00:49:48+08:00`).
    public static func timestamp(_ date: Date = Date()) -> String {
        PackageBuilder.timestamp(date)
    }

    /// The receipt as a JSON object, members in the documented order.
    public var json: JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "receipt_id", value: .string(receiptID)),
            JSONMember(key: "package_id", value: .string(packageID)),
            JSONMember(key: "status", value: .string(status.rawValue)),
            JSONMember(key: "received_at", value: .string(receivedAt)),
        ]
        if let packageSHA256 { members.append(JSONMember(key: "package_sha256", value: .string(packageSHA256))) }
        if let agencyUSCC { members.append(JSONMember(key: "agency_uscc", value: .string(agencyUSCC))) }
        members.append(JSONMember(key: "findings", value: .array(findings.map(\.json))))
        return .object(members)
    }

    /// The receipt as pretty-printed UTF-8 JSON with a final line break.
    public var jsonBytes: [UInt8] {
        JSONWriter.encode(json) + [0x0A]
    }

    /// Reads a receipt from a server's answer, naming the member that is missing or wrong.
    public init(json value: JSONValue) throws(Diagnostic) {
        func text(_ key: String) throws(Diagnostic) -> String {
            guard let text = value[key]?.stringValue, !text.isEmpty else {
                throw Diagnostic.error(
                    "upload.receipt-invalid", "the receipt has no text member \"\(key)\"", field: key)
            }
            return text
        }
        guard value.members != nil else {
            throw Diagnostic.error("upload.receipt-invalid", "the receipt is \(value.kindDescription), not an object")
        }
        let statusText = try text("status")
        guard let status = Status(rawValue: statusText) else {
            throw Diagnostic.error(
                "upload.receipt-invalid", "the receipt's status is \"\(statusText)\", not accepted or rejected",
                field: "status")
        }
        var findings: [ReceiptFinding] = []
        for item in value["findings"]?.elements ?? [] {
            findings.append(ReceiptFinding(json: item))
        }
        self.init(
            receiptID: try text("receipt_id"), packageID: try text("package_id"), status: status,
            receivedAt: try text("received_at"), findings: findings,
            packageSHA256: value["package_sha256"]?.stringValue,
            agencyUSCC: value["agency_uscc"]?.stringValue)
    }
}

/// One finding in a receipt: a verification error or a validation finding about the report.
public struct ReceiptFinding: Hashable, Sendable {
    /// `error`, `warning` or `note`.
    public var severity: String
    /// The finding's stable code (`package.digest`, `T3-1`, …).
    public var code: String
    /// What was found, for a person.
    public var message: String
    /// The canonical field path, when the finding is about a field.
    public var field: String?
    /// Where in the package (`report.json:12:5`, or an entry name), when known.
    public var location: String?

    /// Creates a finding.
    public init(severity: String, code: String, message: String, field: String? = nil, location: String? = nil) {
        self.severity = severity
        self.code = code
        self.message = message
        self.field = field
        self.location = location
    }

    /// The finding a diagnostic makes.
    public init(_ diagnostic: Diagnostic) {
        self.init(
            severity: diagnostic.severity.rawValue, code: diagnostic.code, message: diagnostic.message,
            field: diagnostic.field, location: diagnostic.location?.position)
    }

    /// Reads a finding leniently: a server may send fewer members than this one writes.
    public init(json value: JSONValue) {
        self.init(
            severity: value["severity"]?.stringValue ?? "error", code: value["code"]?.stringValue ?? "",
            message: value["message"]?.stringValue ?? "", field: value["field"]?.stringValue,
            location: value["location"]?.stringValue)
    }

    /// The finding as a JSON object.
    public var json: JSONValue {
        var members: [JSONMember] = [
            JSONMember(key: "severity", value: .string(severity)),
            JSONMember(key: "code", value: .string(code)),
            JSONMember(key: "message", value: .string(message)),
        ]
        if let field { members.append(JSONMember(key: "field", value: .string(field))) }
        if let location { members.append(JSONMember(key: "location", value: .string(location))) }
        return .object(members)
    }

    /// `location: severity: [code] field: message`, as the CLI prints findings.
    public var description: String {
        var text = location.map { $0 + ": " } ?? ""
        text += "\(severity): [\(code)] "
        if let field { text += field + ": " }
        return text + message
    }
}
