import Foundation
import XchangeCore
import XchangeYAML

/// `aggregate` makes one report per group: every count and money field present in any member
/// is summed exactly. For `meta.admin_division_code`, `level` groups by the code's first 6, 4
/// or 2 digits. Only the running sums of each group are held, never the members.
struct AggregateStepType: StepType {
    let name = "aggregate"
    let summary =
        "one report per group, count and money fields summed exactly; level: county|city|province for division codes"
    var configShape: ConfigShape {
        .object(
            [
                ConfigProperty("by", .string, "the key whose value forms the groups"),
                ConfigProperty(
                    "level", .choice(["county", "city", "province"]),
                    "for meta.admin_division_code: group by the code's first 6, 4 or 2 digits"),
                ConfigProperty(
                    "agency_name", .string, "the group report's agency name: a template over the first member's fields"),
                ConfigProperty(
                    "strict", .boolean, "leave a field absent when some members lack it, instead of summing the others"),
            ], required: ["by"])
    }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let values = ConfigValues(context)
        let by = try values.field(config["by"]!, role: "aggregate.by")
        var digits: Int?
        if let node = config["level"] {
            guard by == GroupSums.divisionCode else {
                throw context.checker.error(
                    "pipeline.value", "aggregate.level applies only to by: meta.admin_division_code", at: node.mark)
            }
            digits = ["county": 6, "city": 4, "province": 2][node.scalar?.value ?? ""]
        }
        var agencyName: FieldTemplate?
        if let node = config["agency_name"], let text = node.scalar?.value {
            do { agencyName = try FieldTemplate(text) } catch {
                throw context.checker.error(
                    "pipeline.template", "aggregate.agency_name: \(error.message)", at: node.mark)
            }
        }
        return AggregateStep(
            by: by, digits: digits, agencyName: agencyName, strict: values.bool(config, "strict", default: false),
            context: context)
    }
}

final class AggregateStep: PipelineStep {
    let by: FieldID
    /// How many leading digits of a division code form the group (nil: the whole value).
    let digits: Int?
    let agencyName: FieldTemplate?
    let strict: Bool
    let context: StepContext
    private var groups: [FieldValue: GroupSums] = [:]
    private var order: [FieldValue] = []
    private var made = 0

    init(by: FieldID, digits: Int?, agencyName: FieldTemplate?, strict: Bool, context: StepContext) {
        self.by = by
        self.digits = digits
        self.agencyName = agencyName
        self.strict = strict
        self.context = context
    }

    var collects: Bool { true }
    var note: String? { "\(made) \(made == 1 ? "group" : "groups")" }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        guard let value = item.report.values[by] else {
            throw Diagnostic.error(
                "aggregate.no-group", "\(item.origin): the report has no \(by.key) to group by",
                field: by.key)
        }
        let key = groupKey(value)
        if let group = groups[key] {
            try group.add(item)
        } else {
            let group = GroupSums(key: key, by: by, first: item)
            try group.add(item)
            groups[key] = group
            order.append(key)
        }
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        for (index, key) in order.enumerated() {
            let group = groups[key]!
            var report = group.report(strict: strict)
            if let agencyName {
                do {
                    report.values[FieldID.agencyName] = .text(try agencyName.render(group.first.report))
                } catch {
                    throw Diagnostic.error(
                        "pipeline.template", "aggregate.agency_name for the group \(key.plainText): \(error.message)")
                }
            }
            let partial = group.partialFields
            if !partial.isEmpty {
                let names =
                    partial.prefix(8).map(\.key).joined(separator: ", ")
                    + (partial.count > 8 ? " and \(partial.count - 8) more" : "")
                let what = strict ? "left absent" : "summed over the members that have them"
                context.diagnostics.report(
                    .warning(
                        "aggregate.partial-field",
                        "group \(key.plainText): \(partial.count) \(partial.count == 1 ? "field is" : "fields are") missing in some of its \(group.members) members, \(what): \(names)"
                    ))
            }
            made += 1
            try emit(PipelineItem(report: report, origin: ReportOrigin(file: "aggregate", ordinal: index + 1)))
        }
        groups = [:]
        order = []
    }

    /// The group a value belongs to: for division codes at a level, the code's leading digits
    /// padded with zeros (`231000` for a city, `230000` for a province).
    private func groupKey(_ value: FieldValue) -> FieldValue {
        guard let digits, case .text(let code) = value, code.count == 6 else { return value }
        return .text(String(code.prefix(digits)) + String(repeating: "0", count: 6 - digits))
    }
}

extension FieldID {
    static let agencyName = CanonicalSchema.v1.fieldID("meta.agency_name")!
}
