/// Writes JSON as UTF-8 bytes, handing full chunks to a sink so output streams.
///
/// The caller drives the structure (`beginObject`, `key`, values, `endObject`, ...) and thus
/// controls member order, so output diffs well against earlier output. Text is written as
/// UTF-8 verbatim: Chinese stays readable, and only `"`, `\` and control characters are
/// escaped. Numbers are written exactly as given (`number(_:)`), so decimals read from a
/// report come back unchanged.
///
/// `.pretty(indent:)` puts one member or element per line, writes `"key": value`, and keeps
/// empty containers inline as `{}` and `[]`. `.compact` writes no whitespace at all. Neither
/// adds a final line break; call `newline()` (one value per line makes JSON Lines).
///
/// The structural methods don't throw, so that writing code stays plain: if the sink throws,
/// the error is kept, further output is dropped, and `flush()` throws it. Call `flush()` at
/// the end, both to write the last chunk and to learn whether writing failed. Calls must be
/// balanced and well ordered (a key before each object member); that is checked in debug builds.
///
/// A class rather than a struct: the writer owns an output buffer and a sink, which a copy
/// could not meaningfully duplicate, and it lets the hot path write without copy-on-write checks.
public final class JSONWriter {
    /// How the output is laid out.
    public enum Style: Hashable, Sendable {
        /// One member or element per line, nested lines indented by `indent` spaces.
        case pretty(indent: Int)
        /// No whitespace.
        case compact
    }

