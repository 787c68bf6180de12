import Foundation
import XchangeCore

/// Turns the list-shaped parts of a report (sub-sections, pre-2019 parts, facts) into the JSON
/// text of one CSV cell and back.
enum ReportPartsCodec {
    /// Sub-sections as JSON. A heading that is the schema's own label for the part's key is left
    /// out (and restored on reading), which keeps typical cells short.
    static func encode(_ parts: [Subsection], in section: SectionKey? = nil) -> String {
        EmbeddedJSON.array(parts.map { part in
            var members: [(String, EmbeddedJSON)] = []
            if part.key == nil || part.heading != standardHeading(part.key, in: section) { members.append(("heading", .string(part.heading))) }
            if let key = part.key { members.append(("key", .string(key))) }
            members.append(("text", .string(part.text)))
            return .object(members)
        }).text
    }

    static func encode(_ facts: [Fact]) -> String {
        EmbeddedJSON.array(facts.map { fact in
            var members: [(String, EmbeddedJSON)] = [("label", .string(fact.label)), ("value", .number(DecimalText.format(fact.value)))]
            if let unit = fact.unit { members.append(("unit", .string(unit))) }
            if let key = fact.key { members.append(("key", .string(key))) }
            if let source = fact.source {
                var where_: [(String, EmbeddedJSON)] = []
                if let file = source.file { where_.append(("file", .string(file))) }
                if let line = source.line { where_.append(("line", .number(String(line)))) }
                if let column = source.column { where_.append(("column", .number(String(column)))) }
                if let snippet = source.snippet { where_.append(("snippet", .string(snippet))) }
                members.append(("source", .object(where_)))
            }
            return .object(members)
        }).text
    }

    static func subsections(_ text: String, in section: SectionKey? = nil) throws(ValueProblem) -> [Subsection] {
        var parser = EmbeddedJSON.Parser(bytes: Array(text.utf8))
        do {
            return try readSubsections(&parser, in: section)
        } catch let problem as ValueProblem {
            throw problem
        } catch let syntax as EmbeddedJSON.SyntaxError {
            throw ValueProblem("expected a JSON array of {\"heading\", \"key\", \"text\"} objects: \(syntax.message) at character \(syntax.offset + 1)")
        } catch {
            throw ValueProblem("\(error)")
        }
    }

    /// Sub-sections read in place from `bytes[range]` (a cell of a CSV record), without making
    /// the cell a `String` first. Nil when the cell is not clean UTF-8 or not well-formed: the
    /// caller then takes the `String` path, which words the error.
    static func subsections(_ bytes: [UInt8], _ range: Range<Int>, in section: SectionKey? = nil) -> [Subsection]? {
        var parser = EmbeddedJSON.Parser(bytes: bytes, range: range)
        return try? readSubsections(&parser, in: section)
    }

    // Read straight into sub-sections rather than through `EmbeddedJSON` values: these cells
    // are in most rows of a wide file.
    private static func readSubsections(_ parser: inout EmbeddedJSON.Parser, in section: SectionKey?) throws -> [Subsection] {
        var parts: [Subsection] = []
        try parser.expect(UInt8(ascii: "["))
        if parser.peek() == UInt8(ascii: "]") {
            parser.index += 1
        } else {
            while true {
                try parser.expect(UInt8(ascii: "{"))
                var heading: String?
                var key: String?
                var body: String?
                if parser.peek() == UInt8(ascii: "}") {
                    parser.index += 1
                } else {
                    while true {
                        let name = try parser.stringValue()
                        try parser.expect(UInt8(ascii: ":"))
                        switch name {
                        case "heading": heading = try parser.stringValue()
                        case "key": key = try parser.peek() == UInt8(ascii: "n") ? { _ = try parser.value(depth: 1); return nil }() : parser.stringValue()
                        case "text": body = try parser.stringValue()
                        default: _ = try parser.value(depth: 1)
                        }
                        if parser.peek() == UInt8(ascii: "}") {
                            parser.index += 1
                            break
                        }
                        try parser.expect(UInt8(ascii: ","))
                    }
                }
                guard let heading = heading ?? standardHeading(key, in: section), let body else {
                    throw ValueProblem("each sub-section needs \"heading\" (or a known \"key\") and \"text\" strings")
                }
                parts.append(Subsection(heading: heading, key: key, text: body))
                if parser.peek() == UInt8(ascii: "]") {
                    parser.index += 1
                    break
                }
                try parser.expect(UInt8(ascii: ","))
            }
        }
        parser.skipSpace()
        guard parser.index == parser.end else { throw parser.error("unexpected text after the JSON value") }
        return parts
    }

