import XchangeCore
import XchangeYAML

/// Streams reports out of a YAML stream, one document at a time.
///
/// Each document's events are recorded on a tape and decoded straight into a report by
/// ``DirectYAMLDecoder``. A document it declines — one with a problem to report, tags, or
/// anchors and aliases (built as a tree while it is read) — and every document when positions
/// are recorded, goes through its tree and ``CanonicalDecoder``, which words errors with their
/// line, column and field.
final class YAMLReportReader: PositionedRereading {
    private let documents: YAMLDocumentReader
    /// The input's name, for diagnostics.
    private let fileName: String
    private let decoder: CanonicalDecoder
    private let caches = DirectJSONCaches()
    private var ordinal = 0
    /// The current document's events, reused from one document to the next.
    private var tape = YAMLEventTape()
    /// The document last decoded, to decode again with positions: on the tape, or a tree.
    private var last: YAMLDocumentNode?
    private var lastIsOnTape = false

    /// Reads a whole input.
    convenience init(input: InputSource, diagnostics: any DiagnosticCollector, recordsPositions: Bool) {
        self.init(
            documents: YAMLDocumentReader(read: Self.reading(input.read(into:))), fileName: input.displayName,
            diagnostics: diagnostics, recordsPositions: recordsPositions)
    }

    /// Reads the documents `documents` yields, from `fileName`; `reportsBefore` reports came
    /// before them (a piece of a larger input, whose marks `documents` counts from its start).
    init(
        documents: YAMLDocumentReader, fileName: String, reportsBefore: Int = 0,
        diagnostics: any DiagnosticCollector, recordsPositions: Bool
    ) {
        self.documents = documents
        self.fileName = fileName
        self.ordinal = reportsBefore
        self.decoder = CanonicalDecoder(file: fileName, diagnostics: diagnostics, recordsPositions: recordsPositions)
    }

    /// A read function for libyaml over one that fails with diagnostics.
    static func reading(
        _ read: @escaping (UnsafeMutableRawBufferPointer) throws(Diagnostic) -> Int
    ) -> YAMLDocumentReader.ReadFunction {
        { (buffer) throws(YAMLError) -> Int in
            do throws(Diagnostic) {
                return try read(buffer)
            } catch {
                throw YAMLError(message: error.message)
            }
        }
    }

    func next() throws -> Report? {
        while true {
            lastIsOnTape = false
            last = nil
            let document: YAMLNode
            do {
                switch try documents.nextDocument(into: &tape) {
                case nil:
                    return nil
                case .tree(let root):
                    document = root
                case .recorded:
                    if !decoder.recordsPositions,
                        let report = try? DirectYAMLDecoder.report(from: tape, caches: caches)
                    {
                        ordinal += 1
                        lastIsOnTape = true
                        return report
                    }
                    document = try documents.tree(from: tape)
                }
            } catch {
                throw syntaxError(error)
            }
            // An empty document (a stray `---`) holds no report; skip it rather than fail.
            if case .scalar(let scalar) = document, scalar.kind == .null { continue }
            ordinal += 1
            if case .mapping(let pairs, _) = document, pairs.isEmpty {
                throw Diagnostic.error(
                    "report.empty", "an empty mapping is not a report",
                    at: SourceReference(file: fileName, line: document.mark.line, column: document.mark.column)
                )
            }
            let node = YAMLDocumentNode(node: document)
            last = node
            return try decoder.decode(node, ordinal: ordinal)
        }
    }

    func rereadWithPositions() throws -> Report? {
        var node = last
        if lastIsOnTape {
            do {
                node = YAMLDocumentNode(node: try documents.tree(from: tape))
            } catch {
                throw syntaxError(error)
            }
        }
        guard let node else { return nil }
        var positioned = decoder
        positioned.recordsPositions = true
        return try positioned.decode(node, ordinal: ordinal)
    }

    func positions(of fields: FieldSet) throws -> [FieldID: SourceReference] {
        // A document decoded fast is still on the tape: its keys are found there, without
        // building its tree. One that was not is read again in full.
        guard lastIsOnTape, let marks = DirectYAMLLocator.marks(of: fields, on: tape) else {
            return try positionsByRereading(of: fields)
        }
        return marks.mapValues { SourceReference(file: fileName, line: $0.line, column: $0.column) }
    }

    private func syntaxError(_ error: YAMLError) -> Diagnostic {
        let mark = error.mark
        return Diagnostic.error(
            "yaml.syntax", error.message,
            at: SourceReference(file: fileName, line: mark?.line, column: mark?.column))
    }
}
