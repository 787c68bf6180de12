/// Assembles the events of one document into a ``YAMLNode`` tree, enforcing the reader's
/// limits as it goes.
///
/// Built with an explicit stack rather than recursion, so that the depth limit is a policy
/// choice and not the size of a thread's stack. Aliases are counted by the size of the
/// subtree they copy, which is what a consumer walking the tree would pay: a "billion
/// laughs" document is refused after a few dozen events, long before anything large exists.
struct DocumentBuilder {
    private struct Collection {
        let isMapping: Bool
        let mark: YAMLMark
        let anchor: String?
        /// The document's node count before this collection, to size it for its anchor.
        let nodeCountBefore: Int
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?
    }

    private enum Anchor {
        /// The anchored collection is still being read; an alias to it would be a cycle.
        case open
        case complete(YAMLNode, size: Int)
    }

    private let limits: YAMLDocumentReader.Limits
    private var stack: [Collection] = []
    private var anchors: [String: Anchor] = [:]
    private var nodeCount = 0

    init(limits: YAMLDocumentReader.Limits) {
        self.limits = limits
    }

    /// Adds a scalar; returns the document's root once it is complete.
    mutating func scalar(_ scalar: YAMLScalar, anchor: String?) throws(YAMLError) -> YAMLNode? {
        try count(1, at: scalar.mark, isAlias: false)
        let node = YAMLNode.scalar(scalar)
        if let anchor { anchors[anchor] = .complete(node, size: 1) }
        return attach(node)
    }

    /// Replaces an alias by the node its anchor names; returns the root once complete.
    mutating func alias(_ name: String, at mark: YAMLMark) throws(YAMLError) -> YAMLNode? {
        switch anchors[name] {
        case nil:
            throw YAMLError(message: "alias *\(name) refers to an undefined anchor", mark: mark)
        case .open:
            throw YAMLError(message: "alias *\(name) refers to a node that contains it", mark: mark)
        case .complete(let node, let size):
            try count(size, at: mark, isAlias: true)
            return attach(node)
        }
    }

    /// Opens a sequence or mapping.
    mutating func begin(mapping isMapping: Bool, anchor: String?, at mark: YAMLMark) throws(YAMLError) {
        guard stack.count < limits.maxDepth else { throw Self.depthError(limits, at: mark) }
        let before = nodeCount
        try count(1, at: mark, isAlias: false)
        if let anchor { anchors[anchor] = .open }
        stack.append(Collection(isMapping: isMapping, mark: mark, anchor: anchor, nodeCountBefore: before))
    }

    /// Closes the innermost collection; returns the root once complete.
    mutating func end() -> YAMLNode? {
        let collection = stack.removeLast()
        let node: YAMLNode =
            collection.isMapping
            ? .mapping(collection.pairs, collection.mark)
            : .sequence(collection.items, collection.mark)
        if let anchor = collection.anchor {
            anchors[anchor] = .complete(node, size: nodeCount - collection.nodeCountBefore)
        }
        return attach(node)
    }

    private mutating func attach(_ node: YAMLNode) -> YAMLNode? {
        guard !stack.isEmpty else { return node }
        let top = stack.count - 1
        if !stack[top].isMapping {
            stack[top].items.append(node)
        } else if let key = stack[top].pendingKey {
            stack[top].pairs.append(YAMLPair(key: key, value: node))
            stack[top].pendingKey = nil
        } else {
            stack[top].pendingKey = node
        }
        return nil
    }

    private mutating func count(_ nodes: Int, at mark: YAMLMark, isAlias: Bool) throws(YAMLError) {
        let (total, overflow) = nodeCount.addingReportingOverflow(nodes)
        guard !overflow, total <= limits.maxNodesPerDocument else {
            throw Self.nodeLimitError(limits, isAlias: isAlias, at: mark)
        }
        nodeCount = total
    }

    /// The error for a collection opened at the depth limit.
    static func depthError(_ limits: YAMLDocumentReader.Limits, at mark: YAMLMark) -> YAMLError {
        YAMLError(message: "nesting exceeds the maximum depth of \(limits.maxDepth)", mark: mark)
    }

    /// The error for a node (or an alias's copy) past the node limit.
    static func nodeLimitError(_ limits: YAMLDocumentReader.Limits, isAlias: Bool, at mark: YAMLMark) -> YAMLError {
        let what = isAlias ? "alias expansion" : "document"
        return YAMLError(message: "\(what) exceeds \(limits.maxNodesPerDocument) nodes", mark: mark)
    }
}
