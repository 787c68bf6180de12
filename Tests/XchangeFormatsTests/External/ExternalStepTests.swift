import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// External pipeline steps: reports in, reports out, through a real program.
struct ExternalStepTests {
    /// The reports a generator makes, as a reader.
    final class GeneratedReports: ReportReader {
        var generator: ReportGenerator
        init(count: Int) { generator = ReportGenerator(count: count, seed: 9) }
        func next() throws -> Report? { generator.next() }
    }

    @Test(.enabled(if: ExternalFixtures.hasPython, "python3 is missing: the sample step test is skipped"))
    func theSampleStepStampsEveryReport() throws {
        let settings = ExternalFixtures.settings([ExternalFixtures.samplePlugins])
        let steps = ExternalStep.discover(settings: settings, diagnostics: DiagnosticList())
        let stamp = try #require(steps.first { $0.name == "stamp" })
        #expect(try stamp.describe().options.map(\.name) == ["field", "value"])
        let output = try stamp.run(
            GeneratedReports(count: 200),
            options: ["field": "meta.contact.website", "value": "https://example.gov.cn"],
            diagnostics: DiagnosticList())
        var expected = ReportGenerator(count: 200, seed: 9)
        var count = 0
        while let report = try output.next() {
            let next = expected.next()
            var original = try #require(next)
            try original.set("meta.contact.website", to: .text("https://example.gov.cn"))
            #expect(report == original)
            count += 1
        }
        #expect(count == 200)
        #expect(throws: Diagnostic.self) {
            try stamp.run(GeneratedReports(count: 1), options: ["feild": "x"], diagnostics: DiagnosticList())
        }
    }

    @Test func aFailingStepIsNamedInTheError() throws {
        let folder = try TemporaryDirectory()
        let path = try ExternalFixtures.script(
            "xchange-step-fail", in: folder,
            """
            if [ "$1" = describe ]; then echo '{"protocol_version": 1, "id": "fail", "name": "Fail", "summary": "s", "version": "1"}'; exit 0; fi
            head -n 1; echo '{"severity": "error", "code": "fail.always", "message": "cannot go on"}' >&2; exit 2
            """)
        let step = try #require(
            ExternalStep.discover(settings: ExternalFixtures.settings([folder.url.path]), diagnostics: DiagnosticList())
                .first)
        let diagnostics = DiagnosticList()
        let output = try step.run(GeneratedReports(count: 50), options: [:], diagnostics: diagnostics)
        do {
            while try output.next() != nil {}
            Issue.record("the step's failure must be thrown")
        } catch let error as Diagnostic {
            #expect(error.message.contains("the external step fail (\(path))"))
            #expect(error.code == "plugin.failed", "\(error)")
        }
        #expect(
            diagnostics.diagnostics.contains {
                $0.code == "fail.always" && $0.message == "xchange-step-fail: cannot go on"
            })
    }

    @Test(.enabled(if: ExternalFixtures.hasPython, "python3 is missing: the sample step test is skipped"))
    func reportsPushedOneAtATimeComeOutStamped() throws {
        let settings = ExternalFixtures.settings([ExternalFixtures.samplePlugins])
        let stamp = try #require(
            ExternalStep.discover(settings: settings, diagnostics: DiagnosticList()).first { $0.name == "stamp" })
        let session = try ExternalStepSession(
            step: stamp, options: ["field": "meta.report_year", "value": "2030"], diagnostics: DiagnosticList())
        var generator = ReportGenerator(count: 500, seed: 4)
        var emitted: [Report] = []
        while let report = generator.next() { try session.process(report) { emitted.append($0) } }
        try session.finish { emitted.append($0) }
        #expect(emitted.count == 500)
        #expect(emitted.allSatisfy { $0["meta.report_year"] == .integer(2030) })
    }

    @Test func aPushedStepThatFailsIsNamed() throws {
        let folder = try TemporaryDirectory()
        let path = try ExternalFixtures.script(
            "xchange-step-quit", in: folder,
            """
            if [ "$1" = describe ]; then echo '{"protocol_version": 1, "id": "quit", "name": "Quit", "summary": "s", "version": "1"}'; exit 0; fi
            head -n 2; exit 5
            """)
        let step = try #require(
            ExternalStep.discover(settings: ExternalFixtures.settings([folder.url.path]), diagnostics: DiagnosticList())
                .first)
        let session = try ExternalStepSession(step: step, options: [:], diagnostics: DiagnosticList())
        var generator = ReportGenerator(count: 300, seed: 4)
        var emitted = 0
        do {
            while let report = generator.next() { try session.process(report) { _ in emitted += 1 } }
            try session.finish { _ in emitted += 1 }
            Issue.record("the step's failure must be thrown")
        } catch let error as Diagnostic {
            #expect(error.code == "plugin.failed", "\(error)")
            #expect(error.message.contains("the external step quit (\(path))"))
        }
        #expect(emitted <= 2)
    }
}
