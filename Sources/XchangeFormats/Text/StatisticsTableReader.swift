import Foundation
import XchangeCore

/// Reads the statistics table (政府信息公开情况统计表) a pre-2019 report appends to its narrative,
/// in whatever way it was flattened: `|`-separated, one cell per line, or run together with no
/// separator at all (`主动公开信息数条18535395其中：1.网站公开条171350172.政府公报…`).
///
/// Rows are found by their labels (``StatisticsTableRows``); the text between two labels holds
/// the row's unit and its 本年 and 累计 values (or a single 统计数). Digits that ran together are
/// split only when exactly one reading satisfies everything known — no leading zeros, 累计 ≥ 本年,
/// sub-items ≤ their parent, the next item's numeral, the figure the narrative states for the
/// same field — otherwise the row stays empty with a warning and its digits are kept as facts.
/// Every value read lands in `facts` with its row, unit and column; 本年 values also fill the
/// matching `legacy.*` field.
struct StatisticsTableReader {
    let builder: ReportBuilder

    var text: ReportText { builder.text }
    private var normalized: NormalizedText { builder.normalized }

    /// A row as printed: where its label and cells are, and what its cells hold.
    struct PrintedRow {
        let row: Int
        let label: Range<Int>
        let cells: Range<Int>
        var unit: String?
        /// The cell values as printed: whole values, or runs of digits that hold several.
        var pieces: [Piece] = []
        /// Readings (本年, 累计) that fit the printed pieces; nil values are blank cells.
        var candidates: [[Decimal?]] = []
        /// Why the row cannot be read, when it cannot.
        var problem: String?
        var decidedBy: String?
    }

    enum Piece: Equatable {
        case value(Decimal)
        case digits([Int])
        case blank
    }

    /// The table found in `range` (original offsets), read but not yet placed; nil when there is none.
    func locate(in range: Range<Int>) -> (region: Range<Int>, rows: [PrintedRow], columns: Int)? {
        let normalizedRange =
            normalized.index(atOriginal: range.lowerBound)..<normalized.index(atOriginal: range.upperBound)
        let hits = StatisticsTableRows.matcher.scan(normalized, in: normalizedRange)
        guard let first = firstTableHit(hits, in: normalizedRange) else { return nil }
        let tableHits = Array(hits[first...])
        let columns = columnCount(before: tableHits[0].body.lowerBound, from: normalizedRange.lowerBound)

        var rows: [PrintedRow] = []
        var top: Int?
        var numerals: [Int?: Int] = [:]
        var regionEnd = normalized.originalEnd(tableHits[0].body.upperBound)
        for (index, hit) in tableHits.enumerated() {
            let labelRange = normalized.originalRange(hit.body)
            let next = index + 1 < tableHits.count ? tableHits[index + 1] : nil
            let cellsEnd = next.map { normalized.originalStart($0.body.lowerBound) } ?? range.upperBound
            guard let rowIndex = resolve(hit.target, top: top) else {
                regionEnd = max(regionEnd, labelRange.upperBound)
                continue
            }
            if StatisticsTableRows.rows[rowIndex].parent == nil { top = rowIndex }
            let nextRow = next.flatMap { resolve($0.target, top: top) }
            let nextParent = nextRow.map { StatisticsTableRows.rows[$0].parent }
            let expected = nextParent.map { (numerals[$0] ?? 0) + 1 }
            var printed = PrintedRow(
                row: rowIndex, label: labelRange, cells: labelRange.upperBound..<max(labelRange.upperBound, cellsEnd))
            let (cells, numeral, endsTable) = read(&printed, expectedNumeral: expected, columns: columns)
            if let nextParent, let numeral { numerals[nextParent] = numeral }
            rows.append(printed)
            regionEnd = max(regionEnd, cells.upperBound)
            if endsTable { break }
        }
        guard rows.count >= 2 else { return nil }
        let start = normalized.originalStart(tableHits[0].start)
        return (start..<regionEnd, rows, columns)
    }

    // MARK: Finding the table

    /// The first row label of the table: one the words 统计表 / 指标名称 announce shortly
    /// before, or the first of three rows in a row that print a unit or a figure right after their label.
    private func firstTableHit(_ hits: [LabelMatcher<[Int]>.Hit], in range: Range<Int>) -> Int? {
        for (index, hit) in hits.enumerated() where !hit.target.isEmpty && isTabular(hits, index, in: range) {
            let windowStart = max(range.lowerBound, hit.start - 300)
            if StatisticsTableRows.markers.contains(where: {
                normalized.firstIndex(of: $0, in: windowStart..<hit.start) != nil
            }) {
                return index
            }
            if (index..<min(hits.count, index + 3)).allSatisfy({ isTabular(hits, $0, in: range) }),
                index + 3 <= hits.count
            {
                return index
            }
        }
        return nil
    }

