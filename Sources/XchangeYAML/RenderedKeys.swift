/// How ``YAMLWriter`` writes the keys it has seen before, by the address of their bytes: the
/// exact bytes of the key as a simple key (`name`, `'a: b'`, `"110105"`), worked out once.
///
/// A report writes the same few hundred schema keys over and over; looking their bytes up here
/// costs a multiply and a compare instead of an analysis. Only text that stays at its address,
/// unchanged, for the writer's life may be looked up by address (``YAMLWriter/key(permanent:)``).
struct RenderedKeys: ~Copyable {
    /// Slots for a writer of reports: some 300 schema keys, with room.
    static let reportSlotCount = 1024
    /// `slotCount - 1` (a power of two).
    private let slotMask: Int
    /// How far a key may land from its home slot; a key that finds no free slot is simply
    /// not remembered.
    private static let probeLimit = 8

    /// The address of each slot's text; 0 for an empty slot.
    private let addresses: UnsafeMutablePointer<UInt>
    /// Where each slot's bytes are in ``arena``; a negative start marks text that is not a
    /// simple key (long, or spanning lines) and goes the general way every time.
    private let spans: UnsafeMutablePointer<(start: Int, count: Int)>
    private var arena: UnsafeMutablePointer<UInt8>
    private var arenaCapacity = 4096
    private var arenaCount = 0

    /// A table of `slotCount` (a power of two, at most 1024) slots. A writer that never
    /// writes permanent keys takes one: clearing a report writer's table costs as much as
    /// writing a small report.
    init(slotCount: Int = reportSlotCount) {
        precondition(slotCount > 0 && slotCount & (slotCount - 1) == 0 && slotCount <= 1024)
        slotMask = slotCount - 1
        addresses = .allocate(capacity: slotCount)
        addresses.initialize(repeating: 0, count: slotCount)
        spans = .allocate(capacity: slotCount)
        spans.initialize(repeating: (0, 0), count: slotCount)
        arenaCapacity = slotCount == Self.reportSlotCount ? 4096 : 64
        arena = .allocate(capacity: arenaCapacity)
    }

    deinit {
        addresses.deallocate()
        spans.deallocate()
        arena.deallocate()
    }

    enum Lookup {
        case simple(UnsafeBufferPointer<UInt8>)
        case notSimple
        case unknown
    }

    /// What is remembered of `text`, by its address. Inline: it runs for every key written.
    @inline(__always)
    func lookup(_ text: UnsafeBufferPointer<UInt8>) -> Lookup {
        guard let address = text.baseAddress.map({ UInt(bitPattern: $0) }) else { return .unknown }
        var slot = home(address)
        for _ in 0..<Self.probeLimit {
            let found = addresses[slot]
            if found == address {
                let span = spans[slot]
                guard span.start >= 0 else { return .notSimple }
                return .simple(UnsafeBufferPointer(start: arena + span.start, count: span.count))
            }
            if found == 0 { return .unknown }
            slot = (slot + 1) & slotMask
        }
        return .unknown
    }

    /// Remembers the bytes of `text` as a simple key, or (nil) that it is not one.
    mutating func remember(_ text: UnsafeBufferPointer<UInt8>, rendered: [UInt8]?) {
        guard let address = text.baseAddress.map({ UInt(bitPattern: $0) }) else { return }
        var slot = home(address)
        for _ in 0..<Self.probeLimit {
            if addresses[slot] == 0 {
                addresses[slot] = address
                spans[slot] = rendered.map { store($0) } ?? (-1, 0)
                return
            }
            slot = (slot + 1) & slotMask
        }
    }

    private mutating func store(_ bytes: [UInt8]) -> (start: Int, count: Int) {
        if arenaCount + bytes.count > arenaCapacity {
            arenaCapacity = max(arenaCapacity * 2, arenaCount + bytes.count)
            let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: arenaCapacity)
            larger.update(from: arena, count: arenaCount)
            arena.deallocate()
            arena = larger
        }
        (arena + arenaCount).update(from: bytes, count: bytes.count)
        defer { arenaCount += bytes.count }
        return (arenaCount, bytes.count)
    }

    /// Fibonacci hashing of the address: allocations sit 16 bytes apart or more, so the low
    /// bits say little.
    @inline(__always)
    private func home(_ address: UInt) -> Int {
        Int(truncatingIfNeeded: (UInt64(address) &* 0x9E37_79B9_7F4A_7C15) >> 54) & slotMask
    }
}
