import Foundation
import XchangeCore
import XchangeJSON

/// Reports kept out of memory, in order: written once as canonical JSON Lines (every value,
/// fact and provenance entry, exactly) to a temporary file, then read back once. For steps
/// that must see every report before giving any on, such as a sort of more reports than fit
/// in memory. Each report can carry a few whole numbers of the caller's (`marks`: where it
/// came from), on a line of their own before it.
///
/// The file is a ``ScratchFile``: nothing is left behind, and its room is freed with the spool.
public final class ReportSpool {
    private let file: FileHandle
    private var writer: JSONWriter
    private let encoder = CanonicalEncoder(includeProvenance: true)
    private var reader: JSONStreamReader?
    private let decoder = CanonicalDecoder(file: "a temporary file", diagnostics: DiagnosticList())
    private let fast = DirectJSONDecoder.reports()
    /// How many reports were written.
    public private(set) var count = 0

    /// An empty spool, on a new temporary file.
    public init() throws(Diagnostic) {
        let handle = try ScratchFile.open(prefix: "xchange-spool")
        file = handle
        writer = JSONWriter(style: .compact) { chunk in
            do {
                try handle.write(contentsOf: chunk)
            } catch {
                throw Diagnostic.error(
                    "output.write", "cannot write a temporary file in \(NSTemporaryDirectory()): \(error)")
            }
        }
    }

    deinit { try? file.close() }

    /// Adds a report, and its marks, after those written before; only before ``next()`` is
    /// first called.
    public func append(_ report: Report, marks: [Int] = []) throws {
        precondition(reader == nil, "ReportSpool: append after reading")
        writer.beginObject()
        writer.key("marks")
        writer.beginArray()
        for mark in marks { writer.int(mark) }
        writer.endArray()
        writer.endObject()
        writer.newline()
        try encoder.encode(report, to: &writer)
        writer.newline()
        count += 1
    }

    /// The next report and its marks, in the order they were written; nil after the last.
    public func next() throws -> (report: Report, marks: [Int])? {
        guard count > 0 else { return nil }
        let stream = try reader ?? startReading()
        do {
            guard case .object(let members)? = try stream.next() else { return nil }
            var marks: [Int] = []
            if case .array(let numbers)? = members.first?.value {
                for case .number(let text) in numbers { marks.append(Int(text) ?? 0) }
            }
            switch try stream.next(fast: fast) {
            case .decoded(let report)?: return (report, marks)
            case .parsed(let value)?: return (try decoder.decode(JSONDocumentNode(value: value, at: nil)), marks)
            case nil: throw Diagnostic.error("input.read", "a temporary file ends before its last report")
            }
        } catch let error as Diagnostic {
            throw error
        } catch {
            throw Diagnostic.error("input.read", "cannot read back a temporary file: \(error)")
        }
    }

    private func startReading() throws -> JSONStreamReader {
        try writer.flush()
        do {
            try file.seek(toOffset: 0)
        } catch {
            throw Diagnostic.error("input.read", "cannot read back a temporary file: \(error)")
        }
        let stream = JSONStreamReader(fileHandle: file, chunkSize: 1 << 16)
        reader = stream
        return stream
    }
}
