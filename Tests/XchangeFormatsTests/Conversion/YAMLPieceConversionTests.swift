import Foundation
import Testing
import XchangeCore
import XchangeTestSupport

@testable import XchangeFormats

/// A YAML stream read in pieces on several threads gives what reading it in one go gives: the
/// same output to the last byte, and on bad input the same first error, at the same line and
/// column, whatever the stream holds between and inside its documents.
struct YAMLPieceConversionTests {
    let conversions = PieceConversionTests()

    /// Generated reports as a YAML stream (texts ending in every awkward way), as text.
    func stream(_ count: Int, in directory: TemporaryDirectory) throws -> String {
        let path = try conversions.awkward(count, last: "件\n\n", as: YAMLFormat(), to: "made.yaml", in: directory)
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The stream's documents, each with its `---` line.
    func documents(of stream: String) -> [String] {
        stream.components(separatedBy: "\n---").enumerated().map { $0.offset == 0 ? $0.element : "---" + $0.element }
    }

    @Test func yamlInPiecesGivesTheSameJSONLinesAndYAML() throws {
        let directory = try TemporaryDirectory()
        let path = try directory.write("r.yaml", try stream(45, in: directory))
        let lines = conversions.expectSameOutcome(path, to: JSONFormat())
        guard case .output(let text) = lines else {
            Issue.record("no JSON Lines: \(lines)")
            return
        }
        #expect(text.split(separator: "\n").count == 45)
        let yaml = conversions.expectSameOutcome(path, to: YAMLFormat(), options: [:])
        #expect(yaml == .output(try directory.read("r.yaml")))
    }

    /// Directives, document end markers, comments, an empty document, an anchor and its alias,
    /// `---` indented inside a quoted text: every document is read whole, as in order.
    @Test func whatStandsBetweenDocumentsIsReadAsInOrder() throws {
        let directory = try TemporaryDirectory()
        var documents = documents(of: try stream(30, in: directory))
        documents[4] = "...\n%YAML 1.1\n" + documents[4]
        documents[9] = "# a comment\n---\n" + documents[9]
        documents[12] = "...\n# after the end\n" + documents[12]
        documents[15] = Self.replacingLine(in: documents[15], startingWith: "  agency_name: ") {
            "\($0.prefix(15))&name \($0.dropFirst(15))"
        }
        documents[15] = Self.replacingLine(in: documents[15], startingWith: "  admin_division_name: ") { _ in
            "  admin_division_name: *name"
        }
        documents[20] = Self.replacingLine(in: documents[20], startingWith: "  index_no: ") { _ in
            "  index_no: \"x\n    --- y\""
        }
        let path = try directory.write("r.yaml", documents.joined(separator: "\n"))
        guard case .output(let lines) = conversions.expectSameOutcome(path, to: JSONFormat()) else {
            Issue.record("the stream did not convert")
            return
        }
        #expect(lines.split(separator: "\n").count == 30)
        #expect(lines.contains("\"index_no\":\"x --- y\""))
    }

    /// A `---` at the start of a line inside a quoted text is not allowed: the piece cut there
    /// fails, and the error is the one reading in order gives.
    @Test func aMarkerInsideAQuotedTextIsReportedAsInOrder() throws {
        let directory = try TemporaryDirectory()
        var documents = documents(of: try stream(30, in: directory))
        documents[22] = Self.replacingLine(in: documents[22], startingWith: "  index_no: ") { _ in
            "  index_no: \"x\n--- y\""
        }
        let path = try directory.write("r.yaml", documents.joined(separator: "\n"))
        let outcome = conversions.expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("yaml.syntax"), "\(outcome)")
    }

    /// `text` with its first line that starts with `prefix` changed by `change`.
    static func replacingLine(in text: String, startingWith prefix: String, _ change: (String) -> String) -> String {
        var lines = text.components(separatedBy: "\n")
        let index = lines.firstIndex { $0.hasPrefix(prefix) }!
        lines[index] = change(lines[index])
        return lines.joined(separator: "\n")
    }

