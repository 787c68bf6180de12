/// Statements that something did not happen — "未发生提出行政诉讼的情况", "没有发生相关收费和减免
/// 情况", "无下年度结转" — which state a figure of 0.
///
/// A clause qualifies when a negation comes shortly before a countable subject and the clause
/// states no figure of its own.
enum ZeroStatements {
    struct Statement {
        /// The clause.
        let range: Range<Int>
        /// The subjects the clause says are zero, in the order they appear (`行政诉讼`, `减免`).
        let subjects: [String]
    }

    static let negations = ["未发生", "没有发生", "未收到", "没有收到", "未受理", "未出现", "不存在", "没有", "未", "无", "零"].map {
        Array($0.unicodeScalars)
    }
    /// Words with a negation character that do not negate a count.
    static let idioms = ["无法", "未能", "无论", "未来", "无需", "无偿", "无纸", "无缝", "无障碍", "无差别", "未按", "无误", "未经"].map {
        Array($0.unicodeScalars)
    }
    /// What such statements count.
    static let subjects = ["行政复议", "行政诉讼", "申诉", "举报", "投诉", "信息处理费", "收费", "减免", "费用", "不予公开", "人员", "结转", "申请"]
        .map { Array($0.unicodeScalars) }

    /// The zero statements in `range`.
    static func find(in text: ReportText, range: Range<Int>) -> [Statement] {
        var statements: [Statement] = []
        // Most clauses hold no negation at all: whether one starts in a clause is noted while
        // its end is looked for, and only such clauses are read further.
        let marks = clauseMarks
        text.scalars.withUnsafeBufferPointer { scalars in
            var clauseStart = range.lowerBound
            var holdsNegation = false
            var offset = range.lowerBound
            while offset <= range.upperBound {
                let next = marks.firstIndex(in: scalars, offset..<range.upperBound) ?? range.upperBound
                offset = next + 1
                if next < range.upperBound, !Prose.isClauseBreak(scalars[next]) {
                    holdsNegation = true
                    continue
                }
                let clause = text.trim(clauseStart..<next)
                clauseStart = next + 1
                defer { holdsNegation = false }
                guard holdsNegation, clause.count >= 3, let statement = statement(in: clause, text: text) else {
                    continue
                }
                statements.append(statement)
            }
        }
        return statements
    }

    /// What ends a clause, and what starts a negation.
    private static let clauseMarks = ScalarBitmap(Prose.clauseBreaks + negationStarts)

    /// The statement a clause makes, if it has a negation start in it.
    private static func statement(in clause: Range<Int>, text: ReportText) -> Statement? {
        // Words are matched across the spaces reports put inside them, and across the line
        // breaks of a hard-wrapped paragraph ("行⏎政复议" is 行政复议, not a bare 申请).
        let scalars = text.scalars[clause].kept { !Scalars.isSpace($0) }
        guard let negationEnd = firstNegation(in: scalars) else { return nil }
        var found: [(position: Int, subject: [Unicode.Scalar])] = []
        for subject in subjects {
            // A subject counts within 16 characters of the negation.
            guard let position = firstIndex(of: subject, in: scalars, startingIn: negationEnd...(negationEnd + 16))
            else { continue }
            // "信息处理费" already covers its 收费/费用.
            if found.contains(where: { SectionSplitter.contains($0.subject, subject) }) { continue }
            found.append((position, subject))
        }
        // A clause that states a figure of its own is not a zero statement (asked last: finding
        // the figures costs the most).
        guard !found.isEmpty, NumberScanner.mentions(in: text, range: clause).isEmpty else { return nil }
        return Statement(
            range: clause,
            subjects: found.sorted { $0.position < $1.position }.map { String(String.UnicodeScalarView($0.subject)) })
    }

    /// The characters negations start with, to skip the rest quickly.
    private static let negationStarts: [Unicode.Scalar] = negations.compactMap(\.first).reduce(into: []) {
        starts, first in
        if !starts.contains(first) { starts.append(first) }
    }

    private static let negationStartSet = ScalarBitmap(negationStarts)

    private static func isNegationStart(_ scalar: Unicode.Scalar) -> Bool { negationStartSet.contains(scalar) }

    /// Where the first real negation ends.
    private static func firstNegation(in scalars: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index < scalars.count {
            guard isNegationStart(scalars[index]) else {
                index += 1
                continue
            }
            if idioms.contains(where: { matches($0, in: scalars, at: index) }) {
                index += 2
                continue
            }
            if let negation = negations.first(where: { matches($0, in: scalars, at: index) }) {
                return index + negation.count
            }
            index += 1
        }
        return nil
    }

    /// The first start in `starts` where `scalars` spell `pattern`.
    private static func firstIndex(
        of pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], startingIn starts: ClosedRange<Int>
    ) -> Int? {
        let last = min(starts.upperBound, scalars.count - pattern.count)
        guard starts.lowerBound <= last else { return nil }
        for index in starts.lowerBound...last where matches(pattern, in: scalars, at: index) { return index }
        return nil
    }

    private static func matches(_ pattern: [Unicode.Scalar], in scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + pattern.count <= scalars.count && scalars[index..<(index + pattern.count)].elementsEqual(pattern)
    }
}
