import Foundation
import Testing
import XchangeCore

/// The packed field values behave as a dictionary from field to value, whatever the order of
/// writes: appends in schema order (how readers fill a report), writes before present
/// fields, replacements and removals.
struct FieldValuesTests {
    /// Field ids spread over the whole schema, so that every word of the presence bits is used.
    static let ids: [FieldID] = {
        let count = CanonicalSchema.v1.fields.count
        return (0..<count).map { FieldID(index: $0) }
    }()

    /// Checks every way of reading `values` against `expected`.
    func expectSame(_ values: FieldValues, _ expected: [FieldID: FieldValue]) {
        for id in Self.ids {
            #expect(values[id] == expected[id], "field \(id.index)")
            #expect(values.contains(id) == (expected[id] != nil))
            #expect(values.presence.contains(id) == (expected[id] != nil))
        }
        let present = values.present.map { ($0.id.index, $0.value) }
        let sorted = expected.sorted { $0.key < $1.key }.map { ($0.key.index, $0.value) }
        #expect(present.map(\.0) == sorted.map(\.0))
        #expect(present.map(\.1) == sorted.map(\.1))
        #expect(values.isEmpty == expected.isEmpty)
        // Read in schema order, field by field, and again passing over most empty fields
        // (as an encoder passes over an empty object).
        var inOrder = FieldValues.InOrder()
        for id in Self.ids { #expect(inOrder.value(id, in: values) == expected[id], "field \(id.index) in order") }
        var sparse = FieldValues.InOrder()
        for id in Self.ids where expected[id] != nil || id.index % 5 == 0 {
            #expect(sparse.value(id, in: values) == expected[id], "field \(id.index) in order, sparse")
        }
    }

    @Test func schemaOrderWritesAreReadBack() {
        var values = FieldValues()
        var expected: [FieldID: FieldValue] = [:]
        for id in Self.ids where id.index % 3 != 1 {
            let value: FieldValue = id.index % 2 == 0 ? .integer(id.index) : .text("文本\(id.index)")
            if id.index % 4 == 0 { values.setInteger(id.index, for: id) } else { values.set(value, for: id) }
            expected[id] = value
        }
        expectSame(values, expected)
    }

    @Test(arguments: [1, 2, 3, 4])
    func writesInAnyOrderMatchADictionary(_ seed: UInt64) {
        var generator = ValidatorScreenTests.SplitMix(state: seed)
        var values = FieldValues()
        var expected: [FieldID: FieldValue] = [:]
        for step in 0..<2000 {
            let id = Self.ids.randomElement(using: &generator)!
            let value: FieldValue? =
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: nil
                case 1: .text("值\(step)")
                case 2: .decimal(Decimal(step) / 4)
                default: .integer(step)
                }
            if case .integer(let number) = value, step % 3 == 0 {
                values.setInteger(number, for: id)
            } else if let value, step % 2 == 0 {
                values.set(value, for: id)
            } else {
                values[id] = value
            }
            expected[id] = value
            if step % 250 == 0 { expectSame(values, expected) }
        }
        expectSame(values, expected)
        // Equal contents are equal values, however they were written.
        var rebuilt = FieldValues()
        for (id, value) in expected.sorted(by: { $0.key > $1.key }) { rebuilt[id] = value }
        #expect(rebuilt == values)
        #expect(rebuilt.hashValue == values.hashValue)
        for id in expected.keys { values[id] = nil }
        expectSame(values, [:])
        #expect(values == FieldValues())
    }

    /// A batch of counts added at once leaves the values as setting each count in turn would:
    /// in schema order after what is present (the one-copy path), and out of order, twice for
    /// one field, before present counts or over a field holding text (set one by one).
    @Test(arguments: [5, 6, 7, 8])
    func batchOfCountsMatchesSettingEachInTurn(_ seed: UInt64) {
        var generator = ValidatorScreenTests.SplitMix(state: seed)
        let batch = IntegerBatch()
        for round in 0..<40 {
            var values = FieldValues()
            var expected: [FieldID: FieldValue] = [:]
            // What a reader set before the counts: texts anywhere, and perhaps a few counts.
            for id in Self.ids where Int.random(in: 0..<10, using: &generator) == 0 {
                let value: FieldValue = round % 3 == 0 ? .integer(-id.index) : .text("文\(id.index)")
                values.set(value, for: id)
                expected[id] = value
            }
            // The batch: every field with a chance, in schema order or shuffled by the round.
            var fields = Self.ids.filter { _ in Bool.random(using: &generator) }
            switch round % 4 {
            case 0: break
            case 1: fields.shuffle(using: &generator)
            case 2: fields += fields.prefix(3)
            default: fields = fields.filter { expected[$0] == nil }
            }
            // More than a batch's first room: it grows.
            if round == 7 { fields += fields + fields }
            batch.removeAll()
            for (position, id) in fields.enumerated() {
                batch.append(position * 7 - 3, for: id)
                expected[id] = .integer(position * 7 - 3)
            }
            values.add(batch)
            #expect(batch.isEmpty)
            expectSame(values, expected)
            var inTurn = FieldValues()
            for (id, value) in expected.sorted(by: { $0.key < $1.key }) { inTurn.set(value, for: id) }
            #expect(inTurn == values)
        }
    }
}
