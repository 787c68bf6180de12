import Foundation
import XchangeCore
import XchangeYAML

/// `filter` keeps the reports whose fields match every condition: a plain value (equals),
/// `{in: [...]}`, `{not_in: [...]}`, `{gt|ge|lt|le: N}` or `{exists: true|false}`.
struct FilterStepType: StepType {
    let name = "filter"
    let summary = "keep reports whose fields match every condition (a value, in, not_in, gt, ge, lt, le, exists)"

    static let conditionShape = ConfigShape.object([
        ConfigProperty("in", .list(.scalar), "the field's value is one of these"),
        ConfigProperty("not_in", .list(.scalar), "the field is absent or its value is none of these"),
        ConfigProperty("gt", .scalar, "greater than (numbers compare as numbers)"),
        ConfigProperty("ge", .scalar, "greater than or equal to"),
        ConfigProperty("lt", .scalar, "less than"),
        ConfigProperty("le", .scalar, "less than or equal to"),
        ConfigProperty("exists", .boolean, "whether the field has a value"),
    ])
    var configShape: ConfigShape { .object([], additional: .oneOf([.scalar, Self.conditionShape])) }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let values = ConfigValues(context)
        var conditions: [(FieldID, FieldCondition)] = []
        for pair in config.mapping ?? [] {
            let id = try values.field(pair.key, role: name)
            if let scalar = pair.value.scalar {
                conditions.append((id, .equals(try values.fieldValue(scalar, for: id))))
                continue
            }
            for test in pair.value.mapping ?? [] {
                let word = test.key.scalar?.value ?? ""
                switch word {
                case "exists": conditions.append((id, .exists(values.bool(pair.value, "exists", default: true))))
                case "in", "not_in":
                    var list: [FieldValue] = []
                    for element in test.value.sequence ?? [] {
                        if let scalar = element.scalar { list.append(try values.fieldValue(scalar, for: id)) }
                    }
                    conditions.append((id, word == "in" ? .oneOf(list) : .noneOf(list)))
                default:
                    guard let scalar = test.value.scalar else { continue }
                    let bound = try values.fieldValue(scalar, for: id)
                    let wanted: [ComparisonResult] =
                        switch word {
                        case "gt": [.orderedDescending]
                        case "ge": [.orderedDescending, .orderedSame]
                        case "lt": [.orderedAscending]
                        default: [.orderedAscending, .orderedSame]
                        }
                    conditions.append((id, .compare(bound, wanted)))
                }
            }
        }
        return FilterStep(conditions: conditions)
    }
}

/// One condition of a filter on one field.
enum FieldCondition {
    case equals(FieldValue)
    case oneOf([FieldValue])
    case noneOf([FieldValue])
    /// The field compared with the bound gives one of these orders.
    case compare(FieldValue, [ComparisonResult])
    case exists(Bool)

    func matches(_ value: FieldValue?) -> Bool {
        switch self {
        case .exists(let wanted): return (value != nil) == wanted
        case .noneOf(let list):
            return value.map { value in !list.contains { FieldOrder.compare(value, $0) == .orderedSame } } ?? true
        case .equals(let expected):
            return value.map { FieldOrder.compare($0, expected) == .orderedSame } ?? false
        case .oneOf(let list):
            return value.map { value in list.contains { FieldOrder.compare(value, $0) == .orderedSame } } ?? false
        case .compare(let bound, let wanted):
            return value.map { wanted.contains(FieldOrder.compare($0, bound)) } ?? false
        }
    }
}

final class FilterStep: StatelessStep {
    let conditions: [(FieldID, FieldCondition)]

    init(conditions: [(FieldID, FieldCondition)]) {
        self.conditions = conditions
    }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        for (id, condition) in conditions where !condition.matches(item.report.values[id]) { return }
        try emit(item)
    }
}

/// How field values compare: numbers as numbers (exactly), everything else as text (ISO dates
/// then compare as dates).
enum FieldOrder {
    static func compare(_ a: FieldValue, _ b: FieldValue) -> ComparisonResult {
        if let x = number(a), let y = number(b) {
            return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
        }
        let x = a.plainText
        let y = b.plainText
        return x < y ? .orderedAscending : x > y ? .orderedDescending : .orderedSame
    }

    private static func number(_ value: FieldValue) -> Decimal? {
        switch value {
        case .integer, .decimal, .percentage: value.number
        case .text, .date, .flag: nil
        }
    }

    /// Compares two optional values: absent values sort after present ones.
    static func compare(_ a: FieldValue?, _ b: FieldValue?) -> ComparisonResult {
        switch (a, b) {
        case (nil, nil): .orderedSame
        case (nil, _): .orderedDescending
        case (_, nil): .orderedAscending
        case (let a?, let b?): compare(a, b)
        }
    }
}
