import Foundation
import XchangeCore
import XchangeYAML

/// Decodes one YAML document straight from its recorded events into the model: no tree of
/// nodes, no `String` per key (keys are compared as bytes with the schema's key table), scalars
/// read in place from the tape's buffer, exact decimals kept exact.
///
/// Like ``DirectJSONDecoder`` it takes only what is certainly right — a non-empty mapping in
/// the canonical shape, every value of its field's type, no tags — and declines everything
/// else. The caller then builds the document's tree from the same tape and decodes it with
/// ``CanonicalDecoder``, which words the problem with its line, column, field path and
/// nearest-key hint; so errors read exactly as they do without this fast path.
struct DirectYAMLDecoder {
    /// Not a document this decoder takes: the full decoder decides.
    struct Declined: Error {}

    private typealias Event = YAMLEventTape.Event

    private let events: UnsafeBufferPointer<Event>
    private let bytes: UnsafePointer<UInt8>?
    private let caches: DirectJSONCaches
    private let table = DirectJSONTable.shared
    /// Where the report's counts go until it ends; unmanaged (the caches hold it), so that
    /// handing over a count counts no references.
    private let integers: Unmanaged<IntegerBatch>
    private var i = 0

    private init(events: UnsafeBufferPointer<Event>, bytes: UnsafePointer<UInt8>?, caches: DirectJSONCaches) {
        self.events = events
        self.bytes = bytes
        self.caches = caches
        self.integers = Unmanaged.passUnretained(caches.integers)
    }

    /// The report a recorded document holds, or ``Declined``.
    static func report(from tape: YAMLEventTape, caches: DirectJSONCaches) throws(Declined) -> Report {
        try tape.withEvents { (events, bytes) throws(Declined) -> Report in
            var decoder = DirectYAMLDecoder(events: events, bytes: bytes.baseAddress, caches: caches)
            return try decoder.report()
        }
    }

    private mutating func report() throws(Declined) -> Report {
        // A scalar document, or an empty mapping, is an error (or skipped) as the full decoder says.
        guard events.count > 2, events[0].kind == .mappingStart, events[1].kind != .end else { throw Declined() }
        var report = Report()
        let integers = caches.integers
        integers.removeAll()
        try object(0, into: &report)
        guard i == events.count else { throw Declined() }
        report.values.add(integers)
        return report
    }

    // MARK: Mappings of the layout

    /// The mapping of layout node `node` (an index into the table), at its start event.
    private mutating func object(_ node: Int, into report: inout Report) throws(Declined) {
        try expect(.mappingStart)
        let children = table.nodes[node]
        var seen: (UInt64, UInt64) = (0, 0)
        var hint = 0
        while events[i].kind != .end {
            let index = try childIndex(children, hint)
            let bit = UInt64(1) << UInt64(index & 63)
            if index < 64 {
                guard seen.0 & bit == 0 else { throw Declined() }
                seen.0 |= bit
            } else {
                guard seen.1 & bit == 0 else { throw Declined() }
                seen.1 |= bit
            }
            hint = index + 1
            i += 1
            try entry(table.entries[children.first + index], into: &report)
        }
        i += 1
    }

    /// The index among `children` of the key at `i`; the `hint`th child is tried first, since
    /// keys usually come in schema order.
    @inline(__always)
    private func childIndex(_ children: DirectJSONTable.Children, _ hint: Int) throws(Declined) -> Int {
        let key = try keyBytes()
        if hint < children.count, table.names[children.first + hint].matches(key) { return hint }
        guard let found = table.index(ofKey: key, in: children), found < 128 else { throw Declined() }
        return found
    }

    private mutating func entry(_ entry: DirectJSONTable.Entry, into report: inout Report) throws(Declined) {
        let event = events[i]
        // Most values are counts written as plain digits: read them without classifying first
        // (an optional sign and digits are always a core-schema integer).
        if case .field(let id, let kind) = entry, kind == .count || kind == .signedCount || kind == .year,
            event.kind == .scalar, event.style == .plain, !event.isTagged,
            let number = NumericLiteral.integer(scalarBytes(event))
        {
            guard FieldValue.integer(number).conforms(to: kind) else { throw Declined() }
            i += 1
            integers._withUnsafeGuaranteedRef { $0.append(number, for: id) }
            return
        }
        let scalar = event.kind == .scalar ? try content(event) : nil
        // null is an absent value, never 0, wherever it stands.
        if scalar == .null {
            i += 1
            return
        }
        switch entry {
        case .field(let id, let kind):
            guard let scalar else { throw Declined() }
            try field(id, kind, scalar, into: &report)
        case .object(let child, let section):
            if let section, event.kind == .scalar {
                // `overview: "…"` is shorthand for a section with only body text.
                report[section: section, default: TextSection()].text = try text()
            } else {
                try object(child, into: &report)
            }
        case .sectionText, .sectionSubsections, .legacySections, .facts, .provenance:
            try part(entry, into: &report)
        }
    }

    // MARK: Field values

    /// A field's value, strictly of its kind, as ``FieldValueDecoding`` reads it.
    private mutating func field(
        _ id: FieldID, _ kind: FieldKind, _ content: YAMLScalarContent, into report: inout Report
    ) throws(Declined) {
        let literal = scalarBytes(events[i])
        let value: FieldValue
        switch (kind, content) {
        case (.count, .number), (.signedCount, .number), (.year, .number):
            guard let number = NumericLiteral.wholeNumber(literal) else { throw Declined() }
            value = .integer(number)
            guard value.conforms(to: kind) else { throw Declined() }
        case (.money, .number):
            guard let number = NumericLiteral.decimal(literal), !number.isSignMinus || number.isZero else {
                throw Declined()
            }
            value = .decimal(number)
        case (.percentage, .number):
            value = .percentage(Percentage(checkedDigits: String(decoding: literal, as: UTF8.self)))
        case (.text, .string):
            value = .text(String(decoding: literal, as: UTF8.self))
        case (.code, .string), (.code, .number), (.text, .number):
            value = try code(id, literal)
        case (.date, .string):
            guard let date = CalendarDate(parsing: String(decoding: literal, as: UTF8.self)) else { throw Declined() }
            value = .date(date)
        case (.flag, .bool(let flag)):
            value = .flag(flag)
        default:
            throw Declined()
        }
        i += 1
        report.values.set(value, for: id)
    }

