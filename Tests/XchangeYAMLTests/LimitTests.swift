import Testing
import XchangeYAML

@Suite("Limits against hostile input")
struct LimitTests {
    /// The classic "billion laughs": nine levels of ten aliases each, 10^9 scalars.
    static let billionLaughs: String = {
        var lines = ["a: &a [\(Array(repeating: "\"lol\"", count: 10).joined(separator: ", "))]"]
        let names = "abcdefghi".map(String.init)
        for (previous, name) in zip(names, names.dropFirst()) {
            lines.append("\(name): &\(name) [\(Array(repeating: "*\(previous)", count: 10).joined(separator: ", "))]")
        }
        return lines.joined(separator: "\n") + "\n"
    }()

    @Test func aliasBombIsRefusedQuickly() throws {
        let clock = ContinuousClock()
        var caught: YAMLError?
        let elapsed = clock.measure {
            caught = parseError(Self.billionLaughs)
        }
        let error = try #require(caught)
        #expect(error.message == "alias expansion exceeds 1000000 nodes")
        // Level f (line 6) is the first to describe more than a million nodes.
        let mark = try #require(error.mark)
        #expect(mark.line == 6)
        #expect(elapsed < .milliseconds(500))
    }

    @Test func aliasCountingUsesTheSubtreeSize() throws {
        // 1 mapping + 2 keys + (seq 1 + 3 items) + alias of 4 nodes = 11 nodes.
        let text = "a: &x [1, 2, 3]\nb: *x\n"
        let exact = YAMLDocumentReader(bytes: Array(text.utf8), limits: .init(maxNodesPerDocument: 11))
        #expect(try exact.nextDocument() != nil)
        let tight = YAMLDocumentReader(bytes: Array(text.utf8), limits: .init(maxNodesPerDocument: 10))
        #expect(throws: YAMLError(message: "alias expansion exceeds 10 nodes", mark: YAMLMark(line: 2, column: 4))) {
            try tight.nextDocument()
        }
    }

    @Test func plainDocumentsAreCountedToo() {
        let reader = YAMLDocumentReader(bytes: Array("[1, 2, 3, 4, 5]".utf8), limits: .init(maxNodesPerDocument: 4))
        #expect(throws: YAMLError(message: "document exceeds 4 nodes", mark: YAMLMark(line: 1, column: 11))) {
            try reader.nextDocument()
        }
    }

    @Test func theLimitIsPerDocument() throws {
        let text = "[1, 2, 3]\n---\n[4, 5, 6]\n"
        let reader = YAMLDocumentReader(bytes: Array(text.utf8), limits: .init(maxNodesPerDocument: 4))
        #expect(try reader.nextDocument() != nil)
        #expect(try reader.nextDocument() != nil)
    }

    @Test func deepFlowNestingIsRefused() throws {
        let clock = ContinuousClock()
        var caught: YAMLError?
        let elapsed = clock.measure {
            caught = parseError(String(repeating: "[", count: 1_000_000))
        }
        let error = try #require(caught)
        #expect(error.message == "nesting exceeds the maximum depth of 256")
        #expect(error.mark == YAMLMark(line: 1, column: 257))
        #expect(elapsed < .seconds(1))
    }

    @Test func deepBlockNestingIsRefused() throws {
        let text = (0..<300).map { String(repeating: " ", count: $0 * 2) + "- " }.joined(separator: "\n") + "x\n"
        let error = try #require(parseError(text))
        #expect(error.message == "nesting exceeds the maximum depth of 256")
        #expect(error.mark == YAMLMark(line: 257, column: 513))
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        var node = try #require(try parse(text).first)
        var depth = 0
        while let items = node.sequence {
            depth += 1
            guard let first = items.first else { break }
            node = first
        }
        #expect(depth == 256)
        #expect(parseError("[" + text + "]") != nil)
    }

    @Test func undefinedAndRecursiveAliasesAreErrors() {
        #expect(
            parseError("a: *nowhere\n")
                == YAMLError(
                    message: "alias *nowhere refers to an undefined anchor", mark: YAMLMark(line: 1, column: 4)))
        #expect(
            parseError("&a [x, *a]\n")
                == YAMLError(
                    message: "alias *a refers to a node that contains it", mark: YAMLMark(line: 1, column: 8)))
        // Anchors do not reach into the next document.
        #expect(parseError("--- &a x\n--- *a\n")?.message == "alias *a refers to an undefined anchor")
    }

    @Test func aRedefinedAnchorNamesTheLatestNode() throws {
        let document = try #require(try parse("&a [&a x, *a]\n").first)
        #expect(document.sequence?.map { $0.scalar?.value } == ["x", "x"])
    }
}
