/// Page numbers printed on lines of their own — `— 3 —` (the style of official documents,
/// GB/T 9704), `- 3 -`, `第 2 页 共 9 页` — which a text copied from a PDF keeps wherever a page
/// ended, often between a table's rows. Read as figures, they would join the row before them.
///
/// Such a line is blanked in place (its scalars become spaces), so that every other figure keeps
/// its line and column. A bare number on a line is never taken for one: a table flattened one
/// cell per line looks just like it.
enum PageNumberLines {
    /// Blanks the lines of `scalars` (starting at `lineStarts`) that hold a page number alone.
    static func blank(in scalars: inout [Unicode.Scalar], lineStarts: [Int]) {
        for (index, start) in lineStarts.enumerated() {
            let end = index + 1 < lineStarts.count ? lineStarts[index + 1] - 1 : scalars.count
            // A page number line is short; most lines are passed over on their length alone.
            guard end > start, end - start <= 24, isPageNumber(scalars[start..<end]) else { continue }
            for offset in start..<end { scalars[offset] = " " }
        }
    }

    /// Whether a line is a page number alone: dashes around a number, or 第 N 页 with or
    /// without 共 M 页 (in either order).
    static func isPageNumber(_ line: ArraySlice<Unicode.Scalar>) -> Bool {
        var cursor = Cursor(line.kept { !isBlank($0) })
        guard !cursor.atEnd else { return false }
        if cursor.dashes() {
            return cursor.number() && cursor.dashes() && cursor.atEnd
        }
        let pageFirst = cursor.page(after: "第")
        if pageFirst {
            guard !cursor.atEnd else { return true }
            _ = cursor.take { $0 == "," || $0 == "，" || $0 == "/" }
            return cursor.page(after: "共") && cursor.atEnd
        }
        return cursor.page(after: "共") && cursor.page(after: "第") && cursor.atEnd
    }

    private static func isBlank(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\u{3000}" || scalar == "\u{A0}"
    }

    /// Reads a line's scalars from the front.
    private struct Cursor {
        let scalars: [Unicode.Scalar]
        var index = 0

        init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

        var atEnd: Bool { index == scalars.count }

        /// Takes the scalars that match, one or more; false when none does.
        mutating func take(_ matches: (Unicode.Scalar) -> Bool) -> Bool {
            let start = index
            while index < scalars.count, matches(scalars[index]) { index += 1 }
            return index > start
        }

        /// One to three dashes of any width.
        mutating func dashes() -> Bool {
            let start = index
            guard take({ "-－—–―─".unicodeScalars.contains($0) }) else { return false }
            return index - start <= 3
        }

        /// A number of one to four digits, ASCII or full-width.
        mutating func number() -> Bool {
            let start = index
            guard take({ ("0"..."9").contains($0) || ("０"..."９").contains($0) }) else { return false }
            return index - start <= 4
        }

        /// `marker` N 页.
        mutating func page(after marker: Unicode.Scalar) -> Bool {
            guard index < scalars.count, scalars[index] == marker else { return false }
            index += 1
            guard number(), index < scalars.count, scalars[index] == "页" else { return false }
            index += 1
            return true
        }
    }
}
