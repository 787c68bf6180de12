import XchangeCore
import XchangeYAML

/// A YAML node seen through ``DocumentNode``, with scalars resolved by ``YAMLScalarContent``.
struct YAMLDocumentNode: DocumentNode {
    typealias Members = LazyMapCollection<[YAMLPair], DocumentMember<YAMLDocumentNode>>
    typealias Elements = LazyMapCollection<[YAMLNode], YAMLDocumentNode>

    let node: YAMLNode

    var position: DocumentPosition? { DocumentPosition(line: node.mark.line, column: node.mark.column) }

    var content: DocumentContent<YAMLDocumentNode> {
        switch node {
        case .scalar(let scalar):
            switch YAMLScalarContent(scalar) {
            case .null: return .null
            case .bool(let value): return .bool(value)
            case .number: return .number(scalar.value)
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
