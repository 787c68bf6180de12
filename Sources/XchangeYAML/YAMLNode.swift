/// One node of a YAML document, after aliases have been replaced by copies of what they
/// name.
///
/// Mappings are kept as ordered pairs rather than a dictionary: report fields have a
/// meaningful order, and a duplicated key is a finding the caller should report with both
/// positions, not something to resolve silently here.
public indirect enum YAMLNode: Hashable, Sendable {
    /// A scalar with its style, tag and position.
    case scalar(YAMLScalar)
    /// A sequence and where it starts.
    case sequence([YAMLNode], YAMLMark)
    /// A mapping in source order, duplicates included, and where it starts.
    case mapping([YAMLPair], YAMLMark)

    /// Where the node starts in the source.
    public var mark: YAMLMark {
        switch self {
        case .scalar(let scalar): scalar.mark
        case .sequence(_, let mark), .mapping(_, let mark): mark
        }
    }
}

/// One key-value entry of a mapping. Keys are nodes because YAML allows any node as a key;
/// report files only use scalars.
public struct YAMLPair: Hashable, Sendable {
    /// The key node.
    public var key: YAMLNode
    /// The value node.
    public var value: YAMLNode

    /// Creates a pair.
    public init(key: YAMLNode, value: YAMLNode) {
        self.key = key
        self.value = value
    }
}

extension YAMLNode {
    /// The scalar, if this node is one; saves a `switch` at every field lookup.
    public var scalar: YAMLScalar? {
        if case .scalar(let scalar) = self { return scalar }
        return nil
    }

    /// The elements, if this node is a sequence.
    public var sequence: [YAMLNode]? {
        if case .sequence(let items, _) = self { return items }
        return nil
    }

    /// The pairs, if this node is a mapping.
    public var mapping: [YAMLPair]? {
        if case .mapping(let pairs, _) = self { return pairs }
        return nil
    }

    /// The value of the first pair whose key is a scalar with this text, if this node is a
    /// mapping. Later duplicates are ignored here; look at ``mapping`` to find them.
    public subscript(key: String) -> YAMLNode? {
        guard case .mapping(let pairs, _) = self else { return nil }
        return pairs.first { $0.key.scalar?.value == key }?.value
    }
}
