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

    @discardableResult
    public func convert(_ request: ConversionRequest, diagnostics: any DiagnosticCollector) throws -> ConversionSummary {
        let inputPath = request.input == "-" ? nil : request.input
        let outputPath = request.output == "-" ? nil : request.output
        let readerModule = try registry.resolve(id: request.from, path: inputPath ?? "-", for: .read)
        let writerModule = try registry.resolve(id: request.to, path: outputPath ?? "-", for: .write)
        let (readOptions, writeOptions) = try ModuleOptions.split(request, reader: readerModule, writer: writerModule)

        if let inputPath, let outputPath, SameFile.check(inputPath, outputPath) {
            throw Diagnostic.error("output.is-input", "refusing to write \(outputPath): it is the input file")
        }
        let input = try inputPath.map { path throws(Diagnostic) in try InputSource(path: path) } ?? .standardInput()
        let reader = try readerModule.makeReader(input, options: readOptions, diagnostics: diagnostics)

        let atomic = try outputPath.map { path throws(Diagnostic) in try AtomicFileOutput(path: path) }
        let sink = atomic?.sink ?? .standardOutput()
        // Encoding and writing run on a second thread, beside reading.
        var background: BackgroundWriter?
        do {
            let writer = BackgroundWriter(try writerModule.makeWriter(sink, options: writeOptions, diagnostics: diagnostics))
            background = writer
            var count = 0
            while let report = try reader.next() {
                try writer.write(report)
                count += 1
            }
            guard count > 0 else {
                throw Diagnostic.error("input.empty", "\(input.displayName) holds no report", at: SourceReference(file: input.displayName))
            }
            try writer.finish()
            try atomic?.commit()
            return ConversionSummary(reports: count, reader: readerModule.id, writer: writerModule.id)
        } catch {
            background?.cancel()
            atomic?.discard()
            throw error
        }
    }
}

/// Routes `--option` values to the modules that declare them.
enum ModuleOptions {
    static func split(_ request: ConversionRequest, reader: any FormatModule, writer: any FormatModule) throws(Diagnostic) -> (FormatOptions, FormatOptions) {
        var readValues = request.readOptions
        var writeValues = request.writeOptions
        for (name, value) in request.options.sorted(by: { $0.key < $1.key }) {
            let readerTakes = reader.options.contains { $0.name == name && $0.sides.contains(.read) }
            let writerTakes = writer.options.contains { $0.name == name && $0.sides.contains(.write) }
            guard readerTakes || writerTakes else {
                let known = Set(reader.options.filter { $0.sides.contains(.read) }.map(\.name)
                    + writer.options.filter { $0.sides.contains(.write) }.map(\.name)).sorted()
                let hint = NearestName.find(name, among: known).map { "did you mean \($0)? " } ?? ""
                let list = known.isEmpty ? "neither takes options" : "options: \(known.joined(separator: ", "))"
                throw Diagnostic.error(
                    "option.unknown", "neither the \(reader.id) reader nor the \(writer.id) writer has an option \"\(name)\"; \(hint)\(list)")
            }
            if readerTakes { readValues[name] = value }
            if writerTakes { writeValues[name] = value }
        }
        return (try FormatOptions(readValues, for: reader, side: .read), try FormatOptions(writeValues, for: writer, side: .write))
    }
}

/// Whether two paths name the same file (also through links or `./` spellings).
enum SameFile {
    static func check(_ first: String, _ second: String) -> Bool {
        var a = stat(), b = stat()
        guard stat(first, &a) == 0, stat(second, &b) == 0 else {
            return URL(fileURLWithPath: first).standardizedFileURL == URL(fileURLWithPath: second).standardizedFileURL
        }
        return a.st_dev == b.st_dev && a.st_ino == b.st_ino
    }
}
