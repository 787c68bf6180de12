import Testing

@testable import XchangeJSON

@Suite struct JSONParserTests {
    @Test func parsesEveryKindOfValue() throws {
        let value = try parseJSON(#" {"a": [1, -2.5, true, false, null, "x", {}, []]} "#)
        #expect(
            value
                == .object([
                    JSONMember(
                        key: "a",
                        value: .array([
                            .number("1"), .number("-2.5"), .bool(true), .bool(false), .null, .string("x"), .object([]),
                            .array([]),
                        ]))
                ]))
    }

    @Test(arguments: [
        "0", "-0", "0.0001", "12.50", "1e3", "1E+2", "-1.5e-10", "123456789012345678901234567890", "1.0E-400",
    ])
    func keepsNumberLiteralsVerbatim(_ literal: String) throws {
        #expect(try parseJSON(literal) == .number(literal))
        #expect(try parseJSON("[\(literal)]") == .array([.number(literal)]))
    }

    @Test func decodesChineseAndEscapes() throws {
        let value = try parseJSON(
            #"["政府信息公开工作年度报告", "a\"b\\c\/d\b\f\n\r\t", "\u4E2D\u6587", "\ud83d\ude00", "\u0000"]"#)
        #expect(
            value
                == .array([
                    .string("政府信息公开工作年度报告"),
                    .string("a\"b\\c/d\u{8}\u{C}\n\r\t"),
                    .string("中文"),
                    .string("😀"),
                    .string("\u{0}"),
                ]))
    }

