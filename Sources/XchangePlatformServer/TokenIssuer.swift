import Foundation
import XchangeCore
import XchangePlatform

/// Makes new upload tokens and adds their hashes to a token file.
public enum TokenIssuer {
    /// A new token: `xcp_` and 43 base64url characters (256 random bits from the system's
    /// cryptographic generator).
    public static func makeToken() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let base64 = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "xcp_" + base64
    }

    /// The token file entry for a token: its hash, never the token.
    public static func entry(for token: String, name: String, agencies: [String]) throws(Diagnostic) -> TokenFile.Entry
    {
        guard !name.isEmpty,
            name.unicodeScalars.allSatisfy({
                CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0)
            })
        else {
            throw Diagnostic.error("tokens.name", "a token name may hold letters, digits, - _ and . only: \"\(name)\"")
        }
        for code in agencies where !CheckCharacters.isValidUSCC(code) {
            throw Diagnostic.error("tokens.uscc", "\"\(code)\" is not a valid 统一社会信用代码")
        }
        guard !agencies.isEmpty else {
            throw Diagnostic.error("tokens.field", "name at least one agency (--agency USCC) the token may submit for")
        }
        return TokenFile.Entry(name: name, sha256: EntryDigest.sha256(token.utf8), agencies: Set(agencies))
    }

    /// Adds an entry to the token file at `path` (creating it when missing), checking that the
    /// result still reads; the file is replaced atomically, so a failure leaves it as it was.
    public static func append(_ entry: TokenFile.Entry, toFileAt path: String) throws(Diagnostic) {
        var text = "tokens:\n"
        if FileManager.default.fileExists(atPath: path) {
            let existing = try TokenFile(path: path)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Diagnostic.error("tokens.unreadable", "cannot read the token file \(path)")
            }
            text = String(decoding: data, as: UTF8.self)
            if existing.entries.isEmpty {
                // `tokens:` with nothing under it, or `tokens: []`: start the list afresh.
                text = text.replacingOccurrences(of: "tokens: []", with: "tokens:")
            }
            if !text.hasSuffix("\n") { text += "\n" }
        }
        text += TokenFile.yaml(for: entry)
        _ = try TokenFile(yaml: Array(text.utf8), file: path)
        try AtomicFileOutput.write(Array(text.utf8), to: path)
    }
}
