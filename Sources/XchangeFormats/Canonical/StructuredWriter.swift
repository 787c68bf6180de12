/// The calls a nested-data writer (JSON, YAML) accepts, so that one encoder serves both.
public protocol StructuredWriter {
    mutating func beginObject() throws
    mutating func endObject() throws
    mutating func beginArray() throws
    mutating func endArray() throws
    mutating func key(_ key: String) throws
    /// A key the encoder keeps encoded; writers that can use the bytes directly do.
    mutating func key(_ key: EncodedKey) throws
    mutating func string(_ value: String) throws
    /// A number, written exactly as this literal.
    mutating func number(_ literal: String) throws
    /// A number given as its literal's UTF-8 bytes, for callers that format numbers without
    /// making a `String`.
    mutating func number(utf8: UnsafeBufferPointer<UInt8>) throws
    /// A whole number.
    mutating func integer(_ value: Int) throws
    /// An object member whose value is a whole number: `key(key)` then `integer(value)`, in one
    /// call for writers that can do both at once (most members of a report are counts).
    mutating func integer(_ value: Int, key: EncodedKey) throws
    /// A string given as valid UTF-8 bytes.
    mutating func string(utf8: UnsafeBufferPointer<UInt8>) throws
    mutating func bool(_ value: Bool) throws
    mutating func null() throws
}

extension StructuredWriter {
    public mutating func integer(_ value: Int) throws { try number(String(value)) }
    public mutating func key(_ key: EncodedKey) throws { try self.key(key.string) }
    public mutating func integer(_ value: Int, key: EncodedKey) throws {
        try self.key(key)
        try integer(value)
    }
    public mutating func number(utf8: UnsafeBufferPointer<UInt8>) throws {
        try number(String(decoding: utf8, as: UTF8.self))
    }
    public mutating func string(utf8: UnsafeBufferPointer<UInt8>) throws {
        try string(String(decoding: utf8, as: UTF8.self))
    }
}

/// A key of the canonical layout, encoded once as UTF-8 for the life of the process.
public struct EncodedKey: @unchecked Sendable {
    /// The key's bytes between quotes, `"name"`, never freed: keys belong to the schema, which
    /// lives as long as the program. One pointer keeps the encoder's steps small to copy.
    private let quoted: UnsafeBufferPointer<UInt8>
    /// Whether the name holds a byte JSON must escape (no key of the schema does).
    private let needsEscape: Bool

    /// The name's bytes.
    public var utf8: UnsafeBufferPointer<UInt8> {
        @inline(__always) get { UnsafeBufferPointer(start: quoted.baseAddress! + 1, count: quoted.count - 2) }
    }

    /// The key as a JSON string literal, quotes included, when it needs no escape: JSON
    /// writers copy it whole.
    public var jsonLiteral: UnsafeBufferPointer<UInt8>? {
        @inline(__always) get { needsEscape ? nil : quoted }
    }

    init(_ name: String) {
        let quote = UInt8(ascii: "\"")
        let bytes = [quote] + Array(name.utf8) + [quote]
        let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
        _ = storage.initialize(from: bytes)
        quoted = UnsafeBufferPointer(storage)
        needsEscape = name.utf8.contains { $0 < 0x20 || $0 == quote || $0 == UInt8(ascii: "\\") }
    }

    public var string: String { String(decoding: utf8, as: UTF8.self) }
}
