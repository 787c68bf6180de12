import Foundation
import Testing
import XchangeSynthetic

@testable import XchangeFormats

/// The one-pass decoder that turns a report text's bytes into scalars: it must take exactly the
/// byte sequences Swift's own validation takes, and give the same scalars.
struct UTF8ScalarsTests {
    static func decoded(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        bytes.withUnsafeBufferPointer(UTF8Scalars.decode)
    }

    static func expected(_ bytes: [UInt8]) -> [Unicode.Scalar]? {
        String(validating: bytes, as: UTF8.self).map { Array($0.unicodeScalars) }
    }

    @Test func theSampleTextsDecodeAsSwiftDecodesThem() throws {
        for name in SampleReports.names {
            let bytes = try SampleReports.bytes(name)
            let scalars = try #require(Self.decoded(bytes), "\(name)")
            #expect(scalars == Self.expected(bytes), "\(name)")
        }
    }

    @Test func illFormedSequencesAreRefused() {
        let refused: [[UInt8]] = [
            [0x80],  // a continuation byte with no lead
            [0xC0, 0xAF], [0xC1, 0xBF],  // overlong two-byte forms
            [0xE0, 0x80, 0xAF], [0xF0, 0x80, 0x80, 0xAF],  // overlong three- and four-byte forms
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF],  // surrogates
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF],  // past U+10FFFF
            [0xE4, 0xB8], [0x61, 0xF0, 0x9F, 0x98],  // cut short
            [0xE4, 0x41, 0xAD],  // a lead followed by ASCII
        ]
        for bytes in refused {
            #expect(Self.decoded(bytes) == nil, "\(bytes)")
            #expect(Self.expected(bytes) == nil, "\(bytes)")
        }
        let accepted: [[UInt8]] = [
            [], [0x7F], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
        ]
        for bytes in accepted {
            #expect(Self.decoded(bytes) == Self.expected(bytes), "\(bytes)")
            #expect(Self.decoded(bytes) != nil, "\(bytes)")
        }
    }

    /// Runs of Chinese characters (three bytes each, read several at a time) ended by every
    /// kind of sequence, well-formed or not, at every distance from the end of the input.
    @Test func runsOfThreeByteSequencesEndAsSwiftEndsThem() {
        let tails: [[UInt8]] = [
            [], [0x41], [0x41, 0x42, 0x43, 0x44], [0xC3, 0xA9], [0xF0, 0x9F, 0x98, 0x80], [0xE4, 0xB8, 0xAD],
            [0xEF, 0xBF, 0xBF], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xE4, 0x41, 0xAD], [0xE4, 0xB8, 0x41], [0xE4, 0xB8], [0xE4],
            [0xAD], [0xE4, 0xB8, 0xAD, 0xBF], [0xF8, 0x80, 0x80, 0x80],
        ]
        let han = Array("政府信息公开".utf8)
        for characters in 0...6 {
            for tail in tails {
                for after in [[], [0x0A], Array("年报".utf8)] as [[UInt8]] {
                    let bytes = Array(han.prefix(3 * characters)) + tail + after
                    #expect(Self.decoded(bytes) == Self.expected(bytes), "\(bytes.map { String($0, radix: 16) })")
                }
            }
        }
    }

    /// Random bytes drawn mostly from the ranges that matter (ASCII runs long enough for the
    /// eight-byte path, leads, continuations, the bytes at each range's edge), damaged or not.
    @Test func randomBytesAreJudgedAsSwiftJudgesThem() {
        var generator = SyntheticRandom(seed: 29)
        let interesting: [UInt8] = [
            0x00, 0x0A, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xEF,
            0xF0,
            0xF4, 0xF5, 0xFF,
        ]
        let valid = Array("报告 2021 年，共 1,234 件。😀 é".utf8)
        var mismatches = 0
        for round in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: bytes.append(interesting.randomElement(using: &generator)!)
                case 1: bytes += Array(repeating: 0x61, count: Int.random(in: 1...10, using: &generator))
                default:
                    let start = Int.random(in: 0..<valid.count, using: &generator)
                    bytes += valid[start..<min(valid.count, start + Int.random(in: 1...6, using: &generator))]
                }
            }
            if Self.decoded(bytes) != Self.expected(bytes) {
                mismatches += 1
                Issue.record("round \(round): \(bytes.map { String($0, radix: 16) })")
                if mismatches > 5 { return }
            }
        }
    }
}
