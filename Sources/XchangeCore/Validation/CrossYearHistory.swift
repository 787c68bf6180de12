import Foundation

/// What a validator remembers for the cross-year rules: per agency and year, only the figures
/// those rules read, in one fixed-size record, in flat arrays (no allocation per report).
///
/// The memory is bounded: at most ``capacity`` agency-years are remembered (the oldest is
/// forgotten first), about 100 bytes each — 65,536 of them, some 7 MB, by default: more than a
/// province's agencies, and small enough that a pipeline validating a long input stays within
/// 64 MB in all (the libraries alone take about 30 MB). Two years of one agency are compared
/// when fewer than that many other agency-years come between them.
/// An agency is known by a 128-bit digest of its key (its USCC, else its name), hashed as
/// `String` hashes, so keys equal as strings meet; two different keys sharing a digest is a
/// chance of about 10⁻²⁷ in a batch of a million agencies.
struct CrossYearHistory {
    /// How many agency-years a validator remembers by default.
    static let defaultCapacity = 1 << 16

    /// The fields kept, in record order.
    let fields: [FieldID]
    /// For each schema field, its place in a record, or −1.
    private let place: [Int]
    let capacity: Int

    private var digests: [AgencyDigest] = []
    private var years: [Int] = []
    /// `fields.count` figures per record: a whole number from 0 to 65,533 (nearly every
    /// figure these rules read), else a marker.
    private var figures: [UInt16] = []
    /// The figures marked ``elsewhere``, by `record * fields.count + place`.
    private var others: [Int: Decimal] = [:]
    /// Open addressing over the records, at most half full: 0 when free, else the record's
    /// number + 1 in the low 32 bits and a tag of its agency and year in the high ones. An
    /// agency's years share one home slot, so looking up the year before, the year itself and
    /// the year after reads one stretch of memory, and a tag that differs is passed over
    /// without reading the record.
    private var slots: [UInt64] = []
    /// The record to forget next once ``capacity`` records are held.
    private var oldest = 0

    /// A blank cell, or a value with no number.
    static let absent = UInt16.max
    /// A number kept in ``others``: a decimal, or a whole number outside the record's range.
    static let elsewhere = UInt16.max - 1

    init(fields: [FieldID], capacity: Int = defaultCapacity) {
        precondition(capacity > 0 && capacity < Int(Int32.max) / 4)
        self.fields = fields
        self.capacity = capacity
        var place = [Int](repeating: -1, count: (fields.map(\.index).max() ?? -1) + 1)
        for (position, id) in fields.enumerated() { place[id.index] = position }
        self.place = place
    }

