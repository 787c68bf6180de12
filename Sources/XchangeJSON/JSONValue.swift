/// A parsed JSON value.
///
/// Numbers keep their literal text exactly as written (`0.0001`, `12.50`, `1e3`, `-0`), so
/// decimals survive a read–write round trip and the consumer decides how to interpret them.
/// Objects are ordered lists of members: order and duplicate keys are preserved, because the
/// reader must be able to report duplicates and the writer must reproduce the caller's order.
///
/// Positions: a `JSONValue` carries none itself. Every object member records where its key
/// and its value start (`JSONMember.position`, `JSONMember.valuePosition`), which locates any
/// field of a report: "line 12, column 5: applications.new_received.total: expected a count".
/// An array element is located through the member that holds the array (or through
/// `JSONStreamReader.lastItemPosition` for streamed top-level items); elements that are
/// objects are located exactly through their own members.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// The number's literal text, exactly as written in the input (or as given to the writer).
    case number(String)
    case string(String)
    case array([JSONValue])
    case object([JSONMember])
}

/// One `"key": value` pair of an object, with where it was read from.
///
/// Equality and hashing ignore the positions: two documents with the same content are equal
/// however they are laid out.
public struct JSONMember: Hashable, Sendable {
    /// The key, unescaped.
    public var key: String
    /// The member's value.
    public var value: JSONValue
    /// Where the key's opening quote is.
    public var position: JSONPosition
    /// Where the value starts.
    public var valuePosition: JSONPosition

    /// Creates a member. Members built in code have no meaningful position; line 0, column 0
    /// is used by default so they are recognisable.
    public init(
        key: String,
        value: JSONValue,
        position: JSONPosition = JSONPosition(line: 0, column: 0),
        valuePosition: JSONPosition? = nil
    ) {
        self.key = key
        self.value = value
        self.position = position
        self.valuePosition = valuePosition ?? position
    }

    public static func == (lhs: JSONMember, rhs: JSONMember) -> Bool {
        lhs.key == rhs.key && lhs.value == rhs.value
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(key)
        hasher.combine(value)
    }
}

extension JSONValue {
    /// The value of the first member named `key`, if this is an object that has one.
    public subscript(key: String) -> JSONValue? {
        member(named: key)?.value
    }

    /// The first member named `key`, with its position, if this is an object that has one.
    public func member(named key: String) -> JSONMember? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }
    }

    /// The members, if this is an object.
    public var members: [JSONMember]? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// The elements, if this is an array.
    public var elements: [JSONValue]? {
        if case .array(let elements) = self { return elements }
        return nil
    }

    /// The text, if this is a string.
    public var stringValue: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// The literal text, if this is a number.
    public var numberLiteral: String? {
        if case .number(let literal) = self { return literal }
        return nil
    }

    /// The flag, if this is a boolean.
    public var boolValue: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// Whether this is `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The kind of value with an article, for messages such as "expected a count, found a string".
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }
}
