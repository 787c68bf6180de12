/// Turns a saved report page into the report text the text reader reads: paragraphs and
/// headings become lines, and each `<table>` becomes `| a | b |` rows, one per table row, its
/// cells in document order (a spanning cell's text is not repeated) and empty (`&nbsp;`) cells
/// kept as empty cells. Each line remembers the HTML
/// line it came from, so provenance points into the page.
enum HTMLTextExtractor {
    /// Tags that end a line of text.
    static let blockTags: Set<String> = [
        "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header",
        "footer", "title", "blockquote", "pre", "dd", "dt", "dl", "center", "hr", "tbody", "thead", "tfoot", "caption",
        "form",
        "tr", "td", "th",
    ]

    /// What an element does to the text.
    enum Role {
        case table, row, cell
        /// Ends a line (or, in a cell, a word).
        case block
        /// Leaves the text as it runs (`span`, `b`, `font`…).
        case inline
    }

    /// The role of each element name that has one: one look-up per tag.
    private static let roles: [String: Role] = {
        var roles = Dictionary(uniqueKeysWithValues: blockTags.map { ($0, Role.block) })
        roles["table"] = .table
        roles["tr"] = .row
        roles["td"] = .cell
        roles["th"] = .cell
        return roles
    }()

    /// Whether a text file holds HTML markup rather than plain report text: it starts with `<`,
    /// and an HTML element is opened in its first 4,096 characters.
    static func looksLikeHTML(_ scalars: [Unicode.Scalar]) -> Bool {
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }), scalars[first] == "<" else {
            return false
        }
        let head = scalars.prefix(4096)
        let openings = ["<html", "<p", "<div", "<table", "<br", "<body", "<!doctype"].map {
            Array($0.unicodeScalars)
        }
        return head.indices.contains { start in
            head[start] == "<"
                && openings.contains { opening in
                    start + opening.count <= head.endIndex
                        && zip(head[start..<(start + opening.count)], opening).allSatisfy { scalar, expected in
                            scalar == expected
                                || (0x41...0x5A).contains(scalar.value) && scalar.value + 32 == expected.value
                        }
                }
        }
    }

    static func extract(_ html: String, file: String?) -> ReportText {
        extract(scalars: ReportText.scalars(of: html), file: file)
    }

    static func extract(scalars html: [Unicode.Scalar], file: String?) -> ReportText {
        // The text needs no attribute: a table's cells are written in document order, and a
        // spanning cell's text is not repeated.
        let tokenizer = HTMLTokenizer(scalars: html, keeping: [])
        var output = Output(lineStarts: lineStarts(tokenizer.scalars))
        var roles = RoleCache()
        tokenizer.forEachToken { token in
            switch token {
            case .text(let range):
                output.appendText(tokenizer.scalars[range], at: range.lowerBound)
            case .startTag(let name, _, _, let offset):
                output.open(roles.role(of: name), at: offset)
            case .endTag(let name, let offset):
                output.close(roles.role(of: name), at: offset)
            }
        }
        output.breakLine()
        return ReportText(scalars: output.lines, file: file, sourceLines: output.sources)
    }

    /// The roles of the element names a page uses, by the names' numbers: each name is looked
    /// up in the table once.
    private struct RoleCache {
        private var known: [Role] = []

        mutating func role(of name: HTMLTokenizer.TagName) -> Role {
            if name.number == known.count { known.append(HTMLTextExtractor.roles[name.string] ?? .inline) }
            return known[name.number]
        }
    }

    private static func lineStarts(_ scalars: [Unicode.Scalar]) -> [Int] {
        var starts = [0]
        for (offset, scalar) in scalars.enumerated() where scalar == "\n" { starts.append(offset + 1) }
        return starts
    }

    /// The text being built, with the tables still open. Text is kept as scalar arrays, not
    /// strings: appending to a string scalar by scalar is most of what reading a page costs.
    private struct Output {
        let lineStarts: [Int]
        /// The finished lines, separated by line breaks.
        var lines: [Unicode.Scalar] = []
        var sources: [Int] = []
        private var current: [Unicode.Scalar] = []
        private var currentSource: Int?
        private var tables: [OpenTable] = []
        /// A text run with its entities decoded: room kept from one run to the next.
        private var decoded: [Unicode.Scalar] = []

        init(lineStarts: [Int]) { self.lineStarts = lineStarts }

        /// A table being read. The text of all its cells is kept in one array, each cell a
        /// range of it: a cell with an array of its own cost an allocation, and copies when it
        /// was trimmed and put in its row.
        struct OpenTable {
            /// The cells' text, one cell after another.
            var text: [Unicode.Scalar] = []
            /// The finished cells in document order: their text, trimmed, and the line each
            /// starts on.
            var cells: [(text: Range<Int>, line: Int)] = []
            /// Where each finished row with cells starts in `cells`; it ends where the next starts.
            var rowStarts: [Int] = []
            /// Where the open row starts in `cells`; nil when no row is open.
            var openRow: Int?
            /// Where the open cell starts in `text`, and its line; nil when no cell is open.
            var openCell: (start: Int, line: Int)?

            /// The rows with cells, as ranges of `cells`.
            var rows: [Range<Int>] {
                zip(rowStarts, rowStarts.dropFirst() + [cells.count]).map { $0..<$1 }
            }

            /// A row as the text reader reads one: `| a | b |`.
            func appendBarRow(_ row: Range<Int>, to target: inout [Unicode.Scalar]) {
                target.append("|")
                for (index, cell) in cells[row].enumerated() {
                    if index > 0 {
                        target.append(" ")
                        target.append("|")
                    }
                    target.append(" ")
                    target.append(contentsOf: text[cell.text])
                }
                target.append(" ")
                target.append("|")
            }
        }

        func line(of offset: Int) -> Int {
            var low = 0
            var high = lineStarts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
            }
            return low + 1
        }

        mutating func appendText(_ raw: ArraySlice<Unicode.Scalar>, at offset: Int) {
            // Text between cells of an open table is markup noise.
            guard inCell || tables.isEmpty else { return }
            // Most runs hold no character reference: appended as they are, not copied first.
            if raw.contains("&") {
                decoded.removeAll(keepingCapacity: true)
                HTMLEntities.decode(raw, into: &decoded)
                appendDecoded(decoded[...], at: offset)
            } else {
                appendDecoded(raw, at: offset)
            }
        }

        private mutating func appendDecoded(_ text: ArraySlice<Unicode.Scalar>, at offset: Int) {
            if let innermost = tables.indices.last, let cell = tables[innermost].openCell {
                Self.append(text, to: &tables[innermost].text, after: cell.start)
            } else if tables.isEmpty {
                if currentSource == nil, text.contains(where: { !Scalars.isWhitespace($0) }) {
                    currentSource = line(of: offset)
                }
                // A pipe in the page's own text is kept: a table drawn with pipes in paragraphs
                // is read as the same table in a text file is.
                Self.append(text, to: &current, after: 0, inCell: false)
            }
        }

        /// Appends to the text that starts at `start` of `target`, with runs of whitespace
        /// collapsed to one space, as browsers render them. In a cell, a pipe becomes a slash:
        /// the cells of a row are joined with pipes. Static: an instance method would be handed
        /// a copy of the output while a part of it is changed in place, and the change would
        /// then copy that part (the whole line or table) first.
        private static func append(
            _ text: some Sequence<Unicode.Scalar>, to target: inout [Unicode.Scalar], after start: Int,
            inCell: Bool = true
        ) {
            for scalar in text {
                if Scalars.isNewline(scalar) || scalar == "\t" || scalar == " " {
                    if target.count > start, target[target.count - 1] != " " { target.append(" ") }
                } else if scalar == "|", inCell {
                    target.append("/")
                } else {
                    target.append(scalar)
                }
            }
        }

        mutating func open(_ role: Role, at offset: Int) {
            switch role {
            case .table:
                if tables.isEmpty { breakLine() }
                tables.append(OpenTable())
            case .row where !tables.isEmpty:
                closeRow()
                tables[tables.count - 1].openRow = tables[tables.count - 1].cells.count
            case .cell where !tables.isEmpty:
                closeCell()
                let innermost = tables.count - 1
                if tables[innermost].openRow == nil { tables[innermost].openRow = tables[innermost].cells.count }
                tables[innermost].openCell = (tables[innermost].text.count, line(of: offset))
            case .block, .row, .cell:
                separate()
            case .inline:
                break
            }
        }

        mutating func close(_ role: Role, at offset: Int) {
            switch role {
            case .table where !tables.isEmpty:
                closeRow()
                let table = tables.removeLast()
                if tables.isEmpty {
                    for row in table.rows {
                        beginLine(source: table.cells[row.lowerBound].line)
                        table.appendBarRow(row, to: &lines)
                    }
                } else if let cell = tables[tables.count - 1].openCell {
                    // A table inside a cell reads as that cell's text.
                    for row in table.rows {
                        var text: [Unicode.Scalar] = [" "]
                        table.appendBarRow(row, to: &text)
                        Self.append(text, to: &tables[tables.count - 1].text, after: cell.start)
                    }
                }
            case .row where !tables.isEmpty:
                closeRow()
            case .cell where !tables.isEmpty:
                closeCell()
            case .block, .row, .cell:
                separate()
            case .table, .inline:
                break
            }
        }

        /// Whether text goes into a cell of the innermost open table. Asked in place, as the
        /// innermost table's row and cell are taken below: `tables.last` would copy the whole
        /// table at every tag.
        private var inCell: Bool {
            guard let innermost = tables.indices.last else { return false }
            return tables[innermost].openCell != nil
        }

        /// A block boundary: a new line outside tables, a space inside a cell.
        private mutating func separate() {
            if let innermost = tables.indices.last, let cell = tables[innermost].openCell {
                Self.append(CollectionOfOne(" "), to: &tables[innermost].text, after: cell.start)
            } else if tables.isEmpty {
                breakLine()
            }
        }

        private mutating func closeCell() {
            guard let innermost = tables.indices.last, let cell = tables[innermost].openCell else { return }
            let text = Self.trimmed(tables[innermost].text, from: cell.start)
            if tables[innermost].openRow == nil { tables[innermost].openRow = tables[innermost].cells.count }
            tables[innermost].cells.append((text, cell.line))
            tables[innermost].openCell = nil
        }

        private mutating func closeRow() {
            closeCell()
            guard let innermost = tables.indices.last, let start = tables[innermost].openRow else { return }
            if tables[innermost].cells.count > start { tables[innermost].rowStarts.append(start) }
            tables[innermost].openRow = nil
        }

        mutating func breakLine() {
            let text = Self.trimmed(current, from: 0)
            if !text.isEmpty {
                beginLine(source: currentSource ?? 1)
                lines.append(contentsOf: current[text])
            }
            current.removeAll(keepingCapacity: true)
            currentSource = nil
        }

        /// Starts a line that comes from `source`.
        private mutating func beginLine(source: Int) {
            if !sources.isEmpty { lines.append("\n") }
            sources.append(source)
        }

        /// The range of `scalars` from `start` without leading and trailing spaces of any
        /// width, as `String.trimmingWhitespace()` trims.
        private static func trimmed(_ scalars: [Unicode.Scalar], from start: Int) -> Range<Int> {
            var start = start
            var end = scalars.count
            while start < end, Scalars.isWhitespace(scalars[start]) { start += 1 }
            while end > start, Scalars.isWhitespace(scalars[end - 1]) { end -= 1 }
            return start..<end
        }
    }
}

extension String {
    /// Without leading and trailing spaces of any width (including no-break spaces).
    func trimmingWhitespace() -> String {
        guard let first = unicodeScalars.first, let last = unicodeScalars.last else { return self }
        if !Scalars.isWhitespace(first), !Scalars.isWhitespace(last) { return self }
        let scalars = Array(unicodeScalars)
        var start = 0
        var end = scalars.count
        while start < end, Scalars.isWhitespace(scalars[start]) { start += 1 }
        while end > start, Scalars.isWhitespace(scalars[end - 1]) { end -= 1 }
        return ReportText.utf8String(scalars[start..<end])
    }
}
