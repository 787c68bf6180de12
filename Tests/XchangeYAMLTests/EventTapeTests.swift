import Testing
import XchangeYAML

/// Documents recorded on an event tape hold what their tree holds, under the same limits and
/// errors; a document with anchors or aliases is built as a tree instead.
@Suite("Recording documents on an event tape")
struct EventTapeTests {
    @Test func aTapeHoldsEveryScalarWithItsStyleTagAndPlace() throws {
        let text = "---\nname: 某市\nyear: !!int 2021\nlist: ['a''b', \"c\\td\", \"\"]\n"
        let reader = YAMLDocumentReader(bytes: Array(text.utf8))
        var tape = YAMLEventTape()
        guard case .recorded = try reader.nextDocument(into: &tape) else {
            Issue.record("the document was not recorded")
            return
        }
        #expect(
            tape.events.map(\.kind) == [.mappingStart] + [.scalar, .scalar] + [.scalar, .scalar]
                + [.scalar, .sequenceStart, .scalar, .scalar, .scalar, .end] + [.end])
        let scalars = tape.events.filter { $0.kind == .scalar }.map { tape.scalar($0) }
        #expect(scalars.map(\.value) == ["name", "某市", "year", "2021", "list", "a'b", "c\td", ""])
        #expect(scalars[3].tag == "tag:yaml.org,2002:int" && scalars[3].kind == .int)
        #expect(scalars[5].style == .singleQuoted && scalars[6].style == .doubleQuoted)
        #expect(scalars[1].mark == YAMLMark(line: 2, column: 7))
        #expect(try reader.tree(from: tape) == parse(text)[0])
        #expect(try reader.nextDocument(into: &tape) == nil)
    }

    @Test func documentsWithAnchorsOrAliasesAreBuiltAsTrees() throws {
        let text = "a: 1\n---\nb: &x [1, 2]\nc: *x\n---\nd: 2\n"
        let reader = YAMLDocumentReader(bytes: Array(text.utf8))
        var tape = YAMLEventTape()
        var shapes: [String] = []
        var roots: [YAMLNode] = []
        while let document = try reader.nextDocument(into: &tape) {
            switch document {
            case .recorded:
                shapes.append("tape")
                roots.append(try reader.tree(from: tape))
            case .tree(let root):
                shapes.append("tree")
                roots.append(root)
            }
        }
        #expect(shapes == ["tape", "tree", "tape"])
        #expect(try roots == parse(text))
        #expect(roots[1]["c"] == roots[1]["b"])
    }

    @Test func recordingHoldsTheLimitsWithTheTreesMessages() throws {
        let deep = String(repeating: "[", count: 5) + String(repeating: "]", count: 5)
        let reader = YAMLDocumentReader(bytes: Array(deep.utf8), limits: .init(maxDepth: 4))
        var tape = YAMLEventTape()
        #expect(
            throws: YAMLError(message: "nesting exceeds the maximum depth of 4", mark: YAMLMark(line: 1, column: 5))
        ) { try reader.nextDocument(into: &tape) }

        let wide = "[1, 2, 3, 4]"
        let counted = YAMLDocumentReader(bytes: Array(wide.utf8), limits: .init(maxNodesPerDocument: 4))
        #expect(throws: YAMLError(message: "document exceeds 4 nodes", mark: YAMLMark(line: 1, column: 11))) {
            try counted.nextDocument(into: &tape)
        }
        // The error repeats: libyaml cannot resynchronize.
        #expect(throws: YAMLError.self) { try counted.nextDocument(into: &tape) }
    }

    @Test func anAliasAfterRecordedEventsKeepsTheirErrors() throws {
        // The alias comes after events already on the tape: they are replayed into the tree.
        let text = "a: [1, 2]\nb: *missing\n"
        #expect(
            throws: YAMLError(
                message: "alias *missing refers to an undefined anchor", mark: YAMLMark(line: 2, column: 4))
        ) { try YAMLDocumentReader(bytes: Array(text.utf8)).nextDocument() }
    }
}
