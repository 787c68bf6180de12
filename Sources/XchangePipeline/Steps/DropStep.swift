import XchangeCore
import XchangeYAML

/// `drop` removes keys or whole parts: a field, a group of fields (`meta.contact`, a table
/// such as `applications`), a text section (`overview`), `legacy.sections`, `facts` or
/// `provenance`.
struct DropStepType: StepType {
    let name = "drop"
    let summary = "remove fields, groups, tables, text sections, legacy.sections, facts or provenance"
    var configShape: ConfigShape { .oneOf([.list(.string, minItems: 1), .string]) }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        var targets: [DropTarget] = []
        for node in config.sequence ?? [config] {
            let name = node.scalar?.value ?? ""
            guard let target = DropTarget(name) else {
                let hint = NearestName.find(name, among: DropTarget.names).map { "; did you mean \($0)?" } ?? ""
                throw context.checker.error(
                    "pipeline.unknown-field", "drop: \(name) is not a field, group or part of a report\(hint)",
                    at: node.mark)
            }
            targets.append(target)
        }
        return DropStep(targets: targets)
    }
}

/// Something `drop` can remove.
enum DropTarget {
    case fields([FieldID])
    /// A text section, with the fields under the same name (`other_matters.*`).
    case section(SectionKey, fields: [FieldID])
    case legacySections
    case facts
    case provenance

    init?(_ name: String) {
        let schema = CanonicalSchema.v1
        if let id = schema.fieldID(name) {
            self = .fields([id])
        } else if let section = SectionKey(rawValue: name) {
            self = .section(section, fields: Self.fields(under: name))
        } else if name == "legacy.sections" {
            self = .legacySections
        } else if name == "facts" {
            self = .facts
        } else if name == "provenance" {
            self = .provenance
        } else if schema.isGroup(name) {
            self = .fields(Self.fields(under: name))
        } else {
            return nil
        }
    }

    private static func fields(under group: String) -> [FieldID] {
        let fields = CanonicalSchema.v1.fields
        return fields.indices.filter { fields[$0].key.hasPrefix(group + ".") }.map(FieldID.init(index:))
    }

    /// Every name `drop` accepts, for suggestions.
    static let names: [String] = {
        let schema = CanonicalSchema.v1
        var groups: Set<String> = []
        for field in schema.fields {
            var prefix = Substring(field.key)
            while let dot = prefix.lastIndex(of: ".") {
                prefix = prefix[..<dot]
                groups.insert(String(prefix))
            }
        }
        return schema.fields.map(\.key) + groups.sorted() + SectionKey.allCases.map(\.rawValue) + [
            "legacy.sections", "facts", "provenance",
        ]
    }()

    func remove(from report: inout Report) {
        switch self {
        case .fields(let ids):
            for id in ids where report.values.contains(id) {
                report.values[id] = nil
                report.provenance[id.key] = nil
            }
        case .section(let section, let fields):
            DropTarget.fields(fields).remove(from: &report)
            report[section: section] = nil
            report.provenance[section.rawValue] = nil
        case .legacySections: report.legacySections = []
        case .facts: report.facts = []
        case .provenance: report.provenance = [:]
        }
    }
}

final class DropStep: StatelessStep {
    let targets: [DropTarget]

    init(targets: [DropTarget]) {
        self.targets = targets
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        var item = item
        for target in targets { target.remove(from: &item.report) }
        try emit(item)
    }
}
