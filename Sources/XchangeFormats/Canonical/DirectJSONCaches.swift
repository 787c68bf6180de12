import Foundation
import XchangeCore

/// What a decoder keeps between reports: the last code of each field (codes repeat across
/// reports, and checking one may run a pattern), recent strings and a buffer for unescaping.
/// Both memories are buffers rather than arrays: no exclusivity or bounds checks on the way.
final class DirectJSONCaches {
    private var scratch: [UInt8] = []
    /// Recently read strings too long to be stored inline, by a hash of their bytes (one per
    /// slot, the latest wins): headings, keys, labels and boilerplate sentences recur in every
    /// report, and a string found here costs neither an allocation nor a UTF-8 check. Only for
    /// caches that serve many reports: nil for one piece of JSON (a CSV cell), which would
    /// pay for the table and hardly use it.
    private let recentStrings: UnsafeMutablePointer<RememberedBytes<String>>?
    private static let recentSlotBits = 10
    private static let recentSlots = 1 << recentSlotBits

    /// The last code read for each field, with its JSON string literal (quotes included):
    /// most codes (format version, level, division) repeat from one report to the next. Made
    /// with the first code: decoding the parts in a CSV cell reads no code. Only ever used
    /// by one decoder at a time, on one thread: no run-time exclusivity checks.
    @exclusivity(unchecked) private var lastCodes: UnsafeMutablePointer<RememberedBytes<FieldValue>>?
    private static let fieldCount = CanonicalSchema.v1.fields.count

    /// The counts of the report being read, added to it when it ends. Made when first used:
    /// caches for one CSV cell never read a count.
    private(set) lazy var integers = IntegerBatch()

    /// The longest string Swift stores inline (on 64-bit platforms), without an allocation.
    static let longestInlineString = 15

    /// Caches for one decoder; `sharingStrings` for one that reads many reports.
    init(sharingStrings: Bool = false) {
        recentStrings = sharingStrings ? Self.spareStrings.take() : nil
    }

    deinit {
        if let recentStrings { Self.spareStrings.give(back: recentStrings) }
        if let lastCodes { Self.spareCodes.give(back: lastCodes) }
    }

    /// Tables that served a decoder before, kept for the next with what they remember: the
    /// reader of one piece of a large input lives for a megabyte or so, and making a table
    /// for each piece cost more than its first lookups saved. What a table remembers is
    /// right for any input (a string is its bytes; a code's value depends only on its text
    /// and field), so a table carries over as it is.
    private static let spareStrings = SpareTables<String>(slots: recentSlots)
    private static let spareCodes = SpareTables<FieldValue>(slots: fieldCount)

