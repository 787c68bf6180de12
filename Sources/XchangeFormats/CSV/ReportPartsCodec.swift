import Foundation
import XchangeCore
import XchangeJSON

/// Turns the list-shaped parts of a report (sub-sections, pre-2019 parts, facts) into the JSON
/// text of one CSV cell and back, with the project's one JSON writer and reader: the cells
/// hold exactly what the canonical JSON form holds at those keys.
enum ReportPartsCodec {
    /// Sub-sections as JSON. A heading that is the schema's own label for the part's key is left
    /// out (and restored on reading), which keeps typical cells short.
    static func encode(_ parts: [Subsection], in section: SectionKey? = nil) -> String {
        cell { write(parts, in: section, to: $0) }
    }

    /// ``encode(_:in:)`` into a writer: for callers that gather cells in one buffer.
    static func write(_ parts: [Subsection], in section: SectionKey?, to writer: JSONWriter) {
        let standard = StandardHeadings(section)
        writer.beginArray()
        for part in parts {
            writer.beginObject()
            if part.key == nil || part.heading != standard.heading(for: part.key) {
                writer.key(PartKeys.heading)
                writer.string(part.heading)
            }
            if let key = part.key {
                writer.key(PartKeys.key)
                writer.string(key)
            }
            writer.key(PartKeys.text)
            writer.string(part.text)
            writer.endObject()
        }
        writer.endArray()
    }

    static func encode(_ facts: [Fact]) -> String {
        cell { write(facts, to: $0) }
    }

    /// ``encode(_:)`` into a writer: for callers that gather cells in one buffer.
    static func write(_ facts: [Fact], to writer: JSONWriter) {
        writer.beginArray()
        for fact in facts {
            writer.beginObject()
            writer.key(PartKeys.label)
            writer.string(fact.label)
            writer.key(PartKeys.value)
            LiteralBytes.withLiteral(fact.value) { writer.number(literal: $0) }
            optional(PartKeys.unit, fact.unit, writer)
            optional(PartKeys.key, fact.key, writer)
            if let source = fact.source {
                writer.key(PartKeys.source)
                writer.beginObject()
                optional(PartKeys.file, source.file, writer)
                if let line = source.line {
                    writer.integer(line, key: PartKeys.line)
                }
                if let column = source.column {
                    writer.integer(column, key: PartKeys.column)
                }
                optional(PartKeys.snippet, source.snippet, writer)
                writer.endObject()
            }
            writer.endObject()
        }
        writer.endArray()
    }

    /// Sub-sections read in place from `bytes[range]` (a cell of a CSV record). Nil when the
    /// cell is not well-formed: the caller then takes the `String` path, which words the error.
    /// A reader of many rows passes its own `caches`, so that the headings, keys and sentences
    /// that recur from row to row are shared rather than made again.
    static func subsections(
        _ bytes: [UInt8], _ range: Range<Int>, in section: SectionKey? = nil,
        caches: DirectJSONCaches = DirectJSONCaches()
    ) -> [Subsection]? {
        let standard = StandardHeadings(section)
        return read(bytes, range, caches) { (decoder: inout DirectJSONDecoder) throws(DirectJSONDecoder.Stop) in
            try decoder.subsections { standard.heading(for: $0) }
        }
    }

    static func subsections(_ text: String, in section: SectionKey? = nil) throws(ValueProblem) -> [Subsection] {
        if let parts = subsections(Array(text.utf8), 0..<text.utf8.count, in: section) { return parts }
        throw problem(
            text, expected: "{\"heading\", \"key\", \"text\"} objects",
            shape: "each sub-section needs a \"heading\" (or a known \"key\") and \"text\" strings, and nothing else")
    }

    /// Facts read in place from `bytes[range]`; nil when the cell is not well-formed.
    static func facts(_ bytes: [UInt8], _ range: Range<Int>, caches: DirectJSONCaches = DirectJSONCaches()) -> [Fact]? {
        read(bytes, range, caches) { (decoder: inout DirectJSONDecoder) throws(DirectJSONDecoder.Stop) in
            try decoder.facts()
        }
    }

    static func facts(_ text: String) throws(ValueProblem) -> [Fact] {
        if let facts = facts(Array(text.utf8), 0..<text.utf8.count) { return facts }
        throw problem(
            text, expected: "{\"label\", \"value\", \"unit\", \"key\", \"source\"} objects",
            shape:
                "each fact needs a \"label\" string and a numeric \"value\"; \"unit\", \"key\" and \"source\" may follow"
        )
    }

    /// The schema's heading for a sub-section key of a text section.
    static func standardHeading(_ key: String?, in section: SectionKey?) -> String? {
        StandardHeadings(section).heading(for: key)
    }

    /// Runs `body` over the cell's bytes; its result when it read the whole cell.
    private static func read<Part>(
        _ bytes: [UInt8], _ range: Range<Int>, _ caches: DirectJSONCaches,
        _ body: (inout DirectJSONDecoder) throws(DirectJSONDecoder.Stop) -> [Part]
    ) -> [Part]? {
        bytes.withUnsafeBufferPointer { buffer -> [Part]? in
            guard let base = buffer.baseAddress else { return nil }
            var decoder = DirectJSONDecoder(base: base, range: range, caches: caches)
            decoder.skipWhitespace()
            guard let parts = try? body(&decoder) else { return nil }
            decoder.skipWhitespace()
            return decoder.i == range.upperBound ? parts : nil
        }
    }

    /// Why a cell is not a list of parts: its JSON syntax error with the column, or its shape.
    private static func problem(_ text: String, expected: String, shape: String) -> ValueProblem {
        do {
            guard case .array = try parseJSON(text) else { return ValueProblem("expected a JSON array of \(expected)") }
            return ValueProblem(shape)
        } catch {
            let place = error.position.map { " at character \($0.column)" } ?? ""
            return ValueProblem("expected a JSON array of \(expected): \(error.message)\(place)")
        }
    }

    /// A string member, when there is a value.
    private static func optional(_ name: EncodedKey, _ value: String?, _ writer: JSONWriter) {
        guard let value else { return }
        writer.key(name)
        writer.string(value)
    }

    /// The JSON a writer makes, as the text of one cell.
    private static func cell(_ write: (JSONWriter) -> Void) -> String {
        var bytes: [UInt8] = []
        let writer = JSONWriter(style: .compact, chunkSize: 1024) { bytes += $0 }
        write(writer)
        try? writer.flush()
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// The schema's headings for the sub-section keys of one text section, looked up once per
/// cell: a section has a handful of keys, compared in turn without hashing.
struct StandardHeadings {
    private let entries: [(key: String, heading: String)]

    init(_ section: SectionKey?) {
        entries = section.flatMap { Self.bySection[$0] } ?? []
    }

    /// The heading the schema gives `key`; nil for no key or one the section does not have.
    func heading(for key: String?) -> String? {
        guard let key else { return nil }
        for entry in entries where entry.key == key { return entry.heading }
        return nil
    }

    private static let bySection: [SectionKey: [(key: String, heading: String)]] = {
        var table: [SectionKey: [(key: String, heading: String)]] = [:]
        for section in CanonicalSchema.v1.sections {
            guard let key = SectionKey(rawValue: section.key) else { continue }
            var entries: [(key: String, heading: String)] = []
            // The first label of a key wins, as it always has.
            for part in section.subsections where !entries.contains(where: { $0.key == part.key }) {
                entries.append((part.key, part.label))
            }
            table[key] = entries
        }
        return table
    }()
}
