import Testing
import XchangeSynthetic
import XchangeYAML

/// ``YAMLWriter`` must write the very bytes libyaml's emitter (``YAMLEmitter``, kept as the
/// oracle) writes for the same calls: every awkward string in every position a scalar can take.
@Suite("The byte-level writer matches libyaml")
struct WriterDifferentialTests {
    /// One call both writers accept.
    enum Call {
        case beginDocument(explicitStart: Bool)
        case endDocument
        case beginMapping
        case endMapping
        case beginSequence
        case endSequence
        case string(String)
        case plain(String)
        case integer(Int)
        /// A string through ``YAMLWriter/key(permanent:)``: the same text always at the same address.
        case permanentKey(String)
        /// A key through ``YAMLWriter/integer(_:permanentKey:)`` with its value.
        case integerMember(String, Int)
    }

    /// Strings with every awkward character: edge spaces, indicators, quotes, line breaks of
    /// every kind, tabs, controls, non-BMP characters, YAML 1.1 booleans and nulls, number
    /// look-alikes, leading `-`/`?`/`:`, the empty string.
    static let awkward: [String] =
        StringRoundTripTests.fragments + [
            "", " leading", "trailing ", " both ", "a: b", "a #b", "a#b", "a:b", "a:", "- item", "-item", "? q", "?q",
            ": v", ":v", "'quoted'", "\"double\"", "it's", "line\nbreak", "line \nspace", "line\n", "line\n\n",
            "\nleading", "tab\there", "\u{1}\u{2}\u{1B}", "😀 emoji", "𠀀字", "yes", "No", "ON", "off", "y", "n",
            "~", "null", "Null", "TRUE", "false", "12", "-12", "+12", "1.5e3", "0x1F", "0o17", "1:30", ".5", ".inf",
            "-.Inf", ".NaN", "2021-12-31", "2021-12-31T10:00:00Z", "1_000", "<<", "=", "---", "--- x", "...",
            "... x", "--", "-", "?", ":", "#", "# comment", "key: value\nnext: line", "a\u{2028}b", "a\u{85}b",
            "a\r\nb", "\u{FEFF}bom", "\u{FFFE}", "\u{A0}nbsp", "全角　空格", "（一）主动公开\n　　内容。\n",
            "多行\n\n\n", "\n", "\n\n", " \n", "\t\n", "a\n b", "a\n\tb", "a \n b", "\\back\\slash",
            String(repeating: "长", count: 50), String(repeating: "k", count: 128), String(repeating: "k", count: 129),
            String(repeating: "字", count: 43), "a\u{0}b", "\u{7F}", "\u{9F}", "\u{2029}",
        ]

    @Test func everyAwkwardStringInEveryPlace() throws {
        for value in Self.awkward {
            try assertSameBytes(Self.everyPlace(.string(value)), value.debugDescription)
        }
    }

    @Test func plainTextThatIsNotPlainIsQuotedAlike() throws {
        for value in Self.awkward {
            try assertSameBytes(Self.everyPlace(.plain(value)), value.debugDescription)
        }
    }

    @Test func exhaustiveShortCombinations() throws {
        let fragments = StringRoundTripTests.coreFragments + ["\u{2028}", "😀", "?", "."]
        var calls: [Call] = []
        for first in fragments {
            for second in fragments {
                for third in fragments {
                    calls += Self.everyPlace(.string(first + second + third))
                }
            }
        }
        try assertSameBytes(calls, "three-fragment strings")
    }

    @Test func randomLongerCombinations() throws {
        var random = SyntheticRandom(seed: 2024)
        var calls: [Call] = []
        for _ in 0..<3_000 {
            let value = (0..<Int.random(in: 1...10, using: &random))
                .map { _ in Self.awkward.randomElement(using: &random)! }
                .joined()
            calls += Self.everyPlace(.string(value))
        }
        try assertSameBytes(calls, "random strings")
    }

    @Test func keysRememberedByAddressAreWrittenAlike() throws {
        var calls: [Call] = []
        for value in Self.awkward {
            // First as a key (worked out), then as a value (never remembered), then as a key again (copied).
            calls += [
                .beginDocument(explicitStart: true), .beginMapping, .permanentKey(value), .permanentKey(value),
                .permanentKey(value), .beginSequence, .permanentKey(value), .endSequence, .string("after"),
                .beginMapping, .permanentKey(value), .integer(1), .endMapping, .endMapping, .endDocument,
            ]
        }
        try assertSameBytes(calls, "keys remembered by address")
    }

