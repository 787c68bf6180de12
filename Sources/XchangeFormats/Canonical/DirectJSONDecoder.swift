import Foundation
import XchangeCore
import XchangeJSON

/// Decodes canonical JSON straight from its bytes into the model: no tree of values per
/// report, no key strings, no positions.
///
/// It takes only what is certainly right — well-formed JSON in the canonical shape, every
/// value of its field's type — and declines everything else: a syntax error, an unknown or
/// repeated key, a value of the wrong type or out of range. A declined item is parsed in full
/// by the caller and decoded by ``CanonicalDecoder``, which words the problem with its line,
/// column and field path; so errors read exactly as they do without this fast path.
struct DirectJSONDecoder {
    /// Why decoding stopped.
    enum Stop: Error {
        /// The bytes end inside the value.
        case needMoreInput
        /// Not canonical JSON that this decoder takes: the full decoder decides.
        case declined
    }

    private let base: UnsafePointer<UInt8>
    private(set) var i: Int
    private let end: Int
    private let caches: DirectJSONCaches
    private let table = DirectJSONTable.shared
    /// Where the counts of a report go until it ends, when reading one (``report()``).
    // Unmanaged (the caches hold it): a decoder is copied to look ahead, and counting
    // references on every copy and every count cost more than the batch saves.
    private var integers: Unmanaged<IntegerBatch>?
    /// Line breaks crossed (in whitespace; JSON strings cannot hold one), and the last one.
    private(set) var lineBreaks = 0
    private(set) var lastLineBreak = -1

    init(base: UnsafePointer<UInt8>, range: Range<Int>, caches: DirectJSONCaches) {
        self.base = base
        self.i = range.lowerBound
        self.end = range.upperBound
        self.caches = caches
    }

    /// A fast decoder for ``JSONStreamReader/next(fast:)`` that reads whole reports.
    static func reports(caches: DirectJSONCaches = DirectJSONCaches(sharingStrings: true)) -> JSONFastDecoder<Report> {
        { base, range in
            var decoder = DirectJSONDecoder(base: base, range: range, caches: caches)
            do throws(Stop) {
                let report = try decoder.report()
                return .item(
                    report, end: decoder.i, lineBreaks: decoder.lineBreaks, lastLineBreak: decoder.lastLineBreak)
            } catch {
                return error == .needMoreInput ? .needMoreInput : .declined
            }
        }
    }

    /// One report: a non-empty object of the canonical layout.
    mutating func report() throws(Stop) -> Report {
        var report = Report()
        guard try peek() == ASCIIByte.openBrace else { throw .declined }
        // `{}` is an error ("an empty object is not a report") the full decoder words.
        var probe = self
        probe.i += 1
        probe.skipWhitespace()
        guard try probe.peek() != ASCIIByte.closeBrace else { throw .declined }
        let integers = caches.integers
        integers.removeAll()
        self.integers = Unmanaged.passUnretained(integers)
        try object(0, into: &report)
        report.values.add(integers)
        return report
    }

    // MARK: Objects of the layout

    /// The object of layout node `node` (an index into the table).
    private mutating func object(_ node: Int, into report: inout Report) throws(Stop) {
        try expect(ASCIIByte.openBrace)
        skipWhitespace()
        if try peek() == ASCIIByte.closeBrace {
            i += 1
            return
        }
        let children = table.nodes[node]
        var seen: (UInt64, UInt64) = (0, 0)
        var hint = 0
        while true {
            let index: Int
            if let expected = memberIfExpected(children, hint) {
                index = expected
            } else {
                guard let found = table.index(ofKey: try key(), in: children), found < 128 else { throw .declined }
                index = found
                skipWhitespace()
                try expect(ASCIIByte.colon)
            }
            let bit = UInt64(1) << UInt64(index & 63)
            if index < 64 {
                guard seen.0 & bit == 0 else { throw .declined }
                seen.0 |= bit
            } else {
                guard seen.1 & bit == 0 else { throw .declined }
                seen.1 |= bit
            }
            hint = index + 1
            skipWhitespace()
            let entry = table.entries[children.first + index]
            // Most values are counts written as plain digits: they are read here, sparing the calls.
            if case .field(let id, let kind) = entry, let whole = plainInteger(of: kind) {
                if let integers {
                    integers._withUnsafeGuaranteedRef { $0.append(whole, for: id) }
                } else {
                    report.values.setInteger(whole, for: id)
                }
            } else {
                try self.entry(entry, into: &report)
            }
            guard try another(before: ASCIIByte.closeBrace) else { return }
        }
    }

