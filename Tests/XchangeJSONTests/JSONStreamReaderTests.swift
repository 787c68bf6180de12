import Foundation
import Testing

@testable import XchangeJSON

@Suite struct JSONStreamReaderTests {
    private func report(_ i: Int) -> String {
        #"{"id": \#(i), "name": "第\#(i)号报告：政府信息公开", "rate": 0.0001, "rows": [{"a": 1}, {"b": "\"x\""}]}"#
    }

    private func expectedReport(_ i: Int) throws -> JSONValue { try parseJSON(report(i)) }

    @Test(arguments: [1, 2, 3, 7, 64, 1 << 20])
    func streamsATopLevelArray(chunkSize: Int) throws {
        let file = try TemporaryFile("[\n" + (0..<25).map { "  " + report($0) }.joined(separator: ",\n") + "\n]\n")
        let (items, reader, _) = try streamItems(of: file, chunkSize: chunkSize)
        #expect(items == (0..<25).map { try! expectedReport($0) })
        #expect(reader.layout == .array)
        #expect(reader.lastItemPosition == JSONPosition(line: 26, column: 3))
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [1, 7, 1 << 20])
    func streamsJSONLines(chunkSize: Int) throws {
        let file = try TemporaryFile((0..<30).map(report).joined(separator: "\n\n") + "\n")
        let (items, reader, _) = try streamItems(of: file, chunkSize: chunkSize)
        #expect(items == (0..<30).map { try! expectedReport($0) })
        #expect(reader.layout == .lines)
        #expect(reader.lastItemPosition == JSONPosition(line: 59, column: 1))
    }

    @Test(arguments: [1, 7, 1 << 20])
    func streamsASingleObject(chunkSize: Int) throws {
        let file = try TemporaryFile(contents: [0xEF, 0xBB, 0xBF] + Array(("\n\n   " + report(1) + "\n\n").utf8))
        let handle = try FileHandle(forReadingFrom: file.url)
        let reader = JSONStreamReader(fileHandle: handle, chunkSize: chunkSize)
        #expect(reader.layout == nil)
        #expect(try reader.next() == expectedReport(1))
        #expect(reader.layout == .single)
        #expect(reader.lastItemPosition == JSONPosition(line: 3, column: 4))
        #expect(try reader.next() == nil)
        #expect(try reader.next() == nil)
    }

