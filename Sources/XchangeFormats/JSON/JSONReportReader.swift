import XchangeCore
import XchangeJSON

/// Streams reports out of JSON: a single object, the elements of a top-level array, or JSON
/// Lines — recognised from the input, which is never held whole.
///
/// Reports are decoded straight from the bytes (``DirectJSONDecoder``); one the fast path
/// declines is parsed in full and decoded by ``CanonicalDecoder``, whose errors name the line,
/// column and field.
final class JSONReportReader: PositionedRereading {
    private let stream: JSONStreamReader
    private let fileName: String
    private let decoder: CanonicalDecoder
    /// Nil when every value's position is to be recorded: that takes the full parse.
    private let fast: JSONFastDecoder<Report>?
    private var ordinal = 0

    convenience init(input: InputSource, diagnostics: any DiagnosticCollector, recordsPositions: Bool) {
        self.init(
            stream: JSONStreamReader(input: input), fileName: input.displayName, diagnostics: diagnostics,
            recordsPositions: recordsPositions)
    }

    /// Reads the reports `stream` yields, from `fileName`; `reportsBefore` reports came before
    /// the stream's first (it reads a piece of the input), so that messages number them right.
    init(
        stream: JSONStreamReader, fileName: String, reportsBefore: Int = 0, diagnostics: any DiagnosticCollector,
        recordsPositions: Bool
    ) {
        self.fileName = fileName
        self.stream = stream
        self.ordinal = reportsBefore
        self.decoder = CanonicalDecoder(file: fileName, diagnostics: diagnostics, recordsPositions: recordsPositions)
        self.fast = recordsPositions ? nil : DirectJSONDecoder.reports()
    }

    func next() throws -> Report? {
        let item: JSONStreamItem<Report>?
        do {
            item = try stream.next(fast: fast)
        } catch {
            throw syntaxError(error)
        }
        guard let item else { return nil }
        ordinal += 1
        switch item {
        case .decoded(let report): return report
        case .parsed(let value): return try decode(value, with: decoder)
        }
    }

    func rereadWithPositions() throws -> Report? {
        let value: JSONValue?
        do {
            value = try stream.reparseLastItem()
        } catch {
            throw syntaxError(error)
        }
        guard let value else { return nil }
        var positioned = decoder
        positioned.recordsPositions = true
        return try decode(value, with: positioned)
    }

    func positions(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        let found =
            stream.withLastItem { base, bytes, position -> [FieldID: SourceReference]? in
                guard let offsets = DirectJSONLocator.offsets(of: fields, in: base, bytes) else {
                    return nil
                }
                let positions = position.advanced(to: offsets.map(\.offset), in: base, from: bytes.lowerBound)
                var found: [FieldID: SourceReference] = [:]
                for (located, position) in zip(offsets, positions) {
                    found[located.field] = SourceReference(file: fileName, line: position.line, column: position.column)
                }
                return found
            } ?? nil
        // A key the locator cannot match (one written with an escape) is found by reading the
        // report again in full.
        return try found ?? positionsByRereading(of: fields)
    }

    private func decode(_ value: JSONValue, with decoder: CanonicalDecoder) throws -> Report {
        let node = JSONDocumentNode(value: value, at: stream.lastItemPosition)
        if case .object(let members) = value, members.isEmpty {
            throw Diagnostic.error(
                "report.empty", "an empty object is not a report",
                at: SourceReference(file: fileName, line: node.position?.line, column: node.position?.column))
        }
        return try decoder.decode(node, ordinal: stream.layout == .single ? nil : ordinal)
    }

    private func syntaxError(_ error: JSONError) -> Diagnostic {
        Diagnostic.error(
            "json.syntax", error.message,
            at: SourceReference(file: fileName, line: error.position?.line, column: error.position?.column))
    }
}
