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

    /// Marks the field just begun as quoted (see ``CSVRecord/offsets``).
    func markQuoted() { offsets.replaceLast(with: CSVRecord.quotedOffset(offsets.elements.last!)) }

    /// Copies the record gathered so far into `record`, over its arrays' storage.
    func copy(into record: inout CSVRecord) {
        Self.overwrite(&record.bytes, with: bytes.elements, keepingTail: true)
        Self.overwrite(&record.ends, with: ends.elements, keepingTail: false)
        Self.overwrite(&record.offsets, with: offsets.elements, keepingTail: false)
    }

    /// Puts `source` at the start of `array`, in place. Emptying an array and appending to it
    /// cost more than the copy on a short record; a record's field count rarely changes, and
    /// bytes past its last field may stay (`keepingTail`).
    @inline(__always)
    private static func overwrite<T: BitwiseCopyable>(
        _ array: inout [T], with source: UnsafeBufferPointer<T>, keepingTail: Bool
    ) {
        if array.count < source.count || (!keepingTail && array.count != source.count) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: source)
            return
        }
        guard let from = source.baseAddress else { return }
        array.withUnsafeMutableBufferPointer { $0.baseAddress!.update(from: from, count: source.count) }
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
        let length = run.count * MemoryLayout<Element>.stride
        if length <= 16 {
            Self.copyShort(UnsafeRawPointer(source), to: UnsafeMutableRawPointer(start + count), length: length)
        } else {
            (start + count).initialize(from: source, count: run.count)
        }
        count += run.count
    }

    /// Copies 1 to 16 bytes inline, as two overlapping loads and stores: the runs between a
    /// cell of JSON's doubled quotes are a few bytes each, and a call to `memcpy` for each
    /// cost more than the copying.
    @inline(__always)
    private static func copyShort(_ source: UnsafeRawPointer, to target: UnsafeMutableRawPointer, length: Int) {
        if length >= 8 {
            let head = source.loadUnaligned(as: UInt64.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 8, as: UInt64.self)
            target.storeBytes(of: head, as: UInt64.self)
            target.storeBytes(of: tail, toByteOffset: length - 8, as: UInt64.self)
        } else if length >= 4 {
            let head = source.loadUnaligned(as: UInt32.self)
            let tail = source.loadUnaligned(fromByteOffset: length - 4, as: UInt32.self)
            target.storeBytes(of: head, as: UInt32.self)
            target.storeBytes(of: tail, toByteOffset: length - 4, as: UInt32.self)
        } else {
            // 1 to 3 bytes: the first, the middle and the last cover them all.
            let first = source.load(as: UInt8.self)
            let middle = source.load(fromByteOffset: length / 2, as: UInt8.self)
            let last = source.load(fromByteOffset: length - 1, as: UInt8.self)
            target.storeBytes(of: first, as: UInt8.self)
            target.storeBytes(of: middle, toByteOffset: length / 2, as: UInt8.self)
            target.storeBytes(of: last, toByteOffset: length - 1, as: UInt8.self)
        }
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Puts `element` in place of the last one.
    mutating func replaceLast(with element: Element) { (start + count - 1).pointee = element }

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
