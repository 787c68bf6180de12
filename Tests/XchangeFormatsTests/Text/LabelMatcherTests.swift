import Foundation
import Testing

@testable import XchangeFormats

/// The labels the table readers find: leftmost first; at each place the longest label, on equal
/// length the one that demands its numbering, then the first listed; never overlapping. Held to
/// a plain search that tries every label at every place, over the sample texts and the texts
/// of some tables printed in odd ways.
@Suite struct LabelMatcherTests {
    struct Found: Equatable, CustomStringConvertible {
        let body: Range<Int>
        let start: Int
        let target: String

        var description: String { "\(target) at \(body) from \(start)" }
    }

    /// Every label in `range`, by trying each entry in the documented order at each place.
    static func plainScan<Target>(
        _ matcher: LabelMatcher<Target>, _ text: NormalizedText, in range: Range<Int>
    )
        -> [Found]
    {
        let entries = matcher.entries
        let order = entries.indices.filter { !entries[$0].body.isEmpty }.sorted { lhs, rhs in
            let (a, b) = (entries[lhs], entries[rhs])
            if a.body.count != b.body.count { return a.body.count > b.body.count }
            if a.requiresNumbering != b.requiresNumbering { return a.requiresNumbering }
            return lhs < rhs
        }
        var found: [Found] = []
        var lastEnd = range.lowerBound
        var index = range.lowerBound
        scanning: while index < range.upperBound {
            for candidate in order {
                let entry = entries[candidate]
                let end = index + entry.body.count
                guard end <= range.upperBound, Array(text.scalars[index..<end]) == entry.body else { continue }
                let numberingStart = entry.numbering?.start(endingAt: index, in: text.scalars, lowerBound: lastEnd)
                if entry.requiresNumbering, numberingStart == nil { continue }
                found.append(Found(body: index..<end, start: numberingStart ?? index, target: "\(entry.target)"))
                index = end
                lastEnd = end
                continue scanning
            }
            index += 1
        }
        return found
    }

    static func scanned<Target>(
        _ matcher: LabelMatcher<Target>, _ text: NormalizedText, in range: Range<Int>
    )
        -> [Found]
    {
        matcher.scan(text, in: range).map { Found(body: $0.body, start: $0.start, target: "\($0.target)") }
    }

    static let printedTables = [
        "（一）行政机关收费\n1.行政复议 2.行政诉讼 （七）总计 其他 总计 3.其他处理情况 1 2 3",
        "三、本年度办理结果（一）予以公开 12（二）部分公开 3（三）不予公开 1.属于国家秘密 0 2.其他法律行政法规禁止公开 1",
        "其他其他其他总计总计（七）总计7.其他",
    ]

    @Test(arguments: SampleReports.names)
    func tableLabelsAreFoundAsAPlainSearchFindsThem(_ name: String) throws {
        let text = ReportText(String(decoding: try SampleReports.bytes(name), as: UTF8.self), file: name)
        try check(NormalizedText(text))
    }

    @Test(arguments: printedTables)
    func oddlyPrintedTablesAreScannedAsAPlainSearchScansThem(_ table: String) throws {
        try check(NormalizedText(ReportText(table, file: "table.txt")))
    }

    private func check(_ normalized: NormalizedText) throws {
        let whole = 0..<normalized.count
        // Ranges that cut labels in two at either end, too.
        let ranges = [whole, min(3, normalized.count)..<max(min(3, normalized.count), normalized.count - 2)]
        for range in ranges {
            for spec in [TableSpec.activeDisclosure, .activeDisclosure2019, .applications, .reviewLitigation] {
                let matcher = TableReader.matcher(for: spec)
                #expect(Self.scanned(matcher, normalized, in: range) == Self.plainScan(matcher, normalized, in: range))
            }
            let statistics = StatisticsTableRows.matcher
            #expect(
                Self.scanned(statistics, normalized, in: range) == Self.plainScan(statistics, normalized, in: range))
        }
    }

    /// Pairs that share a slot in the table, and pairs that are not there at all.
    @Test func thePairTableListsEachPairsEntriesInOrder() {
        var pairs: [(first: Unicode.Scalar, second: Unicode.Scalar, entry: Int)] = []
        let scalars = Array("政府信息公开申请办理结果总计其他".unicodeScalars)
        for (index, first) in scalars.enumerated() {
            for second in scalars.prefix(index + 1) { pairs.append((first, second, pairs.count)) }
        }
        pairs.append((scalars[0], scalars[0], pairs.count))  // a pair listed twice keeps both, in order
        let table = PairTable(pairs)
        for first in scalars {
            for second in scalars {
                let expected = pairs.filter { $0.first == first && $0.second == second }.map(\.entry)
                #expect(Array(table.entries(first, second)) == expected, "\(first)\(second)")
            }
        }
        #expect(table.entries("a", "b").isEmpty)
        #expect(PairTable([]).entries("a", "b").isEmpty)
    }
}
