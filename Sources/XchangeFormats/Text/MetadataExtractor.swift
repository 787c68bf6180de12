import XchangeCore

/// Reads the report's metadata: year and organ (title, signature), publication date (the date
/// under the report or the page's 发布日期), statistics period, and contact details.
struct MetadataExtractor {
    let builder: ReportBuilder
    let frame: PageFrame

    private var text: ReportText { builder.text }
    private var scalars: [Unicode.Scalar] { builder.text.scalars }

    /// `preamble` is where contact details and the statistics period are usually stated.
    func extract(preamble: Range<Int>?) {
        readTitle()
        readSignature()
        let period = readStatisticsPeriod(preamble: preamble)
        readYearFallback(period: period, preamble: preamble)
        if let preamble { readAgencyFallback(in: preamble) }
        if let preamble { readContact(in: preamble) }
        // Contact lines above the report text ("电话：…", "电子邮箱：…").
        if frame.bodyStart > 0 { readContact(in: 0..<frame.bodyStart) }
    }

    // MARK: Title and signature

    private func readTitle() {
        // The fullest title that names a year: page titles repeat it in pieces.
        let candidates = frame.titles.compactMap { range -> (range: Range<Int>, year: YearMention)? in
            yearMention(in: range).map { (range, $0) }
        }
        guard let title = candidates.max(by: { $0.range.count < $1.range.count }) else { return }
        builder.markPlaced(title.range)
        builder.set(
            "meta.report_year", to: .integer(title.year.value), from: title.year.range,
            snippet: text.trimmedString(title.range))
        var name = text.trimmedString(title.range.lowerBound..<title.year.range.lowerBound)
        if name.isEmpty {
            // "2019年上海市人民政府办公厅政府信息公开工作年度报告": the organ follows the year.
            let after = text.string(title.year.range.upperBound..<title.range.upperBound)
            name = Self.organ(before: after)
        }
        name = Self.trimmingTitleMarks(name)
        // "某局关于2021年度政府信息公开工作的年度报告"
        if name.hasSuffix("关于") { name = String(name.dropLast(2)) }
        if name.unicodeScalars.count >= 2 {
            builder.set(
                "meta.agency_name", to: .text(name), from: title.range, snippet: text.trimmedString(title.range))
        }
    }