    /// The record held for this agency and year, if any.
    func record(_ agency: AgencyDigest, year: Int) -> Int? {
        guard !slots.isEmpty else { return nil }
        let mask = slots.count - 1
        let tag = Self.tag(agency, year)
        var slot = Self.home(agency, mask: mask)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if UInt32(truncatingIfNeeded: entry &>> 32) == tag {
                let record = Int(truncatingIfNeeded: entry & 0xFFFF_FFFF) &- 1
                if digests[record] == agency && years[record] == year { return record }
            }
            slot = (slot &+ 1) & mask
        }
    }

    /// Remembers the report's figures for this agency and year, replacing what was held for them.
    mutating func store(_ report: Report, agency: AgencyDigest, year: Int) {
        let base = self.base(ofRecordFor: agency, year: year)
        Self.pack(report, fields: fields, into: &figures, others: &others, at: base)
    }

    /// Remembers the figures a batch holds for its report `index`, as ``store(_:agency:year:)``
    /// would have remembered the report's.
    mutating func store(_ batch: CrossYearBatch, at index: Int, agency: AgencyDigest, year: Int) {
        let base = self.base(ofRecordFor: agency, year: year)
        let from = index * fields.count
        for position in 0..<fields.count {
            let figure = batch.figures[from + position]
            figures[base + position] = figure
            if figure == Self.elsewhere { others[base + position] = batch.others[from + position] }
        }
    }

    /// Packs a report's figures into `figures` (and `others`) from `base` on: a record's layout.
    static func pack(
        _ report: Report, fields: [FieldID], into figures: inout [UInt16], others: inout [Int: Decimal], at base: Int
    ) {
        for (position, id) in fields.enumerated() {
            switch report.values[id] {
            case .integer(let value)? where value >= 0 && value < Int(Self.elsewhere):
                figures[base + position] = UInt16(value)
            case let value?:
                if let number = value.number {
                    figures[base + position] = Self.elsewhere
                    others[base + position] = number
                } else {
                    figures[base + position] = Self.absent
                }
            case nil:
                figures[base + position] = Self.absent
            }
        }
    }

    /// The first figure's place of the record for this agency and year: the one held, a new
    /// one, or the oldest one forgotten to make room.
    private mutating func base(ofRecordFor agency: AgencyDigest, year: Int) -> Int {
        let record: Int
        if let existing = self.record(agency, year: year) {
            record = existing
            clearOthers(of: record)
        } else if digests.count < capacity {
            if digests.isEmpty { reserveAll() }
            record = digests.count
            digests.append(agency)
            years.append(year)
            figures.append(contentsOf: repeatElement(Self.absent, count: fields.count))
            if slots.count < 2 * digests.count { grow() } else { insert(record) }
        } else {
            record = oldest
            oldest = (oldest + 1) % capacity
            remove(record)
            clearOthers(of: record)
            digests[record] = agency
            years[record] = year
            insert(record)
        }
        return record * fields.count
    }

    /// Takes the room of every record at once. Pages are backed only once written, so this
    /// costs nothing until records come; growing by doubling instead would copy the records
    /// into new room each time, briefly holding them twice: the peak memory of a long input.
    private mutating func reserveAll() {
        digests.reserveCapacity(capacity)
        years.reserveCapacity(capacity)
        figures.reserveCapacity(capacity * fields.count)
    }

    /// A held record's figures, for comparing.
    func figures(of record: Int) -> YearFigures {
        unpack(figures, others, at: record * fields.count, year: years[record])
    }

    /// The figures a batch holds for its report `index`, for comparing before they are stored.
    func figures(of batch: CrossYearBatch, at index: Int, year: Int) -> YearFigures {
        unpack(batch.figures, batch.others, at: index * fields.count, year: year)
    }

    private func unpack(_ figures: [UInt16], _ others: [Int: Decimal], at base: Int, year: Int) -> YearFigures {
        YearFigures(
            year: year, place: place,
            values: (0..<fields.count).map { position in
                let figure = figures[base + position]
                if figure == Self.absent { return nil }
                if figure == Self.elsewhere { return others[base + position] }
                return Decimal(Int(figure))
            })
    }

    /// A report's figures as a record would hold them, for comparing before it is stored.
    func figures(of report: Report, year: Int) -> YearFigures {
        YearFigures(year: year, place: place, values: fields.map { report.values[$0]?.number })
    }

    private mutating func clearOthers(of record: Int) {
        guard !others.isEmpty else { return }
        let base = record * fields.count
        for position in 0..<fields.count where figures[base + position] == Self.elsewhere {
            others[base + position] = nil
        }
    }

    /// Where an agency's records start looking for a slot.
    private static func home(_ agency: AgencyDigest, mask: Int) -> Int {
        var mixed = agency.low
        mixed ^= mixed >> 29
        return Int(truncatingIfNeeded: mixed) & mask
    }

    private static func tag(_ agency: AgencyDigest, _ year: Int) -> UInt32 {
        let mixed = agency.high ^ (UInt64(bitPattern: Int64(year)) &* 0x9E37_79B9_7F4A_7C15)
        return UInt32(truncatingIfNeeded: mixed ^ (mixed >> 32))
    }

    private func entry(_ record: Int) -> UInt64 {
        UInt64(Self.tag(digests[record], years[record])) << 32 | UInt64(record + 1)
    }

    private mutating func insert(_ record: Int) {
        let mask = slots.count - 1
        var slot = Self.home(digests[record], mask: mask)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = entry(record)
    }

    /// Takes a record out of the slots, moving later entries of its run back so that every
    /// search still finds them (deletion without markers under linear probing).
    private mutating func remove(_ record: Int) {
        let mask = slots.count - 1
        let removed = entry(record)
        var hole = Self.home(digests[record], mask: mask)
        while slots[hole] != removed { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while slots[next] != 0 {
            let moved = Int(truncatingIfNeeded: slots[next] & 0xFFFF_FFFF) - 1
            let home = Self.home(digests[moved], mask: mask)
            // The entry may fill the hole unless its home lies cyclically in (hole, next].
            let homeAfterHole = (home &- hole) & mask
            let nextAfterHole = (next &- hole) & mask
            if homeAfterHole == 0 || homeAfterHole > nextAfterHole {
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        slots[hole] = 0
    }

    private mutating func grow() {
        var size = max(slots.count, 64)
        while size < 2 * digests.count { size *= 2 }
        slots = [UInt64](repeating: 0, count: 2 * size)
        for record in digests.indices { insert(record) }
    }
}

/// An agency key as a 128-bit digest.
typealias AgencyDigest = ValueDigest

/// The figures of one report that cross-year rules compare.
struct YearFigures {
    let year: Int
    /// For each schema field, its place in `values`, or −1 (shared with the history).
    let place: [Int]
    let values: [Decimal?]

    subscript(id: FieldID) -> Decimal? {
        guard id.index < place.count, place[id.index] >= 0 else { return nil }
        return values[place[id.index]]
    }
}
