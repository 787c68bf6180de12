import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeSynthetic

@testable import XchangePipeline

/// A temporary folder holding a pipeline file and its inputs; removed when the value goes away.
final class PipelineFolder {
    let path: String

    init() {
        path = NSTemporaryDirectory() + "xchange-pipeline-tests-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { path + "/" + name }

    @discardableResult
    func write(_ name: String, _ text: String) -> String {
        let target = file(name)
        try! FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: target, contents: Data(text.utf8))
        return target
    }

    /// Writes reports as JSON Lines.
    @discardableResult
    func write(_ name: String, reports: [Report]) throws -> String {
        let target = file(name)
        try! FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let json = FormatRegistry.builtin.module(id: "json")!
        let output = try AtomicFileOutput(path: target)
        let writer = try json.makeWriter(
            output.sink, options: FormatOptions(["layout": "lines"], for: json, side: .write),
            diagnostics: DiagnosticList())
        for report in reports { try writer.write(report) }
        try writer.finish()
        try output.commit()
        return target
    }

    /// Every file under the folder, relative, sorted.
    var files: [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).filter { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: file(name), isDirectory: &isDirectory)
            return !isDirectory.boolValue
        }.sorted()
    }

    func text(_ name: String) throws -> String { try String(contentsOfFile: file(name), encoding: .utf8) }

    /// Loads the pipeline file `name` (default `p.yaml`).
    func load(
        _ name: String = "p.yaml", variables: [String: String] = [:], environment: [String: String] = [:]
    ) throws -> Pipeline {
        try PipelineLoader(formats: .builtin, steps: .builtin, variables: variables, environment: environment)
            .load(file(name), diagnostics: DiagnosticList())
    }

    /// Loads and runs the pipeline.
    @discardableResult
    func run(
        _ name: String = "p.yaml", dryRun: Bool = false, variables: [String: String] = [:],
        diagnostics: DiagnosticList = DiagnosticList()
    ) throws -> RunSummary {
        try PipelineRunner(formats: .builtin).run(
            try load(name, variables: variables), dryRun: dryRun, diagnostics: diagnostics)
    }

    /// The diagnostic loading the pipeline throws.
    func loadError(_ name: String = "p.yaml", variables: [String: String] = [:]) -> Diagnostic? {
        do {
            _ = try load(name, variables: variables)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            return nil
        }
    }

    /// The diagnostic running the pipeline throws.
    func runError(_ name: String = "p.yaml") -> Diagnostic? {
        do {
            try run(name)
            return nil
        } catch let diagnostic as Diagnostic {
            return diagnostic
        } catch {
            Issue.record("not a diagnostic: \(error)")
            return nil
        }
    }

    /// The reports of a written file (any format).
    func reports(_ name: String) throws -> [Report] {
        let module = try FormatRegistry.builtin.resolve(id: nil, path: file(name), for: .read)
        let reader = try module.makeReader(
            try InputSource(path: file(name)), options: .defaults(for: module, side: .read),
            diagnostics: DiagnosticList())
        var reports: [Report] = []
        while let report = try reader.next() { reports.append(report) }
        return reports
    }
}

/// Generated reports that satisfy every rule.
enum Generated {
    static func reports(_ count: Int, seed: UInt64 = 7) -> [Report] {
        Array(ReportGenerator(count: count, seed: seed))
    }

    /// A report with a few chosen values (on top of a generated one).
    static func report(_ values: [String: FieldValue?], seed: UInt64 = 1) throws -> Report {
        var report = reports(1, seed: seed)[0]
        for (key, value) in values { try report.set(key, to: value) }
        return report
    }
}

extension Report {
    func int(_ key: String) -> Int? {
        if case .integer(let value)? = self[key] { return value }
        return nil
    }

    func text(_ key: String) -> String? { self[key]?.plainText }
}