    @Test func integerMembersAreWrittenAsKeyThenInteger() throws {
        var calls: [Call] = []
        for value in Self.awkward {
            // Unknown, then remembered; in a mapping, and where a key is not due (a sequence item).
            calls += [
                .beginDocument(explicitStart: true), .beginMapping, .integerMember(value, 0),
                .integerMember(value, -12), .permanentKey(value), .integer(7), .integerMember(value, Int.max),
                .string("list"), .beginSequence, .integerMember(value, 3), .beginMapping, .integerMember(value, 45),
                .endMapping, .endSequence, .endMapping, .endDocument,
            ]
        }
        try assertSameBytes(calls, "integer members")
    }

    @Test func integerMembersOfEveryKeyLengthDigitCountAndDepth() throws {
        // Keys of every length the short copies treat apart (under 4, 4 to 7, 8 to 64, longer),
        // numbers of every digit count and sign, at depths whose indentation spans several words.
        let keys = (1...70).map { length in String((0..<length).map { Character(UnicodeScalar(97 + $0 % 26)!) }) }
        var values = [0, Int.max, Int.min]
        var power = 1
        for _ in 1...18 {
            power *= 10
            values += [power - 1, power, -power]
        }
        var calls: [Call] = [.beginDocument(explicitStart: true), .beginMapping]
        for depth in 0..<12 {
            for (index, key) in keys.enumerated() {
                calls.append(.integerMember(key, values[(index + depth) % values.count]))
            }
            calls += [.string("level \(depth)"), .beginMapping]
        }
        calls += Array(repeating: .endMapping, count: 13) + [.endDocument]
        try assertSameBytes(calls, "integer members of every length and depth")
    }

    @Test func integersEmptyCollectionsAndNesting() throws {
        var calls: [Call] = [.beginDocument(explicitStart: false), .beginMapping]
        for value in [0, 7, -7, 1_234_567, Int.max, Int.min] {
            calls += [.string("n\(value)"), .integer(value), .integer(value), .string("as key")]
        }
        calls += [
            .string("empty map"), .beginMapping, .endMapping,
            .string("empty list"), .beginSequence, .endSequence,
            .string("lists"), .beginSequence,
            .beginSequence, .integer(1), .beginSequence, .endSequence, .beginMapping, .endMapping, .endSequence,
            .beginMapping, .string("a"), .beginSequence, .string("b"), .endSequence, .string("c"), .beginMapping,
            .string("d"), .string("e\n"), .endMapping, .endMapping,
            .endSequence,
            .string("line\nkey"), .beginMapping, .string("x"), .integer(1), .endMapping,
            .string(String(repeating: "long", count: 40)), .beginSequence, .string("y"), .endSequence,
            .string("line\nkey 2"), .beginSequence, .endSequence,
            .endMapping, .endDocument,
            .beginDocument(explicitStart: true), .beginSequence, .endSequence, .endDocument,
            .beginDocument(explicitStart: false), .beginMapping, .endMapping, .endDocument,
            .beginDocument(explicitStart: false), .integer(5), .endDocument,
            .beginDocument(explicitStart: false), .string("kept\n\n"), .endDocument,
        ]
        try assertSameBytes(calls, "collections")
    }

    @Test func streamEndingInKeptBlockGetsDocumentEnd() throws {
        let calls: [Call] = [
            .beginDocument(explicitStart: true), .beginMapping, .string("text"), .string("kept\n\n"), .endMapping,
            .endDocument,
        ]
        try assertSameBytes(calls, "kept block last")
        #expect(try render(calls, YAMLWriterTarget()).hasSuffix("...\n"))
    }

    /// `value` as a root scalar, as simple and complex key and value, as a sequence item, and
    /// nested in a mapping in a sequence; the document markers around them.
    static func everyPlace(_ value: Call) -> [Call] {
        [
            .beginDocument(explicitStart: false), value, .endDocument,
            .beginDocument(explicitStart: true), .beginMapping, value, value, .string("list"), .beginSequence, value,
            .beginMapping, .string("nested"), value, value, .beginSequence, value, .endSequence, .endMapping,
            .endSequence, .endMapping, .endDocument,
        ]
    }

    private func assertSameBytes(
        _ calls: [Call], _ what: String, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let expected = try render(calls, YAMLEmitterTarget())
        let actual = try render(calls, YAMLWriterTarget())
        guard actual != expected else { return }
        let expectedCharacters = Array(expected)
        let actualCharacters = Array(actual)
        let common = min(expectedCharacters.count, actualCharacters.count)
        let firstDifference = (0..<common).first { expectedCharacters[$0] != actualCharacters[$0] } ?? common
        let expectedLine = expectedCharacters[..<firstDifference].filter { $0 == "\n" }.count + 1
        Issue.record(
            """
            \(what): the writer differs from libyaml near line \(expectedLine)
            libyaml: \(String(expectedCharacters.dropFirst(max(0, firstDifference - 60)).prefix(160)).debugDescription)
            writer:  \(String(actualCharacters.dropFirst(max(0, firstDifference - 60)).prefix(160)).debugDescription)
            """, sourceLocation: sourceLocation)
    }

