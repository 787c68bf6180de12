import XchangeCore

/// Writes a report in the canonical nested form (the JSON/YAML shape the JSON Schema
/// describes): keys in schema order, absent values left out, empty objects omitted.
public struct CanonicalEncoder {
    /// Whether to write `provenance` (where each value was read from).
    public var includeProvenance: Bool

    public init(includeProvenance: Bool = true) {
        self.includeProvenance = includeProvenance
    }

    public func encode(_ report: Report, to writer: inout some StructuredWriter) throws {
        let program = EncodingProgram.shared
        // Which fields have values, found once: every object the layout opens asks.
        let presence = report.values.presence
        var inOrder = FieldValues.InOrder()
        try program.steps.withUnsafeBufferPointer { steps in
            var index = 0
            while index < steps.count {
                switch steps[index] {
                case .open(let name, let group, let end):
                    guard hasContent(group: group, report, presence) else {
                        index = end + 1
                        continue
                    }
                    if let name { try writer.key(name) }
                    try writer.beginObject()
                case .close:
                    try writer.endObject()
                case .field(let id, let name):
                    let value = program.fieldsAscending ? inOrder.value(id, in: report.values) : report.values[id]
                    if let value {
                        if case .integer(let number) = value {
                            try writer.integer(number, key: name)
                        } else {
                            try writer.key(name)
                            try writeValue(value, &writer)
                        }
                    }
                case .special(let entry, let name):
                    let entry = program.specialEntries[entry]
                    if hasContent(entry, report) {
                        try writer.key(name)
                        try writeEntry(entry, report, &writer)
                    }
                }
                index += 1
            }
        }
    }

    /// Whether a step that opens an object or writes a special entry would write anything.
    private func hasContent(step: EncodingProgram.Step, _ report: Report, _ presence: FieldSet) -> Bool {
        switch step {
        case .special(let entry, _): hasContent(EncodingProgram.shared.specialEntries[entry], report)
        case .open(_, let group, _): hasContent(group: group, report, presence)
        default: false
        }
    }

    /// Whether the object of a program group would write anything.
    private func hasContent(group: Int, _ report: Report, _ presence: FieldSet) -> Bool {
        let program = EncodingProgram.shared
        return presence.intersects(program.groups[group].fields)
            || program.groups[group].specials.contains { hasContent(step: program.steps[$0], report, presence) }
    }

    private func writeObject(
        _ node: CanonicalLayout.Node, _ report: Report, _ writer: inout some StructuredWriter
    ) throws {
        try writer.beginObject()
        for index in node.entries.indices where hasContent(node.entries[index], report) {
            try writer.key(node.names[index])
            try writeEntry(node.entries[index], report, &writer)
        }
        try writer.endObject()
    }

    private func writeEntry(
        _ entry: CanonicalLayout.Entry, _ report: Report, _ writer: inout some StructuredWriter
    ) throws {
        switch entry {
        case .field(let id):
            try writeValue(report.values[id]!, &writer)
        case .object(let node):
            try writeObject(node, report, &writer)
        case .sectionText(let key):
            try writer.string(report[section: key]!.text!)
        case .sectionSubsections(let key):
            try writeSubsections(report[section: key]!.subsections, &writer)
        case .legacySections:
            try writeSubsections(report.legacySections, &writer)
        case .facts:
            try writer.beginArray()
            for fact in report.facts { try writeFact(fact, &writer) }
            try writer.endArray()
        case .provenance:
            try writer.beginObject()
            for (key, source) in orderedProvenance(report) {
                try writer.key(key)
                try writeSource(source, &writer)
            }
            try writer.endObject()
        }
    }

    private func hasContent(_ entry: CanonicalLayout.Entry, _ report: Report) -> Bool {
        switch entry {
        case .field(let id): return report.values.contains(id)
        case .object(let node):
            if report.values.presence.intersects(node.fieldSet) { return true }
            return node.entries.contains { !$0.isField && hasContent($0, report) }
        case .sectionText(let key): return report[section: key]?.text != nil
        case .sectionSubsections(let key): return !(report[section: key]?.subsections.isEmpty ?? true)
        case .legacySections: return !report.legacySections.isEmpty
        case .facts: return !report.facts.isEmpty
        case .provenance: return includeProvenance && !report.provenance.isEmpty
        }
    }

