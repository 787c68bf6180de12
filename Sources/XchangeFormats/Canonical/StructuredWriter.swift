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
    mutating func bool(_ value: Bool) throws
    mutating func null() throws
}
