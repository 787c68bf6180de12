import Foundation
import Testing
import XchangeCore

/// Diagnostic codes are an interface: every code the sources report is in `DiagnosticCode.all`,
/// and every code listed there is still reported somewhere.
struct DiagnosticCodeTests {
    static let sources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // XchangeCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .appending(path: "Sources")

    /// The file the list lives in, which names every code without reporting it.
    static let listFile = "DiagnosticCode.swift"

    /// Every Swift source file under Sources/ with its text.
    static func sourceFiles() throws -> [(name: String, text: String)] {
        let enumerator = try #require(FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil))
        var files: [(String, String)] = []
        for case let url as URL in enumerator where url.pathExtension == "swift" {
            files.append((url.path, try String(contentsOf: url, encoding: .utf8)))
        }
        return files
    }

    /// Literals in a code's position: the first argument of `Diagnostic.error/warning/note(…)`,
    /// the `code:` argument, and the first argument of the text reader's `warn/note(…)`.
    static var codePosition: Regex<AnyRegexOutput> {
        try! Regex(
            #"(?:Diagnostic\.(?:error|warning|note)|\.(?:error|warn|warning|note))\(\s*"([^"\\]*)""#
                + #"|code:\s*"([^"\\]*)""#)
    }

    /// Every string literal shaped like a dotted code (`csv.unknown-column`), wherever it is:
    /// codes reach `Diagnostic` through helpers too (`problem(…)`, `fail(…)`, `error(…)`).
    static var dottedLiteral: Regex<AnyRegexOutput> { try! Regex("\"(\(codeShape))\"") }

    /// A dotted code: lower-case words joined by dots, words of letters, digits and hyphens.
    static let codeShape = #"[a-z][a-z0-9]*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+"#

    /// Dotted literals that are canonical field keys, or parts of them, are not codes.
    static func isFieldPath(_ literal: String) -> Bool {
        CanonicalSchema.v1.fields.contains { field in
            // A whole key, or whole segments of one (`result.total` in `applications.result.total.total`).
            let key = "." + field.key + "."
            return key.contains("." + literal + ".")
        }
    }

    /// Dotted literals that are neither codes nor field keys: the canonical JSON key of the
    /// pre-2019 sections list, and the entry names of a submission package.
    static let notCodes: Set<String> = [
        "legacy.sections", "manifest.json", "report.json", "report.txt", "submission.zip",
        // The platform store's file name, and the pipeline steps' option paths in messages.
        "submissions.sqlite", "aggregate.by", "dedupe.by", "sort.by",
    ]

    /// Each code the sources use, with the first place it is used.
    static func usedCodes() throws -> [String: String] {
        var used: [String: String] = [:]
        let codePosition = Self.codePosition
        let dottedLiteral = Self.dottedLiteral
        for (path, text) in try sourceFiles() where !path.hasSuffix("/" + listFile) {
            let name = path.replacingOccurrences(of: sources.path + "/", with: "")
            for match in text.matches(of: codePosition) {
                if let code = (match.output[1].substring ?? match.output[2].substring).map(String.init),
                    code.first?.isLetter == true, !code.contains(" ")
                {
                    if used[code] == nil { used[code] = name }
                }
            }
            for match in text.matches(of: dottedLiteral) {
                guard let literal = match.output[1].substring.map(String.init) else { continue }
                if isFieldPath(literal) || notCodes.contains(literal) { continue }
                if used[literal] == nil { used[literal] = name }
            }
        }
        return used
    }

    @Test func everyCodeTheSourcesUseIsListed() throws {
        let used = try Self.usedCodes()
        #expect(used.count >= 40, "the scan found only \(used.count) codes; is it still reading Sources/?")
        let rules = Set(CanonicalSchema.v1.rules.map(\.id))
        for (code, file) in used.sorted(by: { $0.key < $1.key }) where !rules.contains(code) {
            #expect(
                DiagnosticCode.named(code) != nil,
                "\(file) uses the code \"\(code)\", which DiagnosticCode.all does not list")
        }
    }

    @Test func everyListedCodeIsUsed() throws {
        let used = try Self.usedCodes()
        for entry in DiagnosticCode.all {
            #expect(used[entry.code] != nil, "\(entry.code) is listed but no source reports it")
        }
    }

    @Test func listIsWellFormed() {
        let codes = DiagnosticCode.all.map(\.code)
        #expect(Set(codes).count == codes.count, "a code is listed twice")
        for entry in DiagnosticCode.all {
            #expect(entry.code.wholeMatch(of: try! Regex(Self.codeShape)) != nil, "\(entry.code): not a dotted code")
            #expect(!entry.meaning.isEmpty && !entry.meaning.contains("\n"), "\(entry.code): one line of meaning")
            #expect(DiagnosticCode.named(entry.code) == entry)
        }
        #expect(DiagnosticCode.named("no.such-code") == nil)
    }
}