    private mutating func entry(_ entry: DirectJSONTable.Entry, into report: inout Report) throws(Stop) {
        // null is an absent value, never 0, wherever it stands.
        if try peek() == ASCIIByte.n {
            try literal("null")
            return
        }
        switch entry {
        case .field(let id, let kind):
            try field(id, kind, into: &report)
        case .object(let child, let section):
            if let section, try peek() == ASCIIByte.quote {
                // `overview: "…"` is shorthand for a section with only body text.
                report[section: section, default: TextSection()].text = try string()
            } else {
                try object(child, into: &report)
            }
        case .sectionText, .sectionSubsections, .legacySections, .facts, .provenance:
            try part(entry, into: &report)
        }
    }

    // MARK: Field values

    private mutating func field(_ id: FieldID, _ kind: FieldKind, into report: inout Report) throws(Stop) {
        let first = try peek()
        let value: FieldValue
        switch kind {
        case .count, .signedCount, .year:
            let whole: Int
            if let plain = plainWholeNumber() {
                whole = plain
            } else {
                guard let literal = NumericLiteral.integer(try number()) else { throw .declined }
                whole = literal
            }
            // The ranges of ``FieldValue/conforms(to:)``, checked here without a call per value.
            switch kind {
            case .count: guard whole >= 0 else { throw .declined }
            case .year: guard (1000...9999).contains(whole) else { throw .declined }
            default: break
            }
            // With the report's other whole numbers: one set before the batch, past the fields
            // still to come, would make the batch's numbers go in one by one.
            if let integers {
                integers._withUnsafeGuaranteedRef { $0.append(whole, for: id) }
                return
            }
            value = .integer(whole)
        case .money:
            guard let number = NumericLiteral.decimal(try number()), !number.isSignMinus || number.isZero else {
                throw .declined
            }
            value = .decimal(number)
        case .percentage:
            let literal = try number()
            guard NumericLiteral.isDecimal(literal) else { throw .declined }
            value = .percentage(Percentage(checkedDigits: String(decoding: literal, as: UTF8.self)))
        case .text:
            guard first == ASCIIByte.quote else { throw .declined }
            value = .text(try string())
        case .code:
            guard first == ASCIIByte.quote else { throw .declined }
            if let known = caches.lastCode(for: id, matching: base, at: i, end: end) {
                value = known.value
                i = known.end
            } else {
                let start = i
                guard let code = caches.code(try string(), for: id) else { throw .declined }
                caches.rememberCode(code, for: id, bytes: UnsafeBufferPointer(start: base + start, count: i - start))
                value = code
            }
        case .date:
            guard first == ASCIIByte.quote else { throw .declined }
            if let date = plainDate() {
                value = .date(date)
            } else {
                guard let date = CalendarDate(parsing: try string()) else { throw .declined }
                value = .date(date)
            }
        case .flag:
            if first == ASCIIByte.t {
                try literal("true")
                value = .flag(true)
            } else {
                try literal("false")
                value = .flag(false)
            }
        }
        report.values.set(value, for: id)
    }

    // MARK: Lists

