import XchangeCore

/// A parsed JSON or YAML node as the canonical decoder sees it.
public protocol DocumentNode {
    /// An object's members; a lazy view, so that reading a node allocates no copy of them.
    associatedtype Members: Collection where Members.Element == DocumentMember<Self>
    /// An array's elements, likewise.
    associatedtype Elements: Collection where Elements.Element == Self
    var content: DocumentContent<Self> { get }
    /// Where the node starts in its file.
    var position: DocumentPosition? { get }
}

/// A line and column (1-based) in the file a node was parsed from.
public struct DocumentPosition: Hashable, Sendable {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// The content of a ``DocumentNode``.
public enum DocumentContent<Node: DocumentNode> {
    case null
    case bool(Bool)
    /// A number, as the literal written in the source.
    case number(String)
    case string(String)
    case array(Node.Elements)
    case object(Node.Members)

    /// What the node is, for messages: `a string "abc"`, `an array`.
    var summary: String {
        switch self {
        case .null: "null"
        case .bool(let value): "\(value)"
        case .number(let literal): "the number \(literal)"
        case .string(let text): "the string \"\(text.count > 40 ? String(text.prefix(40)) + "…" : text)\""
        case .array: "an array"
        case .object: "an object"
        }
    }
}

/// One key of an object, with where the key is written.
public struct DocumentMember<Node> {
    public var key: String
    public var position: DocumentPosition?
    public var value: Node

    public init(key: String, position: DocumentPosition?, value: Node) {
        self.key = key
        self.position = position
        self.value = value
    }
}
