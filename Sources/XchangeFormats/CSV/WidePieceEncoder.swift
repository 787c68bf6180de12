import XchangeCore

/// Rows of the wide layout for one piece of the input: rendered under the header the writer
/// guessed (``WideHeaderGuess``), or, before it has guessed or when it spools, as cells
/// (``ReportCells``). Either way, with the columns the piece's reports fill.
struct EncodedWideRows: EncodedReports {
    enum Rows {
        case cells([UInt8])
        /// Runs of rows in order, each under the header it was rendered under.
        case rendered([RenderedRows])
    }

    var rows: Rows
    var used: [Bool]
}

/// Rows rendered as UTF-8 under one header.
struct RenderedRows: Sendable {
    var layout: WideRowLayout
    var bytes: [UInt8]
}

/// Encodes reports into wide rows on a worker thread, for ``WideWriter/appendEncoded(_:)``.
final class WidePieceEncoder: ReportPieceEncoder {
    private let guess: WideHeaderGuess?
    private let rows: CSVRowWriter
    private let parts = ReportCells.makePartsWriter()
    private var cells: [UInt8] = []
    private var used = [Bool](repeating: false, count: WideColumns.all.count)
    private var runs: [RenderedRows] = []
    /// This piece's header, when it renders rows; decided at its first report.
    private var layout: WideRowLayout?
    private var started = false

    /// `guess` is nil when the writer spools cells; `model` is the writer's row writer.
    init(guess: WideHeaderGuess?, model: CSVRowWriter) {
        self.guess = guess
        self.rows = CSVRowWriter(renderingFor: model)
    }

    func encode(_ report: Report) throws {
        if !started {
            started = true
            layout = guess?.current
        }
        guard let layout, let guess else {
            ReportCells.encode(report, into: &cells, used: &used, parts: parts)
            return
        }
        if try layout.render(report, to: rows, used: &used, parts: parts) { return }
        // A column the header lacks: the rows so far keep theirs, the rest get a wider one.
        runs.append(RenderedRows(layout: layout, bytes: rows.rendered()))
        let wider = guess.widen(with: layout.adding(ReportCells.columns(of: report)))
        self.layout = wider
        _ = try wider.render(report, to: rows, used: &used, parts: parts)
    }

    func take() -> any EncodedReports {
        defer {
            cells = []
            used = [Bool](repeating: false, count: WideColumns.all.count)
            runs = []
            layout = nil
            started = false
        }
        guard let layout else { return EncodedWideRows(rows: .cells(cells), used: used) }
        runs.append(RenderedRows(layout: layout, bytes: rows.rendered()))
        return EncodedWideRows(rows: .rendered(runs), used: used)
    }
}