    /// Whether a label is followed by a cell (a unit, a figure, a bar) and no clause
    /// punctuation before the next label: a row, not a sentence that names the same quantity.
    private func isTabular(_ hits: [LabelMatcher<[Int]>.Hit], _ index: Int, in range: Range<Int>) -> Bool {
        let start = hits[index].body.upperBound
        guard start < normalized.count else { return false }
        let end = index + 1 < hits.count ? hits[index + 1].start : min(range.upperBound, start + 40)
        let scalars = normalized.scalars
        var cell = start
        if scalars[cell] == "(", let close = scalars[cell..<min(end, cell + 80)].firstIndex(of: ")") {
            cell = close + 1
        }
        guard cell < end else { return false }
        let opensCell =
            Scalars.isDigit(scalars[cell]) || scalars[cell] == "|"
            || Self.unit(at: cell, in: scalars, limit: end) != nil
        // Normalized text writes 、 and 。 as ".", which numbering uses too: only ，；。 in the original count.
        let original = normalized.originalStart(cell)..<normalized.originalStart(end)
        let punctuated = text.scalars[original].contains {
            $0 == "，" || $0 == "；" || $0 == "。" || $0 == "," || $0 == ";"
        }
        return opensCell && !punctuated
    }

    /// Two value columns (本年, 累计) when the heading names a cumulative column, else one.
    private func columnCount(before index: Int, from lowerBound: Int) -> Int {
        let heading = max(lowerBound, index - 300)..<index
        let cumulative = ["累计", "历年"].map(NormalizedText.pattern)
        return cumulative.contains { normalized.firstIndex(of: $0, in: heading) != nil } ? 2 : 1
    }

    /// The row a label names: of the rows printed with it, the one under the current top row.
    private func resolve(_ candidates: [Int], top: Int?) -> Int? {
        guard !candidates.isEmpty else { return nil }
        return candidates.first { StatisticsTableRows.rows[$0].parent == top && top != nil }
            ?? candidates.first { StatisticsTableRows.rows[$0].parent == nil }
            ?? candidates.first
    }

    // MARK: Reading a row's cells

    /// Reads the unit and values between a row's label and the next label. Returns the range
    /// the cells occupy, the numeral printed before the next label, and whether narrative
    /// follows (the table ends).
    private func read(_ row: inout PrintedRow, expectedNumeral: Int?, columns: Int) -> (Range<Int>, Int?, Bool) {
        let scalars = text.scalars
        var start = row.cells.lowerBound
        var (end, numeral, numeralProblem) = stripNumbering(row.cells, expected: expectedNumeral)
        start = skipInstructions(from: start, to: end)
        if let (unit, unitEnd) = Self.unit(at: start, in: scalars, limit: end) {
            row.unit = unit
            start = unitEnd
        }
        let stream = TableCellStream(text, region: start..<end)
        let tokens = stream.tokens(in: start..<end)
        let lead = tokens.prefix { !$0.isText }
        let rest = tokens.dropFirst(lead.count)
        var endsTable = false
        if let firstText = rest.first {
            // Narrative after the figures ends the table; anything else is a heading no row knows.
            let after = firstText.range.lowerBound..<end
            endsTable = scalars[after].contains(where: Scalars.isSentenceEnd) || after.count > 40
            if endsTable { numeral = nil }
        }
        if lead.isEmpty, let unitToken = rest.first, row.unit == nil,
            let (unit, unitEnd) = Self.unit(at: unitToken.range.lowerBound, in: scalars, limit: end),
            unitEnd == unitToken.range.upperBound
        {
            // "| 条 | 2210 | 9475": the unit in its own cell.
            row.unit = unit
            let values = tokens.dropFirst().prefix { !$0.isText }
            row.pieces = Self.pieces(values)
            let occupied =
                values.last.map { row.cells.lowerBound..<$0.range.upperBound } ?? row.cells.lowerBound..<unitEnd
            row.problem = numeralProblem
            row.candidates = Self.readings(row.pieces, columns: columns)
            return (occupied, numeral, endsTable)
        }
        row.pieces = Self.pieces(lead)
        row.problem = numeralProblem
        row.candidates = Self.readings(row.pieces, columns: columns)
        let occupied = row.cells.lowerBound..<(lead.last?.range.upperBound ?? start)
        return (endsTable ? occupied : row.cells.lowerBound..<max(end, occupied.upperBound), numeral, endsTable)
    }