    @Test(arguments: [1, 3, 7])
    func splitsScalarsAtChunkBoundaries(chunkSize: Int) throws {
        let file = try TemporaryFile("123456789 -0.000001e+10\ntrue null \"中文\"\n[1,2]")
        let (items, reader, _) = try streamItems(of: file, chunkSize: chunkSize)
        #expect(
            items == [
                .number("123456789"), .number("-0.000001e+10"), .bool(true), .null, .string("中文"),
                .array([.number("1"), .number("2")]),
            ])
        #expect(reader.layout == .lines)
        let arrayOfScalars = try TemporaryFile("[123456789,-0.5e7 ,\"中文\"]")
        #expect(
            try streamItems(of: arrayOfScalars, chunkSize: chunkSize).items == [
                .number("123456789"), .number("-0.5e7"), .string("中文"),
            ])
    }

    @Test func readsFromMemory() throws {
        let reader = JSONStreamReader(bytes: Array("[1, {\"a\": 2}]".utf8))
        #expect(try reader.next() == .number("1"))
        #expect(reader.layout == .array)
        #expect(try reader.next() == .object([JSONMember(key: "a", value: .number("2"))]))
        #expect(reader.lastItemPosition == JSONPosition(line: 1, column: 5))
        #expect(try reader.next() == nil)
        #expect(try JSONStreamReader(bytes: Array("[ ]".utf8)).next() == nil)
    }

    @Test func handlesItemsMuchLargerThanAChunk() throws {
        let big = "{" + (0..<2000).map { #""field_\#($0)": \#($0).5"# }.joined(separator: ", ") + "}"
        let file = try TemporaryFile("[" + big + ", " + big + "]")
        let (items, _, _) = try streamItems(of: file, chunkSize: 7)
        #expect(items.count == 2)
        #expect(items[1].members?.count == 2000)
        #expect(items[1]["field_1999"] == .number("1999.5"))
    }

    @Test(arguments: [1, 7, 1 << 20])
    func reportsErrorsAtAbsolutePositions(chunkSize: Int) throws {
        let cases: [(String, Int, String)] = [
            // (input, items before the error, error)
            (
                "[\n" + report(0) + ",\n" + report(1) + ",\n  {\"a\": 1 \"b\": 2}\n]", 2,
                "line 4, column 11: expected ',' or '}' after object member, found '\"'"
            ),
            (
                report(0) + "\n" + report(1) + "\n{\"名称\": \"abc\n", 2,
                "line 3, column 12: line break inside a string (write it as \\n, or is a closing '\"' missing?)"
            ),
            ("[1, 2,]", 2, "line 1, column 7: expected a value after ',', found ']' (trailing commas are not allowed)"),
            ("[1, 2 3]", 2, "line 1, column 7: expected ',' or ']' after array element, found '3'"),
            ("[1, 2] x", 2, "line 1, column 8: unexpected 'x' after the top-level array"),
            (
                "[1, {\"a\": [2", 1,
                "line 1, column 13: unexpected end of input: expected ',' or ']' after array element (the array opened on line 1 is not closed)"
            ),
            (
                "[1,\n2", 2,
                "line 2, column 2: unexpected end of input: expected ',' or ']' after array element (the top-level array is not closed)"
            ),
            (
                "[", 0,
                "line 1, column 2: unexpected end of input: expected a value or ']' (the top-level array is not closed)"
            ),
            (
                "{\"a\": 1}{\"b\": 2}", 1,
                "line 1, column 9: unexpected '{' after the JSON value (values in a stream are separated by line breaks)"
            ),
            ("{\"a\": 1}\n}", 1, "line 2, column 1: expected a value, found '}'"),
            (
                "1 2 3x", 3,
                "line 1, column 6: unexpected 'x' after the JSON value (values in a stream are separated by line breaks)"
            ),
            ("  \n ", 0, "empty input"),
            ("", 0, "empty input"),
        ]
        for (input, count, expected) in cases {
            let file = try TemporaryFile(input)
            let reader = JSONStreamReader(fileHandle: try FileHandle(forReadingFrom: file.url), chunkSize: chunkSize)
            var items = 0
            let error = jsonError { () throws(JSONError) in
                while try reader.next() != nil { items += 1 }
            }
            #expect(items == count, "\(input)")
            #expect(error?.description == expected, "\(input)")
            // The reader stays failed.
            #expect(jsonError { () throws(JSONError) in _ = try reader.next() } == error)
        }
    }

    @Test func limitsDepthInsideTheTopLevelArray() throws {
        let reader = JSONStreamReader(bytes: Array(("[" + String(repeating: "[", count: 600)).utf8))
        let error = jsonError { () throws(JSONError) in _ = try reader.next() }
        #expect(error?.description == "line 1, column 513: nesting deeper than 512 levels of arrays and objects")
    }

    @Test func keepsMemoryFlat() throws {
        // 20,000 reports, read in 4 KiB chunks: the buffer never needs more than a few chunks.
        var text = "["
        for i in 0..<20_000 { text += (i == 0 ? "" : ",\n") + report(i) }
        text += "]"
        let file = try TemporaryFile(text)
        let handle = try FileHandle(forReadingFrom: file.url)
        let reader = JSONStreamReader(fileHandle: handle, chunkSize: 4096)
        var count = 0
        while try reader.next() != nil { count += 1 }
        #expect(count == 20_000)
        #expect(reader.bufferCapacity <= 4 * 4096)
    }
}
