import Foundation
import XchangeCore
import XchangeJSON

/// Reads the canonical JSON Lines an external program prints, one report at a time, checking
/// each against the canonical schema like any JSON input. The program is fed on another thread
/// (see ``ExternalCall/feed(_:)``), so neither side waits for the other's whole data.
///
/// When the program read a file (a format module), problems with what it printed are placed in
/// that file, by report number: its output is nothing the user can open. A module that can say
/// where its values stand (``ExternalPositions``) has them placed at the line of the value, and
/// `validate`'s findings too. A step's output is named as such, with line and column.
final class ExternalReportReader: PositionedRereading {
    private let call: ExternalCall
    private let output: FileHandle
    private let stream: JSONStreamReader
    private let decoder: CanonicalDecoder
    /// Decodes well-formed canonical reports straight from the bytes, as JSON input is read;
    /// anything it declines is parsed in full and checked by ``decoder``, which words the problem.
    private let fast = DirectJSONDecoder.reports()
    private let placement: OutputPlacement?
    private let positions: ExternalPositions?
    private var ordinal = 0
    private var finished = false

    init(call: ExternalCall, diagnostics: any DiagnosticCollector, positions: ExternalPositions? = nil) {
        self.call = call
        self.positions = positions
        output = FileHandle(fileDescriptor: call.child.outputDescriptor, closeOnDealloc: false)
        stream = JSONStreamReader(fileHandle: output, chunkSize: 1 << 16)
        if let file = call.file {
            let placement = OutputPlacement(
                file: file, program: call.program.executableName, positions: positions, diagnostics: diagnostics)
            self.placement = placement
            decoder = CanonicalDecoder(file: file, diagnostics: placement)
        } else {
            placement = nil
            decoder = CanonicalDecoder(file: "\(call.program.executableName) output", diagnostics: diagnostics)
        }
    }

    /// Where an error about the program's output is placed: the input file, if it read one.
    private var inInput: SourceReference? { call.file.map { SourceReference(file: $0) } }

    deinit {
        if !finished { call.abandon() }
        call.child.closeOutput()
    }

    func next() throws -> Report? {
        guard !finished else { return nil }
        let item: JSONStreamItem<Report>?
        do {
            item = try stream.next(fast: fast)
        } catch  where error.position == nil && error.message == "empty input" {
            item = nil  // printed no report at all: an input without reports, like an empty file
        } catch {
            let position = error.position.map { " at line \($0.line), column \($0.column)" } ?? ""
            finished = true
            throw call.explain(
                .error(
                    "plugin.output",
                    "\(call.program.label) printed invalid JSON on its standard output\(position): \(error.message)",
                    at: inInput),
                drainingOutput: true)
        }
        guard let item else {
            finished = true
            call.child.closeOutput()
            try call.finish()
            return nil
        }
        ordinal += 1
        let value: JSONValue
        switch item {
        case .decoded(let report): return report
        case .parsed(let parsed): value = parsed
        }
        if case .object(let members) = value, members.isEmpty {
            finished = true
            throw call.explain(
                .error(
                    "plugin.report", "\(call.program.label) printed an empty object as report \(ordinal)", at: inInput),
                drainingOutput: true)
        }
        placement?.ordinal = ordinal
        do {
            return try decoder.decode(JSONDocumentNode(value: value, at: stream.lastItemPosition), ordinal: ordinal)
        } catch {
            finished = true
            throw call.explain(
                .error(
                    "plugin.report",
                    "\(call.program.label) printed report \(ordinal), which does not fit the canonical schema: \(error.message)",
                    at: placement?.firstErrorLocation ?? inInput), drainingOutput: true)
        }
    }

    /// The report last returned, with the line and column of each value in the file the
    /// program read, when the program can give them.
    func rereadWithPositions() throws -> Report? {
        ordinal > 0 ? positions?.locatedReport(ordinal) : nil
    }
}

/// Places the schema's findings on a format module's output in the file the module read, naming
/// the report: line and column in the module's output would point at nothing the user has. The
/// line is that of the value concerned, when the module can say it.
private final class OutputPlacement: DiagnosticCollector, @unchecked Sendable {
    private let file: String
    private let program: String
    private let positions: ExternalPositions?
    private let diagnostics: any DiagnosticCollector
    /// The number of the report being checked; set by the one thread that reads the output.
    var ordinal = 0
    /// Where the first error placed stands, for the error that ends the reading.
    private(set) var firstErrorLocation: SourceReference?

    init(file: String, program: String, positions: ExternalPositions?, diagnostics: any DiagnosticCollector) {
        self.file = file
        self.program = program
        self.positions = positions
        self.diagnostics = diagnostics
    }

    func report(_ diagnostic: Diagnostic) {
        var placed = diagnostic
        placed.location =
            positions?.location(of: diagnostic.field, inReport: ordinal) ?? SourceReference(file: file)
        placed.message = "report \(ordinal) as \(program) read it: \(diagnostic.message)"
        if placed.severity == .error, firstErrorLocation == nil, placed.location?.line != nil {
            firstErrorLocation = placed.location
        }
        diagnostics.report(placed)
    }
}
