import XchangeCore
import XchangeJSON

/// Streams reports out of JSON: a single object, the elements of a top-level array, or JSON
/// Lines — recognised from the input, which is never held whole.
final class JSONReportReader: ReportReader {
    private let stream: JSONStreamReader
    private let input: InputSource
    private let decoder: CanonicalDecoder
    private var ordinal = 0

    init(input: InputSource, diagnostics: any DiagnosticCollector, recordsPositions: Bool) {
        self.input = input
        self.stream = input.hasBufferedBytes
            ? JSONStreamReader(bytes: input.takeBufferedBytes())
            : JSONStreamReader(fileHandle: input.fileHandle)
        var decoder = CanonicalDecoder(file: input.displayName, diagnostics: diagnostics)
        decoder.recordsPositions = recordsPositions
        self.decoder = decoder
    }

    func next() throws -> Report? {
        let value: JSONValue?
        do {
            value = try stream.next()
        } catch {
            throw Diagnostic.error(
                "json.syntax", error.message,
                at: SourceReference(file: input.displayName, line: error.position?.line, column: error.position?.column))
        }
        guard let value else { return nil }
        ordinal += 1
        let node = JSONDocumentNode(value: value, at: stream.lastItemPosition)
        if case .object(let members) = value, members.isEmpty {
            throw Diagnostic.error(
                "report.empty", "an empty object is not a report",
                at: SourceReference(file: input.displayName, line: node.position?.line, column: node.position?.column))
        }
        return try decoder.decode(node, ordinal: stream.layout == .single ? nil : ordinal)
    }
}
