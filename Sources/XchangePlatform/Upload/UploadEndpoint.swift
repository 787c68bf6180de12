import Foundation
import XchangeCore

/// The platform's base URL, checked before anything is sent: `https://`, or `http://` only to
/// a loopback host (a local rehearsal server) unless the user insists with `--insecure`.
public struct UploadEndpoint: Sendable, Hashable {
    /// The base URL, without a trailing slash.
    public let base: URL

    /// Checks `text` as an endpoint; `allowInsecure` permits `http://` to any host.
    public init(_ text: String, allowInsecure: Bool = false) throws(Diagnostic) {
        var trimmed = text
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty
        else {
            throw Diagnostic.error(
                "upload.endpoint", "--endpoint \(text) is not a URL such as https://platform.example.gov.cn/api")
        }
        guard url.query == nil, url.fragment == nil, url.user == nil, url.password == nil else {
            throw Diagnostic.error(
                "upload.endpoint", "--endpoint \(text) must not carry a query, fragment or user name")
        }
        switch scheme {
        case "https":
            break
        case "http":
            guard allowInsecure || Self.isLoopback(host) else {
                throw Diagnostic.error(
                    "upload.insecure",
                    "refusing to send a token over plain http:// to \(host); use https://, or --insecure for a test network"
                )
            }
        default:
            throw Diagnostic.error(
                "upload.endpoint", "--endpoint \(text) must start with https:// (or http:// for a local server)")
        }
        base = url
    }

    /// `POST` target: `{endpoint}/submissions`.
    public var submissions: URL { base.appending(path: "submissions") }

    /// `GET` target: `{endpoint}/submissions/{package_id}`.
    public func submission(_ packageID: String) -> URL { submissions.appending(path: packageID) }

    /// Whether a host name or address is this machine's loopback.
    static func isLoopback(_ host: String) -> Bool {
        let host = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if host == "localhost" || host.hasSuffix(".localhost") || host == "::1" { return true }
        let parts = host.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts[0] == "127" && parts.allSatisfy { UInt8($0) != nil }
    }
}
