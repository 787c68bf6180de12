import XchangeCore
import XchangeYAML

/// A YAML node seen through ``DocumentNode``, with scalars resolved by the YAML 1.2 core
/// schema: a quoted `"12"` is text, a plain `12` a number.
struct YAMLDocumentNode: DocumentNode {
    typealias Members = LazyMapCollection<[YAMLPair], DocumentMember<YAMLDocumentNode>>
    typealias Elements = LazyMapCollection<[YAMLNode], YAMLDocumentNode>

    let node: YAMLNode

    var position: DocumentPosition? { DocumentPosition(line: node.mark.line, column: node.mark.column) }

    var content: DocumentContent<YAMLDocumentNode> {
        switch node {
        case .scalar(let scalar):
            switch scalar.kind {
            case .null: return .null
            case .bool: return .bool(scalar.value.lowercased() == "true")
            case .int, .float:
                // Only decimal literals are numbers here; 0x1F or .inf in a report is a mistake, shown as text.
                return DecimalText.parse(scalar.value) != nil ? .number(scalar.value) : .string(scalar.value)
            case .string: return .string(scalar.value)
            }
        case .sequence(let items, _):
            return .array(items.lazy.map(YAMLDocumentNode.init(node:)))
        case .mapping(let pairs, _):
            return .object(
                pairs.lazy.map { pair in
                    DocumentMember(
                        key: pair.key.scalar?.value ?? "",
                        position: DocumentPosition(line: pair.key.mark.line, column: pair.key.mark.column),
                        value: YAMLDocumentNode(node: pair.value))
                })
        }
    }
}
