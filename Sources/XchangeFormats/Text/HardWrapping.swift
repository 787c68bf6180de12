/// Joins the lines of a text hard-wrapped at a fixed width (what copying from a PDF gives):
/// there a line break inside a paragraph is not the end of a sentence, and a label cut by one
/// ("政府网站公⏎开8246条") must still be found before its figure.
///
/// A text is hard-wrapped when many of its prose lines are one width (in display columns) and
/// none of them is much wider. A break is then joined when the line before it is full, does not
/// end a sentence, and the line after it is prose that does not start with a numbering
/// (`二、`, `（三）`, `4.`). A joined break becomes a zero-width space, which the readers skip
/// as they skip spaces; the line starts stay where they were, so every figure keeps its line
/// and column. A break between two digits or ASCII characters is never joined: a number, an
/// address or a link cut in two is not known whole.
enum HardWrapping {
    /// The zero-width space a joined line break becomes.
    static let joinedBreak: Unicode.Scalar = "\u{200B}"

    /// Joins the wrapped lines of `scalars` (lines starting at `lineStarts`), if it is wrapped.
    static func join(in scalars: inout [Unicode.Scalar], lineStarts: [Int]) {
        guard lineStarts.count >= 6 else { return }
        let widths = lineStarts.indices.map { index in
            proseWidth(of: scalars, line(index, of: scalars, lineStarts: lineStarts))
        }
        guard let fullWidth = wrappingWidth(widths) else { return }
        for index in lineStarts.indices.dropLast() {
            let range = line(index, of: scalars, lineStarts: lineStarts)
            let next = line(index + 1, of: scalars, lineStarts: lineStarts)
            guard let width = widths[index], width >= fullWidth - 3, widths[index + 1] != nil,
                let last = scalars[range].lastIndex(where: { !Scalars.isSpace($0) }),
                let first = scalars[next].firstIndex(where: { !Scalars.isSpace($0) }),
                !Scalars.isSentenceEnd(scalars[last]), !(isWordScalar(scalars[last]) && isWordScalar(scalars[first])),
                !startsWithNumbering(scalars[first..<next.upperBound])
            else { continue }
            scalars[range.upperBound] = joinedBreak
        }
    }

    /// The width most full lines share, when the text is wrapped at it: at least six prose
    /// lines of 20 columns or more within 2 columns of it, a third of all such lines, and
    /// hardly any wider.
    static func wrappingWidth(_ widths: [Int?]) -> Int? {
        let long = widths.compactMap { $0 }.filter { $0 >= 20 }
        guard long.count >= 6, let widest = long.max() else { return nil }
        var lines = [Int](repeating: 0, count: widest + 1)
        for width in long { lines[width] += 1 }
        // The width with the most lines within two columns below it (the widest, of equals).
        var best = 0
        var full = 0
        for width in 20...widest {
            let near = lines[width] + lines[width - 1] + lines[width - 2]
            if near >= full {
                best = width
                full = near
            }
        }
        let wider = long.filter { $0 > best + 2 }.count
        guard full >= 6, full * 3 >= long.count, wider * 10 <= long.count else { return nil }
        return best
    }

    /// The display width of a prose line without its trailing blanks; nil for a line that is
    /// not prose (blank, a table row drawn with bars, box lines, tabs or runs of spaces after
    /// its indent).
    /// Every scalar from U+1100 up counts two columns: near enough to tell full lines, and a
    /// pass over every line of every report.
    static func proseWidth(of scalars: [Unicode.Scalar], _ range: Range<Int>) -> Int? {
        var end = range.upperBound
        while end > range.lowerBound, Scalars.isSpace(scalars[end - 1]) { end -= 1 }
        guard end > range.lowerBound else { return nil }
        // A paragraph's first line is indented ("　　"): the indent is width, not a gap.
        var start = range.lowerBound
        var width = 0
        while start < end, Scalars.isSpace(scalars[start]) {
            width += scalars[start].value < 0x1100 ? 1 : 2
            start += 1
        }
        var previousWasSpace = false
        for index in start..<end {
            let value = scalars[index].value
            let isSpace = value == 0x20 || value == 0x3000
            if isSpace, previousWasSpace { return nil }
            previousWasSpace = isSpace
            if value < 0x1100 {
                if value == 0x7C || value == 0x09 { return nil }
                width += 1
            } else {
                if (0x2500...0x257F).contains(value) || value == 0xFF5C { return nil }
                width += 2
            }
        }
        return width
    }

    private static func line(_ index: Int, of scalars: [Unicode.Scalar], lineStarts: [Int]) -> Range<Int> {
        let start = lineStarts[index]
        let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : scalars.count
        return start..<max(start, end)
    }

    /// Digits, and ASCII (numbers, addresses, links): a break between two may cut one in two.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        Scalars.digit(scalar) != nil || scalar.isASCII
    }

    /// Whether a line starts with a numbering or the name of a part: the start of an item, not
    /// the rest of the line before.
    static func startsWithNumbering(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        let head = line.prefix(8).compactMap(NormalizedText.fold)
        if Numbering.parse(head, at: 0) != nil { return true }
        // "第一章", "附件": the start of a part rather than of a wrapped line.
        return head.first == "第" || head.starts(with: Array("附件".unicodeScalars))
    }
}
