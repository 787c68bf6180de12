import Foundation
import XchangeCore
import XchangeJSON

/// Reads the canonical JSON Lines an external program prints, one report at a time, checking
/// each against the canonical schema like any JSON input. The program is fed on another thread
/// (see ``ExternalCall/feed(_:)``), so neither side waits for the other's whole data.
final class ExternalReportReader: ReportReader {
    private let call: ExternalCall
    private let output: FileHandle
    private let stream: JSONStreamReader
    private let decoder: CanonicalDecoder
    private var ordinal = 0
    private var finished = false

    init(call: ExternalCall, diagnostics: any DiagnosticCollector) {
        self.call = call
        output = FileHandle(fileDescriptor: call.child.outputDescriptor, closeOnDealloc: false)
        stream = JSONStreamReader(fileHandle: output, chunkSize: 1 << 16)
        decoder = CanonicalDecoder(file: "\(call.program.executableName) output", diagnostics: diagnostics)
    }

    deinit {
        if !finished { call.abandon() }
        call.child.closeOutput()
    }

    func next() throws -> Report? {
        guard !finished else { return nil }
        let value: JSONValue?
        do {
            value = try stream.next()
        } catch  where error.position == nil && error.message == "empty input" {
            value = nil  // printed no report at all: an input without reports, like an empty file
        } catch {
            let position = error.position.map { " at line \($0.line), column \($0.column)" } ?? ""
            finished = true
            throw call.explain(
                .error(
                    "plugin.output",
                    "\(call.program.label) printed invalid JSON on its standard output\(position): \(error.message)"),
                drainingOutput: true)
        }
        guard let value else {
            finished = true
            call.child.closeOutput()
            try call.finish()
            return nil
        }
        ordinal += 1
        if case .object(let members) = value, members.isEmpty {
            finished = true
            throw call.explain(
                .error("plugin.report", "\(call.program.label) printed an empty object as report \(ordinal)"),
                drainingOutput: true)
        }
        do {
            return try decoder.decode(JSONDocumentNode(value: value, at: stream.lastItemPosition), ordinal: ordinal)
        } catch {
            finished = true
            throw call.explain(
                .error(
                    "plugin.report",
                    "\(call.program.label) printed report \(ordinal), which does not fit the canonical schema: \(error.message)"
                ), drainingOutput: true)
        }
    }
}
