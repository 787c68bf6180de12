import XchangeCore

/// Finds where the keys of a few fields stand in a report of canonical JSON, without decoding
/// it: the objects of the layout are walked, every other value skipped over.
///
/// `validate` reads reports without positions and asks for them only for a report with
/// findings, and only for the fields that place those findings: a few keys of one report,
/// where parsing the report in full with every position would cost a hundred times more.
struct DirectJSONLocator {
    private let base: UnsafePointer<UInt8>
    private var i: Int
    private let end: Int
    private let table = DirectJSONTable.shared
    private let wanted: FieldSet
    private var wantedLeft: Int
    private var found: [(field: FieldID, offset: Int)] = []

    /// Thrown to stop the walk: every field asked for was found, or the bytes are not what
    /// the walk expects.
    private enum Stop: Error {
        case done, unexpected
    }

    /// The byte offsets of the keys of `fields` in the report at the start of `range`, in the
    /// order they stand; nil unless every one was found (a key written with an escape, say),
    /// for the caller to find them by reading the report in full.
    static func offsets(
        of fields: FieldSet, in base: UnsafePointer<UInt8>, _ range: Range<Int>
    ) -> [(field: FieldID, offset: Int)]? {
        var locator = DirectJSONLocator(base: base, range: range, wanted: fields)
        do throws(Stop) {
            try locator.object(0)
        } catch {
            guard error == .done else { return nil }
        }
        return locator.wantedLeft == 0 ? locator.found : nil
    }

    private init(base: UnsafePointer<UInt8>, range: Range<Int>, wanted: FieldSet) {
        self.base = base
        self.i = range.lowerBound
        self.end = range.upperBound
        self.wanted = wanted
        self.wantedLeft = wanted.count
    }

    /// The object of layout node `node`, at `i`.
    private mutating func object(_ node: Int) throws(Stop) {
        try expect(ASCIIByte.openBrace)
        skipWhitespace()
        if try peek() == ASCIIByte.closeBrace {
            i += 1
            return
        }
        let children = table.nodes[node]
        var hint = 0
        while true {
            let keyStart = i
            let index: Int?
            // Keys usually come in schema order: the expected one is compared as a JSON
            // literal, quotes included, without scanning for its end first.
            if hint < children.count, let literal = table.names[children.first + hint].jsonLiteral,
                end - i >= literal.count, bytesEqual(base + i, literal.baseAddress!, literal.count)
            {
                i += literal.count
                index = hint
            } else {
                index = table.index(ofKey: try key(), in: children)
            }
            skipWhitespace()
            try expect(ASCIIByte.colon)
            skipWhitespace()
            switch index.map({ table.entries[children.first + $0] }) {
            case .field(let id, _)?:
                if wanted.contains(id) {
                    found.append((id, keyStart))
                    wantedLeft -= 1
                    if wantedLeft == 0 { throw .done }
                }
                try skipValue()
            case .object(let child, _)? where try peek() == ASCIIByte.openBrace:
                try object(child)
            default:
                try skipValue()
            }
            hint = (index ?? hint) + 1
            skipWhitespace()
            let next = try peek()
            i += 1
            if next == ASCIIByte.closeBrace { return }
            guard next == ASCIIByte.comma else { throw .unexpected }
            skipWhitespace()
        }
    }

    /// A key's bytes, quotes stepped over; a key with an escape is unexpected.
    private mutating func key() throws(Stop) -> UnsafeBufferPointer<UInt8> {
        try expect(ASCIIByte.quote)
        let start = i
        while try peek() != ASCIIByte.quote {
            guard base[i] != ASCIIByte.backslash else { throw .unexpected }
            i += 1
        }
        i += 1
        return UnsafeBufferPointer(start: base + start, count: i - 1 - start)
    }

    /// Steps over one value of any kind; the bytes were read as JSON before, so only its end
    /// is looked for.
    private mutating func skipValue() throws(Stop) {
        var depth = 0
        repeat {
            switch try peek() {
            case ASCIIByte.quote:
                try skipString()
            case ASCIIByte.openBrace, ASCIIByte.openBracket:
                depth += 1
                i += 1
            case ASCIIByte.closeBrace, ASCIIByte.closeBracket:
                guard depth > 0 else { throw .unexpected }
                depth -= 1
                i += 1
            case ASCIIByte.comma, ASCIIByte.colon, ASCIIByte.space, ASCIIByte.tab, ASCIIByte.carriageReturn,
                ASCIIByte.lineFeed:
                guard depth > 0 else { throw .unexpected }
                i += 1
            default:
                // A number or a literal: up to the byte that ends it.
                i += 1
                while i < end, !Self.endsScalar(base[i]) { i += 1 }
            }
        } while depth > 0
    }

    private static func endsScalar(_ byte: UInt8) -> Bool {
        switch byte {
        case ASCIIByte.comma, ASCIIByte.closeBrace, ASCIIByte.closeBracket, ASCIIByte.colon, ASCIIByte.space,
            ASCIIByte.tab, ASCIIByte.carriageReturn, ASCIIByte.lineFeed:
            true
        default: false
        }
    }

    private mutating func skipString() throws(Stop) {
        i += 1
        // Eight bytes at a time up to the word that holds a quote or a backslash.
        while end - i >= 8 {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if SWAR.has(ASCIIByte.quote, in: word) || SWAR.has(ASCIIByte.backslash, in: word) { break }
            i += 8
        }
        while true {
            let byte = try peek()
            i += byte == ASCIIByte.backslash ? 2 : 1
            if byte == ASCIIByte.quote { return }
        }
    }

    private mutating func skipWhitespace() {
        while i < end {
            switch base[i] {
            case ASCIIByte.space, ASCIIByte.tab, ASCIIByte.carriageReturn, ASCIIByte.lineFeed: i += 1
            default: return
            }
        }
    }

    private func peek() throws(Stop) -> UInt8 {
        guard i < end else { throw .unexpected }
        return base[i]
    }

    private mutating func expect(_ byte: UInt8) throws(Stop) {
        guard try peek() == byte else { throw .unexpected }
        i += 1
    }
}
