import Testing
import XchangeYAML

@Suite("Reading documents")
struct ReaderTests {
    @Test func scalarStylesValuesAndMarks() throws {
        let text = """
            plain: 年度报告
            single: 'it''s'
            double: "tab\\there"
            literal: |
              第一行
              第二行
            folded: >
              one
              two

            """
        let document = try #require(try parse(text).first)
        let pairs = try #require(document.mapping)
        #expect(pairs.map { $0.key.scalar?.value } == ["plain", "single", "double", "literal", "folded"])
        let values = pairs.map { $0.value.scalar! }
        #expect(values.map(\.value) == ["年度报告", "it's", "tab\there", "第一行\n第二行\n", "one two\n"])
        #expect(values.map(\.style) == [.plain, .singleQuoted, .doubleQuoted, .literal, .folded])
        #expect(
            values.map(\.mark) == [
                YAMLMark(line: 1, column: 8), YAMLMark(line: 2, column: 9), YAMLMark(line: 3, column: 9),
                YAMLMark(line: 4, column: 10), YAMLMark(line: 7, column: 9),
            ])
        #expect(document.mark == YAMLMark(line: 1, column: 1))
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let document = try #require(try parse("名称: 值\n").first)
        #expect(document["名称"]?.mark == YAMLMark(line: 1, column: 5))
    }

    @Test func tagsAreExpanded() throws {
        let document = try #require(try parse("a: !!str 12\nb: !local x\nc: 12\n").first)
        #expect(document["a"]?.scalar?.tag == "tag:yaml.org,2002:str")
        #expect(document["a"]?.scalar?.kind == .string)
        #expect(document["b"]?.scalar?.tag == "!local")
        #expect(document["c"]?.scalar?.tag == nil)
        #expect(document["c"]?.scalar?.kind == .int)
    }

    @Test func mappingsKeepOrderAndDuplicates() throws {
        let document = try #require(try parse("b: 1\na: 2\nb: 3\n").first)
        let pairs = try #require(document.mapping)
        #expect(pairs.map { $0.key.scalar!.value } == ["b", "a", "b"])
        #expect(pairs.map { $0.key.mark.line } == [1, 2, 3])
        #expect(document["b"]?.scalar?.value == "1")
    }

    @Test func nestedCollections() throws {
        let document = try #require(try parse("list:\n- [1, 2]\n- {k: v}\n? [complex]\n: key\n").first)
        let list = try #require(document["list"]?.sequence)
        #expect(list.count == 2)
        #expect(list[0].sequence?.map { $0.scalar!.value } == ["1", "2"])
        #expect(list[0].mark == YAMLMark(line: 2, column: 3))
        #expect(list[1]["k"]?.scalar?.value == "v")
        let complex = try #require(document.mapping?.last)
        #expect(complex.key.sequence?.first?.scalar?.value == "complex")
        #expect(complex.value.scalar?.value == "key")
    }

    @Test func multipleDocumentsAndEmptyOnes() throws {
        #expect(try parse("").isEmpty)
        #expect(try parse("# only a comment\n").isEmpty)
        let documents = try parse("a: 1\n---\n---\n- x\n...\n--- 3\n")
        #expect(documents.count == 4)
        #expect(documents[0]["a"]?.scalar?.value == "1")
        #expect(documents[1].scalar?.value == "")
        #expect(documents[1].scalar?.kind == .null)
        #expect(documents[2].sequence?.first?.scalar?.value == "x")
        #expect(documents[3].scalar?.value == "3")
        #expect(documents[3].mark.line == 6)
    }

    @Test func aliasesAreResolved() throws {
        let document = try #require(try parse("base: &b {unit: 万元}\ncopy: *b\nname: &n x\nagain: *n\n").first)
        #expect(document["copy"] == document["base"])
        #expect(document["again"]?.scalar?.value == "x")
    }

    @Test func readerIsDoneAfterTheLastDocument() throws {
        let reader = YAMLDocumentReader(bytes: Array("a\n---\nb\n".utf8))
        #expect(try reader.nextDocument()?.scalar?.value == "a")
        #expect(try reader.nextDocument()?.scalar?.value == "b")
        #expect(try reader.nextDocument() == nil)
        #expect(try reader.nextDocument() == nil)
    }

    @Test func bytesWithAByteOrderMark() throws {
        let document = try #require(try parseYAMLDocuments([0xEF, 0xBB, 0xBF] + Array("k: v\n".utf8)).first)
        #expect(document["k"]?.scalar?.value == "v")
    }
}
