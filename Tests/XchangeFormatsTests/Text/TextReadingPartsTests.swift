import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// The parts the text reader is built from.
@Suite struct TextReadingPartsTests {
    @Test(arguments: SampleReports.names)
    func normalizedTextFoldsLikeLabelText(_ name: String) throws {
        let text = ReportText(String(decoding: try SampleReports.bytes(name), as: UTF8.self), file: name)
        let normalized = NormalizedText(text)
        #expect(
            String(String.UnicodeScalarView(normalized.scalars)) == LabelText.normalized(text.string(0..<text.count)))
    }

    /// A label's pattern is its normalized form's scalars: for every label and alias of the
    /// schema, and every line of the samples.
    @Test func patternsAreTheNormalizedLabels() throws {
        var labels = CanonicalSchema.v1.fields.flatMap(\.label) + ["", " ", "ａｂｃ　１２３", "（一）\t主动 公开"]
        labels += CanonicalSchema.v1.labelAliases.flatMap { [$0.key] + $0.value }
        for name in SampleReports.names {
            labels += String(decoding: try SampleReports.bytes(name), as: UTF8.self).split(separator: "\n").map(
                String.init)
        }
        for label in labels {
            #expect(NormalizedText.pattern(label) == Array(LabelText.normalized(label).unicodeScalars), "\(label)")
        }
    }

    /// The folded text the narrative readers slice gives, for any range, exactly the window
    /// folded on its own, and terms end at the same places in both.
    @Test(arguments: SampleReports.names)
    func proseWindowsAreTheWindowsOfTheText(_ name: String) throws {
        let text = ReportText(String(decoding: try SampleReports.bytes(name), as: UTF8.self), file: name)
        let prose = ProseWindows(text)
        let terms = ["申请", "公开", "行政复议", "政府信息公开", "件"].map { Array($0.unicodeScalars) }
        var ranges: [Range<Int>] = [0..<text.count, 0..<0, text.count..<text.count, 0..<(text.count + 5)]
        for start in stride(from: 0, to: text.count, by: 37) {
            for length in [1, 9, 60, 600] { ranges.append(start..<min(text.count, start + length)) }
        }
        for range in ranges {
            let window = Prose.window(text, range)
            let slice = prose.slice(range)
            #expect(prose.window(range) == window, "\(range)")
            for term in terms {
                let inWindow = Prose.lastEnd(of: term, in: window)
                let inSlice = Prose.lastEnd(of: term, in: slice).map { $0 - slice.startIndex }
                #expect(inWindow == inSlice, "\(range)")
                #expect(Prose.contains(window, term) == (inWindow != nil), "\(range)")
            }
        }
    }

    @Test func termSearchesFindTermsAtEitherEdge() {
        let scalars = Array("公开公开申请公开".unicodeScalars)
        let term = Array("公开".unicodeScalars)
        #expect(Prose.lastEnd(of: term, in: scalars) == 8)
        #expect(Prose.lastEnd(of: term, in: scalars[0..<5]) == 4)
        #expect(Prose.lastEnd(of: Array("申请".unicodeScalars), in: scalars[2..<6]) == 6)
        #expect(Prose.lastEnd(of: Array("申请公开申".unicodeScalars), in: scalars) == nil)
        #expect(Prose.lastEnd(of: [], in: scalars) == nil)
        #expect(SectionSplitter.contains(scalars, Array("开申".unicodeScalars)))
        #expect(!SectionSplitter.contains(scalars, Array("开开".unicodeScalars)))
        #expect(SectionSplitter.contains(scalars, []))
        let normalized = NormalizedText(ReportText("公开 公开申请公开", file: nil))
        #expect(normalized.firstIndex(of: term, in: 0..<normalized.count) == 0)
        #expect(normalized.firstIndex(of: term, in: 1..<normalized.count) == 2)
        #expect(normalized.firstIndex(of: term, in: 1..<3) == nil)
        #expect(normalized.firstIndex(of: term, in: 5..<100) == 6)
    }

    @Test func labelsMatchInAnyWidthAndSpacing() throws {
        let text = ReportText("（本列数据）自然人 法人或其他组织总计一、本年新收政府信息公开申请数量 1 2\n二、上年结转政府信息公开申请数量", file: nil)
        let normalized = NormalizedText(text)
        let hits = TableReader.matcher(for: .applications).scan(normalized, in: 0..<normalized.count)
        let rows = hits.compactMap { hit -> String? in
            if case .row(let index) = hit.target { return TableSpec.applications.rows[index].key }
            return nil
        }
        #expect(rows == ["applications.new_received", "applications.carried_over"])
        // The numbering of the next row is not part of this row's figures.
        #expect(
            text.string(normalized.originalStart(hits.last!.start)..<normalized.originalStart(hits.last!.start) + 2)
                == "二、")
    }

    @Test func splitterUsesTheSumsAndRefusesToGuess() {
        let row = TableSpec.applications.rows[0]
        let equations = SumEquation.all(for: .unified2021)
        let splitter = RunTogetherSplitter(equations: equations, known: [:])
        let digits = "640020470".unicodeScalars.map { Int($0.value) - 48 }
        let (outcomes, _) = splitter.solve([RunTogetherRow(fields: row.fields, pieces: [.digits(digits)])])
        #expect(outcomes == [.solved([64, 0, 0, 2, 0, 4, 70])])

        let documents = TableSpec.activeDisclosure.rows[1]
        let unconstrained = RunTogetherSplitter(equations: equations, known: [:])
        let (ambiguous, _) = unconstrained.solve([
            RunTogetherRow(fields: documents.fields, pieces: [.digits([6, 9, 3, 6, 6, 5])])
        ])
        #expect(ambiguous == [.ambiguous(10)])
        let (forced, _) = unconstrained.solve([RunTogetherRow(fields: documents.fields, pieces: [.digits([0, 0, 0])])])
        #expect(forced == [.solved([0, 0, 0])])
    }

    /// Every way to cut run-together digits into cells is listed once, in order: what a plain
    /// recursion over the cut points gives, figures with no leading zero and singles in place.
    @Test func splitterListsEveryReadingOfThePieces() throws {
        let splitter = RunTogetherSplitter(equations: [], known: [:])
        let cases: [[RunTogetherRow.Piece]] = [
            [.digits([1, 2, 0, 3])],
            [.digits([1, 0, 0, 7, 5]), .single(5), .digits([4, 0])],
            [.single(nil), .digits([9, 9]), .digits([3, 0, 1]), .single(12)],
            [.digits([0, 0, 0])],
        ]
        func figure(_ digits: ArraySlice<Int>) -> Int? {
            guard let first = digits.first, digits.count == 1 || first != 0 else { return nil }
            return digits.reduce(0) { $0 * 10 + $1 }
        }
        // All cuts of `digits` into `parts` figures, cut points ascending.
        func cuts(_ digits: ArraySlice<Int>, _ parts: Int) -> [[Int?]] {
            if parts == 1 { return figure(digits).map { [[$0]] } ?? [] }
            guard digits.count >= parts else { return [] }
            var all: [[Int?]] = []
            for stop in (digits.startIndex + 1)...(digits.endIndex - parts + 1) {
                guard let head = figure(digits[digits.startIndex..<stop]) else { continue }
                all += cuts(digits[stop...], parts - 1).map { [head] + $0 }
            }
            return all
        }
        func readings(_ pieces: ArraySlice<RunTogetherRow.Piece>, _ cells: Int) -> [[Int?]] {
            guard let piece = pieces.first else { return cells == 0 ? [[]] : [] }
            switch piece {
            case .single(let value):
                guard cells >= 1 else { return [] }
                return readings(pieces.dropFirst(), cells - 1).map { [value] + $0 }
            case .digits(let digits):
                guard cells >= 1 else { return [] }
                return (1...min(digits.count, cells)).flatMap { parts in
                    cuts(digits[...], parts).flatMap { head in
                        readings(pieces.dropFirst(), cells - parts).map { head + $0 }
                    }
                }
            }
        }
        for pieces in cases {
            for cells in 1...9 {
                let fields = (0..<cells).map { FieldID(index: $0) }
                let listed = try #require(splitter.enumerate(RunTogetherRow(fields: fields, pieces: pieces)))
                #expect(listed == readings(pieces[...], cells), "\(pieces) in \(cells) cells")
            }
        }
    }

    @Test func datesAsReportsPrintThem() {
        func date(_ text: String) -> String? {
            let scalars = Array(text.unicodeScalars)
            return CalendarDateText.find(in: scalars, range: 0..<scalars.count).first?.date(defaultYear: 2019)?
                .description
        }
        #expect(date("2018年2月23日") == "2018-02-23")
        #expect(date("二〇一八年二月二十三日") == "2018-02-23")
        #expect(date("时间：2022-02-08 16:34") == "2022-02-08")
        #expect(date("从20191月1日起") == "2019-01-01")
        #expect(date("到12月31日止") == "2019-12-31")
        #expect(date("2019年") == nil)
    }

    @Test func chineseNumerals() {
        func value(_ text: String) -> Int? { ChineseNumeral.value(Array(text.unicodeScalars)) }
        #expect(value("两") == 2)
        #expect(value("十一") == 11)
        #expect(value("二十三") == 23)
        #expect(value("一百零五") == 105)
        #expect(value("二〇三五") == 2035)
    }

    @Test func theNumeralFilterPassesEveryNumeralAndOnlyThem() {
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let isNumeral = ChineseNumeral.digit(scalar) != nil || ChineseNumeral.multiplier(scalar) != nil
            #expect(ChineseNumeral.isNumeral(scalar) == isNumeral, "U+\(String(value, radix: 16))")
            if isNumeral { #expect(ChineseNumeral.numeralLowBits & 1 << UInt64(value & 63) != 0) }
        }
    }

    /// A column's words in prose, worked out on scalars, are what the string operations gave.
    @Test func columnTermsAreTheWordsTheStringsGave() {
        func reference(_ label: String) -> [Unicode.Scalar] {
            var term = label
            for prefix in ["本年度", "本年"] where term.hasPrefix(prefix) { term.removeFirst(prefix.count) }
            for suffix in ["件数", "数量", "总数", "数", "总"] where term.hasSuffix(suffix) && term.count > suffix.count + 1 {
                term.removeLast(suffix.count)
            }
            return NormalizedText.pattern(term)
        }
        let specs = [TableSpec.activeDisclosure, .activeDisclosure2019, .applications, .reviewLitigation]
        let labels = Set(specs.flatMap { $0.rows.flatMap { $0.columns.compactMap(\.last) } })
            .union(CanonicalSchema.v1.fields.flatMap(\.label))
        #expect(labels.count > 50)
        for label in labels.sorted() + ["本年度总数", "数", "本年", "总数量", "本年 制发件数"] {
            #expect(NarrativeEvidence.columnTerm(label) == reference(label), "\(label)")
        }
    }

    /// The lists the scans look for are the classes the readers test one character at a time.
    @Test func scannedListsAreTheClassesTheyStandFor() {
        var numerals: Set<Unicode.Scalar> = []
        var clauseBreaks: Set<Unicode.Scalar> = []
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            if ChineseNumeral.digit(scalar) != nil || ChineseNumeral.multiplier(scalar) != nil {
                numerals.insert(scalar)
            }
            if Prose.isClauseBreak(scalar) { clauseBreaks.insert(scalar) }
        }
        #expect(Set(ChineseNumeral.numerals) == numerals)
        #expect(Set(Prose.clauseBreaks) == clauseBreaks)
    }

    @Test func aScalarBitmapFindsItsMembersAndOnlyThem() {
        let members: [Unicode.Scalar] = ["，", "0", "未", "\u{FFFF}", "\u{10000}", "😀"]
        let bitmap = ScalarBitmap(members)
        let text: [Unicode.Scalar] = Array("ab未c😀d，\u{FFFF}\u{20000}0".unicodeScalars)
        let expected = text.indices.filter { members.contains(text[$0]) }
        var found: [Int] = []
        text.withUnsafeBufferPointer { buffer in
            var index = 0
            while let hit = bitmap.firstIndex(in: buffer, index..<buffer.count) {
                found.append(hit)
                index = hit + 1
            }
            #expect(bitmap.firstIndex(in: buffer, 3..<3) == nil)
        }
        #expect(found == expected)
        for scalar in text { #expect(bitmap.contains(scalar) == members.contains(scalar)) }
        #expect(!bitmap.contains("\u{FFFE}"))
    }

    @Test func narrativeFiguresLeaveOutYearsDatesAndCodes() {
        let text = ReportText(
            "2017年12月将2017年规范性文件清理结果公示（黑人社发[2017]39号）；电话0591-23165370；1.推进工作，共计21条，占32.65%，查处案件两起，第十四个五年规划，约4900人次，发布1,234条。",
            file: nil)
        let mentions = NumberScanner.mentions(in: text, range: 0..<text.count)
        #expect(mentions.map { "\($0.value)\($0.unit ?? "")" } == ["21条", "32.65%", "2起", "4900人次", "1234条"])
        #expect(mentions[3].isApproximate)
    }

    @Test func zeroStatements() {
        let text = ReportText("未发生提出行政诉讼的情况，无法提供相关信息，2017年度没有发生相关收费和减免情况，无下年度结转。", file: nil)
        let subjects = ZeroStatements.find(in: text, range: 0..<text.count).map(\.subjects)
        #expect(subjects == [["行政诉讼"], ["收费", "减免"], ["结转"]])
    }

    @Test func displayWidthCountsCJKDouble() {
        #expect(DisplayWidth.of("规章") == 4)
        #expect(DisplayWidth.of("（一）a1") == 8)
        #expect(DisplayWidth.pad("12", to: 5, alignRight: true) == "   12")
    }

    @Test func modulesDeclareTheirFormatsAndOptions() throws {
        let registry = FormatRegistry([TextFormat(), HTMLFormat()])
        #expect(registry.module(forPath: "report.txt")?.id == "text")
        #expect(registry.module(forPath: "report.md")?.id == "text")
        #expect(registry.module(forPath: "page.HTM")?.id == "html")
        #expect(TextFormat().options.map(\.name) == ["era", "provenance", "tables"])
        #expect(throws: Diagnostic.self) { try FormatOptions(["era": "2021"], for: TextFormat()) }
        #expect(throws: Diagnostic.self) { try FormatOptions(["tables": "html"], for: TextFormat()) }
    }

    /// Folding answers most scalars before trying its cases: every scalar of the Basic
    /// Multilingual Plane still folds as ``LabelText`` folds it.
    @Test func everyScalarFoldsAsLabelTextFoldsIt() {
        for value in UInt32(0)..<0x10000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let folded = NormalizedText.fold(scalar).map { String($0) } ?? ""
            #expect(folded == LabelText.normalized(String(scalar)), "U+\(String(value, radix: 16))")
        }
    }

    /// Texts are decoded eight bytes at a time through ASCII: the scalars are the standard
    /// library's, wherever a run of ASCII starts and ends among wider characters.
    @Test func decodingMatchesTheStandardLibrary() {
        var random = SyntheticRandom(seed: 5)
        let pieces: [String] = ["a", "12345678", "\n", " ", "政", "府信息", "é", "𠀀", "１", "\u{200B}", "|"]
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<Int(random.next() % 40) { text += pieces[Int(random.next() % UInt64(pieces.count))] }
            #expect(ReportText.scalars(of: text) == Array(text.unicodeScalars), "\(text.debugDescription)")
        }
        #expect(ReportText.scalars(of: "").isEmpty)
    }

    /// A shortened text is its first `limit` scalars on one line, with "…" when it had more:
    /// counted in scalars whatever their bytes (Chinese, ASCII, four-byte ones).
    @Test func shortenedTextsKeepTheirFirstScalarsOnOneLine() {
        func expected(_ text: String, limit: Int) -> String {
            let scalars = text.unicodeScalars.map { $0 == "\n" ? " " : $0 }
            let kept = String(String.UnicodeScalarView(scalars.prefix(limit)))
            return scalars.count > limit ? kept + "…" : kept
        }
        let pieces = ["政", "府", "信", "息", "a", "1", "𠀀", "\n", "，"]
        var random = SyntheticRandom(seed: 5)
        for length in [0, 1, 26, 27, 40, 79, 80, 81, 100, 101, 320, 321, 400] {
            for _ in 0..<6 {
                let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                for limit in [10, 80, 100] {
                    #expect(ReportText.shortened(text, limit: limit) == expected(text, limit: limit), "\(text)")
                }
            }
        }
        #expect(ReportText.shortened(String(repeating: "政", count: 80)) == String(repeating: "政", count: 80))
        #expect(ReportText.shortened(String(repeating: "政", count: 81)) == String(repeating: "政", count: 80) + "…")
    }

    /// A snippet is the range's trimmed text, shortened; a part's paragraphs are its trimmed,
    /// non-empty lines. Both are made without those strings now, so both are held to them, on
    /// the samples strewn with the joined breaks of hard wrapping, line breaks and spaces.
    @Test(arguments: SampleReports.names)
    func snippetsAndParagraphsAreWhatTheirDefinitionsGive(_ name: String) throws {
        var scalars = Array(String(decoding: try SampleReports.bytes(name), as: UTF8.self).unicodeScalars)
        var random = SyntheticRandom(seed: 11)
        let strewn: [Unicode.Scalar] = [HardWrapping.joinedBreak, "\n", " ", "\u{3000}"]
        for _ in 0..<(scalars.count / 40) {
            scalars.insert(strewn[Int(random.next() % 4)], at: Int(random.next() % UInt64(scalars.count)))
        }
        let text = ReportText(scalars: scalars, file: name)
        var ranges: [Range<Int>] = [0..<text.count, 0..<0, text.count..<text.count]
        for start in stride(from: 0, to: text.count, by: 53) {
            for length in [1, 7, 79, 80, 81, 99, 101, 400] { ranges.append(start..<min(text.count, start + length)) }
        }
        for range in ranges {
            #expect(text.snippet(range) == ReportText.shortened(text.trimmedString(range)), "\(range)")
            #expect(text.snippet(range, limit: 100) == ReportText.shortened(text.trimmedString(range), limit: 100))
            var lines: [String] = []
            var lineStart = range.lowerBound
            for offset in range where text.scalars[offset] == "\n" {
                lines.append(text.trimmedString(lineStart..<offset))
                lineStart = offset + 1
            }
            lines.append(text.trimmedString(lineStart..<range.upperBound))
            let kept = lines.filter { !$0.isEmpty }
            #expect(
                SubsectionSplitter.paragraphs(text, range) == (kept.isEmpty ? nil : kept.joined(separator: "\n")),
                "\(range)")
        }
    }
}

