import Foundation
import Testing

@testable import XchangeFormats

/// The encoding of a file without a byte-order mark: UTF-8 when it is UTF-8, also when a byte
/// of it is damaged, and GB18030 when it is GB18030, on the published report texts.
struct EncodingDetectorTests {
    static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appending(path: "samples")

    static func sampleTexts() throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: samples.path)
            .filter { $0.hasSuffix(".txt") || $0.hasSuffix(".html") }.sorted()
        return try names.map { try String(contentsOf: samples.appending(path: $0), encoding: .utf8) }
    }

    @Test func publishedReportsInGB18030AreGB18030() throws {
        let texts = try Self.sampleTexts()
        #expect(texts.count >= 8)
        for text in texts {
            let bytes = try CSVTest.gb18030(text)
            #expect(EncodingDetector.detect(bytes, isComplete: true).encoding == .gb18030)
            // Any stretch of it, as a CSV reader's first chunk may be.
            for start in stride(from: 0, to: bytes.count, by: 997) {
                let head = Array(bytes[start...].prefix(4096))
                guard EncodingDetector.invalidUTF8Offset(in: head.withUnsafeBufferPointer { $0 }) != nil else {
                    continue
                }
                #expect(EncodingDetector.detect(head).encoding == .gb18030, "stretch at \(start)")
            }
        }
    }

    @Test func publishedReportsInUTF8WithADamagedByteAreUTF8() throws {
        for text in try Self.sampleTexts() {
            let bytes = Array(text.utf8)
            #expect(EncodingDetector.detect(bytes, isComplete: true).encoding == .utf8)
            for cut in stride(from: bytes.count / 3, to: bytes.count, by: bytes.count / 7) {
                for damage: [UInt8] in [[0xFF], [0x80], [0xC3, 0x28], [0xE4, 0xB8]] {
                    let damaged = Array(bytes[..<cut]) + damage + Array(bytes[cut...])
                    #expect(EncodingDetector.detect(damaged, isComplete: true).encoding == .utf8)
                }
            }
        }
    }

    @Test func aByteThatIsNotUTF8BeforeAnyChineseLeavesTheFileToGB18030() throws {
        // Nothing shows the file is UTF-8 text: GB18030 is the encoding that explains the byte.
        let bytes = Array("meta.report_year,meta.agency_name\n2021,".utf8) + [0xC9, 0xCF] + Array("\n".utf8)
        #expect(EncodingDetector.detect(bytes, isComplete: true).encoding == .gb18030)
    }
}
