import XchangeCore
import XchangeYAML

/// `dedupe` keeps one report per combination of the listed keys: the first seen (streamed) or
/// the last (collected until the input ends, emitted in the order they arrived). Absent values
/// count as a value of their own.
struct DedupeStepType: StepType {
    let name = "dedupe"
    let summary = "keep one report per value of the listed keys: keep first (streams) or last (collects)"
    var configShape: ConfigShape {
        .object(
            [
                ConfigProperty(
                    "by", .oneOf([.list(.string, minItems: 1), .string]), "the keys that identify a report"),
                ConfigProperty("keep", .choice(["first", "last"]), "which of the duplicates to keep (default first)"),
            ], required: ["by"])
    }

    func makeStep(_ config: YAMLNode, context: StepContext) throws(Diagnostic) -> any PipelineStep {
        let keys = try ConfigValues(context).fields(config["by"]!, role: "dedupe.by")
        return DedupeStep(keys: keys, keepLast: config["keep"]?.scalar?.value == "last")
    }
}

final class DedupeStep: PipelineStep {
    let keys: [FieldID]
    let keepLast: Bool
    private var seen: [[FieldValue?]: Int] = [:]
    private var kept: [PipelineItem?] = []
    private var dropped = 0

    init(keys: [FieldID], keepLast: Bool) {
        self.keys = keys
        self.keepLast = keepLast
    }

    var collects: Bool { keepLast }
    var note: String? { "\(dropped) \(dropped == 1 ? "duplicate" : "duplicates") dropped" }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        let key = keys.map { item.report.values[$0] }
        if let position = seen[key] {
            dropped += 1
            if keepLast {
                // The later report takes the place of the earlier in arrival order.
                kept[position] = nil
                seen[key] = kept.count
                kept.append(item)
            }
            return
        }
        if keepLast {
            seen[key] = kept.count
            kept.append(item)
        } else {
            seen[key] = 0
            try emit(item)
        }
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        let items = kept
        kept = []
        for case let item? in items { try emit(item) }
    }
}
