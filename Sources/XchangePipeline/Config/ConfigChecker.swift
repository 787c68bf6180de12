import XchangeCore
import XchangeYAML

/// Checks a YAML node against a ``ConfigShape`` and names every problem by line and column,
/// with the nearest valid name for a misspelt key or word.
public struct ConfigChecker {
    /// The pipeline file, for the positions in diagnostics.
    public let file: String

    public init(file: String) {
        self.file = file
    }

    /// Every problem of `node` against `shape`; `path` names the node in messages (`steps[2].sort`).
    public func problems(_ node: YAMLNode, _ shape: ConfigShape, path: String) -> [Diagnostic] {
        switch shape {
        case .any, .reference:
            return []
        case .null:
            guard node.scalar?.kind == .null else { return [typeProblem(node, shape, path)] }
            return []
        case .string, .scalar:
            guard let scalar = node.scalar, scalar.kind != .null else { return [typeProblem(node, shape, path)] }
            return []
        case .integer:
            guard node.scalar?.kind == .int else { return [typeProblem(node, shape, path)] }
            return []
        case .boolean:
            guard node.scalar?.kind == .bool else { return [typeProblem(node, shape, path)] }
            return []
        case .choice(let words):
            guard let scalar = node.scalar else { return [typeProblem(node, shape, path)] }
            guard words.contains(scalar.value) else {
                let hint = NearestName.find(scalar.value, among: words).map { "; did you mean \($0)?" } ?? ""
                return [
                    error(
                        "pipeline.value",
                        "\(path): \"\(scalar.value)\" is not one of \(words.joined(separator: ", "))\(hint)",
                        at: node.mark)
                ]
            }
            return []
        case .list(let item, let minItems):
            guard let items = node.sequence else { return [typeProblem(node, shape, path)] }
            var found: [Diagnostic] = []
            if items.count < minItems {
                found.append(
                    error(
                        "pipeline.value", "\(path): needs at least \(minItems) \(minItems == 1 ? "item" : "items")",
                        at: node.mark))
            }
            for (index, element) in items.enumerated() {
                found += problems(element, item, path: "\(path)[\(index + 1)]")
            }
            return found
        case .object(let properties, let required, let additional):
            guard let pairs = node.mapping else { return [typeProblem(node, shape, path)] }
            return objectProblems(node, pairs, properties, required, additional, path)
        case .oneOf(let shapes):
            guard let fitting = shapes.first(where: { Self.fits(node, $0) }) else {
                return [typeProblem(node, shape, path)]
            }
            return problems(node, fitting, path: path)
        }
    }

    private func objectProblems(
        _ node: YAMLNode, _ pairs: [YAMLPair], _ properties: [ConfigProperty], _ required: [String],
        _ additional: ConfigShape?, _ path: String
    ) -> [Diagnostic] {
        var found: [Diagnostic] = []
        var seen: [String: YAMLMark] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value else {
                found.append(error("pipeline.type", "\(path): keys must be plain names", at: pair.key.mark))
                continue
            }
            let inner = path.isEmpty ? key : "\(path).\(key)"
            if let earlier = seen[key] {
                found.append(
                    error("pipeline.duplicate-key", "\(inner) is given twice (first at \(earlier))", at: pair.key.mark))
            }
            seen[key] = pair.key.mark
            if let property = properties.first(where: { $0.name == key }) {
                found += problems(pair.value, property.shape, path: inner)
            } else if let additional {
                found += problems(pair.value, additional, path: inner)
            } else {
                let names = properties.map(\.name)
                let hint = NearestName.find(key, among: names).map { "did you mean \($0)? " } ?? ""
                let place = path.isEmpty ? "the pipeline file" : path
                found.append(
                    error(
                        "pipeline.unknown-key",
                        "unknown key \(key) in \(place); \(hint)it takes \(names.joined(separator: ", "))",
                        at: pair.key.mark))
            }
        }
        for name in required where seen[name] == nil {
            found.append(
                error(
                    "pipeline.missing-key", "\(path.isEmpty ? "the pipeline file" : path) needs \(name)", at: node.mark)
            )
        }
        return found
    }

    /// Whether a node's kind is the one a shape takes (the choice among `oneOf` alternatives).
    static func fits(_ node: YAMLNode, _ shape: ConfigShape) -> Bool {
        switch (shape, node) {
        case (.any, _), (.reference, _): true
        case (.null, .scalar(let scalar)): scalar.kind == .null
        case (.integer, .scalar(let scalar)): scalar.kind == .int
        case (.boolean, .scalar(let scalar)): scalar.kind == .bool
        case (.string, .scalar), (.scalar, .scalar), (.choice, .scalar): true
        case (.list, .sequence), (.object, .mapping): true
        case (.oneOf(let shapes), _): shapes.contains { fits(node, $0) }
        default: false
        }
    }

    private func typeProblem(_ node: YAMLNode, _ shape: ConfigShape, _ path: String) -> Diagnostic {
        error("pipeline.type", "\(path): expected \(shape.expectation), found \(Self.describe(node))", at: node.mark)
    }

    /// A node in a few words, for messages.
    static func describe(_ node: YAMLNode) -> String {
        switch node {
        case .scalar(let scalar): scalar.kind == .null ? "nothing" : "\"\(scalar.value)\""
        case .sequence: "a list"
        case .mapping: "a mapping"
        }
    }

    /// An error at a position of the pipeline file.
    public func error(_ code: String, _ message: String, at mark: YAMLMark) -> Diagnostic {
        Diagnostic.error(code, message, at: SourceReference(file: file, line: mark.line, column: mark.column))
    }
}