    /// The string of these bytes (more than ``longestInlineString`` of them, without escapes),
    /// shared with an equal one read before when there was one; nil when they are not
    /// well-formed UTF-8.
    @inline(__always)
    func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool) -> String? {
        let slot = recentStrings.map { $0 + Self.slot(of: bytes) }
        if let slot, slot.pointee.count == bytes.count,
            let known = slot.pointee.value(ifAt: bytes.baseAddress!, within: bytes.count)
        {
            return known
        }
        let text: String
        if isASCII {
            text = String(decoding: bytes, as: UTF8.self)
        } else {
            guard let checked = UTF8Text.string(bytes) else { return nil }
            text = checked
        }
        slot?.pointee.remember(text, readFrom: bytes)
        return text
    }

    /// The slot of a string of at least eight bytes, from its length and first and last eight
    /// bytes: strings that differ only inside share a slot and take turns in it.
    @inline(__always)
    private static func slot(of bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let raw = UnsafeRawPointer(bytes.baseAddress!)
        let head = raw.loadUnaligned(as: UInt64.self)
        let tail = raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        // The high bits of a product depend on all the bits multiplied.
        let hash = ((head ^ UInt64(bytes.count)) &* 0x9E37_79B9_7F4A_7C15) &+ (tail &* 0xC2B2_AE3D_27D4_EB4F)
        return Int(truncatingIfNeeded: hash >> UInt64(64 - recentSlotBits))
    }

    /// The value of a code field, checked as ``FieldValue/parse(_:for:)`` checks it; nil when
    /// the code is not valid for the field.
    func code(_ text: String, for id: FieldID) -> FieldValue? {
        FieldValue.code(text, for: id)
    }

    /// The value of the field's last code when the literal at `position` is the same; with the
    /// position after the literal.
    @inline(__always)
    func lastCode(
        for id: FieldID, matching base: UnsafePointer<UInt8>, at position: Int, end: Int
    ) -> (value: FieldValue, end: Int)? {
        guard let last = lastCodes.map({ $0 + id.index }),
            let value = last.pointee.value(ifAt: base + position, within: end - position)
        else { return nil }
        return (value, position + last.pointee.count)
    }

    /// The value of the field's last code when it was read from exactly these bytes (a CSV
    /// cell, which has no closing quote to end the comparison).
    @inline(__always)
    func lastCode(for id: FieldID, equalTo bytes: UnsafeBufferPointer<UInt8>) -> FieldValue? {
        guard let last = lastCodes.map({ $0 + id.index }), last.pointee.count == bytes.count,
            let start = bytes.baseAddress
        else { return nil }
        return last.pointee.value(ifAt: start, within: bytes.count)
    }

    func rememberCode(_ value: FieldValue, for id: FieldID, bytes: UnsafeBufferPointer<UInt8>) {
        if lastCodes == nil { lastCodes = Self.spareCodes.take() }
        lastCodes![id.index].remember(value, readFrom: bytes)
    }

    func takeScratch() -> [UInt8] {
        var buffer = scratch
        scratch = []
        buffer.removeAll(keepingCapacity: true)
        return buffer
    }

    func returnScratch(_ buffer: [UInt8]) {
        scratch = buffer
    }
}

/// A value with a copy of the bytes it was read from, so that new bytes are compared with
/// the copy, not with the value (a look into a string's own bytes, or at an array of them,
/// retains and releases it). The copy's memory is reused for the next value; ``forget()``
/// frees it.
struct RememberedBytes<Value> {
    private var value: Value?
    private var bytes: UnsafeMutablePointer<UInt8>?
    /// How many bytes the value was read from.
    private(set) var count = 0
    private var capacity = 0

    init() {}

    /// The value when the bytes at `start` (of which `available` may be read) begin with
    /// the remembered ones.
    @inline(__always)
    func value(ifAt start: UnsafePointer<UInt8>, within available: Int) -> Value? {
        guard let bytes, count <= available, bytesEqual(start, bytes, count) else { return nil }
        return value
    }

    mutating func remember(_ value: Value, readFrom read: UnsafeBufferPointer<UInt8>) {
        if capacity < read.count {
            bytes?.deallocate()
            bytes = .allocate(capacity: read.count)
            capacity = read.count
        }
        if let start = read.baseAddress, let bytes, read.count > 0 { bytes.update(from: start, count: read.count) }
        count = read.count
        self.value = value
    }

    /// Frees the copy of the bytes.
    mutating func forget() {
        bytes?.deallocate()
        self = RememberedBytes()
    }
}

/// Tables of remembered values, made once and used again by one decoder after another.
private final class SpareTables<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var spare: [UnsafeMutablePointer<RememberedBytes<Value>>] = []
    private let slots: Int
    /// Enough for every worker's decoders, with room: one more is freed instead.
    private static var limit: Int { 16 }

    init(slots: Int) {
        self.slots = slots
    }

    /// A table of `slots` entries, one used before when there is one.
    func take() -> UnsafeMutablePointer<RememberedBytes<Value>> {
        lock.lock()
        let reused = spare.popLast()
        lock.unlock()
        if let reused { return reused }
        let table = UnsafeMutablePointer<RememberedBytes<Value>>.allocate(capacity: slots)
        table.initialize(repeating: RememberedBytes(), count: slots)
        return table
    }

    /// Keeps a table for ``take()``, or frees it when enough are kept.
    func give(back table: UnsafeMutablePointer<RememberedBytes<Value>>) {
        lock.lock()
        if spare.count < Self.limit {
            spare.append(table)
            lock.unlock()
            return
        }
        lock.unlock()
        for slot in 0..<slots { table[slot].forget() }
        table.deinitialize(count: slots)
        table.deallocate()
    }
}