    private let sink: ([UInt8]) throws -> Void
    private let chunkSize: Int
    private let indentWidth: Int
    private let isPretty: Bool
    @exclusivity(unchecked) private var storage: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) private var capacity: Int
    @exclusivity(unchecked) private var count = 0
    @exclusivity(unchecked) private var depth = 0
    /// Whether the innermost open container has no member or element yet.
    @exclusivity(unchecked) private var isFirst = true
    /// Whether a key was just written and its value is due.
    @exclusivity(unchecked) private var afterKey = false
    private var sinkError: (any Error)?
    #if DEBUG
    /// Open containers, `true` for objects, to catch unbalanced calls.
    private var open: [Bool] = []
    #endif

    /// Creates a writer that passes output to `sink` in chunks of about `chunkSize` bytes.
    public init(style: Style, chunkSize: Int = 1 << 16, sink: @escaping ([UInt8]) throws -> Void) {
        self.sink = sink
        self.chunkSize = max(chunkSize, 1)
        switch style {
        case .pretty(let indent):
            isPretty = true
            indentWidth = max(indent, 0)
        case .compact:
            isPretty = false
            indentWidth = 0
        }
        capacity = min(self.chunkSize, 1 << 16) + 1024
        storage = .allocate(capacity: capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// The bytes of one value, without a final line break.
    public static func encode(_ value: JSONValue, style: Style = .pretty(indent: 2)) -> [UInt8] {
        let writer = JSONWriter(style: style, chunkSize: .max) { _ in }
        writer.value(value)
        return Array(UnsafeBufferPointer(start: writer.storage, count: writer.count))
    }

    // MARK: Structure

    /// Opens an object; follow with `key(_:)` and a value for each member, then `endObject()`.
    public func beginObject() {
        beforeValue(reserving: 1)
        put(ASCII.openBrace)
        enter(object: true)
    }

    /// Closes the innermost object.
    public func endObject() {
        leave(object: true)
        close(with: ASCII.closeBrace)
    }

    /// Opens an array; follow with its elements, then `endArray()`.
    public func beginArray() {
        beforeValue(reserving: 1)
        put(ASCII.openBracket)
        enter(object: false)
    }

    /// Closes the innermost array.
    public func endArray() {
        leave(object: false)
        close(with: ASCII.closeBracket)
    }

    /// Writes the key of the next member of the innermost object.
    public func key(_ k: String) {
        withUTF8(of: k) { key(utf8: $0) }
    }

    /// Writes a key given as UTF-8 bytes: for callers that keep their keys encoded, so that
    /// writing one costs no string handling.
    public func key(utf8: UnsafeBufferPointer<UInt8>) {
        beforeKey(utf8, reserving: utf8.count)
        putQuoted(utf8)
        afterKeyText()
    }

    /// Writes a key given as its finished JSON string literal, quotes and any escapes included:
    /// for callers that keep their keys encoded once, so that writing one is a single copy.
    public func key(literal: UnsafeBufferPointer<UInt8>) {
        beforeKey(literal, reserving: literal.count)
        put(literal)
        afterKeyText()
    }

    /// Writes an object member whose value is an integer, the key given as its finished JSON
    /// string literal: `key(literal:)` then `int(_:)`, with one check for room.
    public func member(literal: UnsafeBufferPointer<UInt8>, int value: Int) {
        beforeKey(literal, reserving: literal.count + 24)
        put(literal)
        put(ASCII.colon)
        if isPretty { put(ASCII.space) }
        putInt(value)
        flushIfFull()
    }

    /// The separator and indentation before a key; room for the key's `n` bytes and more.
    @inline(__always)
    private func beforeKey(_ utf8: UnsafeBufferPointer<UInt8>, reserving n: Int) {
        #if DEBUG
        assert(
            open.last == true && !afterKey,
            "JSONWriter: key(\"\(String(decoding: utf8, as: UTF8.self))\") outside an object or without a value for the previous key"
        )
        #endif
        reserve(n + depth * indentWidth + 9)
        if !isFirst { put(ASCII.comma) }
        isFirst = false
        if isPretty { lineBreakAndIndent() }
    }

    @inline(__always)
    private func afterKeyText() {
        put(ASCII.colon)
        if isPretty { put(ASCII.space) }
        afterKey = true
    }

    // MARK: Values

    /// Writes a string, escaping only what JSON requires.
    public func string(_ s: String) {
        withUTF8(of: s) { string(validUTF8: $0) }
    }

    /// Writes a number literal verbatim. The caller vouches that it is valid JSON number text.
    public func number(_ literal: String) {
        withUTF8(of: literal) { number(literal: $0) }
    }

    /// Writes a number literal given as UTF-8 bytes, verbatim: for callers that format numbers
    /// without making a `String`. The caller vouches that it is valid JSON number text.
    public func number(literal utf8: UnsafeBufferPointer<UInt8>) {
        beforeValue(reserving: utf8.count)
        put(utf8)
        flushIfFull()
    }

    /// Writes a string given as valid UTF-8 bytes, escaping only what JSON requires.
    public func string(validUTF8 utf8: UnsafeBufferPointer<UInt8>) {
        beforeValue(reserving: utf8.count + 2)
        putQuoted(utf8)
        flushIfFull()
    }

    /// Writes an integer.
    public func int(_ i: Int) {
        beforeValue(reserving: 20)
        putInt(i)
        flushIfFull()
    }

    /// Needs 20 reserved bytes.
    @inline(__always)
    private func putInt(_ i: Int) {
        count = Self.write(i, to: storage + count) - storage
    }

    /// Writes `i` in decimal at `target` (room for 20 bytes) and returns the end.
    @inline(__always)
    private static func write(_ i: Int, to target: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if i >= 0 && i < 10 {
            target.pointee = ASCII.zero &+ UInt8(truncatingIfNeeded: i)
            return target + 1
        }
        var magnitude = i.magnitude
        var digits = 1
        var limit: UInt = 10
        while digits < 20 && magnitude >= limit {
            digits += 1
            limit = limit &* 10
        }
        var start = target
        if i < 0 {
            start.pointee = ASCII.minus
            start += 1
        }
        let end = start + digits
        var k = end
        // Two digits per division, from a table: half the divisions of one at a time.
        let pairs = JSONWriter.digitPairs.utf8Start
        while magnitude >= 10 {
            let pair = Int(truncatingIfNeeded: magnitude % 100) &* 2
            magnitude /= 100
            k -= 2
            k[0] = pairs[pair]
            k[1] = pairs[pair + 1]
        }
        if k > start { k[-1] = ASCII.zero &+ UInt8(truncatingIfNeeded: magnitude) }
        return end
    }

    /// "00", "01", … "99": a literal, so reading it needs no once-only initialisation check.
    private static var digitPairs: StaticString {
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"
    }

    /// Writes `true` or `false`.
    public func bool(_ b: Bool) {
        beforeValue(reserving: 5)
        put(b ? "true" : "false")
        flushIfFull()
    }

    /// Writes `null`.
    public func null() {
        beforeValue(reserving: 4)
        put("null")
        flushIfFull()
    }

    /// Writes a whole value, members in their stored order.
    public func value(_ v: JSONValue) {
        switch v {
        case .null: null()
        case .bool(let b): bool(b)
        case .number(let literal): number(literal)
        case .string(let s): string(s)
        case .array(let elements):
            beginArray()
            // Borrow the elements rather than copying each one out of the array.
            elements.withUnsafeBufferPointer { elements in
                for k in elements.indices { value(elements[k]) }
            }
            endArray()
        case .object(let members):
            beginObject()
            members.withUnsafeBufferPointer { members in
                for k in members.indices {
                    key(members[k].key)
                    value(members[k].value)
                }
            }
            endObject()
        }
    }

    /// Goes on as inside an array whose `[` another writer wrote (with ``beginArray()``, at
    /// the same depth): what follows is written as its elements, the first without a
    /// separator, for that writer to put in place after ``elementsFollow()``.
    public func continueArray() {
        beforeValue(reserving: 0)
        enter(object: false)
    }

    /// Before elements of the innermost array that another writer encoded (in this style, at
    /// this depth, the first of them without a separator): writes the separator they need after
    /// the elements already here, and counts them as written, so that what follows them is
    /// separated from them. The caller then writes their bytes after everything this writer
    /// has flushed.
    public func elementsFollow() {
        #if DEBUG
        assert(open.last == false, "JSONWriter: elementsFollow() outside an array")
        #endif
        reserve(1)
        if !isFirst { put(ASCII.comma) }
        isFirst = false
    }

    /// Forgets the structure written so far (the bytes are kept until drained): the writer
    /// starts again outside any container, as a new one would.
    public func reset() {
        depth = 0
        isFirst = true
        afterKey = false
        #if DEBUG
        open = []
        #endif
    }

    /// Writes a line break, e.g. after each top-level value of JSON Lines.
    public func newline() {
        reserve(1)
        put(ASCII.lineFeed)
        flushIfFull()
    }

    /// Hands the bytes written since the last flush to `body` and forgets them, without the
    /// sink: for a caller that gathers output in memory (a writer made with a `chunkSize` it
    /// never reaches keeps everything until then, with no copy per chunk).
    public func drain(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows {
        defer { count = 0 }
        try body(UnsafeBufferPointer(start: storage, count: count))
    }

    /// Hands everything written so far to the sink, and throws the sink's first error if it
    /// ever failed.
    public func flush() throws {
        if count > 0 { emit() }
        if let sinkError { throw sinkError }
    }

    // MARK: Layout

    /// Writes what separates a value from the previous one and makes room for `n` more bytes.
    @inline(__always)
    private func beforeValue(reserving n: Int) {
        reserve(n + depth * indentWidth + 9)
        if afterKey {
            afterKey = false
            return
        }
        #if DEBUG
        assert(open.last != true, "JSONWriter: a value inside an object needs a key first")
        #endif
        guard depth > 0 else { return }
        if !isFirst { put(ASCII.comma) }
        isFirst = false
        if isPretty { lineBreakAndIndent() }
    }

    private func enter(object: Bool) {
        depth += 1
        isFirst = true
        #if DEBUG
        open.append(object)
        #endif
    }

    private func leave(object: Bool) {
        #if DEBUG
        assert(open.last == object && !afterKey, "JSONWriter: unbalanced end\(object ? "Object" : "Array")()")
        open.removeLast()
        #endif
        depth -= 1
    }

    /// Puts a closing bracket on its own line, unless the container is empty.
    private func close(with bracket: UInt8) {
        reserve(depth * indentWidth + 9)
        if isPretty && !isFirst { lineBreakAndIndent() }
        put(bracket)
        // The enclosing container now has this one as an element.
        isFirst = false
        flushIfFull()
    }

    /// Needs `depth * indentWidth + 8` reserved bytes: the spaces are written eight at a
    /// time (a call to `memset` for a few of them cost more), up to seven past the indentation,
    /// where what follows overwrites them.
    @inline(__always)
    private func lineBreakAndIndent() {
        put(ASCII.lineFeed)
        let n = depth * indentWidth
        let spaces = UnsafeMutableRawPointer(storage + count)
        var offset = 0
        while offset < n {
            spaces.storeBytes(of: 0x2020_2020_2020_2020 as UInt64, toByteOffset: offset, as: UInt64.self)
            offset &+= 8
        }
        count += n
    }

    // MARK: Bytes

    @inline(__always)
    private func reserve(_ n: Int) {
        if capacity - count < n { grow(minimum: count + n) }
    }

    private func grow(minimum: Int) {
        let newCapacity = max(capacity * 2, minimum)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.initialize(from: storage, count: count)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
    }

    /// Needs one reserved byte.
    @inline(__always)
    private func put(_ b: UInt8) {
        storage[count] = b
        count &+= 1
    }

    /// Needs `bytes.count` reserved bytes.
    @inline(__always)
    private func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        count = Self.copy(bytes, to: storage + count) - storage
    }

    /// Copies `bytes` to `target` and returns the end.
    @inline(__always)
    private static func copy(
        _ bytes: UnsafeBufferPointer<UInt8>, to target: UnsafeMutablePointer<UInt8>
    ) -> UnsafeMutablePointer<UInt8> {
        guard let base = bytes.baseAddress else { return target }
        let n = bytes.count
        let source = UnsafeRawPointer(base)
        let raw = UnsafeMutableRawPointer(target)
        // Keys and numbers are mostly 4 to 32 bytes: copied as overlapping words, inline,
        // rather than through a call to memmove for each.
        if n >= 8 && n <= 16 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
            raw.storeBytes(of: head, as: UInt64.self)
            raw.storeBytes(of: tail, toByteOffset: n - 8, as: UInt64.self)
        } else if n > 16 && n <= 32 {
            let head = source.loadUnaligned(as: SIMD16<UInt8>.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 16, as: SIMD16<UInt8>.self)
            raw.storeBytes(of: head, as: SIMD16<UInt8>.self)
            raw.storeBytes(of: tail, toByteOffset: n - 16, as: SIMD16<UInt8>.self)
        } else if n >= 4 && n < 8 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)
            raw.storeBytes(of: head, as: UInt32.self)
            raw.storeBytes(of: tail, toByteOffset: n - 4, as: UInt32.self)
        } else {
            target.update(from: base, count: n)
        }
        return target + n
    }

    @inline(__always)
    private func put(_ word: StaticString) {
        put(UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount))
    }

    @inline(__always)
    private func withUTF8(of s: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        if s.utf8.withContiguousStorageIfAvailable(body) != nil { return }
        var copy = s
        copy.withUTF8(body)
    }

    /// Writes `"utf8"`, escaping what JSON requires. Needs `utf8.count + 2` reserved bytes;
    /// reserves more itself only when escapes make the text longer.
    private func putQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        put(ASCII.quote)
        guard let base = utf8.baseAddress else {
            put(ASCII.quote)
            return
        }
        let end = utf8.count
        var runStart = 0
        var k = 0
        while k < end {
            // Skip eight ordinary bytes at a time: none below 0x20, none '"' or '\'.
            while end - k >= 8 {
                let word = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                let ones: UInt64 = 0x0101_0101_0101_0101
                let highs: UInt64 = 0x8080_8080_8080_8080
                let quotes = word ^ (ones &* UInt64(ASCII.quote))
                let backslashes = word ^ (ones &* UInt64(ASCII.backslash))
                let special =
                    ((word &- ones &* 0x20) | (quotes &- ones) | (backslashes &- ones))
                    & ~word & highs
                if special != 0 { break }
                k &+= 8
            }
            guard k < end else { break }
            let b = base[k]
            guard b < 0x20 || b == ASCII.quote || b == ASCII.backslash else {
                k &+= 1
                continue
            }
            put(UnsafeBufferPointer(start: base + runStart, count: k - runStart))
            reserve(end - k + 8)
            put(ASCII.backslash)
            switch b {
            case ASCII.quote, ASCII.backslash: put(b)
            case ASCII.lineFeed: put(UInt8(ascii: "n"))
            case ASCII.carriageReturn: put(UInt8(ascii: "r"))
            case ASCII.tab: put(UInt8(ascii: "t"))
            case 0x08: put(UInt8(ascii: "b"))
            case 0x0C: put(UInt8(ascii: "f"))
            default:
                let hex: StaticString = "0123456789abcdef"
                put("u00")
                put(hex.utf8Start[Int(b >> 4)])
                put(hex.utf8Start[Int(b & 0xF)])
            }
            k &+= 1
            runStart = k
        }
        put(UnsafeBufferPointer(start: base + runStart, count: end - runStart))
        put(ASCII.quote)
    }

    // MARK: Output

    @inline(__always)
    private func flushIfFull() {
        if count >= chunkSize { emit() }
    }

    private func emit() {
        if sinkError == nil {
            do {
                try sink(Array(UnsafeBufferPointer(start: storage, count: count)))
            } catch {
                sinkError = error
            }
        }
        count = 0
    }
}