    /// `[{"heading", "key", "text"}, …]`; a null member is absent, text defaults to "".
    /// `standardHeading` gives the heading of a part that has only a key (CSV cells leave out
    /// headings the schema knows).
    mutating func subsections(standardHeading: (String?) -> String? = { _ in nil }) throws(Stop) -> [Subsection] {
        var parts: [Subsection] = []
        // Room for a section's usual parts at once, rather than growing (and copying) 1, 2, 4, 8.
        parts.reserveCapacity(8)
        try array { (decoder: inout DirectJSONDecoder) throws(Stop) in
            var heading: String?
            var key: String?
            var text: String?
            try decoder.members { (decoder: inout DirectJSONDecoder, name) throws(Stop) in
                let value: String? = try decoder.peek() == ASCIIByte.n ? decoder.null() : decoder.string()
                if PartKeys.heading.matches(name) {
                    heading = value
                } else if PartKeys.key.matches(name) {
                    key = value
                } else if PartKeys.text.matches(name) {
                    text = value
                } else {
                    throw .declined
                }
            }
            guard let heading = heading ?? standardHeading(key) else { throw .declined }
            parts.append(Subsection(heading: heading, key: key, text: text ?? ""))
        }
        return parts
    }

    /// Calls `element` for each element of an array, the decoder at the element's start.
    private mutating func array(_ element: (inout DirectJSONDecoder) throws(Stop) -> Void) throws(Stop) {
        try expect(ASCIIByte.openBracket)
        skipWhitespace()
        if try peek() == ASCIIByte.closeBracket {
            i += 1
            return
        }
        while true {
            try element(&self)
            guard try another(before: ASCIIByte.closeBracket) else { return }
        }
    }

    /// Calls `member` with each key of an object, the decoder at the member's value.
    private mutating func members(
        _ member: (inout DirectJSONDecoder, UnsafeBufferPointer<UInt8>) throws(Stop) -> Void
    ) throws(Stop) {
        try expect(ASCIIByte.openBrace)
        skipWhitespace()
        if try peek() == ASCIIByte.closeBrace {
            i += 1
            return
        }
        while true {
            let name = try key()
            skipWhitespace()
            try expect(ASCIIByte.colon)
            skipWhitespace()
            try member(&self, name)
            guard try another(before: ASCIIByte.closeBrace) else { return }
        }
    }

    // MARK: Tokens

    /// After a member or element: true at a `,` (stepped over, with the blanks after it),
    /// false at `closing` (stepped over); anything else is declined.
    @inline(__always)
    private mutating func another(before closing: UInt8) throws(Stop) -> Bool {
        // Compact JSON, most of it: the comma right after the value, a key right after it.
        if i < end, base[i] == ASCIIByte.comma {
            i += 1
            skipWhitespace()
            return true
        }
        return try anotherAfterBlanks(before: closing)
    }

    private mutating func anotherAfterBlanks(before closing: UInt8) throws(Stop) -> Bool {
        skipWhitespace()
        let next = try peek()
        i += 1
        if next == ASCIIByte.comma {
            skipWhitespace()
            return true
        }
        guard next == closing else { throw .declined }
        return false
    }

    @inline(__always)
    private func peek() throws(Stop) -> UInt8 {
        guard i < end else { throw .needMoreInput }
        return base[i]
    }

    @inline(__always)
    private mutating func expect(_ byte: UInt8) throws(Stop) {
        guard try peek() == byte else { throw .declined }
        i += 1
    }

    @inline(__always)
    mutating func skipWhitespace() {
        // Every blank is at most a space: most calls find a token at once and stop at one test.
        guard i < end, base[i] <= ASCIIByte.space else { return }
        // Pretty JSON's two blanks, handled before the general loop: the space after a colon,
        // and the line break and indentation before a member or element.
        if base[i] == ASCIIByte.space {
            i += 1
        } else if base[i] == ASCIIByte.lineFeed {
            lineBreaks += 1
            lastLineBreak = i
            i = Indentation.end(of: base, from: i + 1, before: end)
        }
        guard i < end, base[i] <= ASCIIByte.space else { return }
        skipOtherWhitespace()
    }

