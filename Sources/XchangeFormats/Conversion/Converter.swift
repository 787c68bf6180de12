import Foundation
import XchangeCore

/// Runs a conversion: one reader streaming reports into one writer, output written atomically.
///
/// A failed conversion leaves no output file and never touches an existing one; converting a
/// file onto itself is refused before anything is opened for writing.
public struct Converter: Sendable {
    public let registry: FormatRegistry

    public init(registry: FormatRegistry = .builtin) {
        self.registry = registry
    }

    /// Converts one input to one output as `request` says: formats from the ids or the file
    /// extensions, `--option` values routed to the side that declares them.
    /// - Returns: how many reports were converted, and by which modules.
    @discardableResult
    public func convert(_ request: ConversionRequest, diagnostics: any DiagnosticCollector) throws -> ConversionSummary
    {
        let inputPath = request.input == "-" ? nil : request.input
        let outputPath = request.output == "-" ? nil : request.output
        let readerModule = try registry.resolve(id: request.from, path: inputPath ?? "-", for: .read)
        let writerModule = try registry.resolve(id: request.to, path: outputPath ?? "-", for: .write)
        let (readOptions, writeOptions) = try ModuleOptions.split(request, reader: readerModule, writer: writerModule)

        if let inputPath, let outputPath, SameFile.check(inputPath, outputPath) {
            throw Diagnostic.error("output.is-input", "refusing to write \(outputPath): it is the input file")
        }
        let input = try inputPath.map { path throws(Diagnostic) in try InputSource(path: path) } ?? .standardInput()
        let pieces = try (readerModule as? any PieceReadingModule)?.pieces(
            of: input, options: readOptions, diagnostics: diagnostics)
        // The ordinary reader is made only if the input is not read in pieces.
        var reader: (any ReportReader)?
        let count = try write(
            to: outputPath, with: writerModule, options: writeOptions, diagnostics: diagnostics,
            requiringReportsFrom: input, pieces: pieces
        ) {
            if reader == nil {
                reader = try readerModule.makeReader(input, options: readOptions, diagnostics: diagnostics)
            }
            return try reader!.next()
        }
        return ConversionSummary(reports: count, reader: readerModule.id, writer: writerModule.id)
    }

    /// Opens a file (nil: standard input) and a reader over it.
    func open(
        _ path: String?, with module: any FormatModule, options: FormatOptions, diagnostics: any DiagnosticCollector
    ) throws -> (InputSource, any ReportReader) {
        let input = try path.map { path throws(Diagnostic) in try InputSource(path: path) } ?? .standardInput()
        return (input, try module.makeReader(input, options: options, diagnostics: diagnostics))
    }

    /// Writes the reports `next` yields to a file (nil: standard output) through a temporary
    /// file renamed into place only when everything was written; on any error the target is
    /// left as it was. With `input`, a stream of no reports is an error naming it.
    ///
    /// With `pieces` of the input, and a writer that can encode on other threads, the input is
    /// converted in pieces on every core (``PieceConversion``) and `next` is not called.
    func write(
        to path: String?, with module: any FormatModule, options: FormatOptions, diagnostics: any DiagnosticCollector,
        requiringReportsFrom input: InputSource? = nil, pieces: (any PieceReading)? = nil,
        reports next: () throws -> Report?
    ) throws -> Int {
        let atomic = try path.map { path throws(Diagnostic) in try AtomicFileOutput(path: path) }
        var background: BackgroundWriter?
        do {
            let target = try module.makeWriter(
                atomic?.sink ?? .standardOutput(), options: options, diagnostics: diagnostics)
            if let pieces, let encoders = Self.pieceEncoders(for: target) {
                let count = try PieceConversion.run(
                    pieces, into: encoders.writer, encoders: encoders.each, diagnostics: diagnostics)
                if count == 0, let input { throw Self.noReport(in: input) }
                try target.finish()
                try atomic?.commit()
                return count
            }
            // Encoding and writing run on a second thread, beside reading.
            let writer = BackgroundWriter(target)
            background = writer
            var count = 0
            while let report = try next() {
                try writer.write(report)
                count += 1
            }
            if count == 0, let input { throw Self.noReport(in: input) }
            try writer.finish()
            try atomic?.commit()
            return count
        } catch {
            background?.cancel()
            atomic?.discard()
            throw error
        }
    }

    /// One encoder per core for `writer`, when there is more than one core and the writer can
    /// encode on other threads.
    static func pieceEncoders(
        for writer: any ReportWriter
    ) -> (writer: any PieceEncodingWriter, each: [any ReportPieceEncoder])? {
        let cores = min(ProcessInfo.processInfo.activeProcessorCount, 8)
        guard cores > 1, let writer = writer as? any PieceEncodingWriter else { return nil }
        var encoders: [any ReportPieceEncoder] = []
        while encoders.count < cores, let encoder = writer.makePieceEncoder() { encoders.append(encoder) }
        return encoders.isEmpty ? nil : (writer, encoders)
    }

    /// The error for an input that holds no report.
    static func noReport(in input: InputSource) -> Diagnostic {
        Diagnostic.error(
            "input.empty", "\(input.displayName) holds no report", at: SourceReference(file: input.displayName))
    }
}

/// Routes `--option` values to the modules that declare them.
enum ModuleOptions {
    static func split(
        _ request: ConversionRequest, reader: any FormatModule, writer: any FormatModule
    ) throws(Diagnostic) -> (FormatOptions, FormatOptions) {
        var readValues = request.readOptions
        var writeValues = request.writeOptions
        for (name, value) in request.options.sorted(by: { $0.key < $1.key }) {
            let readerTakes = reader.options.contains { $0.name == name && $0.sides.contains(.read) }
            let writerTakes = writer.options.contains { $0.name == name && $0.sides.contains(.write) }
            guard readerTakes || writerTakes else {
                let known = Set(
                    reader.options.filter { $0.sides.contains(.read) }.map(\.name)
                        + writer.options.filter { $0.sides.contains(.write) }.map(\.name)
                ).sorted()
                let hint = NearestName.find(name, among: known).map { "did you mean \($0)? " } ?? ""
                let list = known.isEmpty ? "neither takes options" : "options: \(known.joined(separator: ", "))"
                throw Diagnostic.error(
                    "option.unknown",
                    "neither the \(reader.id) reader nor the \(writer.id) writer has an option \"\(name)\"; \(hint)\(list)"
                )
            }
            if readerTakes { readValues[name] = value }
            if writerTakes { writeValues[name] = value }
        }
        return (
            try FormatOptions(readValues, for: reader, side: .read),
            try FormatOptions(writeValues, for: writer, side: .write)
        )
    }
}

/// Whether two paths name the same file (also through links or `./` spellings).
enum SameFile {
    static func check(_ first: String, _ second: String) -> Bool {
        var a = stat()
        var b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else {
            return URL(fileURLWithPath: first).standardizedFileURL == URL(fileURLWithPath: second).standardizedFileURL
        }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
