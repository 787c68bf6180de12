import Testing
import XchangeSynthetic
import XchangeYAML

/// `string(_:)` must give back exactly the string it was given, as a string, wherever the
/// value sits in a document.
@Suite("Strings round-trip exactly")
struct StringRoundTripTests {
    /// Fragments chosen to hit the edges of every scalar style: indicators, spaces at the
    /// ends, line breaks of every kind, characters libyaml escapes, and text that would
    /// resolve to something other than a string.
    static let fragments = [
        "a", "中文", "　", " ", "  ", "\n", "\n\n", "\t", "\r", "\r\n", "#", " #", ": ", ":", "- ", "-",
        "? ", "'", "\"", "\\", "---", "...", "|", ">", "0", "12", "1.5", "e3", "0x1F", "true", "no",
        "null", "~", "\u{85}", "\u{2028}", "\u{2029}", "\u{FEFF}", "\u{0}", "\u{7F}", "\u{1F}", "%",
        "@", "`", "{", "}", "[", "]", ",", "!", "&", "*", "😀", "\u{E000}", "\u{FFFD}", "2021-01-01",
        "。", "（一）",
    ]

    /// A smaller set for exhaustive combination.
    static let coreFragments = [
        "a", "中", " ", "\n", "\t", "#", ":", "-", "'", "\"", "1", "~", "\r", "|", "　", "\u{85}",
    ]

    @Test func exhaustiveShortCombinations() throws {
        var values: [String] = [""]
        for first in Self.coreFragments {
            values.append(first)
            for second in Self.coreFragments {
                values.append(first + second)
                for third in Self.coreFragments {
                    values.append(first + second + third)
                }
            }
        }
        try assertRoundTrip(values)
    }

    @Test func randomLongerCombinations() throws {
        var random = SyntheticRandom(seed: 2023)
        let values = (0..<4_000).map { _ in
            (0..<Int.random(in: 1...12, using: &random))
                .map { _ in Self.fragments.randomElement(using: &random)! }
                .joined()
        }
        try assertRoundTrip(values)
    }

    @Test func reportText() throws {
        let paragraphs = [
            "一、总体情况\n　　2023年，本机关认真贯彻落实《中华人民共和国政府信息公开条例》，主动公开政府信息1234条。\n",
            "（一）主动公开\n\n　　全年通过门户网站发布信息；\n　　回应社会关切。",
            "行尾有空格  \n下一行",
            "\n以空行开头",
            "  以空格开头\n第二行",
            "制表符\t在中间\n第二行",
            "Windows\r\n换行\r\n",
            "结尾多个换行\n\n\n",
            "---\n看起来像文档分隔",
            "# 像注释\n- 像列表\nkey: 像映射",
            "2023-12-31",
            "12.50",
            "是",
            "无",
        ]
        try assertRoundTrip(paragraphs)
        let text = try emitStringDocument(paragraphs[0])
        #expect(text.hasPrefix("|\n  一、总体情况\n"))
        #expect(!text.contains("\\u"))
    }

    @Test func yaml11LookalikesAreQuoted() throws {
        for value in [
            "yes", "No", "on", "OFF", "y", "N", "1:30", "0777", "1_000", "2021-12-31", "2021-12-31 10:00:00 +8",
            ".5", "+1", ".Inf", "-.inf", ".NaN", "<<", "=", "~", "NULL", "True", "0o17", "0b101",
        ] {
            let text = try emitStringDocument(value)
            #expect(text.hasPrefix("\""), "\(value) was written as \(text)")
        }
        for value in ["abc", "报告", "v1.2", "a-b", "x: y"] {
            #expect(!(try emitStringDocument(value)).hasPrefix("\""), "\(value) needlessly double-quoted")
        }
    }

    /// Writes every value in six positions (root, mapping key and value, block and flow
    /// sequence item, nested in a mapping in a sequence), reads the stream back and
    /// compares.
    private func assertRoundTrip(_ values: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let text = try emitYAML { emitter in
            for value in values {
                try emitter.beginDocument(explicitStart: false)
                try emitter.string(value)
                try emitter.endDocument()
                try emitter.beginDocument(explicitStart: false)
                try emitter.beginMapping()
                try emitter.string(value)
                try emitter.string(value)
                try emitter.string("list")
                try emitter.beginSequence()
                try emitter.string(value)
                try emitter.beginMapping()
                try emitter.string("nested")
                try emitter.string(value)
                try emitter.endMapping()
                try emitter.endSequence()
                try emitter.string("flow")
                try emitter.beginSequence(flow: true)
                try emitter.string(value)
                try emitter.endSequence()
                try emitter.endMapping()
                try emitter.endDocument()
            }
        }
        let documents = try parse(text)
        try #require(documents.count == values.count * 2, sourceLocation: sourceLocation)
        var failures = 0
        for (index, value) in values.enumerated() {
            let root = documents[index * 2]
            let mapping = documents[index * 2 + 1]
            let read = [
                root.scalar,
                mapping.mapping?.first?.key.scalar,
                mapping.mapping?.first?.value.scalar,
                mapping["list"]?.sequence?.first?.scalar,
                mapping["list"]?.sequence?.last?["nested"]?.scalar,
                mapping["flow"]?.sequence?.first?.scalar,
            ]
            for scalar in read where scalar?.value != value || scalar?.kind != .string {
                failures += 1
                if failures <= 10 {
                    Issue.record(
                        "\(value.debugDescription) read back as \(String(describing: scalar))",
                        sourceLocation: sourceLocation)
                }
            }
        }
        #expect(failures == 0, sourceLocation: sourceLocation)
    }
}