    /// The name without the book-title marks, quotes and spaces around it, opening or closing
    /// (“某某县统计局”2016年度…). Trimmed by scalar: Foundation's trimming builds a character set
    /// and goes through UTF-16 for it.
    private static func trimmingTitleMarks(_ name: String) -> String {
        let marks: [Unicode.Scalar] = ["《", "》", "“", "”", "\"", "「", "」", "『", "』"]
        let scalars = name.unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        func isMark(_ scalar: Unicode.Scalar) -> Bool { marks.contains(scalar) || Scalars.isWhitespace(scalar) }
        while start < end, isMark(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isMark(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return withoutLetterSpacing(scalars[start..<end])
    }

    /// The name without the spaces of a title spread across the page (`桃 江 县 鲊 埠 回 族 乡`
    /// names `桃江县鲊埠回族乡`): spaces between Chinese characters, one of which stands alone.
    /// Spaces between words stay (`中共某某县委 某某县人民政府`).
    private static func withoutLetterSpacing(_ name: Substring.UnicodeScalarView) -> String {
        let scalars = Array(name)
        guard scalars.contains(where: Scalars.isSpace) else { return String(name) }
        func standsAlone(_ offset: Int) -> Bool {
            (offset == 0 || Scalars.isSpace(scalars[offset - 1]))
                && (offset + 1 == scalars.count || Scalars.isSpace(scalars[offset + 1]))
        }
        var kept = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            guard Scalars.isSpace(scalars[index]), index > 0 else {
                kept.append(scalars[index])
                index += 1
                continue
            }
            var end = index
            while end < scalars.count, Scalars.isSpace(scalars[end]) { end += 1 }
            let spreads =
                end < scalars.count && Scalars.isHan(scalars[index - 1]) && Scalars.isHan(scalars[end])
                && (standsAlone(index - 1) || standsAlone(end))
            if !spreads { kept.append(contentsOf: scalars[index..<end]) }
            index = end
        }
        return String(kept)
    }

    /// The organ name in "上海市人民政府办公厅政府信息公开工作年度报告".
    private static func organ(before title: String) -> String {
        for marker in ["政府信息公开", "信息公开", "政务公开", "年度报告", "年报"] {
            if let range = title.range(of: marker) { return String(title[..<range.lowerBound]) }
        }
        return ""
    }

    /// A title's year: where it is printed and its value.
    private struct YearMention {
        let range: Range<Int>
        let value: Int
    }

    /// "2021年" / "2021年度" in a title.
    private func yearMention(in range: Range<Int>) -> YearMention? {
        range.lazy.compactMap { year(at: $0, in: range) }.first
    }

    /// A year printed at `index`: four digits, ASCII or full-width, then 年 and perhaps 度, with
    /// the spaces before 年 that text copied from a PDF has ("2021 年"). Not the end of a longer
    /// number.
    private func year(at index: Int, in range: Range<Int>) -> YearMention? {
        guard index + 4 < range.upperBound, index == range.lowerBound || !Scalars.isDigit(scalars[index - 1]) else {
            return nil
        }
        var value = 0
        for offset in 0..<4 {
            guard let digit = Scalars.digit(scalars[index + offset]) else { return nil }
            value = value * 10 + digit
        }
        var end = index + 4
        while end < range.upperBound, Scalars.isSpace(scalars[end]) { end += 1 }
        guard end < range.upperBound, scalars[end] == "年", (1990...2100).contains(value) else { return nil }
        end += 1
        if end < range.upperBound, scalars[end] == "度" { end += 1 }
        return YearMention(range: index..<end, value: value)
    }

    private func readSignature() {
        if let signature = frame.signature {
            builder.markPlaced(signature)
            builder.set("meta.agency_name", to: .text(text.trimmedString(signature)), from: signature)
        }
        if let dateRange = frame.signatureDate, let found = CalendarDateText.find(in: scalars, range: dateRange).first,
            let date = found.date(defaultYear: nil)
        {
            builder.markPlaced(dateRange)
            builder.set("meta.published_on", to: .date(date), from: dateRange)
        }
        for segment in frame.headerSegments {
            let content = text.string(segment)
            readIdentifier(in: segment, content: content)
            let contentScalars = ReportText.scalars(of: content)[...]
            guard Self.dateLabels.contains(where: { ScalarSearch.contains($0, in: contentScalars) }) else { continue }
            builder.markPlaced(segment)
            // A segment may end at the date's space ("时间：2022-02-08 16:34").
            let extended = segment.lowerBound..<min(text.count, segment.upperBound + 12)
            if let found = CalendarDateText.find(in: scalars, range: extended).first,
                let date = found.date(defaultYear: nil)
            {
                builder.set(
                    "meta.published_on", to: .date(date), from: found.range, snippet: text.trimmedString(segment))
            }
        }
    }

    /// Labels of the date a portal prints above a report.
    private static let dateLabels = ["发布日期", "发布时间", "成文日期", "时间"].map { Array($0.unicodeScalars) }

    /// The identifier lines portals print above a report ("索引号：…"), which the writer prints too.
    static let identifierLines = [
        ("索引号", "meta.index_no"), ("统一社会信用代码", "meta.agency_uscc"), ("组织机构代码", "meta.agency_org_code"),
        ("行政区划代码", "meta.admin_division_code"),
    ]

    /// "索引号：…" and "统一社会信用代码：…" as portals print them above a report.
    private func readIdentifier(in segment: Range<Int>, content: String) {
        for (label, key) in Self.identifierLines {
            guard content.hasPrefix(label) else { continue }
            let value = content.dropFirst(label.count).drop { $0 == "：" || $0 == ":" || $0 == " " }
            guard !value.isEmpty else { continue }
            builder.markPlaced(segment)
            builder.set(key, to: .text(String(value)), from: segment)
        }
    }

    // MARK: Statistics period and year

    private func readStatisticsPeriod(preamble: Range<Int>?) -> (year: Int, span: Range<Int>)? {
        let normalized = builder.normalized
        let searchRanges = [preamble, 0..<text.count].compactMap { $0 }
        for range in searchRanges {
            for marker in ["统计期限", "统计时限", "统计时间", "统计区间", "统计周期", "数据统计期"] {
                let pattern = Array(marker.unicodeScalars)
                let start = normalized.index(atOriginal: range.lowerBound)
                let end = normalized.index(atOriginal: range.upperBound)
                guard let hit = normalized.firstIndex(of: pattern, in: start..<end) else { continue }
                let from = normalized.originalStart(hit)
                let window = from..<min(text.count, from + 60)
                let dates = CalendarDateText.find(in: scalars, range: window)
                guard dates.count >= 2 else { continue }
                // "从2019年1月1日到12月31日止": a date without a year takes the other's.
                let first = dates[0].date(defaultYear: dates[1].year)
                let second = dates[1].date(defaultYear: dates[0].year)
                let span = from..<dates[1].range.upperBound
                let snippet = text.trimmedString(span)
                builder.markPlaced(span)
                if let first {
                    builder.set("meta.statistics_period.from", to: .date(first), from: dates[0].range, snippet: snippet)
                }
                if let second {
                    builder.set("meta.statistics_period.to", to: .date(second), from: dates[1].range, snippet: snippet)
                }
                guard let year = first?.year ?? second?.year else { return nil }
                return (year, span)
            }
        }
        return nil
    }

    private func readYearFallback(period: (year: Int, span: Range<Int>)?, preamble: Range<Int>?) {
        guard !builder.has("meta.report_year") else { return }
        if let period {
            builder.set("meta.report_year", to: .integer(period.year), from: period.span)
            return
        }
        // "现将我办2022年度政府信息公开情况报告如下"
        let range = preamble ?? 0..<min(text.count, 400)
        for index in range {
            if let mention = year(at: index, in: range), scalars[mention.range.upperBound - 1] == "度" {
                builder.set("meta.report_year", to: .integer(mention.value), from: mention.range)
                return
            }
        }
    }

    /// Words that end the phrase before an organ's name in a preamble sentence.
    private static let leadWords = [
        "编写", "编制", "制作", "制定", "公布", "发布", "现将", "形成", "完成", "特", "是", "为", "了", "的", "由", "将",
    ]
    .map { Array($0.unicodeScalars) }

    /// The organ of a report without title or signature, from the preamble sentence that names
    /// the report: "…编写某某县2017年度政府信息公开工作年度报告".
    private func readAgencyFallback(in preamble: Range<Int>) {
        guard !builder.has("meta.agency_name") else { return }
        let marker = Array("政府信息公开".unicodeScalars)
        var index = preamble.lowerBound
        while index + 5 < preamble.upperBound {
            defer { index += 1 }
            guard let mention = year(at: index, in: preamble) else { continue }
            var after = mention.range.upperBound
            while after < preamble.upperBound, Scalars.isSpace(scalars[after]) { after += 1 }
            guard after + marker.count <= preamble.upperBound,
                scalars[after..<(after + marker.count)].elementsEqual(marker)
            else { continue }
            // The organ is the run of Han characters before the year (and the spaces a PDF put
            // before it), after the verb that introduces it.
            var organEnd = index
            while organEnd > preamble.lowerBound, Scalars.isSpace(scalars[organEnd - 1]) { organEnd -= 1 }
            var start = organEnd
            while start > preamble.lowerBound, organEnd - start < 24, Scalars.isHan(scalars[start - 1]) { start -= 1 }
            var run = Array(scalars[start..<organEnd])
            for word in Self.leadWords {
                if let end = Prose.lastEnd(of: word, in: run) {
                    run = Array(run[end...])
                    start = organEnd - run.count
                }
            }
            // "我办", "本局": the text names itself, not the organ.
            guard run.count >= 2, run[0] != "我", run[0] != "本",
                PageFrame.organEndings.contains(where: { run[...].ends(with: $0) })
            else { continue }
            builder.set("meta.agency_name", to: .text(String(String.UnicodeScalarView(run))), from: start..<organEnd)
            return
        }
    }

    // MARK: Contact details

    private func readContact(in range: Range<Int>) {
        readLabelled(["联系地址", "通讯地址", "地址"], key: "meta.contact.address", in: range) { value in value.count >= 4 }
        readLabelled(["邮政编码", "邮编"], key: "meta.contact.postcode", in: range, take: Self.digitsOnly(6))
        readLabelled(["电话/传真", "联系电话", "咨询电话", "电话"], key: "meta.contact.phone", in: range, take: Self.phone)
        readEmail(in: range)
        readWebsite(in: range)
        readOffice(in: range)
        readLabelled(["联系机构"], key: "meta.contact.office", in: range) { !$0.isEmpty }
    }

    /// The value after a label and an optional colon, up to the next separator.
    private func readLabelled(
        _ labels: [String], key: String, in range: Range<Int>,
        take: ((ArraySlice<Unicode.Scalar>) -> Int)? = nil, accept: (String) -> Bool = { _ in true }
    ) {
        guard !builder.has(key) else { return }
        for label in labels {
            let pattern = Array(label.unicodeScalars)
            guard let match = firstMatch(of: pattern, in: range) else { continue }
            let start = match.lowerBound
            var valueStart = match.upperBound
            var sawColon = false
            while valueStart < range.upperBound,
                [":", "：", " ", "　", HardWrapping.joinedBreak].contains(scalars[valueStart])
            {
                sawColon = sawColon || scalars[valueStart] == ":" || scalars[valueStart] == "："
                valueStart += 1
            }
            // Free text after a bare word ("办公地址、联系方式") is no address: a colon must introduce it.
            guard sawColon || take != nil else { continue }
            let rest = scalars[valueStart..<range.upperBound]
            let length = take?(rest) ?? rest.prefix { !["；", ";", "，", ",", "。", ")", "）", "\n"].contains($0) }.count
            guard length > 0 else { continue }
            let valueRange = valueStart..<valueStart + length
            let value = text.trimmedString(valueRange)
            guard accept(value) else { continue }
            builder.markPlaced(start..<valueRange.upperBound)
            builder.set(
                key, to: .text(value), from: valueRange, snippet: text.trimmedString(start..<valueRange.upperBound))
            return
        }
    }

    private func readLabelled(_ labels: [String], key: String, in range: Range<Int>, accept: @escaping (String) -> Bool)
    {
        readLabelled(labels, key: key, in: range, take: nil, accept: accept)
    }

    private static func digitsOnly(_ count: Int) -> (ArraySlice<Unicode.Scalar>) -> Int {
        { rest in
            let digits = rest.prefix(while: Scalars.isDigit).count
            return digits == count ? count : 0
        }
    }

    private static func phone(_ rest: ArraySlice<Unicode.Scalar>) -> Int {
        var length = rest.prefix {
            Scalars.isDigit($0) || ["-", "－", "—", "(", ")", "（", "）", " ", "/", "、", "转"].contains($0)
        }.count
        while length > 0, !Scalars.isDigit(rest[rest.startIndex + length - 1]) { length -= 1 }
        let digits = rest.prefix(length).filter(Scalars.isDigit).count
        return digits >= 7 ? length : 0
    }

    private func readEmail(in range: Range<Int>) {
        guard let at = (range.lowerBound..<range.upperBound).first(where: { scalars[$0] == "@" }) else { return }
        func isMailCharacter(_ scalar: Unicode.Scalar) -> Bool {
            scalar.isASCII
                && (Scalars.isLatinLetter(scalar) || Scalars.isDigit(scalar) || [".", "_", "-", "+"].contains(scalar))
        }
        var start = at
        while start > range.lowerBound, isMailCharacter(scalars[start - 1]) { start -= 1 }
        var end = at + 1
        while end < range.upperBound, isMailCharacter(scalars[end]) { end += 1 }
        let mailEnd = end
        while end > at + 1, scalars[end - 1] == "." { end -= 1 }
        guard start < at, end > at + 1 else { return }
        // An address cut by a hard line break ("s⏎fhzwgk@163.com", "sfhzwgk@16⏎3.com",
        // "sfhzwgk@163.⏎com") is not known whole. (A domain with a dot may end its line: what
        // follows can be a list number.)
        let cutBefore = start >= 2 && scalars[start - 1] == "\n" && isMailCharacter(scalars[start - 2])
        let cutAfter =
            mailEnd + 1 < scalars.count && scalars[mailEnd] == "\n" && isMailCharacter(scalars[mailEnd + 1])
            && (mailEnd > end || !scalars[(at + 1)..<end].contains("."))
        guard !cutBefore, !cutAfter else { return }
        builder.markPlaced(start..<end)
        builder.set("meta.contact.email", to: .text(text.string(start..<end)), from: start..<end)
    }

    private func readWebsite(in range: Range<Int>) {
        for marker in ["http://", "https://", "www."] {
            let pattern = Array(marker.unicodeScalars)
            guard let start = firstIndex(of: pattern, in: range) else { continue }
            var end = start
            while end < range.upperBound, scalars[end].isASCII, !Scalars.isWhitespace(scalars[end]),
                ![")", "(", ",", ";"].contains(scalars[end])
            { end += 1 }
            let linkEnd = end
            while end > start, scalars[end - 1] == "." { end -= 1 }
            // A bare scheme, or a link a hard line break cut ("http://⏎www.…"), is not known whole.
            // (A list item may start the next line: "2.联系电话".)
            let cut =
                linkEnd + 1 < scalars.count && scalars[linkEnd] == "\n" && scalars[linkEnd + 1].isASCII
                && !Scalars.isWhitespace(scalars[linkEnd + 1])
                && !HardWrapping.startsWithNumbering(scalars[(linkEnd + 1)...])
            guard end > start + pattern.count, !cut else { return }
            builder.markPlaced(start..<end)
            builder.set("meta.contact.website", to: .text(text.string(start..<end)), from: start..<end)
            return
        }
    }

    /// "如对本报告有任何疑问，请与XX办公室联系".
    private func readOffice(in range: Range<Int>) {
        let pattern = Array("请与".unicodeScalars)
        guard let start = firstIndex(of: pattern, in: range) else { return }
        let valueStart = start + pattern.count
        let limit = min(range.upperBound, valueStart + 40)
        guard
            let end = (valueStart..<limit).first(where: {
                scalars[$0] == "联" && $0 + 1 < limit && scalars[$0 + 1] == "系"
            }),
            end > valueStart
        else { return }
        builder.set("meta.contact.office", to: .text(text.trimmedString(valueStart..<end)), from: valueStart..<end)
    }

    /// Where `pattern` first occurs in `range`, read across the joined line breaks of a
    /// hard-wrapped paragraph (a label a wrap cut in two, "邮⏎编", is still the label).
    private func firstMatch(of pattern: [Unicode.Scalar], in range: Range<Int>) -> Range<Int>? {
        guard !pattern.isEmpty else { return nil }
        for start in range where scalars[start] == pattern[0] {
            var index = start + 1
            var matched = 1
            while matched < pattern.count, index < range.upperBound {
                if scalars[index] == HardWrapping.joinedBreak {
                    index += 1
                    continue
                }
                guard scalars[index] == pattern[matched] else { break }
                matched += 1
                index += 1
            }
            if matched == pattern.count { return start..<index }
        }
        return nil
    }

    private func firstIndex(of pattern: [Unicode.Scalar], in range: Range<Int>) -> Int? {
        guard !pattern.isEmpty, range.count >= pattern.count else { return nil }
        for index in range.lowerBound...(range.upperBound - pattern.count) where scalars[index] == pattern[0] {
            if scalars[index..<index + pattern.count].elementsEqual(pattern) { return index }
        }
        return nil
    }
}
