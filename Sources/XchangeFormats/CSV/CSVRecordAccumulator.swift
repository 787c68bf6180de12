/// The record the tokenizer is reading, gathered in memory of its own until it is complete
/// and handed to a ``CSVRecord`` in one copy.
///
/// The tokenizer adds a run of bytes or a field's end many times a record (at every doubled
/// quote in a cell of JSON, for one); an array's append checks on every call that its storage
/// is not shared, which cost more than the copying itself.
final class CSVRecordAccumulator {
    // Used by one tokenizer, on one thread: no run-time exclusivity checks, which would cost
    // more than the appends they guard.
    @exclusivity(unchecked) private(set) var bytes = GrowableRun<UInt8>(capacity: 4096)
    @exclusivity(unchecked) private(set) var ends = GrowableRun<Int>(capacity: 256)
    @exclusivity(unchecked) private(set) var offsets = GrowableRun<Int>(capacity: 256)

    deinit {
        bytes.deallocate()
        ends.deallocate()
        offsets.deallocate()
    }

    /// Starts a new record.
    @inline(__always)
    func removeAll() {
        bytes.removeAll()
        ends.removeAll()
        offsets.removeAll()
    }

    @inline(__always)
    func appendBytes(_ run: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: run) }

    @inline(__always)
    func appendEnd(_ end: Int) { ends.append(end) }

    @inline(__always)
    func appendOffset(_ offset: Int) { offsets.append(offset) }

    /// Copies the record gathered so far into `record`, reusing its arrays' storage.
    func copy(into record: inout CSVRecord) {
        record.bytes.removeAll(keepingCapacity: true)
        record.bytes.append(contentsOf: bytes.elements)
        record.ends.removeAll(keepingCapacity: true)
        record.ends.append(contentsOf: ends.elements)
        record.offsets.removeAll(keepingCapacity: true)
        record.offsets.append(contentsOf: offsets.elements)
    }
}

/// Plain values laid end to end in memory that doubles when full. A value type around a
/// pointer: its owner frees the memory (``deallocate()``) and never lets two copies grow.
struct GrowableRun<Element: BitwiseCopyable> {
    private var start: UnsafeMutablePointer<Element>
    private(set) var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = capacity
        start = .allocate(capacity: capacity)
    }

    var elements: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: start, count: count) }

    @inline(__always)
    mutating func append(_ element: Element) {
        if count == capacity { grow(toHold: count + 1) }
        (start + count).initialize(to: element)
        count += 1
    }

    @inline(__always)
    mutating func append(contentsOf run: UnsafeBufferPointer<Element>) {
        guard let source = run.baseAddress, !run.isEmpty else { return }
        if count + run.count > capacity { grow(toHold: count + run.count) }
        (start + count).initialize(from: source, count: run.count)
        count += run.count
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    private mutating func grow(toHold needed: Int) {
        let larger = Swift.max(needed, capacity * 2)
        let moved = UnsafeMutablePointer<Element>.allocate(capacity: larger)
        moved.moveInitialize(from: start, count: count)
        start.deallocate()
        start = moved
        capacity = larger
    }

    func deallocate() { start.deallocate() }
}
