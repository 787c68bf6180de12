import Foundation
import XchangeCore
import XchangeYAML

/// The server's token file: for each token, the SHA-256 of the token (never the token
/// itself) and the agencies, by 统一社会信用代码, that its holder may submit for.
///
/// ```yaml
/// tokens:
///   - name: suifenhe-office          # a label for the log; optional
///     sha256: 5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8
///     agencies: [113307820076354208]
/// ```
///
/// `xchange-platform token --agency USCC --append tokens.yaml` makes a token and adds its entry.
public struct TokenFile: Sendable {
    /// One token's entry.
    public struct Entry: Hashable, Sendable {
        /// A label for logs and listings (never the token).
        public var name: String
        /// The token's SHA-256, 64 lower-case hex digits.
        public var sha256: String
        /// The USCCs the token may submit for.
        public var agencies: Set<String>

        /// Creates an entry.
        public init(name: String, sha256: String, agencies: Set<String>) {
            self.name = name
            self.sha256 = sha256
            self.agencies = agencies
        }
    }

    /// The entries, in file order.
    public var entries: [Entry]

    /// Creates a token file from entries.
    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Reads and checks a token file; every problem names the file, line and column.
    public init(path: String) throws(Diagnostic) {
        let bytes: [UInt8]
        do {
            bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
        } catch {
            throw Diagnostic.error(
                "tokens.unreadable", "cannot read the token file \(path): \(error.localizedDescription)")
        }
        try self.init(yaml: bytes, file: path)
    }

    /// Reads a token file's text; `file` is the name used in diagnostics.
    public init(yaml bytes: [UInt8], file: String) throws(Diagnostic) {
        func at(_ mark: YAMLMark) -> SourceReference {
            SourceReference(file: file, line: mark.line, column: mark.column)
        }
        let documents: [YAMLNode]
        do {
            documents = try parseYAMLDocuments(bytes)
        } catch {
            let location = error.mark.map(at) ?? SourceReference(file: file)
            throw Diagnostic.error("tokens.syntax", "the token file is not valid YAML: \(error.message)", at: location)
        }
        guard let root = documents.first, documents.count == 1, let list = root["tokens"] else {
            throw Diagnostic.error(
                "tokens.field", "the token file must be one YAML document with a \"tokens\" list",
                at: SourceReference(file: file, line: 1, column: 1), field: "tokens")
        }
        if list.scalar?.value == "" || list.scalar?.value == "null" || list.scalar?.value == "~" {
            entries = []
            return
        }
        guard let items = list.sequence else {
            throw Diagnostic.error("tokens.field", "\"tokens\" must be a list", at: at(list.mark), field: "tokens")
        }
        var entries: [Entry] = []
        var seen: [String: Int] = [:]
        for (index, item) in items.enumerated() {
            let entry = try Self.entry(item, index: index, at: at)
            if let earlier = seen[entry.sha256] {
                throw Diagnostic.error(
                    "tokens.duplicate", "this token hash is already listed as entry \(earlier + 1)",
                    at: at(item["sha256"]?.mark ?? item.mark), field: "tokens[\(index)].sha256")
            }
            seen[entry.sha256] = index
            entries.append(entry)
        }
        self.entries = entries
    }

    private static func entry(
        _ item: YAMLNode, index: Int, at: (YAMLMark) -> SourceReference
    ) throws(Diagnostic) -> Entry {
        let path = "tokens[\(index)]"
        guard let pairs = item.mapping else {
            throw Diagnostic.error("tokens.field", "each token entry must be a mapping", at: at(item.mark), field: path)
        }
        let known = ["name", "sha256", "agencies"]
        for pair in pairs {
            let key = pair.key.scalar?.value ?? ""
            if !known.contains(key) {
                let hint = NearestName.find(key, among: known).map { " (did you mean \"\($0)\"?)" } ?? ""
                throw Diagnostic.error(
                    "tokens.field", "unknown member \"\(key)\"\(hint)", at: at(pair.key.mark), field: "\(path).\(key)")
            }
        }
        guard let hashNode = item["sha256"], let hash = hashNode.scalar?.value else {
            throw Diagnostic.error(
                "tokens.field", "the entry has no sha256", at: at(item.mark), field: "\(path).sha256")
        }
        guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) })
        else {
            throw Diagnostic.error(
                "tokens.hash", "sha256 must be 64 lower-case hex digits (the token's SHA-256), not the token itself",
                at: at(hashNode.mark), field: "\(path).sha256")
        }
        guard let agencyNode = item["agencies"], let agencyItems = agencyNode.sequence, !agencyItems.isEmpty else {
            throw Diagnostic.error(
                "tokens.field", "the entry needs \"agencies\": a list of the USCCs it may submit for",
                at: at(item["agencies"]?.mark ?? item.mark), field: "\(path).agencies")
        }
        var agencies: Set<String> = []
        for node in agencyItems {
            let code = node.scalar?.value ?? ""
            guard CheckCharacters.isValidUSCC(code) else {
                throw Diagnostic.error(
                    "tokens.uscc", "\"\(code)\" is not a valid 统一社会信用代码", at: at(node.mark), field: "\(path).agencies")
            }
            agencies.insert(code)
        }
        let name = item["name"]?.scalar?.value ?? "token-\(index + 1)"
        return Entry(name: name, sha256: hash, agencies: agencies)
    }

    /// The entry whose hash is `sha256`, compared without an early exit so that the time
    /// taken does not tell how much of a guessed hash matched.
    public func entry(forHash sha256: String) -> Entry? {
        let wanted = Array(sha256.utf8)
        var found: Entry?
        for entry in entries {
            let stored = Array(entry.sha256.utf8)
            guard stored.count == wanted.count else { continue }
            var difference: UInt8 = 0
            for index in stored.indices { difference |= stored[index] ^ wanted[index] }
            if difference == 0 { found = entry }
        }
        return found
    }

    /// The YAML text of one entry, as `token --append` adds it under `tokens:`.
    public static func yaml(for entry: Entry) -> String {
        let agencies = entry.agencies.sorted().joined(separator: ", ")
        return "  - name: \(entry.name)\n    sha256: \(entry.sha256)\n    agencies: [\(agencies)]\n"
    }
}
