import CYAML
import Foundation
import XchangeCore
import XchangeFormats
import XchangeSynthetic

/// One measured task, run inside a child process (`xchange-bench task NAME ARGS…`) so that its
/// time and peak memory are its own. Prints `reports=N findings=F peak_kb=K` on success.
enum ChildTask: String, CaseIterable {
    /// `generate COUNT SEED OUTPUT [FAULTS]`: what `xchange generate --count COUNT --seed SEED
    /// --output OUTPUT [--option faults=FAULTS]` writes.
    case generate
    /// `read INPUT`: reads every report and drops it — the reader alone.
    case read
    /// `convert INPUT OUTPUT [key=value…]`: what `xchange convert` does (formats from the extensions).
    case convert
    /// `validate INPUT`: what `xchange validate` does, findings counted instead of printed.
    case validate
    /// `yaml-events INPUT`: libyaml's own parser loop over the file, every event taken and dropped.
    case yamlEvents = "yaml-events"
    /// `pipeline INPUT OUTPUT`: what `xchange run` does with a `source → validate → sink` pipeline.
    case pipeline

    /// Runs the task with its arguments and returns the process's exit status.
    func run(_ arguments: [String]) -> Int32 {
        do {
            let (reports, findings) = try perform(arguments)
            print("reports=\(reports) findings=\(findings) peak_kb=\(peakMemoryKilobytes())")
            return 0
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            return 1
        }
    }

    /// A task called without the arguments it needs.
    struct UsageError: Error, CustomStringConvertible {
        let description: String
    }

    /// The arguments the task takes, as its documentation above gives them.
    var usage: String {
        switch self {
        case .generate: "generate COUNT SEED OUTPUT [FAULTS]"
        case .read: "read INPUT"
        case .convert: "convert INPUT OUTPUT [key=value…]"
        case .validate: "validate INPUT"
        case .yamlEvents: "yaml-events INPUT"
        case .pipeline: "pipeline INPUT OUTPUT"
        }
    }

    /// How many of the usage's arguments are required: those not in brackets.
    private var requiredArgumentCount: Int {
        usage.split(separator: " ").dropFirst().filter { !$0.hasPrefix("[") }.count
    }

    private func perform(_ arguments: [String]) throws -> (reports: Int, findings: Int) {
        guard arguments.count >= requiredArgumentCount else {
            throw UsageError(description: "usage: xchange-bench task \(usage)")
        }
        let registry = FormatRegistry.builtin
        switch self {
        case .generate:
            let output = try AtomicFileOutput(path: arguments[2])
            let module = try registry.resolve(id: nil, path: arguments[2], for: .write)
            let writer = try module.makeWriter(
                output.sink, options: .defaults(for: module, side: .write), diagnostics: DiagnosticList())
            var count = 0
            let faults = arguments.count > 3 ? Int(arguments[3]) ?? 0 : 0
            for report in ReportGenerator(
                count: Int(arguments[0]) ?? 0, seed: UInt64(arguments[1]) ?? 0, faults: faults)
            {
                try writer.write(report)
                count += 1
            }
            try writer.finish()
            try output.commit()
            return (count, 0)
        case .read:
            let module = try registry.resolve(id: nil, path: arguments[0], for: .read)
            let reader = try module.makeReader(
                InputSource(path: arguments[0]), options: .defaults(for: module, side: .read),
                diagnostics: DiagnosticList())
            var count = 0
            while try reader.next() != nil { count += 1 }
            return (count, 0)
        case .convert:
            var options: [String: String] = [:]
            for pair in arguments.dropFirst(2) {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { options[parts[0]] = parts[1] }
            }
            let request = ConversionRequest(input: arguments[0], output: arguments[1], options: options)
            return (try Converter(registry: registry).convert(request, diagnostics: DiagnosticList()).reports, 0)
        case .validate:
            // As `xchange validate`: in pieces where the format allows, a report with findings
            // read again to locate them.
            var findings = 0
            let count = try Converter(registry: registry).validate(arguments[0], with: Validator()) { _ in
                findings += 1
            }
            return (count, findings)
        case .yamlEvents:
            return (try Self.yamlEvents(arguments[0]), 0)
        case .pipeline:
            return (try PipelineTask.run(input: arguments[0], output: arguments[1], registry: registry), 0)
        }
    }

    /// The floor for reading YAML: libyaml parses the file into events and nothing is built.
    /// Returns the number of documents.
    private static func yamlEvents(_ path: String) throws -> Int {
        guard let file = fopen(path, "rb") else { throw Diagnostic.error("input.missing", "cannot open \(path)") }
        defer { fclose(file) }
        var parser = yaml_parser_t()
        var event = yaml_event_t()
        guard yaml_parser_initialize(&parser) != 0 else {
            throw Diagnostic.error("yaml.syntax", "libyaml: out of memory")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_input_file(&parser, file)
        var documents = 0
        while true {
            guard yaml_parser_parse(&parser, &event) != 0 else {
                throw Diagnostic.error("yaml.syntax", "libyaml failed to parse \(path)")
            }
            let type = event.type
            yaml_event_delete(&event)
            if type == YAML_DOCUMENT_START_EVENT { documents += 1 }
            if type == YAML_STREAM_END_EVENT { return documents }
        }
    }
}