    private func render(_ calls: [Call], _ target: some Target) throws -> String {
        for call in calls {
            switch call {
            case .beginDocument(let explicitStart): try target.beginDocument(explicitStart: explicitStart)
            case .endDocument: try target.endDocument()
            case .beginMapping: try target.beginMapping()
            case .endMapping: try target.endMapping()
            case .beginSequence: try target.beginSequence()
            case .endSequence: try target.endSequence()
            case .string(let value): try target.string(value)
            case .plain(let value): try target.plain(value)
            case .integer(let value): try target.integer(value)
            case .permanentKey(let value): try target.permanentKey(value)
            case .integerMember(let key, let value): try target.integerMember(key, value)
            }
        }
        return try target.finish()
    }
}

/// The calls of ``WriterDifferentialTests/Call`` on one of the two writers.
private protocol Target {
    func beginDocument(explicitStart: Bool) throws
    func endDocument() throws
    func beginMapping() throws
    func endMapping() throws
    func beginSequence() throws
    func endSequence() throws
    func string(_ value: String) throws
    func plain(_ value: String) throws
    func integer(_ value: Int) throws
    func permanentKey(_ value: String) throws
    func integerMember(_ key: String, _ value: Int) throws
    func finish() throws -> String
}

private final class Collected {
    var bytes: [UInt8] = []
    var text: String { String(decoding: bytes, as: UTF8.self) }
}

private final class YAMLEmitterTarget: Target {
    let collected = Collected()
    let emitter: YAMLEmitter

    init() {
        emitter = YAMLEmitter { [collected] in collected.bytes += $0 }
        try? emitter.beginStream()
    }

    func beginDocument(explicitStart: Bool) throws { try emitter.beginDocument(explicitStart: explicitStart) }
    func endDocument() throws { try emitter.endDocument() }
    func beginMapping() throws { try emitter.beginMapping() }
    func endMapping() throws { try emitter.endMapping() }
    func beginSequence() throws { try emitter.beginSequence() }
    func endSequence() throws { try emitter.endSequence() }
    func string(_ value: String) throws { try emitter.string(value) }
    func plain(_ value: String) throws { try emitter.plain(value) }
    func integer(_ value: Int) throws { try emitter.plain(String(value)) }
    func permanentKey(_ value: String) throws { try emitter.string(value) }
    func integerMember(_ key: String, _ value: Int) throws {
        try emitter.string(key)
        try emitter.plain(String(value))
    }
    func finish() throws -> String {
        try emitter.endStream()
        return collected.text
    }
}

private final class YAMLWriterTarget: Target {
    let collected = Collected()
    let writer: YAMLWriter
    /// Each text's bytes at one address for the writer's life.
    var permanent: [String: UnsafeMutableBufferPointer<UInt8>] = [:]

    init() {
        writer = YAMLWriter { [collected] in collected.bytes += $0 }
    }

    deinit {
        for bytes in permanent.values { bytes.deallocate() }
    }

    func beginDocument(explicitStart: Bool) throws { try writer.beginDocument(explicitStart: explicitStart) }
    func endDocument() throws { try writer.endDocument() }
    func beginMapping() throws { try writer.beginMapping() }
    func endMapping() throws { try writer.endMapping() }
    func beginSequence() throws { try writer.beginSequence() }
    func endSequence() throws { try writer.endSequence() }
    func string(_ value: String) throws { try writer.string(value) }
    func plain(_ value: String) throws { try writer.plain(value) }
    func integer(_ value: Int) throws { try writer.integer(value) }
    func permanentKey(_ value: String) throws {
        try writer.key(permanent: permanentBytes(value))
    }
    func integerMember(_ key: String, _ value: Int) throws {
        try writer.integer(value, permanentKey: permanentBytes(key))
    }
    private func permanentBytes(_ value: String) -> UnsafeBufferPointer<UInt8> {
        let bytes =
            permanent[value]
            ?? {
                let bytes = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(value.utf8.count, 1))
                _ = bytes.initialize(from: value.utf8)
                permanent[value] = bytes
                return bytes
            }()
        return UnsafeBufferPointer(rebasing: bytes[..<value.utf8.count])
    }
    func finish() throws -> String {
        try writer.endStream()
        return collected.text
    }
}
