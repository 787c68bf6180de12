import XchangeCore

/// A table row whose figures were printed with fewer separators than cells
/// (`640020470` for seven cells).
struct RunTogetherRow {
    enum Piece: Hashable {
        /// Digits that hold one or more cells.
        case digits([Int])
        /// Exactly one cell (a figure with a unit or fraction, or a blank marker).
        case single(Int?)
    }

    let fields: [FieldID]
    let pieces: [Piece]
}

/// Splits run-together figures into cells using the sums the table itself guarantees
/// (spec §4): every split of the digits is tried, and a row is split only when exactly one
/// reading satisfies every row and column identity. Anything less is reported, not guessed.
struct RunTogetherSplitter {
    enum Outcome: Equatable {
        /// The only reading consistent with the table.
        case solved([Int?])
        /// Several readings fit; their number (capped).
        case ambiguous(Int)
        /// No reading fits the row's own sums.
        case impossible
    }

    let equations: [SumEquation]
    /// Cells read directly (blank cells as 0).
    let known: FieldMap<Int>
    /// Readings per row beyond which a row is not enumerated (it could not be unique anyway).
    var candidateLimit = 20_000
    /// Search steps across rows before giving up on table-wide identities.
    var searchLimit = 200_000

    /// What solving a table found.
    struct Solution {
        /// The outcome for each row.
        let outcomes: [Outcome]
        /// Whether the table-wide search was conclusive.
        let tableConsistent: Bool
        /// For each row, the readings its own sums allow (nil when there are too many to list).
        let readings: [[[Int?]]?]
    }

    /// The outcome for each row, and whether the table-wide search was conclusive.
    func solve(_ rows: [RunTogetherRow]) -> (outcomes: [Outcome], tableConsistent: Bool) {
        let solution = solution(rows)
        return (solution.outcomes, solution.tableConsistent)
    }

    /// The outcome for each row, whether the table-wide search was conclusive, and the readings
    /// each row's own sums allow.
    func solution(_ rows: [RunTogetherRow]) -> Solution {
        let cellOf = Self.cells(of: rows)
        // Equations whose every term is known or being split; others cannot be checked.
        let usable = equations.compactMap { compile($0, cellOf: cellOf) }

        var candidates: [[[Int?]]?] = []
        for rowIndex in rows.indices {
            let local = usable.filter { $0.rows.count == 1 && $0.rows[0] == rowIndex }
            candidates.append(enumerate(rows[rowIndex]) { candidate in local.allSatisfy { $0.holds(row: candidate) } })
        }

        var outcomes = candidates.map { list -> Outcome in
            guard let list else { return .ambiguous(candidateLimit) }
            switch list.count {
            case 0: return .impossible
            case 1: return .solved(list[0])
            default: return .ambiguous(list.count)
            }
        }

        // Rows that several readings fit may still be decided by identities across rows.
        let open = rows.indices.filter {
            if case .ambiguous = outcomes[$0], candidates[$0] != nil { true } else { false }
        }
        let cross = usable.filter { $0.rows.count > 1 }
        guard !cross.isEmpty else { return Solution(outcomes: outcomes, tableConsistent: true, readings: candidates) }
        let searchRows = rows.indices.filter { candidates[$0]?.isEmpty == false }
            .sorted { candidates[$0]!.count < candidates[$1]!.count }
        // An identity is checked once, at the depth that chooses the last of its rows: the
        // depths before already held it to their choices. Identities over a row that is not
        // searched are never complete.
        var depthOf: [Int?] = Array(repeating: nil, count: rows.count)
        for (depth, row) in searchRows.enumerated() { depthOf[row] = depth }
        var decidedAt: [[CompiledEquation]] = Array(repeating: [], count: searchRows.count)
        for equation in cross {
            let depths = equation.rows.map { depthOf[$0] }
            guard depths.allSatisfy({ $0 != nil }), let last = depths.compactMap({ $0 }).max() else { continue }
            decidedAt[last].append(equation)
        }
        var choice: [Int?] = Array(repeating: nil, count: rows.count)
        var seen: [Set<Int>] = Array(repeating: [], count: rows.count)
        var steps = 0
        var solutions = 0
        var exhausted = true

        func search(_ depth: Int) {
            if steps > searchLimit {
                exhausted = false
                return
            }
            if depth == searchRows.count {
                solutions += 1
                for row in searchRows { seen[row].insert(choice[row]!) }
                return
            }
            let row = searchRows[depth]
            for index in candidates[row]!.indices {
                steps += 1
                choice[row] = index
                let decided = decidedAt[depth].allSatisfy { equation in
                    equation.holds { candidates[$0]![choice[$0]!] }
                }
                if decided { search(depth + 1) }
                if !exhausted { break }
            }
            choice[row] = nil
        }
        search(0)
        guard exhausted, solutions > 0 else {
            return Solution(outcomes: outcomes, tableConsistent: exhausted && solutions > 0, readings: candidates)
        }
        for row in open where seen[row].count == 1 {
            outcomes[row] = .solved(candidates[row]![seen[row].first!])
        }
        for row in searchRows where seen[row].count > 1 {
            outcomes[row] = .ambiguous(seen[row].count)
        }
        return Solution(outcomes: outcomes, tableConsistent: true, readings: candidates)
    }

