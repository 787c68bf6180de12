/// The growable buffers behind a ``YAMLEventTape``: events and scalar bytes in memory of its
/// own, appended with a capacity check and a copy, without `Array`'s per-call bookkeeping
/// (recording runs once per parser event).
final class TapeStorage {
    private(set) var events: UnsafeMutablePointer<YAMLEventTape.Event>
    private(set) var eventCount = 0
    private var eventCapacity: Int
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCount = 0
    private var byteCapacity: Int

    init(eventCapacity: Int = 1024, byteCapacity: Int = 16 * 1024) {
        self.eventCapacity = eventCapacity
        self.byteCapacity = byteCapacity
        events = .allocate(capacity: eventCapacity)
        bytes = .allocate(capacity: byteCapacity)
    }

    deinit {
        events.deinitialize(count: eventCount)
        events.deallocate()
        bytes.deallocate()
    }

    /// A storage holding the same events and bytes, for a tape copied before it is changed.
    func copy() -> TapeStorage {
        let copy = TapeStorage(eventCapacity: max(eventCount, 1), byteCapacity: max(byteCount, 1))
        copy.events.initialize(from: events, count: eventCount)
        copy.bytes.update(from: bytes, count: byteCount)
        copy.eventCount = eventCount
        copy.byteCount = byteCount
        return copy
    }

    func removeAll() {
        events.deinitialize(count: eventCount)
        eventCount = 0
        byteCount = 0
    }

    @inline(__always)
    func append(_ event: YAMLEventTape.Event) {
        if eventCount == eventCapacity { growEvents() }
        (events + eventCount).initialize(to: event)
        eventCount += 1
    }

    /// Appends `count` bytes from `source`; returns where they start.
    @inline(__always)
    func appendBytes(_ source: UnsafePointer<UInt8>, count: Int) -> Int {
        let start = byteCount
        if byteCount + count > byteCapacity { growBytes(toHold: byteCount + count) }
        (bytes + byteCount).update(from: source, count: count)
        byteCount += count
        return start
    }

    private func growEvents() {
        let larger = UnsafeMutablePointer<YAMLEventTape.Event>.allocate(capacity: eventCapacity * 2)
        larger.moveInitialize(from: events, count: eventCount)
        events.deallocate()
        events = larger
        eventCapacity *= 2
    }

    private func growBytes(toHold count: Int) {
        var capacity = byteCapacity * 2
        while capacity < count { capacity *= 2 }
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        larger.update(from: bytes, count: byteCount)
        bytes.deallocate()
        bytes = larger
        byteCapacity = capacity
    }
}
