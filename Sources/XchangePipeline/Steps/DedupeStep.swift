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

/// With `keep: last`, the reports wait in arrival order: in memory up to ``holdLimit`` of them,
/// then in a temporary file; a report replaced by a later one with the same keys is marked, and
/// passed over when they are given on at the end. Memory holds the keys seen and a mark per
/// report, not the reports.
final class DedupeStep: PipelineStep {
    let keys: [FieldID]
    let keepLast: Bool
    /// Reports held in memory (`keep: last`) before they go to a temporary file.
    let holdLimit: Int
    /// Per combination of keys, by its digest: the arrival number of the report kept (`keep:
    /// last`). A digest of 16 bytes rather than the values themselves: on 600,000 distinct
    /// reports the values (agency names on the heap) took 236 MB.
    private var seen: [ValueDigest: Int] = [:]
    /// The combinations seen (`keep: first`), by digest.
    private var seenFirst: Set<ValueDigest> = []
    /// Per report that arrived: whether a later one with the same keys replaced it.
    private var replaced: [Bool] = []
    /// The latest reports, not yet on disk, and those on disk.
    private var held: [PipelineItem] = []
    private var spooled: SpooledItems?
    private let files = OriginFiles()
    private var dropped = 0

    init(keys: [FieldID], keepLast: Bool, holdLimit: Int = 2048) {
        self.keys = keys
        self.keepLast = keepLast
        self.holdLimit = max(holdLimit, 1)
    }

    var collects: Bool { keepLast }

    var note: String? { "\(dropped) \(dropped == 1 ? "duplicate" : "duplicates") dropped" }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        let key = ValueDigest(keys.map { item.report.values[$0] })
        guard keepLast else {
            if seenFirst.insert(key).inserted { try emit(item) } else { dropped += 1 }
            return
        }
        let arrival = replaced.count
        replaced.append(false)
        if let earlier = seen.updateValue(arrival, forKey: key) {
            // The later report takes the place of the earlier in arrival order.
            replaced[earlier] = true
            dropped += 1
        }
        held.append(item)
        if held.count >= holdLimit { try spill() }
    }

    /// Moves the reports held to the temporary file, those already replaced left out.
    private func spill() throws {
        let spooled = try self.spooled ?? SpooledItems(files: files)
        self.spooled = spooled
        let first = replaced.count - held.count
        for (offset, item) in held.enumerated() where !replaced[first + offset] {
            try spooled.append(item, number: first + offset)
        }
        held = []
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        if let spooled {
            while let (item, arrival) = try spooled.next() {
                if !replaced[arrival] { try emit(item) }
            }
        }
        let first = replaced.count - held.count
        let items = held
        held = []
        spooled = nil
        for (offset, item) in items.enumerated() where !replaced[first + offset] { try emit(item) }
    }
}