    /// The row and column of every cell being split.
    private static func cells(of rows: [RunTogetherRow]) -> FieldMap<(row: Int, column: Int)> {
        var cellOf = FieldMap<(row: Int, column: Int)>()
        for (rowIndex, row) in rows.enumerated() {
            for (column, field) in row.fields.enumerated() { cellOf[field] = (rowIndex, column) }
        }
        return cellOf
    }

    /// An identity with its known cells summed in advance and its split cells as positions,
    /// so that checking a reading is a few array reads (readings are checked by the thousand).
    struct CompiledEquation {
        /// Σ known cells on the left minus Σ known cells on the right.
        let constant: Int
        let terms: [(row: Int, column: Int, sign: Int)]
        /// The rows the identity reads, ascending, each once.
        let rows: [Int]

        /// Whether the identity holds for the readings `reading(row)` gives.
        func holds(_ reading: (Int) -> [Int?]) -> Bool {
            var balance = constant
            for term in terms { balance += term.sign * (reading(term.row)[term.column] ?? 0) }
            return balance == 0
        }

        /// Whether an identity over one row holds for a reading of it (checked for every
        /// reading listed, so without a closure).
        func holds(row reading: [Int?]) -> Bool {
            var balance = constant
            for term in terms { balance += term.sign * (reading[term.column] ?? 0) }
            return balance == 0
        }
    }

    /// The identity over the rows being split, or nil when a term is neither known nor split,
    /// or no term is split.
    private func compile(_ equation: SumEquation, cellOf: FieldMap<(row: Int, column: Int)>) -> CompiledEquation? {
        var constant = 0
        var terms: [(row: Int, column: Int, sign: Int)] = []
        // Each side in turn, without an array of the two made for every equation (a table's
        // identities are compiled for every table read).
        func add(_ fields: [FieldID], sign: Int) -> Bool {
            for field in fields {
                if let cell = cellOf[field] {
                    terms.append((cell.row, cell.column, sign))
                } else if let value = known[field] {
                    constant += sign * value
                } else {
                    return false
                }
            }
            return true
        }
        guard add(equation.left, sign: 1), add(equation.right, sign: -1), !terms.isEmpty else { return nil }
        // An identity reads a few rows: a linear search beats a set.
        var rows: [Int] = []
        for term in terms where !rows.contains(term.row) { rows.append(term.row) }
        rows.sort()
        return CompiledEquation(constant: constant, terms: terms, rows: rows)
    }

    /// Every way to cut the row's pieces into its cells that `accept` keeps, or nil when there
    /// are too many to list.
    func enumerate(_ row: RunTogetherRow, accept: ([Int?]) -> Bool = { _ in true }) -> [[Int?]]? {
        let cells = row.fields.count
        let singles = row.pieces.filter { if case .single = $0 { true } else { false } }.count
        guard countReadings(row.pieces, cells: cells - singles) <= candidateLimit else { return nil }
        var search = ReadingSearch(row.pieces)
        search.place(0, remaining: cells - singles, accept: accept)
        return search.results
    }

    /// The search ``enumerate(_:accept:)`` runs: the row's pieces laid out flat (a piece is a
    /// span of one digit array, or a single cell), so that trying a reading — thousands per
    /// row — takes no reference counting and no closures.
    private struct ReadingSearch {
        private enum Span {
            case single(Int?)
            case digits(start: Int, count: Int)
        }

        private let spans: [Span]
        private let digits: [Int]
        /// For each piece, how many digit pieces come after it and how many digits they hold:
        /// each takes at least one cell and at most one per digit.
        private let laterPieces: [Int]
        private let laterDigits: [Int]
        private var current: [Int?] = []
        private(set) var results: [[Int?]] = []