    static func facts(_ text: String) throws(ValueProblem) -> [Fact] {
        try items(text, what: "{\"label\", \"value\", \"unit\", \"key\"} objects").map { (item) throws(ValueProblem) -> Fact in
            guard let label = item["label"]?.string else { throw ValueProblem("each fact needs a \"label\" string") }
            let literal: String?
            switch item["value"] {
            case .number(let number)?: literal = number
            case .string(let number)?: literal = number
            default: literal = nil
            }
            guard let literal, let value = NumericLiteral.decimal(literal) else { throw ValueProblem("fact \"\(label)\" needs a numeric \"value\"") }
            var source: SourceReference?
            if let place = item["source"], case .object = place {
                source = SourceReference(
                    file: place["file"]?.string, line: place["line"].flatMap(number), column: place["column"].flatMap(number),
                    snippet: place["snippet"]?.string)
            }
            return Fact(label: label, value: value, unit: item["unit"]?.string, key: item["key"]?.string, source: source)
        }
    }

    /// Facts read in place from `bytes[range]`, for the common shape only: an array of objects
    /// with string `label`, numeric `value` and optional string `unit` and `key`, each member
    /// once. Nil for anything else (a `source`, other members, bad text), which the general
    /// ``facts(_:)`` then reads or rejects with its message.
    static func facts(_ bytes: [UInt8], _ range: Range<Int>) -> [Fact]? {
        var parser = EmbeddedJSON.Parser(bytes: bytes, range: range)
        var facts: [Fact] = []
        do {
            try parser.expect(UInt8(ascii: "["))
            if parser.peek() == UInt8(ascii: "]") {
                parser.index += 1
            } else {
                while true {
                    try parser.expect(UInt8(ascii: "{"))
                    guard parser.peek() != UInt8(ascii: "}") else { return nil }
                    var label: String?
                    var literal: String?
                    var unit: String?
                    var key: String?
                    while true {
                        let name = try parser.stringValue()
                        try parser.expect(UInt8(ascii: ":"))
                        let isString = parser.peek() == UInt8(ascii: "\"")
                        switch name {
                        case "label" where label == nil && isString: label = try parser.string()
                        case "unit" where unit == nil && isString: unit = try parser.string()
                        case "key" where key == nil && isString: key = try parser.string()
                        case "value" where literal == nil:
                            if isString {
                                literal = try parser.string()
                            } else {
                                guard case .number(let number) = try parser.value(depth: 1) else { return nil }
                                literal = number
                            }
                        default: return nil
                        }
                        if parser.peek() == UInt8(ascii: "}") {
                            parser.index += 1
                            break
                        }
                        try parser.expect(UInt8(ascii: ","))
                    }
                    guard let label, let literal else { return nil }
                    guard let value = NumericLiteral.decimal(literal) else { return nil }
                    facts.append(Fact(label: label, value: value, unit: unit, key: key))
                    if parser.peek() == UInt8(ascii: "]") {
                        parser.index += 1
                        break
                    }
                    try parser.expect(UInt8(ascii: ","))
                }
            }
            parser.skipSpace()
            return parser.index == parser.end ? facts : nil
        } catch {
            return nil
        }
    }

    /// The schema's heading for a sub-section key of a text section.
    static func standardHeading(_ key: String?, in section: SectionKey?) -> String? {
        guard let key, let section else { return nil }
        return headings[section.rawValue]?[key]
    }

    private static let headings: [String: [String: String]] = {
        var table: [String: [String: String]] = [:]
        for section in CanonicalSchema.v1.sections {
            table[section.key] = Dictionary(section.subsections.map { ($0.key, $0.label) }, uniquingKeysWith: { first, _ in first })
        }
        return table
    }()

    private static func number(_ value: EmbeddedJSON) -> Int? {
        if case .number(let literal) = value { return Int(literal) }
        return nil
    }

    private static func items(_ text: String, what: String) throws(ValueProblem) -> [EmbeddedJSON] {
        let value: EmbeddedJSON
        do { value = try EmbeddedJSON.parse(text) } catch {
            throw ValueProblem("expected a JSON array of \(what): \(error.message) at character \(error.offset + 1)")
        }
        guard case .array(let items) = value else { throw ValueProblem("expected a JSON array of \(what)") }
        return items
    }
}