    @Test func keepsMemberOrderAndDuplicates() throws {
        let value = try parseJSON(#"{"b": 1, "a": 2, "b": 3}"#)
        #expect(value.members?.map(\.key) == ["b", "a", "b"])
        #expect(value["b"] == .number("1"))
    }

    @Test func skipsLeadingByteOrderMark() throws {
        #expect(try parseJSON([0xEF, 0xBB, 0xBF] + Array("{}".utf8)) == .object([]))
        #expect(parseErrorDescription("[\u{FEFF}1]") == "line 1, column 2: expected a value, found '\u{FEFF}'")
    }

    @Test func recordsKeyAndValuePositions() throws {
        let text = """
            {
              "名称": "报告",
              "applications": {
                "new_received": {"total": "abc"}
              }
            }
            """
        let value = try parseJSON(text)
        let name = try #require(value.member(named: "名称"))
        #expect(name.position == JSONPosition(line: 2, column: 3))
        #expect(name.valuePosition == JSONPosition(line: 2, column: 9))
        let total = try #require(value["applications"]?["new_received"]?.member(named: "total"))
        #expect(total.position == JSONPosition(line: 4, column: 22))
        #expect(total.valuePosition == JSONPosition(line: 4, column: 31))
    }

    @Test func positionsIgnoredByEquality() throws {
        #expect(try parseJSON(#"{"a":1}"#) == parseJSON("{\n\n   \"a\" :  1 }"))
    }

    @Test(arguments: [
        ("", "empty input"),
        (" \n\t ", "empty input"),
        ("{\n  \"a\": 1\n  \"b\": 2\n}", "line 3, column 3: expected ',' or '}' after object member, found '\"'"),
        ("{\"a\": 1 x}", "line 1, column 9: expected ',' or '}' after object member, found 'x'"),
        ("[1 2]", "line 1, column 4: expected ',' or ']' after array element, found '2'"),
        ("[1, 2,]", "line 1, column 7: expected a value after ',', found ']' (trailing commas are not allowed)"),
        (
            "{\"a\": 1,}",
            "line 1, column 9: expected a string key after ',', found '}' (trailing commas are not allowed)"
        ),
        ("{a: 1}", "line 1, column 2: expected a string key or '}', found 'a'"),
        ("{\"a\" 1}", "line 1, column 6: expected ':' after object key, found '1'"),
        ("{\"名称\": x}", "line 1, column 8: expected a value, found 'x'"),
        ("[\"abc", "line 1, column 2: unterminated string: no closing '\"' before the end of input"),
        (
            "{\"a\": \"abc\n\"}",
            "line 1, column 11: line break inside a string (write it as \\n, or is a closing '\"' missing?)"
        ),
        (
            "{\"a\": [1, 2",
            "line 1, column 12: unexpected end of input: expected ',' or ']' after array element (the array opened on line 1 is not closed)"
        ),
        (
            "{\n\"a\": {\n",
            "line 3, column 1: unexpected end of input: expected a string key or '}' (the object opened on line 2 is not closed)"
        ),
        ("[tru", "line 1, column 5: unexpected end of input: incomplete literal, expected 'true'"),
        ("[trux]", "line 1, column 2: invalid literal, expected 'true'"),
        ("01", "line 1, column 1: invalid number: leading zeros are not allowed"),
        ("[-]", "line 1, column 3: invalid number, expected a digit after '-', found ']'"),
        ("1.", "line 1, column 3: unexpected end of input: invalid number, expected a digit after '.'"),
        ("1e+", "line 1, column 4: unexpected end of input: invalid number, expected a digit in the exponent"),
        ("[NaN]", "line 1, column 2: expected a value, found 'N' (NaN and Infinity are not JSON numbers)"),
        ("{} // done", "line 1, column 4: unexpected '/' after the JSON value"),
        ("[1] /* x */", "line 1, column 5: unexpected '/' after the JSON value"),
        ("// x\n{}", "line 1, column 1: expected a value, found '/' (comments are not allowed in JSON)"),
        ("['a']", "line 1, column 2: expected a value, found ''' (strings must be in double quotes)"),
        ("\"\\x\"", "line 1, column 2: invalid escape '\\x' in string"),
        ("\"\\u12G4\"", "line 1, column 2: invalid \\u escape in string, expected four hex digits"),
        ("\"\\uDC00\"", "line 1, column 2: invalid \\u escape in string: unpaired surrogate \\uDC00"),
        ("\"\\uD800x\"", "line 1, column 2: invalid \\u escape in string: unpaired surrogate \\uD800"),
        ("\"a\tb\"", "line 1, column 3: unescaped tab in string (write it as \\t)"),
        ("\"a\u{1}b\"", "line 1, column 3: unescaped control character U+0001 in string"),
        ("{}}", "line 1, column 3: unexpected '}' after the JSON value"),
        ("\u{C}1", "line 1, column 1: expected a value, found control character U+000C"),
    ])
    func reportsMalformedInput(_ input: String, _ expected: String) {
        #expect(parseErrorDescription(input) == expected)
    }

    @Test func rejectsInvalidUTF8WithPosition() throws {
        let cases: [([UInt8], String)] = [
            (
                Array("{\"a\":\n \"x".utf8) + [0xFF] + Array("\"}".utf8),
                "line 2, column 4: invalid UTF-8 byte 0xFF in string"
            ),
            (
                Array("\"中".utf8) + [0xE4, 0x41] + Array("\"".utf8),
                "line 1, column 3: invalid UTF-8 sequence 0xE4 0x41 in string"
            ),
            ([0x22, 0xC0, 0xAF, 0x22], "line 1, column 2: invalid UTF-8 byte 0xC0 in string"),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], "line 1, column 2: invalid UTF-8 sequence 0xED 0xA0 in string"),
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "line 1, column 2: invalid UTF-8 sequence 0xF4 0x90 in string"),
            ([0x5B, 0x80, 0x5D], "line 1, column 2: expected a value, found invalid UTF-8 byte 0x80"),
        ]
        for (bytes, expected) in cases {
            #expect(jsonError({ () throws(JSONError) in _ = try parseJSON(bytes) })?.description == expected)
        }
    }

    @Test func rejectsBinaryGarbage() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let garbage = (0..<64).map { _ in UInt8.random(in: 0...255, using: &generator) }
            // Garbage that happens to start with whitespace, a digit etc. may fail later; it must
            // still fail cleanly, with a position.
            if let error = jsonError({ () throws(JSONError) in _ = try parseJSON([0x01] + garbage) }) {
                #expect(error.position == JSONPosition(line: 1, column: 1))
            }
            do {
                _ = try parseJSON(garbage)
            } catch {
                #expect(error.position != nil || error.message == "empty input")
            }
        }
    }

    @Test func limitsNestingDepth() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try parseJSON(ok) }
        let deepObjects = String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(throws: Never.self) { try parseJSON(deepObjects) }

        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(
            parseErrorDescription(tooDeep) == "line 1, column 513: nesting deeper than 512 levels of arrays and objects"
        )
        let hostile = String(repeating: "[", count: 100_000)
        #expect(parseErrorDescription(hostile)?.contains("nesting deeper than 512 levels") == true)
        #expect(
            jsonError({ () throws(JSONError) in _ = try parseJSON("[[[1]]]", maxDepth: 2) })?.position
                == JSONPosition(line: 1, column: 3))
    }

    @Test func columnsCountCharactersOnLongLines() throws {
        // A minified file is one long line; columns must still be exact far into it.
        let prefix = String(repeating: "\"中文\",", count: 10_000)
        let text = "[" + prefix + "x]"
        #expect(parseErrorDescription(text) == "line 1, column \(2 + 5 * 10_000): expected a value, found 'x'")
    }

    @Test func errorDescriptionWithoutPosition() {
        #expect(JSONError("empty input").description == "empty input")
        #expect(JSONError("boom", at: JSONPosition(line: 3, column: 7)).description == "line 3, column 7: boom")
    }
}