        init(_ pieces: [RunTogetherRow.Piece]) {
            var spans: [Span] = []
            var digits: [Int] = []
            for piece in pieces {
                switch piece {
                case .single(let value): spans.append(.single(value))
                case .digits(let run):
                    spans.append(.digits(start: digits.count, count: run.count))
                    digits += run
                }
            }
            var laterPieces = [Int](repeating: 0, count: spans.count)
            var laterDigits = [Int](repeating: 0, count: spans.count)
            for index in spans.indices.dropLast().reversed() {
                laterPieces[index] = laterPieces[index + 1]
                laterDigits[index] = laterDigits[index + 1]
                if case .digits(_, let count) = spans[index + 1] {
                    laterPieces[index] += 1
                    laterDigits[index] += count
                }
            }
            (self.spans, self.digits, self.laterPieces, self.laterDigits) = (spans, digits, laterPieces, laterDigits)
        }

        /// Readings of the pieces from `piece` on that fill `remaining` cells.
        mutating func place(_ piece: Int, remaining: Int, accept: ([Int?]) -> Bool) {
            guard piece < spans.count else {
                if remaining == 0, accept(current) { results.append(current) }
                return
            }
            switch spans[piece] {
            case .single(let value):
                current.append(value)
                place(piece + 1, remaining: remaining, accept: accept)
                current.removeLast()
            case .digits(let start, let count):
                let fewest = max(1, remaining - laterDigits[piece])
                let most = min(count, remaining - laterPieces[piece])
                guard fewest <= most else { return }
                for parts in fewest...most {
                    cut(
                        piece, end: start + count, into: parts, from: start, remainingAfter: remaining - parts,
                        accept: accept)
                }
            }
        }

        /// Cuts the digits from `position` to `end` into `parts` cells, then reads on.
        private mutating func cut(
            _ piece: Int, end: Int, into parts: Int, from position: Int, remainingAfter: Int,
            accept: ([Int?]) -> Bool
        ) {
            if parts == 1 {
                guard let value = number(position..<end) else { return }
                current.append(value)
                place(piece + 1, remaining: remainingAfter, accept: accept)
                current.removeLast()
                return
            }
            let lastStart = end - (parts - 1)
            guard position < lastStart else { return }
            // The cell's figure grows a digit at a time; once it is not one (a leading zero, too
            // long), no longer cut from the same start is.
            var value = 0
            for stop in (position + 1)...lastStart {
                guard RunTogetherSplitter.isFigure(length: stop - position, first: digits[position]) else { break }
                value = value * 10 + digits[stop - 1]
                current.append(value)
                cut(piece, end: end, into: parts - 1, from: stop, remainingAfter: remainingAfter, accept: accept)
                current.removeLast()
            }
        }

        /// The figure the digits in `range` make, when they can be one cell's.
        private func number(_ range: Range<Int>) -> Int? {
            guard !range.isEmpty, RunTogetherSplitter.isFigure(length: range.count, first: digits[range.lowerBound])
            else { return nil }
            return digits[range].reduce(0) { $0 * 10 + $1 }
        }
    }

    /// Whether `length` digits starting with `first` can be one cell's figure: no leading
    /// zeros (nobody prints `05`), and a size counts can have.
    fileprivate static func isFigure(length: Int, first: Int) -> Bool {
        length <= 15 && (length == 1 || first != 0)
    }

    /// How many readings there are, counted without building them.
    private func countReadings(_ pieces: [RunTogetherRow.Piece], cells: Int) -> Int {
        // ways[k] = readings of the pieces so far that fill k cells.
        var ways = [Int](repeating: 0, count: max(cells, 0) + 1)
        guard cells >= 0 else { return 0 }
        ways[0] = 1
        for piece in pieces {
            guard case .digits(let digits) = piece else { continue }
            var next = [Int](repeating: 0, count: cells + 1)
            for filled in 0...cells where ways[filled] > 0 {
                for parts in 1...max(1, min(digits.count, cells - filled)) where filled + parts <= cells {
                    next[filled + parts] = min(
                        next[filled + parts] + ways[filled] * binomial(digits.count - 1, parts - 1), Int.max / 4)
                }
            }
            ways = next
        }
        return ways[cells]
    }

    private func binomial(_ n: Int, _ k: Int) -> Int {
        guard k >= 0, k <= n else { return 0 }
        var result = 1
        for index in 0..<min(k, n - k) {
            result = result * (n - index) / (index + 1)
            if result > 1 << 40 { return 1 << 40 }
        }
        return result
    }
}
