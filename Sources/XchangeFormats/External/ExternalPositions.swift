import Foundation
import XchangeCore
import XchangeJSON

/// Where the values of a format module's reports stand in the file it read, for a module that
/// declares the read option `positions`: the module is run a second time with
/// `--option positions=true`, and fills each report's `provenance` map with the line and column
/// of every value in its input (`schemas/plugin-protocol.md`, section 4).
///
/// The second run starts only when something is to be placed (a report that does not fit the
/// schema, a report `validate` has findings on) and moves forward with the first: reports are
/// asked for in order, so it reads the input once at most. Whatever goes wrong in it (the
/// program fails, prints something else) only means that nothing is placed: the first run
/// says what is wrong, and the second is never the one to report it.
final class ExternalPositions {
    private let program: ExternalProgram
    private let arguments: [String]
    private let settings: ExternalSettings
    private let path: String
    private var call: ExternalCall?
    private var stream: JSONStreamReader?
    private var ordinal = 0
    private var current: JSONValue?
    private var failed = false

    /// Positions for reading `input` with `module`, or nil when the module cannot give them or
    /// the input cannot be read a second time (standard input, a pipe).
    init?(module: ExternalFormatModule, options: FormatOptions, input: InputSource) {
        guard let path = input.path, input.regularFileSize != nil, Self.declaresPositions(module.options) else {
            return nil
        }
        var given = options.given
        given["positions"] = "true"
        program = module.program
        arguments = ["read"] + ExternalFormatModule.arguments(given)
        settings = module.settings
        self.path = path
    }

    deinit { stop() }

    /// Whether the options hold a read option `positions` that takes `true`.
    static func declaresPositions(_ options: [FormatOption]) -> Bool {
        options.contains {
            $0.name == "positions" && $0.sides.contains(.read) && ($0.values.isEmpty || $0.values.contains("true"))
        }
    }

    /// Report `number` (1-based) as the second run printed it; nil if it printed no such report
    /// or has failed. Numbers must not go back: an earlier report is no longer at hand.
    func report(_ number: Int) -> JSONValue? {
        guard !failed, number >= ordinal else { return nil }
        if number == ordinal { return current }
        do {
            let stream = try started()
            while ordinal < number {
                guard let value = try stream.next() else { return stop() }
                ordinal += 1
                current = value
            }
            return current
        } catch {
            return stop()
        }
    }

    /// Where the value of `field` (a canonical key path) stands in report `number`: the
    /// provenance of the field, else of the nearest group holding it (`overview.subsections`
    /// for `overview.subsections[2].heading`), else where the report starts (its first line).
    func location(of field: String?, inReport number: Int) -> SourceReference? {
        guard case .object(let members)? = report(number),
            case .object(let provenance)? = members.last(where: { $0.key == "provenance" })?.value
        else { return nil }
        var key = Substring(field ?? "")
        while !key.isEmpty {
            if let source = provenance.last(where: { $0.key == key }), let place = Self.position(source.value) {
                return SourceReference(file: path, line: place.line, column: place.column)
            }
            guard let cut = key.lastIndex(where: { $0 == "." || $0 == "[" }) else { break }
            key = key[..<cut]
        }
        let first = provenance.compactMap { Self.position($0.value) }.min { $0.line < $1.line }
        return first.map { SourceReference(file: path, line: $0.line) }
    }

    /// Report `number` with the provenance the second run gave it, for finding the lines of
    /// what `validate` found in it; nil if that report does not fit the schema there either.
    func locatedReport(_ number: Int) -> Report? {
        guard let value = report(number) else { return nil }
        // The provenance names no file (the program read standard input): it is this one.
        let decoder = CanonicalDecoder(file: path, diagnostics: Discarded())
        guard var report = try? decoder.decode(JSONDocumentNode(value: value, at: nil), ordinal: number) else {
            return nil
        }
        for (key, source) in report.provenance where source.file == nil { report.provenance[key]?.file = path }
        return report
    }

    /// The line and column of a provenance entry.
    private static func position(_ value: JSONValue) -> (line: Int, column: Int?)? {
        guard case .object(let members) = value else { return nil }
        func whole(_ key: String) -> Int? {
            guard case .number(let text)? = members.last(where: { $0.key == key })?.value, let number = Int(text),
                number >= 1
            else { return nil }
            return number
        }
        guard let line = whole("line") else { return nil }
        return (line, whole("column"))
    }

    private func started() throws -> JSONStreamReader {
        if let stream { return stream }
        let call = try ExternalCall(
            program, arguments: arguments, settings: settings, file: path, diagnostics: Discarded())
        let input = try InputSource(path: path)
        call.feed { try input.read(upTo: 1 << 16) }
        let output = FileHandle(fileDescriptor: call.child.outputDescriptor, closeOnDealloc: false)
        let stream = JSONStreamReader(fileHandle: output, chunkSize: 1 << 16)
        self.call = call
        self.stream = stream
        return stream
    }

    /// Ends the second run, if any; nothing more is placed.
    @discardableResult
    private func stop() -> JSONValue? {
        failed = true
        current = nil
        if let call {
            call.abandon()
            call.child.closeOutput()
        }
        call = nil
        stream = nil
        return nil
    }
}

/// What the second run says on its standard error: the first run has said it already.
private final class Discarded: DiagnosticCollector, @unchecked Sendable {
    func report(_ diagnostic: Diagnostic) {}
}