    /// A code (or a number in a text field), read as ``FieldValue/parse(_:for:)`` reads it;
    /// codes repeat from one report to the next, so the last one of each field is kept by its
    /// bytes.
    private func code(_ id: FieldID, _ literal: UnsafeBufferPointer<UInt8>) throws(Declined) -> FieldValue {
        if let start = literal.baseAddress,
            let known = caches.lastCode(for: id, matching: start, at: 0, end: literal.count),
            known.end == literal.count
        {
            return known.value
        }
        let text = String(decoding: literal, as: UTF8.self)
        let value: FieldValue
        if id.kind == .code {
            guard let code = FieldValue.code(text, for: id) else { throw Declined() }
            value = code
        } else {
            value = .text(text)
        }
        if !literal.isEmpty { caches.rememberCode(value, for: id, bytes: literal) }
        return value
    }

    // MARK: Lists

    /// `[{heading, key, text}, …]`: members are text or null, a later duplicate wins, text
    /// defaults to "".
    private mutating func subsections() throws(Declined) -> [Subsection] {
        var parts: [Subsection] = []
        try sequence { (decoder: inout DirectYAMLDecoder) throws(Declined) in
            var heading: String?
            var key: String?
            var text: String?
            try decoder.members { (decoder: inout DirectYAMLDecoder, name) throws(Declined) in
                let value = try decoder.optionalText()
                if PartKeys.heading.matches(name) {
                    if let value { heading = value }
                } else if PartKeys.key.matches(name) {
                    if let value { key = value }
                } else if PartKeys.text.matches(name) {
                    if let value { text = value }
                } else {
                    throw Declined()
                }
            }
            guard let heading else { throw Declined() }
            parts.append(Subsection(heading: heading, key: key, text: text ?? ""))
        }
        return parts
    }

    // MARK: Events

    /// Calls `element` for each element of a sequence, the decoder at the element's start.
    private mutating func sequence(_ element: (inout DirectYAMLDecoder) throws(Declined) -> Void) throws(Declined) {
        try expect(.sequenceStart)
        while events[i].kind != .end { try element(&self) }
        i += 1
    }

    /// Calls `member` with each key of a mapping, the decoder at the member's value.
    private mutating func members(
        _ member: (inout DirectYAMLDecoder, UnsafeBufferPointer<UInt8>) throws(Declined) -> Void
    ) throws(Declined) {
        try expect(.mappingStart)
        while events[i].kind != .end {
            let name = try keyBytes()
            i += 1
            try member(&self, name)
        }
        i += 1
    }

    @inline(__always)
    private mutating func expect(_ kind: YAMLEventTape.Kind) throws(Declined) {
        guard events[i].kind == kind else { throw Declined() }
        i += 1
    }

    /// The bytes of the key at `i`: an untagged scalar (any other key is declined).
    @inline(__always)
    private func keyBytes() throws(Declined) -> UnsafeBufferPointer<UInt8> {
        let event = events[i]
        guard event.kind == .scalar, !event.isTagged else { throw Declined() }
        return scalarBytes(event)
    }

    /// A scalar that is text (quoted, a block, or plain and not a number, bool or null).
    private mutating func text() throws(Declined) -> String {
        let event = events[i]
        guard event.kind == .scalar, try content(event) == .string else { throw Declined() }
        i += 1
        return String(decoding: scalarBytes(event), as: UTF8.self)
    }

    /// ``text()``, or nil for a null scalar.
    private mutating func optionalText() throws(Declined) -> String? {
        let event = events[i]
        if event.kind == .scalar, try content(event) == .null {
            i += 1
            return nil
        }
        return try text()
    }

    @inline(__always)
    private func scalarBytes(_ event: Event) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: bytes.map { $0 + event.start }, count: event.count)
    }

    /// A scalar's core-schema content; a tagged scalar is declined (tags are rare in reports,
    /// and the tree path resolves them).
    @inline(__always)
    private func content(_ event: Event) throws(Declined) -> YAMLScalarContent {
        guard !event.isTagged else { throw Declined() }
        return YAMLScalarContent(untagged: scalarBytes(event), style: event.style)
    }
}

extension DirectYAMLDecoder: DirectPartsDecoding {
    static var declined: Declined { Declined() }

    mutating func eachElement(_ element: (inout DirectYAMLDecoder) throws(Declined) -> Void) throws(Declined) {
        try sequence(element)
    }

    mutating func eachMember(
        _ member: (inout DirectYAMLDecoder, UnsafeBufferPointer<UInt8>) throws(Declined) -> Void
    ) throws(Declined) {
        try members(member)
    }

    mutating func partText() throws(Declined) -> String { try text() }

    mutating func partSubsections() throws(Declined) -> [Subsection] { try subsections() }

    mutating func partNumber() throws(Declined) -> UnsafeBufferPointer<UInt8> {
        let event = events[i]
        guard event.kind == .scalar, try content(event) == .number else { throw Declined() }
        i += 1
        return scalarBytes(event)
    }
}