/// Pre-2019 phrasings beyond the samples.
@Suite struct LegacyPhrasingTests {
    @Test func commonPhrasings() throws {
        let text = """
            某区审计局2015年政府信息公开工作年度报告
            一、主动公开政府信息情况
            2015年共主动公开各类政府信息28条，其中政府网站公开20条，政府公报公开8条。
            二、依申请公开政府信息和不予公开政府信息情况
            全年受理政府信息公开申请3件，其中当面申请1件，网上申请2件；同意公开2件，不同意公开1件。
            三、政府信息公开的收费及减免情况
            未收取任何费用。
            四、因政府信息公开申请行政复议、提起行政诉讼的情况
            本年度未发生因政府信息公开申请行政复议、提起行政诉讼的情况。
            """
        let (report, _) = try SampleReports.read(bytes: Array(text.utf8), name: "audit.txt")
        let expected: [String: FieldValue] = [
            "legacy.active.total": .integer(28), "legacy.active.by_channel.gov_website": .integer(20),
            "legacy.active.by_channel.gov_gazette": .integer(8), "legacy.applications.received": .integer(3),
            "legacy.applications.by_channel.in_person": .integer(1),
            "legacy.applications.by_channel.online": .integer(2),
            "legacy.applications.answered.granted": .integer(2), "legacy.applications.answered.refused": .integer(1),
            "legacy.fees.charged_yuan": .decimal(0), "legacy.review.reconsideration": .integer(0),
            "legacy.review.litigation": .integer(0),
        ]
        for (key, value) in expected { #expect(report[key] == value, "\(key)") }
        #expect(report.legacySections.map(\.key) == ["active_disclosure", "applications", "fees", "review_litigation"])
    }
}
