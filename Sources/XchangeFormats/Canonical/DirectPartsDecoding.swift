import Foundation
import XchangeCore

/// What the direct decoders (``DirectJSONDecoder`` over JSON bytes, ``DirectYAMLDecoder`` over
/// libyaml's events) share to read the parts of a report that have the same shape in both
/// formats: sections' text and sub-sections, facts and provenance. Each decoder supplies the steps over its own tokens; the
/// parts are read once, here. Anything out of the canonical shape is declined, for the full
/// decoder to word.
protocol DirectPartsDecoding {
    associatedtype Failure: Error
    /// The failure that hands the item to the full decoder.
    static var declined: Failure { get }
    /// Calls `element` for each element of a list, the decoder at the element's start.
    mutating func eachElement(_ element: (inout Self) throws(Failure) -> Void) throws(Failure)
    /// Calls `member` with each key of a mapping, the decoder at the member's value.
    mutating func eachMember(_ member: (inout Self, UnsafeBufferPointer<UInt8>) throws(Failure) -> Void) throws(Failure)
    /// A text value (declined when the value is anything else).
    mutating func partText() throws(Failure) -> String
    /// A number's literal (declined when the value is anything else).
    mutating func partNumber() throws(Failure) -> UnsafeBufferPointer<UInt8>
    /// `[{heading, key, text}, …]`, as the format writes a list of sub-sections.
    mutating func partSubsections() throws(Failure) -> [Subsection]
}

extension DirectPartsDecoding {
    /// A part of the report that the layout does not spell out field by field: a section's
    /// text or sub-sections, the legacy sections, facts, provenance. A field or an object is
    /// the decoder's own to read, and declined here.
    mutating func part(_ entry: DirectJSONTable.Entry, into report: inout Report) throws(Failure) {
        switch entry {
        case .sectionText(let section):
            report[section: section, default: TextSection()].text = try partText()
        case .sectionSubsections(let section):
            report[section: section, default: TextSection()].subsections = try partSubsections()
        case .legacySections:
            report.legacySections = try partSubsections()
        case .facts:
            report.facts = try facts()
        case .provenance:
            try provenance(into: &report)
        case .field, .object:
            throw Self.declined
        }
    }

    /// `[{label, value, unit, key, source}, …]`.
    mutating func facts() throws(Failure) -> [Fact] {
        var facts: [Fact] = []
        // Room for the usual few facts at once, rather than growing (and copying) through 1, 2, 4.
        facts.reserveCapacity(4)
        try eachElement { (decoder: inout Self) throws(Failure) in
            var label: String?
            var value: Decimal?
            var unit: String?
            var key: String?
            var source: SourceReference?
            try decoder.eachMember { (decoder: inout Self, name) throws(Failure) in
                if PartKeys.value.matches(name) {
                    guard let number = NumericLiteral.decimal(try decoder.partNumber()) else { throw Self.declined }
                    value = number
                } else if PartKeys.source.matches(name) {
                    source = try decoder.source()
                } else {
                    let text = try decoder.partText()
                    if PartKeys.label.matches(name) {
                        label = text
                    } else if PartKeys.unit.matches(name) {
                        unit = text
                    } else if PartKeys.key.matches(name) {
                        key = text
                    } else {
                        throw Self.declined
                    }
                }
            }
            guard let label, let value else { throw Self.declined }
            facts.append(Fact(label: label, value: value, unit: unit, key: key, source: source))
        }
        return facts
    }

    /// `{NAME: source, …}` into the report's provenance.
    mutating func provenance(into report: inout Report) throws(Failure) {
        // Gathered first, so that the table is made at its size at once rather than rehashing
        // every key as it grows; a name given twice keeps its last source, as assigning would.
        var sources: [(String, SourceReference)] = []
        try eachMember { (decoder: inout Self, name) throws(Failure) in
            sources.append((String(decoding: name, as: UTF8.self), try decoder.source()))
        }
        if report.provenance.isEmpty {
            report.provenance = Dictionary(sources) { _, last in last }
        } else {
            report.provenance.merge(sources) { _, last in last }
        }
    }

    /// `{file, line, column, snippet}`.
    mutating func source() throws(Failure) -> SourceReference {
        var source = SourceReference()
        try eachMember { (decoder: inout Self, name) throws(Failure) in
            if PartKeys.line.matches(name) || PartKeys.column.matches(name) {
                guard let number = NumericLiteral.integer(try decoder.partNumber()) else { throw Self.declined }
                if PartKeys.line.matches(name) { source.line = number } else { source.column = number }
            } else {
                let text = try decoder.partText()
                if PartKeys.file.matches(name) {
                    source.file = text
                } else if PartKeys.snippet.matches(name) {
                    source.snippet = text
                } else {
                    throw Self.declined
                }
            }
        }
        return source
    }
}
