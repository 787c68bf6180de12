import Foundation
import Testing
import XchangeCore
import XchangePlatform
import XchangePlatformServer

/// The server's token file: hashes only, agencies checked, every problem located.
struct TokenFileTests {
    let uscc = "113307820076354208"

    func read(_ text: String) throws(Diagnostic) -> TokenFile {
        try TokenFile(yaml: Array(text.utf8), file: "tokens.yaml")
    }

    @Test func anIssuedTokenIsFoundByItsHashAndOnlyTheHashIsWritten() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "tokens-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appending(path: "tokens.yaml").path
        let first = TokenIssuer.makeToken()
        let second = TokenIssuer.makeToken()
        #expect(first != second && first.hasPrefix("xcp_") && first.count == 47)
        try TokenIssuer.append(try TokenIssuer.entry(for: first, name: "one", agencies: [uscc]), toFileAt: path)
        try TokenIssuer.append(try TokenIssuer.entry(for: second, name: "two", agencies: [uscc]), toFileAt: path)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!text.contains(first) && !text.contains(second))
        let file = try TokenFile(path: path)
        #expect(file.entry(forHash: EntryDigest.sha256(Array(second.utf8)))?.name == "two")
        #expect(file.entry(forHash: EntryDigest.sha256(Array("xcp_guess".utf8))) == nil)
        #expect(file.entries.map(\.agencies) == [[uscc], [uscc]])
        // The same token twice would be ambiguous: refused, and the file is left as it was.
        #expect(throws: Diagnostic.self) {
            try TokenIssuer.append(try TokenIssuer.entry(for: first, name: "again", agencies: [uscc]), toFileAt: path)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func problemsAreReportedWithTheirLineAndColumn() {
        let cases: [(text: String, code: String, line: Int)] = [
            ("tokens:\n  - sha256: abc\n    agencies: [\(uscc)]\n", "tokens.hash", 2),
            (
                "tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n    agencies: [91110000000000000X]\n",
                "tokens.uscc", 3
            ),
            ("tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n    agencys: [\(uscc)]\n", "tokens.field", 3),
            ("tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n", "tokens.field", 2),
            (
                "tokens:\n  - sha256: \(String(repeating: "b", count: 64))\n    agencies: [\(uscc)]\n"
                    + "  - sha256: \(String(repeating: "b", count: 64))\n    agencies: [\(uscc)]\n", "tokens.duplicate",
                4
            ),
            ("tokens: [unclosed\n", "tokens.syntax", 2),
            ("users: []\n", "tokens.field", 1),
        ]
        for item in cases {
            do {
                _ = try read(item.text)
                Issue.record("accepted: \(item.text)")
            } catch {
                #expect(error.code == item.code, "\(error)")
                #expect(error.location?.file == "tokens.yaml")
                #expect(error.location?.line == item.line, "\(error)")
            }
        }
        #expect(
            (try? read("tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n    agencys: [\(uscc)]\n")) == nil)
    }

    @Test func aMisspelledMemberGetsASuggestion() {
        #expect(throws: Diagnostic.self) {
            try read("tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n    agencys: [\(uscc)]\n")
        }
        do {
            _ = try read("tokens:\n  - sha256: \(String(repeating: "a", count: 64))\n    agencys: [\(uscc)]\n")
        } catch {
            #expect(error.message.contains("did you mean \"agencies\""))
        }
    }

    @Test func anEmptyListIsAServerThatAcceptsNoOne() throws {
        #expect(try read("tokens:\n").entries.isEmpty)
        #expect(try read("tokens: []\n").entries.isEmpty)
    }
}