    /// Bad input in a later piece: a syntax error, bytes that are not UTF-8, an unknown key.
    @Test(arguments: ["syntax", "encoding", "key"])
    func anErrorInALaterPieceIsReportedAsInOrder(kind: String) throws {
        let directory = try TemporaryDirectory()
        var documents = documents(of: try stream(40, in: directory))
        let broken = documents[33]
        documents[33] =
            switch kind {
            case "syntax": broken.replacingOccurrences(of: "\n  report_year", with: "\n report_year")
            case "key": broken.replacingOccurrences(of: "\nmeta:", with: "\nzz_unknown: 1\nmeta:")
            default: broken.replacingOccurrences(of: "report_year", with: "report_\u{FFFF}year")
            }
        var bytes = Array(documents.joined(separator: "\n").utf8)
        if kind == "encoding" {
            // U+FFFF is encoded EF BF BF; make it a byte that starts no character.
            let at = bytes.firstRange(of: [0xEF, 0xBF, 0xBF])!.lowerBound
            bytes.replaceSubrange(at..<at + 3, with: [0xFF])
        }
        let path = try directory.write("bad.yaml", bytes)
        let outcome = conversions.expectSameOutcome(path, to: JSONFormat())
        // An unknown key is reported on its own; what is thrown then says which report had it.
        #expect(outcome.description.hasPrefix(kind == "key" ? "input.invalid" : "yaml.syntax"), "\(outcome)")
        // The document's `---` is on the line after all the lines before it.
        let marker = documents[..<33].map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }
            .reduce(1, +)
        if kind == "key" {
            #expect(outcome.description.hasPrefix("input.invalid at \(marker + 1):1: report 34 "), "\(outcome)")
        }
    }

    /// A conversion that fails in a later piece of a YAML file leaves no output and no
    /// temporary file, and names the line of the error in the whole file.
    @Test(arguments: ["out.jsonl", "out.json", "out.csv"])
    func aFailedConversionFromYAMLWritesNothing(output: String) throws {
        let directory = try TemporaryDirectory()
        var documents = documents(of: try stream(400, in: directory))
        documents[350] = documents[350].replacingOccurrences(of: "\n  report_year", with: "\n report_year")
        let path = try directory.write("bad.yaml", documents.joined(separator: "\n"))
        let marker = documents[..<350].map { $0.split(separator: "\n", omittingEmptySubsequences: false).count }
            .reduce(1, +)
        do {
            try Converter().convert(
                ConversionRequest(input: path, output: directory.path(output)), diagnostics: DiagnosticList())
            Issue.record("a broken document was accepted")
        } catch let diagnostic as Diagnostic {
            #expect(diagnostic.code == "yaml.syntax")
            #expect((diagnostic.location?.line ?? 0) > marker, "\(diagnostic)")
        }
        let left = try FileManager.default.contentsOfDirectory(atPath: directory.path(""))
        #expect(left.sorted() == ["bad.yaml", "made.yaml"], "\(left)")
    }

    /// libyaml counts `\r\n`, a lone `\r` and U+0085, U+2028 and U+2029 as line breaks; the
    /// pieces' first lines are counted alike, so an error after them has the same line.
    @Test func linesAreCountedAsLibYAMLCountsThem() throws {
        let directory = try TemporaryDirectory()
        // The separators inside quoted texts (where they are folded), `\r\n` line ends, and now
        // and then a lone `\r`.
        let lines = try stream(40, in: directory).components(separatedBy: "\n").map { line in
            line.hasPrefix("  index_no: ") ? "  index_no: \"x\u{2028}y\u{2029}z\u{85}w\"" : line
        }
        var text = lines.joined(separator: "\r\n").replacingOccurrences(
            of: "\r\n  report_year", with: "\r  report_year")
        text = text.replacingOccurrences(of: "\r\n---", with: "\n---")
        var documents = documents(of: text)
        documents[36] = documents[36].replacingOccurrences(of: "\r\nmeta:", with: "\r\nzz_unknown: 1\r\nmeta:")
        let path = try directory.write("crlf.yaml", documents.joined(separator: "\n"))
        let outcome = conversions.expectSameOutcome(path, to: JSONFormat())
        #expect(outcome.description.hasPrefix("input.invalid"), "\(outcome)")
        #expect(outcome.description.contains("report 37 "), "\(outcome)")
    }

    @Test func utf16IsReadInOrder() throws {
        let directory = try TemporaryDirectory()
        let text = try stream(12, in: directory)
        var bytes: [UInt8] = [0xFF, 0xFE]
        for unit in text.utf16 { bytes += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        let path = try directory.write("utf16.yaml", bytes)
        let pieces = YAMLPieces(input: try InputSource(path: path), recordsPositions: false, pieceSize: 64)
        #expect(try pieces.nextPiece()?.readsRest == true)
        guard case .output(let lines) = conversions.expectSameOutcome(path, to: JSONFormat()) else {
            Issue.record("UTF-16 did not convert")
            return
        }
        #expect(lines.split(separator: "\n").count == 12)
    }

    @Test func aDocumentStartIsAMarkerLineNotAfterADirective() {
        func start(_ text: String) -> Int? {
            Array(text.utf8).withUnsafeBufferPointer { YAMLPieces.lastDocumentStart(in: $0) }
        }
        #expect(start("a: 1\n---\nb: 2\n") == 5)
        #expect(start("a: 1\n--- # c\nb: 2\n") == 5)
        #expect(start("a: 1\r\n---\r\nb: 2\n") == 6)
        #expect(start("a: 1\n--- |\n  x\n---\n") == 15)
        #expect(start("a: 1\n----\nb: 2\n") == nil)
        #expect(start("a: 1\n ---\nb: 2\n") == nil)
        #expect(start("a: \"x\n---y\"\n") == nil)
        #expect(start("...\n%YAML 1.1\n---\nb: 2\n") == nil)
        #expect(start("---\na: 1\n") == nil)
        // The byte after the marker must be in view.
        #expect(start("a: 1\n---") == nil)
    }

    /// Breaks are counted sixteen bytes at a time; the count must equal a byte-by-byte count
    /// whatever surrounds them (parts of the separators, lone and paired carriage returns).
    @Test func countsLineBreaksLikeAByteByByteCount() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [UInt8] = [0x0A, 0x0D, 0xC2, 0x85, 0xE2, 0x80, 0xA8, 0xA9, 0x41, 0xE5, 0x20, 0x0B]
        for length in [0, 1, 2, 3, 15, 16, 17, 18, 100, 4079, 4080, 4081, 4097, 9000] {
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            #expect(bytes.withUnsafeBufferPointer { YAMLPieces.lineBreaks(in: $0) } == Self.breaks(bytes), "\(length)")
        }
        let lineFeeds = [UInt8](repeating: 0x0A, count: 5000)
        #expect(lineFeeds.withUnsafeBufferPointer { YAMLPieces.lineBreaks(in: $0) } == 5000)
    }

    /// libyaml's rule, one byte at a time.
    static func breaks(_ bytes: [UInt8]) -> Int {
        var count = 0
        var k = 0
        while k < bytes.count {
            if bytes[k] == 0x0D && k + 1 < bytes.count && bytes[k + 1] == 0x0A {
                count += 1
                k += 2
                continue
            }
            if bytes[k] == 0x0A || bytes[k] == 0x0D { count += 1 }
            if bytes[k] == 0xC2 && k + 1 < bytes.count && bytes[k + 1] == 0x85 { count += 1 }
            if bytes[k] == 0xE2 && k + 2 < bytes.count && bytes[k + 1] == 0x80 && [0xA8, 0xA9].contains(bytes[k + 2]) {
                count += 1
            }
            k += 1
        }
        return count
    }
}