    private func writeValue(_ value: FieldValue, _ writer: inout some StructuredWriter) throws {
        switch value {
        case .integer(let number): try writer.integer(number)
        case .decimal(let number): try LiteralBytes.withLiteral(number) { try writer.number(utf8: $0) }
        case .percentage(let percentage): try writer.number(percentage.reported)
        case .text(let text): try writer.string(text)
        case .date(let date): try LiteralBytes.withText(date) { try writer.string(utf8: $0) }
        case .flag(let flag): try writer.bool(flag)
        }
    }

    private func writeSubsections(_ subsections: [Subsection], _ writer: inout some StructuredWriter) throws {
        try writer.beginArray()
        // Through a buffer, so that each string is lent to the writer rather than copied
        // out of the array with the rest of its sub-section (a retain and release per string).
        try subsections.withUnsafeBufferPointer { subsections in
            for index in subsections.indices {
                try writer.beginObject()
                try writer.key(PartKeys.heading)
                try writer.string(subsections[index].heading)
                if subsections[index].key != nil {
                    try writer.key(PartKeys.key)
                    try writer.string(subsections[index].key!)
                }
                try writer.key(PartKeys.text)
                try writer.string(subsections[index].text)
                try writer.endObject()
            }
        }
        try writer.endArray()
    }

    private func writeFact(_ fact: Fact, _ writer: inout some StructuredWriter) throws {
        try writer.beginObject()
        try writer.key(PartKeys.label)
        try writer.string(fact.label)
        try writer.key(PartKeys.value)
        try LiteralBytes.withLiteral(fact.value) { try writer.number(utf8: $0) }
        if let unit = fact.unit {
            try writer.key(PartKeys.unit)
            try writer.string(unit)
        }
        if let key = fact.key {
            try writer.key(PartKeys.key)
            try writer.string(key)
        }
        if includeProvenance, let source = fact.source {
            try writer.key("source")
            try writeSource(source, &writer)
        }
        try writer.endObject()
    }

    private func writeSource(_ source: SourceReference, _ writer: inout some StructuredWriter) throws {
        try writer.beginObject()
        if let file = source.file {
            try writer.key("file")
            try writer.string(file)
        }
        if let line = source.line {
            try writer.key("line")
            try writer.number(String(line))
        }
        if let column = source.column {
            try writer.key("column")
            try writer.number(String(column))
        }
        if let snippet = source.snippet {
            try writer.key("snippet")
            try writer.string(snippet)
        }
        try writer.endObject()
    }

    /// Provenance in schema order for field keys, then the rest alphabetically: stable output.
    private func orderedProvenance(_ report: Report) -> [(String, SourceReference)] {
        // Each key's place is looked up once, not twice in every comparison the sort makes.
        let schema = CanonicalSchema.v1
        return report.provenance
            .map { (place: schema.fieldID($0.key)?.index ?? Int.max, key: $0.key, source: $0.value) }
            .sorted { $0.place != $1.place ? $0.place < $1.place : $0.key < $1.key }
            .map { ($0.key, $0.source) }
    }
}

extension CanonicalLayout.Entry {
    var isField: Bool {
        if case .field = self { return true }
        return false
    }
}

/// Member names of sub-sections, facts and sources, encoded once: most reports carry several
/// of each (the encoder writes them, the direct decoder compares keys with them).
enum PartKeys {
    static let heading = EncodedKey("heading")
    static let key = EncodedKey("key")
    static let text = EncodedKey("text")
    static let label = EncodedKey("label")
    static let value = EncodedKey("value")
    static let unit = EncodedKey("unit")
    static let source = EncodedKey("source")
    static let file = EncodedKey("file")
    static let line = EncodedKey("line")
    static let column = EncodedKey("column")
    static let snippet = EncodedKey("snippet")
}
