import XchangeCore

extension Converter {
    /// Reads every report of one input and hands each to `body` in order: the reading half of
    /// ``convert(_:diagnostics:)``, for commands that consume reports (validation).
    ///
    /// - Parameters:
    ///   - path: the input file, or `-` for standard input.
    ///   - format: the format id; nil to take it from the file extension.
    ///   - options: reader options, checked against the module's.
    ///   - defaults: options applied when the module reads them and `options` does not set them.
    ///   - body: receives each report with the source it came from.
    /// - Returns: how many reports were read. An input that holds none is an `input.empty` error.
    @discardableResult
    public func read(
        _ path: String, from format: String? = nil, options: [String: String] = [:],
        defaults: [String: String] = [:], diagnostics: any DiagnosticCollector,
        each body: (_ report: Report, _ source: InputSource) throws -> Void
    ) throws -> Int {
        try read(path, from: format, options: options, defaults: defaults, diagnostics: diagnostics) {
            report, source, _ in try body(report, source)
        }
    }

    /// Reads every report of one input as ``read(_:from:options:defaults:diagnostics:each:)``
    /// does, handing `body` the reader too: a reader that is ``PositionedRereading`` can read the
    /// report just handed out again, with positions, before the next one.
    @discardableResult
    public func read(
        _ path: String, from format: String? = nil, options: [String: String] = [:],
        defaults: [String: String] = [:], diagnostics: any DiagnosticCollector,
        eachWithReader body: (_ report: Report, _ source: InputSource, _ reader: any ReportReader) throws -> Void
    ) throws -> Int {
        let inputPath = path == "-" ? nil : path
        let module = try registry.resolve(id: format, path: path, for: .read)
        var values = options
        for (name, value) in defaults where values[name] == nil {
            if module.options.contains(where: { $0.name == name && $0.sides.contains(.read) }) { values[name] = value }
        }
        let checked = try FormatOptions(values, for: module, side: .read)
        let (input, reader) = try open(inputPath, with: module, options: checked, diagnostics: diagnostics)
        var count = 0
        while let report = try reader.next() {
            count += 1
            try body(report, input, reader)
        }
        if count == 0 { throw Self.noReport(in: input) }
        return count
    }

    /// Writes the reports `next` yields, as ``convert(_:diagnostics:)`` writes them: atomically,
    /// leaving no output and an existing file untouched when anything fails.
    ///
    /// - Parameters:
    ///   - path: the output file, or `-` for standard output.
    ///   - format: the format id; nil to take it from the file extension.
    ///   - options: writer options, checked against the module's.
    ///   - next: the next report to write; nil at the end.
    /// - Returns: how many reports were written (none is allowed).
    @discardableResult
    public func write(
        to path: String, as format: String? = nil, options: [String: String] = [:],
        diagnostics: any DiagnosticCollector, reports next: () throws -> Report?
    ) throws -> Int {
        let module = try registry.resolve(id: format, path: path, for: .write)
        let checked = try FormatOptions(options, for: module, side: .write)
        return try write(
            to: path == "-" ? nil : path, with: module, options: checked, diagnostics: diagnostics, reports: next)
    }
}
