import Testing
import XchangeCore

@testable import XchangeFormats

/// The decoders' tables go from one reader to the next with what they remember; what a later
/// reader gets from them is still exactly what its own bytes say.
struct DirectJSONCachesTests {
    /// Strings of one length that share their first and last eight bytes share a slot.
    static let alike = ["政府信息公开工作年度报告：第一部分总体情况", "政府信息公开工作年度报告：第二部分总体情况"]

    func string(_ text: String, from caches: DirectJSONCaches) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { caches.string($0, isASCII: false) }
    }

    @Test func aTableUsedBeforeGivesEachStringAsItsBytesSay() {
        for _ in 0..<3 {
            // Made and dropped in turn, so each takes the table the one before gave back.
            let first = DirectJSONCaches(sharingStrings: true)
            #expect(string(Self.alike[0], from: first) == Self.alike[0])
            #expect(string(Self.alike[0], from: first) == Self.alike[0])
        }
        let later = DirectJSONCaches(sharingStrings: true)
        #expect(string(Self.alike[1], from: later) == Self.alike[1])
        #expect(string(Self.alike[0], from: later) == Self.alike[0])
        // Bytes that are not UTF-8 are refused, whatever the slot holds.
        var broken = Array(Self.alike[0].utf8)
        broken[12] = 0xFF
        #expect(broken.withUnsafeBufferPointer { later.string($0, isASCII: false) } == nil)
    }

    @Test func aFieldsLastCodeFromAnEarlierReaderIsTakenOnlyForTheSameBytes() throws {
        let level = try #require(CanonicalSchema.v1.fieldID("meta.agency_level"))
        do {
            let earlier = DirectJSONCaches()
            Array("county".utf8).withUnsafeBufferPointer {
                earlier.rememberCode(.text("county"), for: level, bytes: $0)
            }
        }
        let later = DirectJSONCaches()
        Array("county".utf8).withUnsafeBufferPointer {
            later.rememberCode(.text("county"), for: level, bytes: $0)
        }
        #expect(
            Array("county".utf8).withUnsafeBufferPointer { later.lastCode(for: level, equalTo: $0) } == .text("county"))
        #expect(Array("countyx".utf8).withUnsafeBufferPointer { later.lastCode(for: level, equalTo: $0) } == nil)
        #expect(Array("township".utf8).withUnsafeBufferPointer { later.lastCode(for: level, equalTo: $0) } == nil)
    }
}
