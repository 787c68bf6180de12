import Testing

@testable import XchangeJSON

@Suite struct JSONWriterTests {
    private let report: JSONValue = .object([
        JSONMember(key: "name", value: .string("某市人民政府办公室")),
        JSONMember(key: "year", value: .number("2023")),
        JSONMember(key: "rate", value: .number("0.0001")),
        JSONMember(key: "empty_object", value: .object([])),
        JSONMember(key: "empty_array", value: .array([])),
        JSONMember(
            key: "rows",
            value: .array([
                .object([JSONMember(key: "a", value: .bool(true)), JSONMember(key: "b", value: .null)]),
                .number("-0"),
            ])),
    ])

    @Test func writesPrettyOutput() {
        #expect(
            text(JSONWriter.encode(report)) == """
                {
                  "name": "某市人民政府办公室",
                  "year": 2023,
                  "rate": 0.0001,
                  "empty_object": {},
                  "empty_array": [],
                  "rows": [
                    {
                      "a": true,
                      "b": null
                    },
                    -0
                  ]
                }
                """)
    }

    @Test func drainHandsOverWhatWasWrittenWithoutTheSink() throws {
        var sinkCalls = 0
        let writer = JSONWriter(style: .compact, chunkSize: .max) { _ in sinkCalls += 1 }
        writer.value(report)
        writer.newline()
        var drained: [UInt8] = []
        writer.drain { drained.append(contentsOf: $0) }
        #expect(drained == JSONWriter.encode(report, style: .compact) + [UInt8(ascii: "\n")])
        writer.int(7)
        writer.drain { drained = Array($0) }
        #expect(drained == Array("7".utf8))
        try writer.flush()
        #expect(sinkCalls == 0)
    }

    @Test func writesAKeyGivenAsItsLiteralLikeAKeyGivenAsText() throws {
        for style in [JSONWriter.Style.compact, .pretty(indent: 2)] {
            var outputs: [[UInt8]] = []
            for asLiteral in [false, true] {
                var output: [UInt8] = []
                let writer = JSONWriter(style: style) { output.append(contentsOf: $0) }
                writer.beginObject()
                for name in ["year", "名称", "a"] {
                    if asLiteral {
                        Array("\"\(name)\"".utf8).withUnsafeBufferPointer { writer.key(literal: $0) }
                    } else {
                        writer.key(name)
                    }
                    writer.int(1)
                }
                writer.endObject()
                try writer.flush()
                outputs.append(output)
            }
            #expect(outputs[0] == outputs[1])
        }
    }

    @Test func writesCompactOutput() {
        #expect(
            text(JSONWriter.encode(report, style: .compact))
                == #"{"name":"某市人民政府办公室","year":2023,"rate":0.0001,"empty_object":{},"empty_array":[],"rows":[{"a":true,"b":null},-0]}"#
        )
    }

    @Test func honoursIndentWidth() {
        let value: JSONValue = .object([JSONMember(key: "a", value: .array([.number("1")]))])
        #expect(text(JSONWriter.encode(value, style: .pretty(indent: 4))) == "{\n    \"a\": [\n        1\n    ]\n}")
        #expect(text(JSONWriter.encode(.array([]))) == "[]")
        #expect(text(JSONWriter.encode(.string("x"))) == "\"x\"")
    }

    @Test func indentsEveryDepthAtEveryWidth() {
        // Nested deep enough that the indentation spans several eight-byte words, with short
        // members after each line break (the spaces are written in words, then overwritten).
        var value = JSONValue.array([.number("1"), .null, .object([])])
        for depth in 0..<24 {
            value = .object([
                JSONMember(key: "k", value: .number("\(depth)")), JSONMember(key: "n\(depth)", value: value),
                JSONMember(key: "", value: .array([.bool(true)])),
            ])
        }
        for width in 0...9 {
            #expect(text(JSONWriter.encode(value, style: .pretty(indent: width))) == Self.pretty(value, width, 0))
        }
    }

    /// The pretty layout written out plainly, one line at a time, to hold the writer to.
    private static func pretty(_ value: JSONValue, _ width: Int, _ depth: Int) -> String {
        let inner = String(repeating: " ", count: width * (depth + 1))
        let outer = String(repeating: " ", count: width * depth)
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .number(let literal): return literal
        case .string(let string): return "\"\(string)\""
        case .array(let elements):
            if elements.isEmpty { return "[]" }
            let lines = elements.map { inner + pretty($0, width, depth + 1) }
            return "[\n" + lines.joined(separator: ",\n") + "\n" + outer + "]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            let lines = members.map { inner + "\"\($0.key)\": " + pretty($0.value, width, depth + 1) }
            return "{\n" + lines.joined(separator: ",\n") + "\n" + outer + "}"
        }
    }

    @Test func escapesOnlyWhatJSONRequires() {
        let value: JSONValue = .string("中文 \"quoted\" back\\slash /slash\n\r\t\u{8}\u{C}\u{0}\u{1F}\u{7F} 😀")
        #expect(
            text(JSONWriter.encode(value)) == #""中文 \"quoted\" back\\slash /slash\n\r\t\b\f\u0000\u001f"# + "\u{7F} 😀\""
        )
    }

    @Test func writesIntegers() {
        var output: [UInt8] = []
        let writer = JSONWriter(style: .compact) { output += $0 }
        writer.beginArray()
        for i in [0, 7, -1, 1_234_567_890, Int.max, Int.min] { writer.int(i) }
        writer.endArray()
        #expect(throws: Never.self) { try writer.flush() }
        #expect(text(output) == "[0,7,-1,1234567890,9223372036854775807,-9223372036854775808]")
    }

    /// Every digit count, at and around each power of ten, both signs: what `String(_:)` writes.
    @Test func writesIntegersOfEveryLength() throws {
        var numbers: [Int] = [Int.max, Int.min, Int.max - 1, Int.min + 1]
        var power = 1
        for _ in 0...18 {
            for n in [power - 1, power, power + 1, power / 2 * 9 + 7] { numbers += [n, -n] }
            if power <= Int.max / 10 { power *= 10 }
        }
        var output: [UInt8] = []
        let writer = JSONWriter(style: .compact) { output += $0 }
        writer.beginArray()
        for n in numbers { writer.int(n) }
        writer.endArray()
        try writer.flush()
        #expect(text(output) == "[" + numbers.map(String.init).joined(separator: ",") + "]")
    }

    /// Keys and number literals of every length up to past 32 bytes (short ones are copied
    /// word by word) come out whole.
    @Test func writesLiteralsOfEveryLength() throws {
        var output: [UInt8] = []
        let writer = JSONWriter(style: .compact) { output += $0 }
        writer.beginObject()
        var expected: [String] = []
        for length in 0...40 {
            let name = String((0..<length).map { Character(UnicodeScalar(UInt8(97 + ($0 * 7 + length) % 26))) })
            let number = String(repeating: "9", count: max(length, 1))
            Array("\"\(name)\"".utf8).withUnsafeBufferPointer { writer.key(literal: $0) }
            Array(number.utf8).withUnsafeBufferPointer { writer.number(literal: $0) }
            expected.append("\"\(name)\":\(number)")
        }
        writer.endObject()
        try writer.flush()
        #expect(text(output) == "{" + expected.joined(separator: ",") + "}")
    }

    @Test func roundTripsThroughTheParser() throws {
        let inputs = [
            #"{"a":[1,-0,0.0001,12.50,1E+2,1e-7],"中文键":"政府信息公开","esc":"\"\\\/\b\f\n\r\t\u0001","t":true,"f":false,"n":null,"o":{"x":{}},"e":[]}"#,
            #"[[[]],[{}],"",0]"#,
        ]
        for input in inputs {
            let value = try parseJSON(input)
            for style in [JSONWriter.Style.compact, .pretty(indent: 2)] {
                #expect(try parseJSON(JSONWriter.encode(value, style: style)) == value)
            }
        }
        // Compact output of already-compact input comes back byte for byte, except escapes
        // that need none.
        let plain = #"{"a":[1,-0,0.0001,12.50,1E+2],"b":"政府","c":{"d":[true,false,null]}}"#
        #expect(text(JSONWriter.encode(try parseJSON(plain), style: .compact)) == plain)
    }

    @Test func streamsChunksToTheSinkAndWritesJSONLines() throws {
        var chunks: [[UInt8]] = []
        let writer = JSONWriter(style: .compact, chunkSize: 16) { chunks.append($0) }
        for i in 0..<20 {
            writer.beginObject()
            writer.key("id")
            writer.int(i)
            writer.key("title")
            writer.string("第\(i)号")
            writer.endObject()
            writer.newline()
        }
        try writer.flush()
        #expect(chunks.count > 10)
        #expect(chunks.dropLast().allSatisfy { $0.count >= 16 })
        let lines = text(chunks.flatMap { $0 }).split(separator: "\n")
        #expect(lines.count == 20)
        #expect(lines[3] == #"{"id":3,"title":"第3号"}"#)
    }

    @Test func keepsTheSinkErrorForFlush() {
        struct DiskFull: Error {}
        var calls = 0
        let writer = JSONWriter(style: .compact, chunkSize: 4) { _ in
            calls += 1
            throw DiskFull()
        }
        writer.beginArray()
        for i in 0..<10 { writer.int(i) }
        writer.endArray()
        #expect(throws: DiskFull.self) { try writer.flush() }
        #expect(calls == 1)
    }

    @Test func roundTripsRandomText() throws {
        // Escapes at every offset exercise the eight-bytes-at-a-time scan.
        let alphabet: [Character] = [
            "a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "中", "文", "😀", "é",
        ]
        var generator = SystemRandomNumberGenerator()
        for length in 0..<80 {
            let s = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            for style in [JSONWriter.Style.compact, .pretty(indent: 2)] {
                let value: JSONValue = .object([JSONMember(key: s, value: .array([.string(s)]))])
                #expect(try parseJSON(JSONWriter.encode(value, style: style)) == value)
            }
        }
    }

    @Test func writesStringsLargerThanTheBuffer() throws {
        let big = String(repeating: "政府信息公开\"\n", count: 40_000)
        var output: [UInt8] = []
        let writer = JSONWriter(style: .pretty(indent: 2), chunkSize: 1000) { output += $0 }
        writer.beginArray()
        writer.string(big)
        writer.number("1.50")
        writer.endArray()
        try writer.flush()
        #expect(try parseJSON(output) == .array([.string(big), .number("1.50")]))
    }
}
