/// What surrounds the report body in a saved page: the title, navigation and share links at
/// the top, the signature and "附件下载" at the bottom.
///
/// The top is cut into segments (lines, and space-separated runs of long one-line pages); the
/// body starts at the first segment that reads as prose. The bottom is cut the same way from
/// the end: a date, the signing organ and page links are taken off.
struct PageFrame {
    /// Where the report's own text starts (after the title and page chrome).
    let bodyStart: Int
    /// Where the report's own text ends (before the signature and page links).
    let bodyEnd: Int
    /// Title lines, e.g. `平潭综合实验区2021年度政府信息公开工作年度报告`.
    let titles: [Range<Int>]
    /// Top segments with a labelled date: `发布日期：2020-01-31`, `时间：2022-02-08 16:34`.
    let headerSegments: [Range<Int>]
    /// The signing organ under the report, if printed.
    let signature: Range<Int>?
    /// The date under the report, if printed.
    let signatureDate: Range<Int>?

    static let chromeMarkers = [
        "当前位置", "来源", "发布日期", "发布时间", "时间：", "时间:", "分享到", "字体", "浏览次数", "访问次数", "打印",
        "关闭", "索引号", "统一社会信用代码", "组织机构代码", "行政区划代码", "相关链接", "扫一扫", "附件下载", "附件：", "文件下载", "【", "-->", "发文机关", "成文日期",
    ].map { Array($0.unicodeScalars) }

    /// Endings of organ names, for the signature line.
    static let organEndings = [
        "人民政府", "政府", "办公室", "办公厅", "管委会", "委员会", "局", "厅", "委", "办", "乡", "镇", "街道办事处",
        "中心", "院", "所", "处", "署", "部", "会", "区", "县", "市", "州", "旗",
    ].map { Array($0.unicodeScalars) }

    init(_ text: ReportText, firstHeading: Int?) {
        let scalars = text.scalars
        var titles: [Range<Int>] = []
        var headers: [Range<Int>] = []
        var bodyStart = 0
        let limit = firstHeading ?? text.count
        for segment in Segments(scalars, in: 0..<limit, fromEnd: false) {
            let content = scalars[segment]
            // A numbered heading ("一、主动公开政府信息情况") starts the report's own text.
            if Numbering.parse(content.prefix(8).compactMap(NormalizedText.fold), at: 0) != nil { break }
            if Self.isTitle(content) {
                titles.append(segment)
            } else if Self.isChrome(content) {
                headers.append(segment)
            } else if Self.isProse(content) {
                break
            }
            bodyStart = segment.upperBound
        }
        self.bodyStart = min(bodyStart, limit)
        self.titles = titles
        self.headerSegments = headers

        var bodyEnd = text.count
        var signature: Range<Int>?
        var signatureDate: Range<Int>?
        var previous: Range<Int>?
        for segment in Segments(scalars, in: self.bodyStart..<text.count, fromEnd: true) {
            let content = scalars[segment]
            // The organ signs on the line above the date, whatever its name ends with.
            let signsAboveDate =
                signatureDate != nil && previous == signatureDate
                && text.lineIndex(of: segment.lowerBound) + 1 == text.lineIndex(of: signatureDate!.lowerBound)
            defer { previous = segment }
            if signatureDate == nil, signature == nil, CalendarDateText.isDate(content) {
                signatureDate = segment
            } else if signature == nil, (2...30).contains(content.count), !Self.isProse(content),
                !content.contains("、"), Numbering.parse(content.compactMap(NormalizedText.fold), at: 0) == nil,
                // An organ's name is more than its ending: a lone 办 or 局 (a text cut off mid-word)
                // names nobody.
                signsAboveDate
                    || Self.organEndings.contains(where: { content.count > $0.count && content.ends(with: $0) })
            {
                signature = segment
            } else if content.count <= 20, Self.isChrome(content) {
                // page links after the body
            } else {
                break
            }
            bodyEnd = segment.lowerBound
        }
        self.bodyEnd = max(bodyEnd, self.bodyStart)
        self.signature = signature
        self.signatureDate = signatureDate
    }

    /// Lines, and within long lines runs separated by spaces, from the start or from the end,
    /// found only as far as they are read (both loops stop within a few segments, and the
    /// text can be long). A hard-wrapped line goes on across its joined break: a title a wrap
    /// cut in two is one title.
    private struct Segments: Sequence, IteratorProtocol {
        let scalars: [Unicode.Scalar]
        let range: Range<Int>
        let fromEnd: Bool
        /// The next offset to read: moving up from the start, or down from the end.
        private var cursor: Int

        init(_ scalars: [Unicode.Scalar], in range: Range<Int>, fromEnd: Bool) {
            self.scalars = scalars
            self.range = range
            self.fromEnd = fromEnd
            self.cursor = fromEnd ? range.upperBound : range.lowerBound
        }

