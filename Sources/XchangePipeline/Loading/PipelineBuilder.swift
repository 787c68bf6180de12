import Foundation
import XchangeCore
import XchangeFormats
import XchangeYAML

/// Turns a pipeline file's checked top-level mapping into a ``Pipeline``, collecting every
/// problem with its position: formats and their options, column maps, steps and their
/// configurations, sink templates.
struct PipelineBuilder {
    let file: String
    let folder: String
    let formats: FormatRegistry
    let steps: StepRegistry
    private(set) var problems: [Diagnostic] = []

    init(file: String, folder: String, formats: FormatRegistry, steps: StepRegistry) {
        self.file = file
        self.folder = folder
        self.formats = formats
        self.steps = steps
    }

    private var checker: ConfigChecker { ConfigChecker(file: file) }

    mutating func build(_ root: YAMLNode) -> Pipeline? {
        if let version = root["version"], version.scalar?.value != "1" {
            problems.append(
                checker.error(
                    "pipeline.version", "version \(version.scalar?.value ?? "") is not known; only version 1 exists",
                    at: version.mark))
        }
        let sources = (root["sources"]?.sequence ?? []).compactMap { source($0) }
        let entries = (root["steps"]?.sequence ?? []).compactMap { step($0) }
        let sinks = (root["sinks"]?.sequence ?? []).compactMap { sink($0) }
        let rejects = root["rejects"]?.scalar.map { PipelinePaths.resolve($0.value, in: folder) }
        if rejects == nil, let skipping = entries.first(where: \.skipsOnError) {
            problems.append(
                checker.error(
                    "pipeline.missing-key",
                    "the \(skipping.type.name) step skips refused reports (on_error: skip), but the file names no rejects: file for them",
                    at: YAMLMark(line: skipping.line, column: 1)))
        }
        guard problems.isEmpty else { return nil }
        // Each step is made once here so that what only its factory can see is found by --check.
        let outputs = StagedOutputs(dryRun: true)
        let context = StepContext(file: file, folder: folder, diagnostics: DiagnosticList(), outputs: outputs)
        for entry in entries {
            do { _ = try entry.type.makeStep(entry.config, context: context) } catch { problems.append(error) }
        }
        for sink in sinks where !sink.path.isTemplate {
            do { _ = try outputs.reserve(sink.path.description) } catch { problems.append(error) }
        }
        if let rejects {
            do { _ = try outputs.reserve(rejects) } catch { problems.append(error) }
        }
        guard problems.isEmpty else { return nil }
        return Pipeline(
            file: file, folder: folder, name: root["name"]?.scalar?.value, sources: sources, steps: entries,
            sinks: sinks, rejects: rejects)
    }

    private mutating func source(_ node: YAMLNode) -> PipelineSource? {
        let pathNode = node["path"]!
        let pattern = pathNode.scalar!.value
        let resolved = PipelinePaths.resolve(pattern, in: folder)
        let formatID = node["format"]?.scalar?.value
        var options: [String: String] = [:]
        for pair in node["options"]?.mapping ?? [] { options[pair.key.scalar!.value] = pair.value.scalar!.value }
        // The format is known now unless the glob leaves the extension open (`inbox/*`).
        let module: (any FormatModule)?
        do {
            module = try formats.resolve(id: formatID, path: resolved, for: .read, namer: "the source's format: key")
        } catch {
            if formatID == nil, Self.hasOpenExtension(pattern) {
                module = nil
            } else {
                problems.append(checker.error(error.code, error.message, at: (node["format"] ?? pathNode).mark))
                return nil
            }
        }
        if let columns = node["columns"] {
            guard module.map({ Self.takesColumnMap($0) }) ?? true else {
                problems.append(
                    checker.error(
                        "pipeline.columns", "columns: maps apply to the csv reader, not to \(module!.id)",
                        at: columns.mark))
                return nil
            }
            guard let value = columnMapOption(columns) else { return nil }
            options["columns"] = value
        }
        if let unmapped = node["unmapped"] {
            guard node["columns"] != nil else {
                problems.append(
                    checker.error("pipeline.columns", "unmapped: applies only with columns:", at: unmapped.mark))
                return nil
            }
            options["unmapped"] = unmapped.scalar!.value
        }
        if let module {
            do { _ = try FormatOptions(options, for: module, side: .read) } catch {
                problems.append(checker.error(error.code, error.message, at: (node["options"] ?? pathNode).mark))
                return nil
            }
        }
        return PipelineSource(
            pattern: pattern, resolved: resolved, formatID: formatID, options: options, line: pathNode.mark.line)
    }

    /// The csv reader's `columns` option for a map file (checked now, naming its own lines) or an inline map.
    private mutating func columnMapOption(_ node: YAMLNode) -> String? {
        if let path = node.scalar?.value {
            let resolved = PipelinePaths.resolve(path, in: folder)
            do { _ = try CSVColumnMap.load(resolved) } catch {
                var problem = error
                if problem.location?.line == nil {
                    problem.location = SourceReference(file: file, line: node.mark.line, column: node.mark.column)
                }
                problems.append(problem)
                return nil
            }
            return resolved
        }
        do { _ = try CSVColumnMap(node, file: file) } catch {
            problems.append(error)
            return nil
        }
        let entries = (node.mapping ?? []).map { (header: $0.key.scalar!.value, key: $0.value.scalar!.value) }
        return CSVColumnMap.inlineOption(entries)
    }

