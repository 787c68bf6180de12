import Foundation
import XchangeCore
import XchangeFormats
import XchangeYAML

/// Loads and checks a pipeline file without touching data: every problem (an unknown key,
/// step, format or option, a wrong type, a bad template or variable) names its line and column
/// in the pipeline file and the nearest valid name.
public struct PipelineLoader {
    public let formats: FormatRegistry
    public let steps: StepRegistry
    /// `--var NAME=VALUE`: win over the environment and `vars:`.
    public var variables: [String: String]
    public var environment: [String: String]

    public init(
        formats: FormatRegistry, steps: StepRegistry, variables: [String: String] = [:],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.formats = formats
        self.steps = steps
        self.variables = variables
        self.environment = environment
    }

    /// Loads the file; throws the first problem after reporting every other one to `diagnostics`.
    public func load(_ path: String, diagnostics: any DiagnosticCollector) throws(Diagnostic) -> Pipeline {
        let input = try InputSource(path: path)
        let bytes: [UInt8]
        do { bytes = try input.readAll() } catch {
            throw Diagnostic.error("input.read", "cannot read \(path): \(error)")
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw Diagnostic.error("pipeline.syntax", "\(path) is not UTF-8 text", at: SourceReference(file: path))
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().relativePath
        let expander = VariableExpander(file: path)
        let expansion = try expander.expand(text, values: try resolvedVariables(text, expander: expander, file: path))
        let root = try parse(expansion, file: path)
        var problems = ConfigChecker(file: path).problems(root, PipelineFileShape.file(steps: .any), path: "")
        var pipeline: Pipeline?
        if problems.isEmpty {
            var builder = PipelineBuilder(
                file: path, folder: folder == "." ? "" : folder, formats: formats, steps: steps)
            pipeline = builder.build(root)
            problems = builder.problems
        }
        if let first = problems.first {
            for problem in problems.dropFirst() { diagnostics.report(problem) }
            throw first
        }
        return pipeline!
    }

    /// `--var`, then the environment, then `vars:` (read from the file with unset variables
    /// held by placeholders, so that they may appear anywhere the file uses them).
    private func resolvedVariables(
        _ text: String, expander: VariableExpander, file: String
    ) throws(Diagnostic) -> [String: String] {
        var values = environment
        for (name, value) in variables { values[name] = value }
        var placeholders = values
        for use in expander.uses(in: text) where placeholders[use.name] == nil {
            placeholders[use.name] = "xchange-unset-variable"
        }
        if let expansion = try? expander.expand(text, values: placeholders),
            let root = try? parse(expansion, file: file),
            let pairs = root["vars"]?.mapping
        {
            for pair in pairs {
                guard let name = pair.key.scalar?.value, let value = pair.value.scalar?.value, values[name] == nil
                else { continue }
                values[name] = value
            }
        }
        return values
    }

    private func parse(_ expansion: VariableExpander.Expansion, file: String) throws(Diagnostic) -> YAMLNode {
        let documents: [YAMLNode]
        do { documents = try parseYAMLDocuments(Array(expansion.text.utf8)) } catch {
            let line = error.mark?.line
            let column = line.map { expansion.originalColumn(line: $0, column: error.mark!.column) }
            throw Diagnostic.error(
                "pipeline.syntax", "not valid YAML: \(error.message)",
                at: SourceReference(file: file, line: line, column: column))
        }
        guard documents.count == 1, let root = documents.first, root.mapping != nil else {
            throw Diagnostic.error(
                "pipeline.syntax", "a pipeline file is one YAML mapping (version, sources, steps, sinks)",
                at: SourceReference(file: file, line: 1, column: 1))
        }
        return expansion.shifts.isEmpty ? root : Self.remap(root, expansion)
    }

    /// The node with every position moved back to the columns of the file as written.
    static func remap(_ node: YAMLNode, _ expansion: VariableExpander.Expansion) -> YAMLNode {
        func mark(_ mark: YAMLMark) -> YAMLMark {
            YAMLMark(line: mark.line, column: expansion.originalColumn(line: mark.line, column: mark.column))
        }
        switch node {
        case .scalar(var scalar):
            scalar.mark = mark(scalar.mark)
            return .scalar(scalar)
        case .sequence(let items, let at):
            return .sequence(items.map { remap($0, expansion) }, mark(at))
        case .mapping(let pairs, let at):
            return .mapping(
                pairs.map { YAMLPair(key: remap($0.key, expansion), value: remap($0.value, expansion)) }, mark(at))
        }
    }
}
