import XchangeCore
import XchangeFormats
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

/// Sorts in memory up to ``runSize`` reports. Past that, each ``runSize`` reports are sorted and
/// kept in a temporary file (a run), and the runs are merged at the end, ``fanIn`` at a time
/// (in passes, while there are more): sorting a large input needs the memory of one run, not of
/// the input, and its size again on disk.
final class SortStep: PipelineStep {
    let keys: [FieldID]
    let descending: Bool
    /// Reports held in memory before they go to a run.
    let runSize: Int
    /// How many runs are merged at once; more runs are first merged into fewer.
    let fanIn: Int
    private var items: [PipelineItem] = []
    private var runs: [SpooledItems] = []
    private let files = OriginFiles()

    init(keys: [FieldID], descending: Bool, runSize: Int = 2048, fanIn: Int = 64) {
        self.keys = keys
        self.descending = descending
        self.runSize = max(runSize, 1)
        self.fanIn = max(fanIn, 2)
    }

    var collects: Bool { true }

    func process(_ item: PipelineItem, emit: (PipelineItem) throws -> Void) throws {
        items.append(item)
        if items.count >= runSize { try spill() }
    }

    func finish(emit: (PipelineItem) throws -> Void) throws {
        guard !runs.isEmpty else {
            let sorted = sortedItems()
            items = []
            for item in sorted { try emit(item) }
            return
        }
        if !items.isEmpty { try spill() }
        // Each pass merges consecutive runs, `fanIn` at a time, into one run in their place, so
        // that equal reports keep arrival order; a run is freed once merged.
        while runs.count > fanIn {
            var pending = runs[...]
            runs = []
            while !pending.isEmpty {
                let group = Array(pending.prefix(fanIn))
                pending = pending.dropFirst(fanIn)
                guard group.count > 1 else {
                    runs += group
                    continue
                }
                let merged = try SpooledItems(files: files)
                try merge(group) { try merged.append($0) }
                runs.append(merged)
            }
        }
        let last = runs
        runs = []
        try merge(last, emit: emit)
    }

    /// Whether `a` comes before `b` by the keys; nil when they are equal on every key.
    private func precedes(_ a: Report, _ b: Report) -> Bool? {
        for id in keys {
            var result = FieldOrder.compare(a.values[id], b.values[id])
            // Absent values come last in either order.
            if descending, a.values[id] != nil, b.values[id] != nil {
                result =
                    result == .orderedAscending
                    ? .orderedDescending : result == .orderedDescending ? .orderedAscending : result
            }
            if result != .orderedSame { return result == .orderedAscending }
        }
        return nil
    }

    /// The items held, sorted; sorting positions with the position as the last key keeps equal
    /// reports in arrival order.
    private func sortedItems() -> [PipelineItem] {
        items.indices.sorted { a, b in precedes(items[a].report, items[b].report) ?? (a < b) }.map { items[$0] }
    }

    /// Sorts the items held into a new run.
    private func spill() throws {
        let run = try SpooledItems(files: files)
        for item in sortedItems() { try run.append(item) }
        items = []
        runs.append(run)
    }

    /// Hands out the reports of `runs` in order, the earlier run's first among equal reports.
    private func merge(_ runs: [SpooledItems], emit: (PipelineItem) throws -> Void) throws {
        var heads: [PipelineItem?] = []
        for run in runs { heads.append(try run.next()?.item) }
        // A binary heap of run numbers, the run whose head comes first on top.
        func before(_ a: Int, _ b: Int) -> Bool { precedes(heads[a]!.report, heads[b]!.report) ?? (a < b) }
        var heap = RunHeap(runs: heads.indices.filter { heads[$0] != nil }, before: before)
        while let top = heap.top {
            try emit(heads[top]!)
            heads[top] = try runs[top].next()?.item
            if heads[top] == nil { heap.removeTop(before: before) } else { heap.topChanged(before: before) }
        }
    }
}

/// Run numbers in a binary heap, ordered by a comparison of their current heads.
private struct RunHeap {
    private var runs: [Int]

    init(runs: [Int], before: (Int, Int) -> Bool) {
        self.runs = []
        for run in runs { insert(run, before: before) }
    }

    var top: Int? { runs.first }

    private mutating func insert(_ run: Int, before: (Int, Int) -> Bool) {
        runs.append(run)
        var child = runs.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard before(runs[child], runs[parent]) else { break }
            runs.swapAt(child, parent)
            child = parent
        }
    }

    mutating func removeTop(before: (Int, Int) -> Bool) {
        runs.swapAt(0, runs.count - 1)
        runs.removeLast()
        topChanged(before: before)
    }

    /// Moves the top down to its place after its head changed.
    mutating func topChanged(before: (Int, Int) -> Bool) {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var first = parent
            if left < runs.count, before(runs[left], runs[first]) { first = left }
            if right < runs.count, before(runs[right], runs[first]) { first = right }
            guard first != parent else { return }
            runs.swapAt(parent, first)
            parent = first
        }
    }
}