    /// The second of two pairs with the same key, and where the first one's key is.
    private static func repeatedKey(in pairs: [YAMLPair]) -> (YAMLPair, YAMLMark)? {
        var seen: [String: YAMLMark] = [:]
        for pair in pairs {
            guard let key = pair.key.scalar?.value else { continue }
            if let first = seen[key] { return (pair, first) }
            seen[key] = pair.key.mark
        }
        return nil
    }

    private mutating func step(_ node: YAMLNode) -> PipelineStepEntry? {
        guard var pairs = node.mapping else {
            let name = node.scalar?.value ?? ""
            let hint = steps.type(named: name).map { "write - \($0.name): {} " } ?? ""
            problems.append(
                checker.error(
                    "pipeline.type",
                    "a step is a one-key mapping {step: options}; \(hint)found \(ConfigChecker.describe(node))",
                    at: node.mark))
            return nil
        }
        if let (repeated, first) = Self.repeatedKey(in: pairs) {
            problems.append(
                checker.error(
                    "pipeline.duplicate-key", "\(repeated.key.scalar!.value) is given twice (first at \(first))",
                    at: repeated.key.mark))
            return nil
        }
        var skips = false
        if let index = pairs.firstIndex(where: { $0.key.scalar?.value == "on_error" }) {
            let found = checker.problems(pairs[index].value, PipelineFileShape.onError.shape, path: "on_error")
            problems += found
            skips = pairs[index].value.scalar?.value == "skip"
            pairs.remove(at: index)
        }
        if pairs.count > 1, let named = pairs.first(where: { steps.type(named: $0.key.scalar?.value ?? "") != nil }),
            let stray = pairs.first(where: {
                $0.key != named.key && steps.type(named: $0.key.scalar?.value ?? "") == nil
            })
        {
            let key = stray.key.scalar?.value ?? ""
            let hint = NearestName.find(key, among: ["on_error"]).map { "did you mean \($0)? " } ?? ""
            problems.append(
                checker.error(
                    "pipeline.unknown-key",
                    "unknown key \(key) beside the step \(named.key.scalar!.value); \(hint)a step takes only on_error beside its name",
                    at: stray.key.mark))
            return nil
        }
        guard pairs.count == 1, let name = pairs[0].key.scalar?.value else {
            problems.append(
                checker.error(
                    "pipeline.step",
                    "a step is a one-key mapping {step: options} (plus on_error), found \(pairs.count) keys",
                    at: node.mark))
            return nil
        }
        guard let type = steps.type(named: name) else {
            let known = steps.types.map(\.name)
            let hint = NearestName.find(name, among: known).map { "did you mean \($0)? " } ?? ""
            problems.append(
                checker.error(
                    "pipeline.unknown-step", "unknown step \(name); \(hint)steps: \(known.joined(separator: ", "))",
                    at: pairs[0].key.mark))
            return nil
        }
        var config = pairs[0].value
        if config.scalar?.kind == .null { config = .mapping([], config.mark) }
        // `on_error` may also stand inside an options mapping: checked (and suggested) with the options.
        var shape = type.configShape
        if case .object(let properties, let required, let additional) = shape {
            shape = .object(properties + [PipelineFileShape.onError], required: required, additional: additional)
        }
        let found = checker.problems(config, shape, path: name)
        if case .mapping(var members, let at) = config,
            let index = members.firstIndex(where: { $0.key.scalar?.value == "on_error" })
        {
            skips = skips || members[index].value.scalar?.value == "skip"
            members.remove(at: index)
            config = .mapping(members, at)
        }
        problems += found
        guard found.isEmpty else { return nil }
        return PipelineStepEntry(type: type, config: config, skipsOnError: skips, line: pairs[0].key.mark.line)
    }

    private mutating func sink(_ node: YAMLNode) -> PipelineSink? {
        let pathNode = node["path"]!
        let path: FieldTemplate
        do { path = try FieldTemplate(PipelinePaths.resolve(pathNode.scalar!.value, in: folder)) } catch {
            problems.append(checker.error("pipeline.template", "sink path: \(error.message)", at: pathNode.mark))
            return nil
        }
        let module: any FormatModule
        do {
            module = try formats.resolve(
                id: node["format"]?.scalar?.value, path: path.description, for: .write, namer: "the sink's format: key")
        } catch {
            problems.append(checker.error(error.code, error.message, at: (node["format"] ?? pathNode).mark))
            return nil
        }
        var options: [String: String] = [:]
        for pair in node["options"]?.mapping ?? [] { options[pair.key.scalar!.value] = pair.value.scalar!.value }
        do {
            return PipelineSink(
                path: path, module: module, options: try FormatOptions(options, for: module, side: .write))
        } catch {
            problems.append(checker.error(error.code, error.message, at: (node["options"] ?? pathNode).mark))
            return nil
        }
    }

    static func hasOpenExtension(_ pattern: String) -> Bool {
        let last = (pattern as NSString).lastPathComponent
        let ext = (last as NSString).pathExtension
        return ext.isEmpty
            ? last.contains("*") || last.contains("?") : ext.contains("*") || ext.contains("?") || ext.contains("[")
    }

    static func takesColumnMap(_ module: any FormatModule) -> Bool {
        module.options.contains { $0.name == "columns" && $0.sides.contains(.read) }
    }
}
