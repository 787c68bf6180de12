import XchangeCore
import XchangeJSON

/// A parsed JSON value seen through ``DocumentNode``, carrying the position it was read at.
struct JSONDocumentNode: DocumentNode {
    typealias Members = LazyMapCollection<[JSONMember], DocumentMember<JSONDocumentNode>>
    typealias Elements = LazyMapCollection<[JSONValue], JSONDocumentNode>

    let value: JSONValue
    let at: JSONPosition?

    var position: DocumentPosition? { at.map { DocumentPosition(line: $0.line, column: $0.column) } }

    var content: DocumentContent<JSONDocumentNode> {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let literal): .number(literal)
        case .string(let text): .string(text)
        // Elements have no position of their own; the array's stands in.
        case .array(let items): .array(items.lazy.map { [at] in JSONDocumentNode(value: $0, at: at) })
        case .object(let members):
            .object(
                members.lazy.map { member in
                    DocumentMember(
                        key: member.key,
                        position: DocumentPosition(line: member.position.line, column: member.position.column),
                        value: JSONDocumentNode(value: member.value, at: member.valuePosition))
                })
        }
    }
}

extension JSONWriter: StructuredWriter {
    public func integer(_ value: Int) { int(value) }
    public func integer(_ value: Int, key: EncodedKey) {
        if let literal = key.jsonLiteral {
            member(literal: literal, int: value)
        } else {
            self.key(utf8: key.utf8)
            int(value)
        }
    }
    public func number(utf8: UnsafeBufferPointer<UInt8>) { number(literal: utf8) }
    public func string(utf8: UnsafeBufferPointer<UInt8>) { string(validUTF8: utf8) }
    public func key(_ key: EncodedKey) {
        if let literal = key.jsonLiteral {
            self.key(literal: literal)
        } else {
            self.key(utf8: key.utf8)
        }
    }
}
