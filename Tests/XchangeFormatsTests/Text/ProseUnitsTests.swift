import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// The clauses and sentences around figures, remembered from one figure to the next, are those
/// a fresh walk finds; and a sentence listing many figures gives the facts its figures give
/// one sentence each. (How fast such a sentence reads is the benchmark's to say:
/// `xchange-bench text --sample`.)
@Suite struct ProseUnitsTests {
    /// Every range of `ranges`, asked in turn, against `Prose`'s own walk.
    static func expectSameUnits(_ text: ReportText, bounds: Range<Int>, _ ranges: [Range<Int>]) {
        var units = ProseUnits(text, bounds: bounds)
        for range in ranges {
            #expect(
                units.clause(around: range) == Prose.clause(around: range, in: text, bounds: bounds),
                "clause around \(range) in \(bounds)")
            #expect(
                units.sentence(around: range) == Prose.sentence(around: range, in: text, bounds: bounds),
                "sentence around \(range) in \(bounds)")
        }
    }

    @Test(arguments: SampleReports.names.filter { $0.hasSuffix(".txt") })
    func everyFigureOfASampleHasTheUnitsAWalkFinds(_ name: String) throws {
        let text = ReportText(String(decoding: try SampleReports.bytes(name), as: UTF8.self), file: name)
        let whole = 0..<text.count
        let mentions = NumberScanner.mentions(in: text, range: whole).map(\.range)
        #expect(!mentions.isEmpty)
        Self.expectSameUnits(text, bounds: whole, mentions)
        // Bounds inside the text, as the readers give them (a section), with the figures in them.
        let inner = (text.count / 4)..<(3 * text.count / 4)
        Self.expectSameUnits(text, bounds: inner, mentions.filter { inner.contains($0.lowerBound) })
    }

    /// Random texts of breaks, commas inside figures, spaces and words; ranges in order, out of
    /// order, repeated, holding breaks, at the bounds' edges and past them.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func anyRangesInAnyOrderHaveTheUnitsAWalkFinds(_ seed: UInt64) {
        var generator = SyntheticRandom(seed: seed)
        let pieces = ["申请", "12", "1,234", "，", "。", "；", "：", ":", ",", " ", "\n", "件", "、", "办结", "３４"]
        var source = ""
        for _ in 0..<400 { source += pieces.randomElement(using: &generator)! }
        let text = ReportText(source, file: nil)
        for _ in 0..<20 {
            let a = Int.random(in: 0...text.count, using: &generator)
            let b = Int.random(in: 0...text.count, using: &generator)
            let bounds = min(a, b)..<max(a, b)
            var ranges: [Range<Int>] = []
            var position = bounds.lowerBound
            for _ in 0..<60 {
                let start: Int
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: start = Int.random(in: 0..<max(1, text.count), using: &generator)
                case 1: start = ranges.last?.lowerBound ?? position
                default: start = min(position, max(0, text.count - 1))
                }
                let end = min(text.count, start + Int.random(in: 0...5, using: &generator))
                ranges.append(start..<end)
                position = min(text.count, end + Int.random(in: 0...6, using: &generator))
            }
            Self.expectSameUnits(text, bounds: bounds, ranges.filter { !$0.isEmpty })
        }
    }

    /// One sentence listing 2,000 figures gives a fact for each, as a sentence of each would.
    @Test func aSentenceListingManyFiguresKeepsEveryFigure() throws {
        let count = 2000
        let items = (0..<count).map { "第\($0 + 1)项办理\($0 % 97 + 1)件" }
        let listed = "本年度共收到政府信息公开申请，其中" + items.joined(separator: "、") + "。"
        let separate = items.map { "本年度共收到政府信息公开申请，其中\($0)。" }.joined()
        func facts(_ body: String) throws -> [Fact] {
            let text = "某某局2021年政府信息公开工作年度报告\n一、总体情况\n\(body)\n二、主动公开政府信息情况\n"
            return try SampleReports.read(bytes: Array(text.utf8), name: "list.txt").report.facts
        }
        let fromList = try facts(listed)
        let fromSentences = try facts(separate)
        #expect(fromList.count == fromSentences.count)
        #expect(fromList.map(\.value) == fromSentences.map(\.value))
        #expect(fromList.count >= count)
    }

    /// A pre-2019 sentence listing 1,500 figures reads its first ten as the same sentence
    /// listing only those ten does: the same fields, facts and warnings. The long sentence's
    /// terms are remembered; the short one's are searched each time.
    @Test func aLegacySentenceListingManyFiguresReadsItsFirstAsAShortOne() throws {
        let sample = String(decoding: try SampleReports.bytes("suifenhe-2017-report.txt"), as: UTF8.self)
        let insertAt = try #require(sample.range(of: "二、")).lowerBound
        let line = sample[..<insertAt].filter { $0 == "\n" }.count + 1
        func read(_ count: Int) throws -> (report: Report, diagnostics: [Diagnostic]) {
            let items = (0..<count).map { "第\($0 + 1)批主动公开信息\($0 % 97 + 1)条" }.joined(separator: "、")
            let text = sample[..<insertAt] + "全年通过政府网站主动公开政府信息，其中" + items + "。\n" + sample[insertAt...]
            return try SampleReports.read(bytes: Array(text.utf8), name: "list.txt")
        }
        let short = try read(10)
        let long = try read(1500)
        #expect(short.report.values == long.report.values)
        // The list's facts and contradictions: those of its line.
        let listed = { (report: Report) in report.facts.filter { $0.source?.line == line } }
        let warned = { (diagnostics: [Diagnostic]) in
            diagnostics.filter { $0.location?.line == line && $0.code == "text.legacy.contradiction" }
        }
        #expect(!listed(short.report).isEmpty)
        #expect(Array(listed(long.report).prefix(listed(short.report).count)) == listed(short.report))
        #expect(!warned(short.diagnostics).isEmpty)
        #expect(Array(warned(long.diagnostics).prefix(warned(short.diagnostics).count)) == warned(short.diagnostics))
        // What the rest of the report gives is the same.
        #expect(
            short.report.facts.count - listed(short.report).count == long.report.facts.count - listed(long.report).count
        )
        let others = { (diagnostics: [Diagnostic]) in diagnostics.filter { $0.code != "text.legacy.contradiction" } }
        #expect(others(short.diagnostics) == others(long.diagnostics))
    }
}