        /// Whether the character at `index` separates segments: whitespace, but not a joined
        /// line break, nor the spaces text copied from a PDF puts around a number within its
        /// words (`某某区人民政府 2021 年…`, `2018 年 2 月 23 日`), nor those of a line spread
        /// across the page (`桃 江 县 … 年 度 报 告`).
        private func separates(at index: Int) -> Bool {
            let scalar = scalars[index]
            guard Scalars.isWhitespace(scalar), scalar != HardWrapping.joinedBreak else { return false }
            guard Scalars.isSpace(scalar) else { return true }
            // The characters on either side of the run of spaces holding `index`.
            var left = index
            while left > range.lowerBound, Scalars.isSpace(scalars[left - 1]) { left -= 1 }
            var right = index + 1
            while right < range.upperBound, Scalars.isSpace(scalars[right]) { right += 1 }
            guard left > range.lowerBound, right < range.upperBound else { return true }
            return !joinsNumberToItsWords(scalars[left - 1], right: right)
                && !spreadsOneWord(left: left - 1, right: right)
        }

        /// Whether spaces between `left` and the character at `right` lie inside a number's
        /// words as a PDF spaces them: between a number and the 年, 月, 日 or unit after it
        /// (`2021 年`), inside a date (`2023 年 1 月 20 日`), or before a year spaced off inside a
        /// title (`政府 2021 年政府信息…`). Not between a value and the next label (`321200
        /// 统计期限`), nor between an organ and the date it signs (`办公室 2023 年 1 月 20 日`,
        /// `办公室 2023年1月20日`).
        private func joinsNumberToItsWords(_ left: Unicode.Scalar, right: Int) -> Bool {
            if Scalars.isDigit(left) { return Self.bindsToNumber(scalars, at: right) }
            guard Scalars.isHan(left), Scalars.isDigit(scalars[right]) else { return false }
            if left == "年" || left == "月" { return true }
            // A year in a title: spaced off before 年, and words (not a month) after it, spaced or not.
            var word = right
            while word < range.upperBound, Scalars.isDigit(scalars[word]) { word += 1 }
            let digitsEnd = word
            while word < range.upperBound, Scalars.isSpace(scalars[word]) { word += 1 }
            guard word > digitsEnd, word < range.upperBound, scalars[word] == "年" else { return false }
            word += 1
            if word < range.upperBound, scalars[word] == "度" { word += 1 }
            while word < range.upperBound, Scalars.isSpace(scalars[word]) { word += 1 }
            return word < range.upperBound && Scalars.isHan(scalars[word])
        }

        /// Whether spaces between the characters at `left` and `right` spread out one word:
        /// Chinese characters both, and one of them standing alone between spaces.
        private func spreadsOneWord(left: Int, right: Int) -> Bool {
            guard Scalars.isHan(scalars[left]), Scalars.isHan(scalars[right]) else { return false }
            func standsAlone(_ offset: Int) -> Bool {
                (offset == range.lowerBound || Scalars.isWhitespace(scalars[offset - 1]))
                    && (offset + 1 == range.upperBound || Scalars.isWhitespace(scalars[offset + 1]))
            }
            return standsAlone(left) || standsAlone(right)
        }

        /// Whether the word at `index` belongs to the number before it: 年, 月, 日, 号 or a unit.
        private static func bindsToNumber(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
            let scalar = scalars[index]
            if scalar == "年" || scalar == "月" || scalar == "日" || scalar == "号" { return true }
            return CellValue.units.contains { unit in
                index + unit.count <= scalars.count && scalars[index..<(index + unit.count)].elementsEqual(unit)
            }
        }

        mutating func next() -> Range<Int>? {
            if fromEnd {
                while cursor > range.lowerBound, separates(at: cursor - 1) { cursor -= 1 }
                guard cursor > range.lowerBound else { return nil }
                let end = cursor
                while cursor > range.lowerBound, !separates(at: cursor - 1) { cursor -= 1 }
                return cursor..<end
            }
            while cursor < range.upperBound, separates(at: cursor) { cursor += 1 }
            guard cursor < range.upperBound else { return nil }
            let start = cursor
            while cursor < range.upperBound, !separates(at: cursor) { cursor += 1 }
            return start..<cursor
        }
    }

    /// A report title: names the report and has no sentence punctuation.
    static func isTitle(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        guard content.count <= 60, !isProse(content) else { return false }
        return containsAny(content, reportNames)
    }

    private static let reportNames = ["年度报告", "年报", "工作报告"].map { Array($0.unicodeScalars) }

    /// Running text: holds sentence or clause punctuation, or is too long for a title or link.
    static func isProse(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        content.contains { $0 == "。" || $0 == "，" || $0 == "；" || $0 == "," } || content.count > 60
    }

    /// Page chrome: navigation, dates, share and print links, index numbers.
    static func isChrome(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        containsAny(content, chromeMarkers)
    }

    /// Whether the haystack holds any of the needles.
    static func containsAny(_ haystack: ArraySlice<Unicode.Scalar>, _ needles: [[Unicode.Scalar]]) -> Bool {
        // A title a hard wrap cut ("…工作年⏎度报告") still names its 年度报告.
        // So does a title spread across the page ("年 度 报 告"), or a line joined with spaces.
        if haystack.contains(where: Scalars.isSpace) {
            return containsAny(ArraySlice(haystack.filter { !Scalars.isSpace($0) }), needles)
        }
        return needles.contains { !$0.isEmpty && ScalarSearch.contains($0, in: haystack) }
    }
}

extension ArraySlice where Element == Unicode.Scalar {
    func ends(with suffix: [Unicode.Scalar]) -> Bool {
        count >= suffix.count && self.suffix(suffix.count).elementsEqual(suffix)
    }
}
