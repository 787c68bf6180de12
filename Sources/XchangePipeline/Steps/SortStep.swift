import XchangeCore
import XchangeYAML

/// `sort` orders reports by the listed keys, stably; numbers compare as numbers and absent
/// values come last. It collects every report until the input ends.
struct SortStepType: StepType {
    let name = "sort"
    let summary = "order reports by the listed keys (stable; numbers as numbers; absent last); collects"
    var configShape: ConfigShape {
        .object(
            [
                ConfigProperty(
                    "by", .oneOf([.list(.string, minItems: 1), .string]), "the keys to sort by, most significant first"),
                ConfigProperty("order", .choice(["ascending", "descending"]), "ascending (default) or descending"),
            ], required: ["by"])
    }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let keys = try ConfigValues(context).fields(config["by"]!, role: "sort.by")
        return SortStep(keys: keys, descending: config["order"]?.scalar?.value == "descending")
    }
}

final class SortStep: PipelineStep {
    let keys: [FieldID]
    let descending: Bool
    private var items: [PipelineItem] = []

    init(keys: [FieldID], descending: Bool) {
        self.keys = keys
        self.descending = descending
    }

    var collects: Bool { true }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        items.append(item)
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        // Sorting positions with the position as the last key keeps equal reports in arrival order.
        let order = items.indices.sorted { a, b in
            for id in keys {
                var result = FieldOrder.compare(items[a].report.values[id], items[b].report.values[id])
                if descending, items[a].report.values[id] != nil, items[b].report.values[id] != nil {
                    result =
                        result == .orderedAscending
                        ? .orderedDescending : result == .orderedDescending ? .orderedAscending : result
                }
                if result != .orderedSame { return result == .orderedAscending }
            }
            return a < b
        }
        let sorted = order.map { items[$0] }
        items = []
        for item in sorted { try emit(item) }
    }
}
