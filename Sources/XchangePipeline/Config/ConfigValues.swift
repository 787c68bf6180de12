import XchangeCore
import XchangeYAML

/// Reads checked configuration nodes into typed values; what a shape cannot see (an unknown
/// field key, a value of the wrong type for its field) is an error at the node's position.
struct ConfigValues {
    let checker: ConfigChecker

    init(_ context: StepContext) {
        self.checker = context.checker
    }

    /// The schema field a key node names, or an error with the nearest key.
    func field(_ node: YAMLNode, role: String) throws(Diagnostic) -> FieldID {
        let key = node.scalar?.value ?? ""
        guard let id = CanonicalSchema.v1.fieldID(key) else {
            let nearest = NearestName.find(key, among: ["on_error"]) ?? CanonicalSchema.v1.nearestKey(to: key)
            let hint = nearest.map { "; did you mean \($0)?" } ?? ""
            throw checker.error(
                "pipeline.unknown-field", "\(role): \(key) is not a field of the schema\(hint)", at: node.mark)
        }
        return id
    }

    /// A list of field keys given as one key or a list.
    func fields(_ node: YAMLNode, role: String) throws(Diagnostic) -> [FieldID] {
        var ids: [FieldID] = []
        for item in node.sequence ?? [node] { ids.append(try field(item, role: role)) }
        return ids
    }

    /// The value to assign to a field: fixed (checked against the field's type now) or a
    /// template filled per report. `null` removes the value.
    func assigned(_ node: YAMLNode, for id: FieldID) throws(Diagnostic) -> AssignedValue {
        guard let scalar = node.scalar else {
            throw checker.error(
                "pipeline.type", "\(id.key): expected a single value, found \(ConfigChecker.describe(node))",
                at: node.mark)
        }
        if scalar.kind == .null { return .fixed(nil) }
        if scalar.value.contains("{") {
            do {
                let template = try FieldTemplate(scalar.value)
                if template.isTemplate { return .template(template) }
            } catch {
                throw checker.error("pipeline.template", "\(id.key): \(error.message)", at: node.mark)
            }
        }
        return .fixed(try fieldValue(scalar, for: id))
    }

    /// A scalar as a value of the field's type.
    func fieldValue(_ scalar: YAMLScalar, for id: FieldID) throws(Diagnostic) -> FieldValue {
        switch FieldValue.parse(scalar.value, for: id.descriptor) {
        case .success(let value): return value
        case .failure(let problem):
            throw checker.error("pipeline.value-type", "\(id.key): \(problem.message)", at: scalar.mark)
        }
    }

    /// A boolean option of a checked mapping.
    func bool(_ config: YAMLNode, _ name: String, default value: Bool) -> Bool {
        guard let scalar = config[name]?.scalar else { return value }
        return ["true", "True", "TRUE"].contains(scalar.value)
    }

    /// A text option of a checked mapping.
    func string(_ config: YAMLNode, _ name: String) -> String? {
        config[name]?.scalar?.value
    }
}

/// A value a `set` or `default` step assigns.
enum AssignedValue {
    case fixed(FieldValue?)
    case template(FieldTemplate)

    /// The value for one report; a template's text is checked against the field's type.
    func value(for report: Report, field id: FieldID) throws(ValueProblem) -> FieldValue? {
        switch self {
        case .fixed(let value): return value
        case .template(let template):
            let text = try template.render(report)
            switch FieldValue.parse(text, for: id.descriptor) {
            case .success(let value): return value
            case .failure(let problem):
                throw ValueProblem("\(id.key): \(problem.message) (from \"\(template)\")")
            }
        }
    }
}