    /// Drops the numbering of the next row from the end of the cells (`其中：1.`, `（二）`,
    /// `二、`). An Arabic numeral glued to the last value (`171350172.`) is taken only when it is
    /// the expected one; otherwise the row cannot be read.
    private func stripNumbering(_ cells: Range<Int>, expected: Int?) -> (end: Int, numeral: Int?, problem: String?) {
        let scalars = text.scalars
        var end = cells.upperBound
        var numeral: Int?
        var problem: String?
        func skipSpace() {
            while end > cells.lowerBound, Scalars.isWhitespace(scalars[end - 1]) || scalars[end - 1] == "|" { end -= 1 }
        }
        var changed = true
        while changed {
            changed = false
            skipSpace()
            guard end > cells.lowerBound else { break }
            let last = scalars[end - 1]
            if last == ":" || last == "：" {
                end -= 1
                changed = true
            } else if end - 2 >= cells.lowerBound, scalars[end - 2] == "其", last == "中" {
                end -= 2
                changed = true
            } else if last == ")" || last == "）" {
                var open = end - 2
                while open >= cells.lowerBound, end - open <= 5, scalars[open] != "(", scalars[open] != "（" {
                    open -= 1
                }
                guard open >= cells.lowerBound, end - open <= 5,
                    (open + 1..<end - 1).allSatisfy({
                        ChineseNumeral.isNumeral(scalars[$0]) || Scalars.isDigit(scalars[$0])
                    })
                else { break }
                end = open
                changed = true
            } else if last == "、" || last == "." || last == "．" {
                var digitsStart = end - 1
                while digitsStart > cells.lowerBound, Scalars.isDigit(scalars[digitsStart - 1]) { digitsStart -= 1 }
                if digitsStart == end - 1 {
                    var chineseStart = end - 1
                    while chineseStart > cells.lowerBound, ChineseNumeral.isNumeral(scalars[chineseStart - 1]) {
                        chineseStart -= 1
                    }
                    guard chineseStart < end - 1 else { break }
                    end = chineseStart
                    changed = true
                    continue
                }
                let digits = Array(scalars[digitsStart..<(end - 1)].compactMap(Scalars.digit))
                let separated =
                    digitsStart == cells.lowerBound || Scalars.isWhitespace(scalars[digitsStart - 1])
                    || scalars[digitsStart - 1] == "|" || scalars[digitsStart - 1] == ":"
                    || scalars[digitsStart - 1] == "："
                if let expected, let printed = Optional(String(expected).count), digits.count >= printed,
                    digits.suffix(printed).reduce(0, { $0 * 10 + $1 }) == expected
                {
                    numeral = expected
                    end -= 1 + printed
                } else if separated, digits.count <= 2 {
                    numeral = digits.reduce(0) { $0 * 10 + $1 }
                    end = digitsStart
                } else {
                    // Which of the digits number the next row is not known: none can be read.
                    problem =
                        "the next row's numbering runs into these figures and is not the expected \(expected.map(String.init) ?? "")."
                    end -= 1
                    return (max(end, cells.lowerBound), nil, problem)
                }
                changed = true
            }
        }
        skipSpace()
        return (max(end, cells.lowerBound), numeral, problem)
    }

    /// Skips a template instruction printed in brackets after a label
    /// (`（不同渠道和方式公开相同信息计1条）`).
    private func skipInstructions(from start: Int, to end: Int) -> Int {
        let scalars = text.scalars
        var index = start
        while index < end, Scalars.isWhitespace(scalars[index]) || scalars[index] == "|" { index += 1 }
        guard index < end, scalars[index] == "(" || scalars[index] == "（" else { return start }
        var close = index + 1
        while close < end, close - index <= 80, scalars[close] != ")", scalars[close] != "）" { close += 1 }
        guard close < end, close - index <= 80 else { return start }
        return close + 1
    }

    /// Units the unit column prints, longest first.
    private static let units = ["人次", "万元", "元", "条", "件", "个", "次", "篇", "人", "项", "场", "期", "份", "家", "宗"]
        .map { Array($0.unicodeScalars) }

    static func unit(at index: Int, in scalars: [Unicode.Scalar], limit: Int? = nil) -> (String, Int)? {
        let end = limit ?? scalars.count
        for unit in units where index + unit.count <= end && scalars[index..<(index + unit.count)].elementsEqual(unit) {
            return (String(String.UnicodeScalarView(unit)), index + unit.count)
        }
        return nil
    }

    private static func pieces(_ tokens: some Collection<CellToken>) -> [Piece] {
        tokens.map { token in
            switch token.kind {
            case .blank, .text: return .blank
            case .value(let value):
                if let digits = value.digits, digits.count > 1 {
                    return .digits(digits.unicodeScalars.map { Int($0.value) - 48 })
                }
                return .value(value.number)
            }
        }
    }

    /// Every way to read the pieces as `columns` cells: whole values as printed, digit runs cut
    /// into numbers without leading zeros.
    static func readings(_ pieces: [Piece], columns: Int) -> [[Decimal?]] {
        var results: [[Decimal?]] = []
        var current: [Decimal?] = []
        func place(_ index: Int) {
            if current.count > columns { return }
            guard index < pieces.count else {
                if current.count == columns { results.append(current) }
                return
            }
            switch pieces[index] {
            case .blank:
                current.append(nil)
                place(index + 1)
                current.removeLast()
            case .value(let value):
                current.append(value)
                place(index + 1)
                current.removeLast()
            case .digits(let digits):
                cut(digits[...], then: { place(index + 1) })
            }
        }
        func cut(_ digits: ArraySlice<Int>, then: () -> Void) {
            guard !digits.isEmpty, current.count < columns else { return }
            for length in 1...digits.count {
                let head = digits.prefix(length)
                guard length == 1 || head.first != 0 else { break }
                current.append(Decimal(head.reduce(0) { $0 * 10 + $1 }))
                if length == digits.count { then() } else { cut(digits.dropFirst(length), then: then) }
                current.removeLast()
            }
        }
        place(0)
        return results
    }
}