    /// The rest of a run of blanks that is not one of pretty JSON's.
    private mutating func skipOtherWhitespace() {
        while i < end {
            let byte = base[i]
            if byte == ASCIIByte.space || byte == ASCIIByte.tab || byte == ASCIIByte.carriageReturn {
                i += 1
            } else if byte == ASCIIByte.lineFeed {
                lineBreaks += 1
                lastLineBreak = i
                i = Indentation.end(of: base, from: i + 1, before: end)
            } else {
                return
            }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Stop) {
        let count = word.utf8CodeUnitCount
        for offset in 0..<count {
            guard i + offset < end else { throw .needMoreInput }
            guard base[i + offset] == word.utf8Start[offset] else { throw .declined }
        }
        i += count
    }

    private mutating func null() throws(Stop) -> String? {
        try literal("null")
        return nil
    }

    /// `hint` when the member at `i` is the `hint`th child's, its key and colon stepped over:
    /// members usually come in schema order, written `"name":`, so the bytes are compared with
    /// that whole, without scanning for the key's end first. Nil (nothing consumed) otherwise,
    /// a blank before the colon included.
    @inline(__always)
    private mutating func memberIfExpected(_ children: DirectJSONTable.Children, _ hint: Int) -> Int? {
        guard hint < children.count, hint < 128,
            let prefix = table.memberPrefixes[children.first + hint],
            i + prefix.count <= end, bytesEqual(base + i, prefix.baseAddress!, prefix.count)
        else { return nil }
        i += prefix.count
        return hint
    }

    /// A key without escapes, as its bytes (a key with an escape is declined).
    private mutating func key() throws(Stop) -> UnsafeBufferPointer<UInt8> {
        try expect(ASCIIByte.quote)
        let start = i
        while true {
            let byte = try peek()
            if byte == ASCIIByte.quote { break }
            guard byte != ASCIIByte.backslash, byte >= 0x20, byte < 0x80 else { throw .declined }
            i += 1
        }
        i += 1
        return UnsafeBufferPointer(start: base + start, count: i - 1 - start)
    }

    /// The date at `i` when it is written `"YYYY-MM-DD"` (how dates are written), read
    /// without making a string; nil (nothing consumed) for any other form or a day that does
    /// not exist, which ``CalendarDate/init(parsing:)`` then reads or rejects.
    @inline(__always)
    private mutating func plainDate() -> CalendarDate? {
        guard i + 12 <= end, base[i + 5] == ASCIIByte.minus, base[i + 8] == ASCIIByte.minus,
            base[i + 11] == ASCIIByte.quote
        else { return nil }
        func number(_ from: Int, _ count: Int) -> Int? {
            var value = 0
            for offset in from..<from + count {
                let digit = base[i + offset] &- ASCIIByte.zero
                guard digit < 10 else { return nil }
                value = value * 10 + Int(digit)
            }
            return value
        }
        guard let year = number(1, 4), let month = number(6, 2), let day = number(9, 2),
            let date = CalendarDate(year: year, month: month, day: day)
        else { return nil }
        i += 12
        return date
    }

    /// The value of an integer field of `kind` at `i` when it is plain digits in the field's
    /// range; nil (nothing consumed) otherwise, for ``field(_:_:into:)`` to read or decline.
    @inline(__always)
    private mutating func plainInteger(of kind: FieldKind) -> Int? {
        switch kind {
        case .count, .signedCount:
            return plainWholeNumber()
        case .year:
            let start = i
            guard let whole = plainWholeNumber() else { return nil }
            guard (1000...9999).contains(whole) else {
                i = start
                return nil
            }
            return whole
        default:
            return nil
        }
    }

    /// The number at `i` when it is plain digits (at most 18, no sign, fraction or exponent; how
    /// counts are written), read as it is scanned; nil (nothing consumed) for any other number,
    /// which ``number()`` then reads or rejects.
    @inline(__always)
    private mutating func plainWholeNumber() -> Int? {
        var k = i
        var value = 0
        while k < end, k - i < 18 {
            let digit = base[k] &- ASCIIByte.zero
            guard digit < 10 else { break }
            value = value &* 10 &+ Int(digit)
            k += 1
        }
        // The byte after the digits must be there (more may follow) and end the number.
        guard k > i, k < end, k - i == 1 || base[i] != ASCIIByte.zero else { return nil }
        let next = base[k]
        guard next &- ASCIIByte.zero >= 10, next != ASCIIByte.dot, next | 0x20 != ASCIIByte.e else { return nil }
        i = k
        return value
    }

    /// A number of the RFC 8259 grammar, as its bytes.
    private mutating func number() throws(Stop) -> UnsafeBufferPointer<UInt8> {
        let start = i
        if try peek() == ASCIIByte.minus { i += 1 }
        let first = try peek()
        if first == ASCIIByte.zero {
            i += 1
        } else if first &- ASCIIByte.one < 9 {
            try digits()
        } else {
            throw .declined
        }
        if try peek() == ASCIIByte.dot {
            i += 1
            guard try peek() &- ASCIIByte.zero < 10 else { throw .declined }
            try digits()
        }
        if try peek() | 0x20 == ASCIIByte.e {
            i += 1
            let sign = try peek()
            if sign == ASCIIByte.plus || sign == ASCIIByte.minus { i += 1 }
            guard try peek() &- ASCIIByte.zero < 10 else { throw .declined }
            try digits()
        }
        return UnsafeBufferPointer(start: base + start, count: i - start)
    }

    /// Steps over a run of digits. The bytes may end inside it: more could follow.
    @inline(__always)
    private mutating func digits() throws(Stop) {
        while try peek() &- ASCIIByte.zero < 10 { i += 1 }
    }

    /// A string value; UTF-8 is checked as strictly as the full parser checks it.
    mutating func string() throws(Stop) -> String {
        try expect(ASCIIByte.quote)
        let start = i
        // Every byte is or'ed in: a set top bit anywhere means not ASCII.
        var high: UInt64 = 0
        // Eight bytes at a time while none of them is a quote, a backslash or a control.
        while i + 8 <= end {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            guard !SWAR.hasSpecialStringByte(word) else { break }
            high |= word
            i += 8
        }
        while true {
            guard i < end else { throw .needMoreInput }
            let byte = base[i]
            if byte == ASCIIByte.quote { break }
            if byte == ASCIIByte.backslash { return try escapedString(from: start) }
            guard byte >= 0x20 else { throw .declined }
            high |= UInt64(byte)
            i += 1
        }
        let bytes = UnsafeBufferPointer(start: base + start, count: i - start)
        i += 1
        let isASCII = high & SWAR.topBits == 0
        // Longer strings take memory of their own: one read before is shared instead.
        if bytes.count > DirectJSONCaches.longestInlineString {
            guard let text = caches.string(bytes, isASCII: isASCII) else { throw .declined }
            return text
        }
        if isASCII { return String(decoding: bytes, as: UTF8.self) }
        guard let text = UTF8Text.string(bytes) else { throw .declined }
        return text
    }

    /// The rest of a string that has an escape, unescaped into the shared scratch buffer.
    private mutating func escapedString(from start: Int) throws(Stop) -> String {
        var out = caches.takeScratch()
        defer { caches.returnScratch(out) }
        out.append(contentsOf: UnsafeBufferPointer(start: base + start, count: i - start))
        while true {
            let byte = try peek()
            if byte == ASCIIByte.quote {
                i += 1
                guard let text = out.withUnsafeBufferPointer({ UTF8Text.string($0) }) else { throw .declined }
                return text
            }
            guard byte >= 0x20 else { throw .declined }
            guard byte == ASCIIByte.backslash else {
                out.append(byte)
                i += 1
                continue
            }
            guard i + 1 < end else { throw .needMoreInput }
            switch base[i + 1] {
            case ASCIIByte.quote, ASCIIByte.backslash, ASCIIByte.slash: out.append(base[i + 1])
            case UInt8(ascii: "n"): out.append(ASCIIByte.lineFeed)
            case UInt8(ascii: "t"): out.append(ASCIIByte.tab)
            case UInt8(ascii: "r"): out.append(ASCIIByte.carriageReturn)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                var scalar = try hex4(at: i + 2)
                i += 6
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < end else { throw .needMoreInput }
                    guard base[i] == ASCIIByte.backslash, base[i + 1] == UInt8(ascii: "u") else { throw .declined }
                    let low = try hex4(at: i + 2)
                    guard (0xDC00..<0xE000).contains(low) else { throw .declined }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let unicode = Unicode.Scalar(scalar) else { throw .declined }
                out.append(contentsOf: UTF8.encode(unicode)!)
                continue
            default: throw .declined
            }
            i += 2
        }
    }

    private func hex4(at position: Int) throws(Stop) -> UInt32 {
        guard position + 4 <= end else { throw .needMoreInput }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = base[position + offset]
            let digit: UInt8
            switch byte {
            case ASCIIByte.zero...UInt8(ascii: "9"): digit = byte - ASCIIByte.zero
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .declined
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}

extension EncodedKey {
    /// Whether `bytes` are this key.
    @inline(__always)
    func matches(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.count == utf8.count && bytesEqual(bytes.baseAddress!, utf8.baseAddress!, bytes.count)
    }
}

/// Whether `count` bytes at `a` and `b` are equal; keys are short, so eight at a time inline
/// beats a call to `memcmp`. The last eight (or four, or two) bytes are compared in one load
/// that may overlap bytes already compared, rather than one by one.
@inline(__always)
func bytesEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ count: Int) -> Bool {
    let first = UnsafeRawPointer(a)
    let second = UnsafeRawPointer(b)
    @inline(__always)
    func same<Word: FixedWidthInteger>(_: Word.Type, at offset: Int) -> Bool {
        first.loadUnaligned(fromByteOffset: offset, as: Word.self)
            == second.loadUnaligned(fromByteOffset: offset, as: Word.self)
    }
    if count >= 8 {
        var offset = 0
        while offset + 8 < count {
            guard same(UInt64.self, at: offset) else { return false }
            offset += 8
        }
        return same(UInt64.self, at: count - 8)
    }
    if count >= 4 { return same(UInt32.self, at: 0) && same(UInt32.self, at: count - 4) }
    if count >= 2 { return same(UInt16.self, at: 0) && same(UInt16.self, at: count - 2) }
    return count == 0 || a[0] == b[0]
}

/// The canonical layout as flat tables of plain values, built once: walking them costs no
/// reference counting, where the layout's objects would cost some on every key of every report.
struct DirectJSONTable: @unchecked Sendable {
    /// What a key of the layout holds; the payloads are plain values.
    enum Entry {
        case field(FieldID, FieldKind)
        /// A nested object: its node, and the text section it is when it is one.
        case object(Int, SectionKey?)
        case sectionText(SectionKey)
        case sectionSubsections(SectionKey)
        case legacySections
        case facts
        case provenance
    }

    /// Where a node's children lie in `names` and `entries`.
    struct Children {
        let first: Int
        let count: Int
    }

    /// By node index; the root is node 0.
    let nodes: UnsafeBufferPointer<Children>
    let names: UnsafeBufferPointer<EncodedKey>
    /// Each name as a member starts, `"name":` (nil for a name JSON escapes; the schema has none).
    let memberPrefixes: UnsafeBufferPointer<UnsafeBufferPointer<UInt8>?>
    let entries: UnsafeBufferPointer<Entry>

    static let shared = DirectJSONTable(CanonicalLayout.shared)

    init(_ layout: CanonicalLayout) {
        var nodes: [Children] = []
        var names: [EncodedKey] = []
        var entries: [Entry] = []
        // Breadth first: a node's children are laid out together, their objects numbered after.
        var queue: [CanonicalLayout.Node] = [layout.root]
        var next = 0
        while next < queue.count {
            let node = queue[next]
            next += 1
            nodes.append(Children(first: names.count, count: node.children.count))
            for (index, child) in node.children.enumerated() {
                names.append(node.encodedNames[index])
                switch child.entry {
                case .field(let id): entries.append(.field(id, id.kind))
                case .object(let object):
                    entries.append(.object(queue.count, object.sectionKey))
                    queue.append(object)
                case .sectionText(let key): entries.append(.sectionText(key))
                case .sectionSubsections(let key): entries.append(.sectionSubsections(key))
                case .legacySections: entries.append(.legacySections)
                case .facts: entries.append(.facts)
                case .provenance: entries.append(.provenance)
                }
            }
        }
        func frozen<Element>(_ array: [Element]) -> UnsafeBufferPointer<Element> {
            let storage = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
            _ = storage.initialize(from: array)
            return UnsafeBufferPointer(storage)
        }
        self.nodes = frozen(nodes)
        self.names = frozen(names)
        self.memberPrefixes = frozen(
            names.map { name in
                name.jsonLiteral.map { literal in frozen(Array(literal) + [ASCIIByte.colon]) }
            })
        self.entries = frozen(entries)
    }

    /// The index among `children` of the child named by `key`.
    func index(ofKey key: UnsafeBufferPointer<UInt8>, in children: Children) -> Int? {
        for index in 0..<children.count where names[children.first + index].matches(key) { return index }
        return nil
    }
}

/// Tests on eight bytes at once, in a `UInt64` (SIMD within a register).
enum SWAR {
    static let ones: UInt64 = 0x0101_0101_0101_0101
    static let topBits: UInt64 = 0x8080_8080_8080_8080

    /// Whether some byte of `word` is below `limit` (at most 128). Exact as a yes/no: the
    /// borrow that may mark a byte after a true one never makes a false yes on its own.
    @inline(__always)
    static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
        (word &- ones &* UInt64(limit)) & ~word & topBits != 0
    }

    /// Whether some byte of `word` is `byte`.
    @inline(__always)
    static func has(_ byte: UInt8, in word: UInt64) -> Bool {
        hasByte(below: 1, in: word ^ (ones &* UInt64(byte)))
    }

    /// The top bit of each byte of `word` that is `byte` set, and maybe of bytes above a true
    /// one (the borrow), never below: the lowest bit set marks the first match exactly.
    @inline(__always)
    static func matches(_ byte: UInt8, in word: UInt64) -> UInt64 {
        let bits = word ^ (ones &* UInt64(byte))
        return (bits &- ones) & ~bits & topBits
    }

    /// Whether some byte of `word` ends or escapes a JSON string, or may not stand in one.
    @inline(__always)
    static func hasSpecialStringByte(_ word: UInt64) -> Bool {
        has(ASCIIByte.quote, in: word) || has(ASCIIByte.backslash, in: word) || hasByte(below: 0x20, in: word)
    }
}

/// Byte values of the JSON grammar.
enum ASCIIByte {
    static let tab = UInt8(ascii: "\t"), lineFeed = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")
    static let space = UInt8(ascii: " "), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ","), colon = UInt8(ascii: ":"), minus = UInt8(ascii: "-")
    static let plus = UInt8(ascii: "+"), dot = UInt8(ascii: "."), zero = UInt8(ascii: "0"), one = UInt8(ascii: "1")
    static let e = UInt8(ascii: "e"), n = UInt8(ascii: "n"), t = UInt8(ascii: "t"), slash = UInt8(ascii: "/")
    static let openBrace = UInt8(ascii: "{"), closeBrace = UInt8(ascii: "}")
    static let openBracket = UInt8(ascii: "["), closeBracket = UInt8(ascii: "]")
}

extension DirectJSONDecoder: DirectPartsDecoding {
    static var declined: Stop { .declined }

    mutating func eachElement(_ element: (inout DirectJSONDecoder) throws(Stop) -> Void) throws(Stop) {
        try array(element)
    }

    mutating func eachMember(
        _ member: (inout DirectJSONDecoder, UnsafeBufferPointer<UInt8>) throws(Stop) -> Void
    ) throws(Stop) {
        try members(member)
    }

    mutating func partText() throws(Stop) -> String {
        guard try peek() == ASCIIByte.quote else { throw .declined }
        return try string()
    }

    mutating func partNumber() throws(Stop) -> UnsafeBufferPointer<UInt8> { try number() }

    mutating func partSubsections() throws(Stop) -> [Subsection] { try subsections() }
}
