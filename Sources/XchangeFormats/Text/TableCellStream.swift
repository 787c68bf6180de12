import XchangeCore

/// One cell-sized piece of a flattened table: a figure, an empty cell, or text.
struct CellToken {
    enum Kind {
        case value(CellValue)
        case blank
        case text
    }

    let kind: Kind
    /// Offsets in the report text.
    let range: Range<Int>

    var isText: Bool { if case .text = kind { true } else { false } }
}

/// Cuts the text between two labels of a table into cells, whatever way the table was
/// flattened: `|`-separated (`| a | b |` rows, or one cell per line ending in ` |`), tabs, or
/// runs of spaces and line breaks.
///
/// Only separators can show an empty cell, so blank cells come out of `|` and tab layouts and
/// of explicit markers (`/`, `—`, `无`); blank lines between one-cell-per-line cells are not cells.
struct TableCellStream {
    private let text: ReportText
    /// Offsets (relative to `base`) of bars that open a `| a | b |` row rather than end a cell,
    /// and of lines that only draw rules (`|---|---|`, `├──┼──┤`): neither separates cells.
    private var ignored: [Bool]
    private let base: Int

    init(_ text: ReportText, region: Range<Int>) {
        self.text = text
        self.base = region.lowerBound
        self.ignored = Array(repeating: false, count: region.count)
        guard !region.isEmpty else { return }
        var line = text.lineIndex(of: region.lowerBound)
        while line < text.lineCount {
            let range = text.lineRange(line)
            if range.lowerBound >= region.upperBound { break }
            markLine(range, region: region)
            line += 1
        }
    }

    private mutating func markLine(_ line: Range<Int>, region: Range<Int>) {
        let scalars = text.scalars
        var firstContent: Int?
        var ruleCount = 0
        var onlyRules = true
        var contentAfterFirst = false
        for offset in line {
            let scalar = scalars[offset]
            if Scalars.isSpace(scalar) { continue }
            if firstContent == nil {
                firstContent = offset
            } else if !Scalars.isCellBar(scalar), !Scalars.isRuleDrawing(scalar) {
                contentAfterFirst = true
            }
            if Scalars.isRuleDrawing(scalar) {
                ruleCount += 1
            } else if !Scalars.isCellBar(scalar) {
                onlyRules = false
            }
            // Nothing further in the line changes what it is (page-long lines are common).
            if !onlyRules, contentAfterFirst { break }
        }
        guard let first = firstContent else { return }
        if onlyRules, ruleCount >= 3 {
            for offset in line where region.contains(offset) { ignored[offset - base] = true }
        } else if Scalars.isCellBar(scalars[first]), contentAfterFirst, region.contains(first) {
            ignored[first - base] = true
        }
    }

    private func isIgnored(_ offset: Int) -> Bool {
        let relative = offset - base
        return relative >= 0 && relative < ignored.count && ignored[relative]
    }

    /// The cells of `range` in order. The piece before the first separator belongs to the
    /// label's own cell and is dropped when empty.
    func tokens(in range: Range<Int>) -> [CellToken] {
        let scalars = text.scalars
        var hasBar = false
        var hasTab = false
        for offset in range where !isIgnored(offset) {
            if Scalars.isCellBar(scalars[offset]) {
                hasBar = true
                break
            }
            if scalars[offset] == "\t" { hasTab = true }
        }
        var tokens: [CellToken] = []
        if hasBar || hasTab {
            var pieceStart = range.lowerBound
            var isFirst = true
            func closePiece(_ end: Int) {
                let piece = pieceStart..<end
                let trimmed = trimmedContent(piece)
                if trimmed.isEmpty {
                    if !isFirst { tokens.append(CellToken(kind: .blank, range: piece)) }
                } else {
                    words(in: trimmed, into: &tokens)
                }
                isFirst = false
            }
            for offset in range where !isIgnored(offset) {
                let scalar = scalars[offset]
                let separates = hasBar ? Scalars.isCellBar(scalar) : (scalar == "\t" || scalar == "\n")
                if separates {
                    closePiece(offset)
                    pieceStart = offset + 1
                }
            }
            let tail = trimmedContent(pieceStart..<range.upperBound)
            if !tail.isEmpty { words(in: tail, into: &tokens) }
            return tokens
        }
        words(in: range, into: &tokens)
        return tokens
    }

