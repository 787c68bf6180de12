/// Turns a saved report page into the report text the text reader reads: paragraphs and
/// headings become lines, and each `<table>` becomes `| a | b |` rows, one per table row, with
/// spans resolved and empty (`&nbsp;`) cells kept as empty cells. Each line remembers the HTML
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
        // Spans are the only attributes the text needs.
        let tokenizer = HTMLTokenizer(scalars: html, keeping: ["rowspan", "colspan"])
        var output = Output(lineStarts: lineStarts(tokenizer.scalars))
        var roles = RoleCache()
        tokenizer.forEachToken { token in
            switch token {
            case .text(let range):
                output.appendText(tokenizer.scalars[range], at: range.lowerBound)
            case .startTag(let name, let attributes, _, let offset):
                output.open(roles.role(of: name), attributes: attributes, at: offset)
            case .endTag(let name, let offset):
                output.close(roles.role(of: name), at: offset)
            }
        }
        output.breakLine()
        return ReportText(scalars: output.lines, file: file, sourceLines: output.sources)
    }

    /// The roles of the element names a page uses, a dozen or so, looked up in the table once
    /// each: a name equal to one seen before is told apart by comparing two small strings, where
    /// the table hashes it.
    private struct RoleCache {
        private var names: [String] = []
        private var known: [Role] = []

        mutating func role(of name: String) -> Role {
            if let index = names.firstIndex(of: name) { return known[index] }
            let role = HTMLTextExtractor.roles[name] ?? .inline
            names.append(name)
            known.append(role)
            return role
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

        struct OpenTable {
            var grid = HTMLTableGrid<[Unicode.Scalar]>()
            var row: [(text: [Unicode.Scalar], rowSpan: Int, columnSpan: Int, line: Int)]?
            var cell: (text: [Unicode.Scalar], rowSpan: Int, columnSpan: Int, line: Int)?
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
            if inCell {
                Self.append(text, to: &tables[tables.count - 1].cell!.text)
            } else if tables.isEmpty {
                if currentSource == nil, text.contains(where: { !Scalars.isWhitespace($0) }) {
                    currentSource = line(of: offset)
                }
                // A pipe in the page's own text is kept: a table drawn with pipes in paragraphs
                // is read as the same table in a text file is.
                Self.append(text, to: &current, inCell: false)
            }
        }

        /// Appends with runs of whitespace collapsed to one space, as browsers render them. In a
        /// cell, a pipe becomes a slash: the cells of a row are joined with pipes. Static: an
        /// instance method would be handed a copy of the output while a part of it is changed
        /// in place, and the change would then copy that part (the whole line or cell) first.
        private static func append(
            _ text: some Sequence<Unicode.Scalar>, to target: inout [Unicode.Scalar], inCell: Bool = true
        ) {
            for scalar in text {
                if Scalars.isNewline(scalar) || scalar == "\t" || scalar == " " {
                    if let last = target.last, last != " " { target.append(" ") }
                } else if scalar == "|", inCell {
                    target.append("/")
                } else {
                    target.append(scalar)
                }
            }
        }

        mutating func open(_ role: Role, attributes: [String: String], at offset: Int) {
            switch role {
            case .table:
                if tables.isEmpty { breakLine() }
                tables.append(OpenTable())
            case .row where !tables.isEmpty:
                closeRow()
                tables[tables.count - 1].row = []
            case .cell where !tables.isEmpty:
                closeCell()
                if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
                let rowSpan = attributes["rowspan"].flatMap { Int($0.filter(\.isNumber)) } ?? 1
                let columnSpan = attributes["colspan"].flatMap { Int($0.filter(\.isNumber)) } ?? 1
                tables[tables.count - 1].cell = ([], rowSpan, columnSpan, line(of: offset))
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
                let rows = table.grid.rows.filter { !$0.isEmpty }
                if tables.isEmpty {
                    for cells in rows { appendLine(Self.barRow(cells.map(\.text)), source: cells[0].line) }
                } else if tables[tables.count - 1].cell != nil {
                    // A table inside a cell reads as that cell's text.
                    for cells in rows {
                        Self.append([" "] + Self.barRow(cells.map(\.text)), to: &tables[tables.count - 1].cell!.text)
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

        /// A table row as the text reader reads one: `| a | b |`.
        private static func barRow(_ cells: [[Unicode.Scalar]]) -> [Unicode.Scalar] {
            var row: [Unicode.Scalar] = ["|", " "]
            for (index, cell) in cells.enumerated() {
                if index > 0 { row += [" ", "|", " "] }
                row += cell
            }
            row += [" ", "|"]
            return row
        }

        /// Whether text goes into a cell of the innermost open table. Asked in place, as the
        /// innermost table's row and cell are taken below: `tables.last` would copy the whole
        /// table, its rows and grid, at every tag.
        private var inCell: Bool {
            guard let innermost = tables.indices.last else { return false }
            return tables[innermost].cell != nil
        }

        /// A block boundary: a new line outside tables, a space inside a cell.
        private mutating func separate() {
            if inCell {
                Self.append(CollectionOfOne(" "), to: &tables[tables.count - 1].cell!.text)
            } else if tables.isEmpty {
                breakLine()
            }
        }

        private mutating func closeCell() {
            guard let innermost = tables.indices.last, let cell = tables[innermost].cell else { return }
            let text = Array(Self.trimmed(cell.text))
            if tables[tables.count - 1].row == nil { tables[tables.count - 1].row = [] }
            tables[tables.count - 1].row!.append((text, cell.rowSpan, cell.columnSpan, cell.line))
            tables[tables.count - 1].cell = nil
        }

        private mutating func closeRow() {
            closeCell()
            guard let innermost = tables.indices.last, let row = tables[innermost].row else { return }
            tables[tables.count - 1].grid.addRow(row)
            tables[tables.count - 1].row = nil
        }

        mutating func breakLine() {
            let text = Self.trimmed(current)
            if !text.isEmpty { appendLine(text, source: currentSource ?? 1) }
            current.removeAll(keepingCapacity: true)
            currentSource = nil
        }

        private mutating func appendLine(_ text: some Sequence<Unicode.Scalar>, source: Int) {
            if !sources.isEmpty { lines.append("\n") }
            lines.append(contentsOf: text)
            sources.append(source)
        }

        /// Without leading and trailing spaces of any width, as `String.trimmingWhitespace()` trims.
        private static func trimmed(_ scalars: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> {
            var start = 0
            var end = scalars.count
            while start < end, Scalars.isWhitespace(scalars[start]) { start += 1 }
            while end > start, Scalars.isWhitespace(scalars[end - 1]) { end -= 1 }
            return scalars[start..<end]
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
