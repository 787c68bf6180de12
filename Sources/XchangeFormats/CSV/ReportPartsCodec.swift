import Foundation
import XchangeCore

/// Turns the list-shaped parts of a report (sub-sections, pre-2019 parts, facts) into the JSON
/// text of one CSV cell and back.
enum ReportPartsCodec {
    static func encode(_ parts: [Subsection]) -> String {
        EmbeddedJSON.array(parts.map { part in
            var members: [(String, EmbeddedJSON)] = [("heading", .string(part.heading))]
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

    static func subsections(_ text: String) throws(ValueProblem) -> [Subsection] {
        try items(text, what: "{\"heading\", \"key\", \"text\"} objects").map { (item) throws(ValueProblem) -> Subsection in
            guard let heading = item["heading"]?.string, let body = item["text"]?.string else {
                throw ValueProblem("each sub-section needs \"heading\" and \"text\" strings")
            }
            return Subsection(heading: heading, key: item["key"]?.string, text: body)
        }
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
            guard let literal, let value = DecimalText.parse(literal) else { throw ValueProblem("fact \"\(label)\" needs a numeric \"value\"") }
            var source: SourceReference?
            if let place = item["source"], case .object = place {
                source = SourceReference(
                    file: place["file"]?.string, line: place["line"].flatMap(number), column: place["column"].flatMap(number),
                    snippet: place["snippet"]?.string)
            }
            return Fact(label: label, value: value, unit: item["unit"]?.string, key: item["key"]?.string, source: source)
        }
    }

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