    private func trimmedContent(_ range: Range<Int>) -> Range<Int> {
        var start = range.lowerBound
        var end = range.upperBound
        while start < end, Scalars.isWhitespace(text.scalars[start]) || isIgnored(start) { start += 1 }
        while end > start, Scalars.isWhitespace(text.scalars[end - 1]) || isIgnored(end - 1) { end -= 1 }
        return start..<end
    }

    /// Appends the whitespace-separated words of `range`, each a figure, a blank marker, or
    /// text (to the cells already cut: no array of its own for each piece).
    private func words(in range: Range<Int>, into tokens: inout [CellToken]) {
        var start: Int?
        for offset in range.lowerBound...range.upperBound {
            let isBreak = offset == range.upperBound || Scalars.isWhitespace(text.scalars[offset]) || isIgnored(offset)
            if isBreak {
                if let wordStart = start, !attachUnit(wordStart..<offset, to: &tokens) {
                    classify(wordStart..<offset, into: &tokens)
                }
                start = nil
            } else if start == nil {
                start = offset
            }
        }
    }

    /// Gives a word that is only a unit to the figure just before it on the line, where text
    /// copied from a PDF spaced it off ("70487 元", "5 万元"): the unit decides the amount.
    private func attachUnit(_ word: Range<Int>, to tokens: inout [CellToken]) -> Bool {
        // Most words are figures: told apart by their first character before anything is copied.
        guard word.count <= CellValue.longestUnit, CellValue.unitStarts.contains(text.scalars[word.lowerBound]),
            let last = tokens.last, case .value(let value) = last.kind,
            value.unit == nil, last.range.upperBound < word.lowerBound,
            // Spaces only: a tab or a bar between them separates cells.
            text.scalars[last.range.upperBound..<word.lowerBound].allSatisfy({
                $0 == " " || $0 == "\u{3000}" || $0 == "\u{A0}"
            }),
            let unit = CellValue.unit(exactly: text.scalars[word])
        else { return false }
        tokens[tokens.count - 1] = CellToken(
            kind: .value(CellValue(number: value.number, unit: unit, digits: nil, integer: value.integer)),
            range: last.range.lowerBound..<word.upperBound)
        return true
    }

    /// Appends the tokens of a word (appended in place: an array for every word of a table
    /// was most of what splitting it cost).
    private func classify(_ range: Range<Int>, into tokens: inout [CellToken]) {
        let slice = text.scalars[range]
        // Blank markers ("/", "——", "无") are a couple of characters: longer words need no check,
        // nor do figures (the check trims through Foundation, and most cells are figures).
        if range.count <= 2, slice.first.map(Scalars.isDigit) != true, FieldValue.isBlank(text.string(range)) {
            tokens.append(CellToken(kind: .blank, range: range))
            return
        }
        guard let (value, end) = CellValue.parsePrefix(slice) else {
            tokens.append(CellToken(kind: .text, range: range))
            return
        }
        if end == range.upperBound {
            tokens.append(CellToken(kind: .value(value), range: range))
            return
        }
        // A Chinese numeral that runs on into text is a word ("三、本年度…"), not a figure.
        if !Scalars.isDigit(slice.first!), !Self.isSign(slice.first!) {
            tokens.append(CellToken(kind: .text, range: range))
            return
        }
        tokens.append(CellToken(kind: .value(value), range: range.lowerBound..<end))
        // A sign right after a figure starts the next cell ("2648-18": 2648 and -18).
        if end + 1 < range.upperBound, Self.isSign(text.scalars[end]), Scalars.isDigit(text.scalars[end + 1]) {
            classify(end..<range.upperBound, into: &tokens)
            return
        }
        tokens.append(CellToken(kind: .text, range: end..<range.upperBound))
    }

    private static func isSign(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "-" || scalar == "－" || scalar == "−" || scalar == "+" || scalar == "＋"
    }
}
