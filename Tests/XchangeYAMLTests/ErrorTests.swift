import Testing
import XchangeYAML

@Suite("Errors name line and column")
struct ErrorTests {
    @Test func mappingValueInPlainScalar() throws {
        let error = try #require(parseError("title: 报告\nyear: a: b\n"))
        #expect(error.message == "mapping values are not allowed in this context")
        #expect(error.mark == YAMLMark(line: 2, column: 8))
        #expect(error.description == "line 2, column 8: mapping values are not allowed in this context")
    }

    @Test func contextIsIncludedWithItsMark() throws {
        let error = try #require(parseError("a: 1\nb: \"unterminated\nc: 2\n"))
        #expect(error.message.hasPrefix("found unexpected end of stream"))
        #expect(error.message.contains("while scanning a quoted scalar at line 2, column 4"))
        #expect(error.contextMark == YAMLMark(line: 2, column: 4))
        #expect(error.mark?.line == 4)
    }

    @Test func badIndentation() throws {
        let error = try #require(parseError("a:\n  b: 1\n c: 2\n"))
        #expect(error.mark == YAMLMark(line: 3, column: 2))
        #expect(error.description.hasPrefix("line 3, column 2: did not find expected key"))
    }

    @Test func invalidUTF8HasAPosition() throws {
        do {
            _ = try parseYAMLDocuments(Array("a: 1\nb: x".utf8) + [0xFF] + Array("\n".utf8))
            Issue.record("invalid UTF-8 was accepted")
        } catch {
            #expect(error.message.contains("invalid leading UTF-8 octet"))
            #expect(error.message.contains("byte offset 9"))
            #expect(error.mark == YAMLMark(line: 2, column: 5))
        }
    }

    @Test func errorInALaterDocumentKeepsEarlierOnes() throws {
        let reader = YAMLDocumentReader(bytes: Array("ok: 1\n---\n[unclosed\n".utf8))
        #expect(try reader.nextDocument()?["ok"]?.scalar?.value == "1")
        var first: YAMLError?
        do { _ = try reader.nextDocument() } catch { first = error }
        let error = try #require(first)
        #expect(error.mark?.line == 4)
        // libyaml cannot resume after an error, so the reader repeats it.
        #expect(throws: error) { try reader.nextDocument() }
    }

    @Test func descriptionWithoutAMark() {
        #expect(YAMLError(message: "write failed").description == "write failed")
    }
}
