/// The calls a nested-data writer (JSON, YAML) accepts, so that one encoder serves both.
public protocol StructuredWriter {
    mutating func beginObject() throws
    mutating func endObject() throws
    mutating func beginArray() throws
    mutating func endArray() throws
    mutating func key(_ key: String) throws
    mutating func string(_ value: String) throws
    /// A number, written exactly as this literal.
    mutating func number(_ literal: String) throws
    /// A whole number.
    mutating func integer(_ value: Int) throws
    mutating func bool(_ value: Bool) throws
    mutating func null() throws
}

extension StructuredWriter {
    public mutating func integer(_ value: Int) throws { try number(String(value)) }
}
