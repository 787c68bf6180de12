import XchangeCore

/// Dates as reports print them: `2018年2月23日`, `2020-01-31`, `2020/1/31`, `二〇一八年二月二十三日`,
/// and the year-less `12月31日` of a statistics period's second date.
enum CalendarDateText {
    /// A date found in text. `year` is nil when the text leaves it out.
    struct Found {
        let range: Range<Int>
        let year: Int?
        let month: Int
        let day: Int

        func date(defaultYear: Int?) -> CalendarDate? {
            guard let year = year ?? defaultYear else { return nil }
            return CalendarDate(year: year, month: month, day: day)
        }
    }

    /// The dates in `range`, in order.
    static func find(in scalars: [Unicode.Scalar], range: Range<Int>) -> [Found] {
        var found: [Found] = []
        var index = range.lowerBound
        while index < range.upperBound {
            if let date = parse(scalars, at: index, limit: range.upperBound) {
                found.append(date)
                index = date.range.upperBound
            } else {
                index += 1
            }
        }
        return found
    }

    /// Whether a whole segment is one date (a time after it allowed).
    static func isDate(_ content: ArraySlice<Unicode.Scalar>) -> Bool {
        let scalars = Array(content)
        guard let date = parse(scalars, at: 0, limit: scalars.count), date.year != nil else { return false }
        return scalars[date.range.upperBound...].allSatisfy { Scalars.isDigit($0) || $0 == ":" || Scalars.isSpace($0) }
    }

    /// A date starting exactly at `index`.
    static func parse(_ scalars: [Unicode.Scalar], at index: Int, limit: Int) -> Found? {
        guard index < limit else { return nil }
        if index > 0, Scalars.isDigit(scalars[index - 1]) { return nil }
        var cursor = index
        func number(maxDigits: Int) -> Int? {
            let start = cursor
            var value = 0
            while cursor < limit, cursor - start < maxDigits, let digit = Scalars.digit(scalars[cursor]) {
                value = value * 10 + digit
                cursor += 1
            }
            if cursor > start { return value }
            var end = cursor
            while end < limit, end - start < 5, ChineseNumeral.isNumeral(scalars[end]) { end += 1 }
            guard end > start, let chinese = ChineseNumeral.value(scalars[start..<end]) else { return nil }
            cursor = end
            return chinese
        }
        func skipSpaces() { while cursor < limit, Scalars.isSpace(scalars[cursor]) { cursor += 1 } }
        func expect(_ options: Set<Unicode.Scalar>) -> Unicode.Scalar? {
            skipSpaces()
            guard cursor < limit, options.contains(scalars[cursor]) else { return nil }
            defer { cursor += 1 }
            return scalars[cursor]
        }

        let first = number(maxDigits: 4)
        guard let first else { return nil }
        var year: Int?
        var month: Int
        if cursor - index == 4 || first >= 1000 {
            year = first
            // "20191月1日": a year whose 年 was lost, followed by the month.
            guard
                let separator = expect(["年", "-", "/", ".", "－", "．"])
                    ?? (Scalars.isDigit(scalars[min(cursor, limit - 1)]) ? "年" : nil)
            else { return nil }
            skipSpaces()
            guard let value = number(maxDigits: 2) else { return nil }
            month = value
            let monthMark: Set<Unicode.Scalar> = separator == "年" ? ["月"] : [separator]
            guard expect(monthMark) != nil else { return nil }
        } else {
            month = first
            guard expect(["月"]) != nil else { return nil }
        }
        skipSpaces()
        guard let day = number(maxDigits: 2) else { return nil }
        let end = cursor
        if scalars[index..<end].contains("月") {
            guard expect(["日", "号"]) != nil else { return nil }
        } else if cursor < limit, Scalars.isDigit(scalars[cursor]) {
            return nil
        }
        guard (1...12).contains(month), (1...31).contains(day) else { return nil }
        if let year, !(1900...2100).contains(year) { return nil }
        return Found(range: index..<cursor, year: year, month: month, day: day)
    }
}
