import Foundation
import XchangeCore

/// The agency's upload token. It is read from `XCHANGE_TOKEN` or a file, never taken as an
/// argument (where other users could see it in the process list), and never printed: its
/// description is a placeholder, and no error message contains it.
public struct UploadCredential: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let token: String

    /// Reads the token from `tokenFile` when given, else from `XCHANGE_TOKEN` in `environment`.
    public init(tokenFile: String?, environment: [String: String]) throws(Diagnostic) {
        let text: String
        let source: String
        if let tokenFile {
            guard let data = FileManager.default.contents(atPath: tokenFile) else {
                throw Diagnostic.error("upload.token", "cannot read the token file \(tokenFile)")
            }
            text = String(decoding: data, as: UTF8.self)
            source = "the token file \(tokenFile)"
        } else if let value = environment["XCHANGE_TOKEN"] {
            text = value
            source = "XCHANGE_TOKEN"
        } else {
            throw Diagnostic.error(
                "upload.token", "no token: set XCHANGE_TOKEN or give --token-file FILE (a file holding only the token)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw Diagnostic.error("upload.token", "\(source) is empty") }
        // Only visible ASCII may go into a header; anything else would be rejected or mangled.
        guard token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw Diagnostic.error(
                "upload.token",
                "\(source) must hold one token of visible ASCII characters, with no spaces or line breaks inside")
        }
        self.token = token
    }

    /// `Authorization` header value.
    var authorization: String { "Bearer " + token }

    /// A placeholder: the token is never printed.
    public var description: String { "<token>" }
    /// A placeholder: the token is never printed.
    public var debugDescription: String { "<token>" }
}
