import XchangeCore
import XchangeYAML

/// `set` assigns values (or templates) to keys; `default` only where the key is absent.
/// Fixed values are checked against the field's type when the file is loaded; templates when
/// they are filled.
struct AssignStepType: StepType {
    let onlyWhereAbsent: Bool

    var name: String { onlyWhereAbsent ? "default" : "set" }
    var summary: String {
        onlyWhereAbsent
            ? "assign values (or {field} templates) to keys the report leaves absent"
            : "assign values (or {field} templates) to keys, replacing what is there; null removes"
    }
    var configShape: ConfigShape { .object([], additional: .oneOf([.null, .scalar])) }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let values = ConfigValues(context)
        var assignments: [(FieldID, AssignedValue)] = []
        for pair in config.mapping ?? [] {
            let id = try values.field(pair.key, role: name)
            assignments.append((id, try values.assigned(pair.value, for: id)))
        }
        return AssignStep(assignments: assignments, onlyWhereAbsent: onlyWhereAbsent)
    }
}

final class AssignStep: StatelessStep {
    let assignments: [(FieldID, AssignedValue)]
    let onlyWhereAbsent: Bool

    init(assignments: [(FieldID, AssignedValue)], onlyWhereAbsent: Bool) {
        self.assignments = assignments
        self.onlyWhereAbsent = onlyWhereAbsent
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        var item = item
        for (id, assigned) in assignments {
            if onlyWhereAbsent, item.report.values.contains(id) { continue }
            do {
                let value = try assigned.value(for: item.report, field: id)
                try item.report.set(id, to: value)
            } catch {
                throw Diagnostic.error("pipeline.assign", error.message, field: id.key)
            }
        }
        try emit(item)
    }
}
