import Foundation
import Testing
import XchangeCore
import XchangeSynthetic

@testable import XchangeFormats

/// The adapter that makes a program a `FormatModule`, used through the library as `Converter`
/// and the commands use it.
struct ExternalFormatModuleTests {
    /// A module whose `read` and `write` pass canonical JSON Lines through `cat`, with a lot of
    /// chatter on standard error at the same time: every pipe must be serviced at once.
    static let passThrough = """
        if [ "$1" = describe ]; then
          echo '{"protocol_version": 1, "id": "pass", "name": "Pass", "summary": "JSON Lines through cat", "version": "1", "extensions": ["pass"], "read": true, "write": true, "options": [{"name": "level", "summary": "ignored", "values": ["1", "2"], "default": "1", "read": true, "write": false}]}'
          exit 0
        fi
        echo "$@" > "$(dirname "$0")/arguments"
        i=0; while [ $i -lt 2000 ]; do echo "chatter line $i, long enough to fill a pipe buffer quickly" >&2; i=$((i+1)); done &
        cat
        wait
        """

    @Test func manyReportsStreamBothWaysThroughAProgramWithoutDeadlock() throws {
        let folder = try TemporaryDirectory()
        try ExternalFixtures.script("xchange-format-pass", in: folder, Self.passThrough)
        let (registry, warnings) = FormatRegistry.assembled(
            builtins: builtinFormatModules, settings: ExternalFixtures.settings([folder.url.path]))
        #expect(warnings.isEmpty)
        let converter = Converter(registry: registry)
        let source = folder.path("reports.jsonl")
        var generator = ReportGenerator(count: 300, seed: 5)
        let file = try AtomicFileOutput(path: source)
        let writer = try JSONFormat().makeWriter(
            file.sink, options: FormatOptions(["layout": "lines"], for: JSONFormat(), side: .write),
            diagnostics: DiagnosticList())
        while let report = generator.next() { try writer.write(report) }
        try writer.finish()
        try file.commit()

        let notes = DiagnosticList()
        let there = try converter.convert(
            ConversionRequest(input: source, output: folder.path("r.pass")), diagnostics: notes)
        #expect(there.reports == 300 && there.writer == "pass")
        let back = try converter.convert(
            ConversionRequest(input: folder.path("r.pass"), output: folder.path("back.jsonl"), options: ["level": "2"]),
            diagnostics: notes)
        #expect(back.reports == 300 && back.reader == "pass")
        #expect(try folder.read("back.jsonl") == folder.read("reports.jsonl"))
        #expect(try folder.read("arguments") == "read --option level=2\n")
        #expect(notes.diagnostics.count == 4000)
        #expect(
            notes.diagnostics.allSatisfy {
                $0.severity == .note && $0.code == "plugin.stderr"
                    && $0.message.hasPrefix("xchange-format-pass: chatter")
            })
    }

    @Test func anExternalModuleIsDescribedOnlyWhenNeeded() throws {
        let folder = try TemporaryDirectory()
        try ExternalFixtures.script(
            "xchange-format-count", in: folder,
            """
            echo x >> "$(dirname "$0")/runs"
            echo '{"protocol_version": 1, "id": "count", "name": "Count", "summary": "s", "version": "1", "extensions": ["cnt"], "read": true, "write": false}'
            """)
        let (registry, _) = FormatRegistry.assembled(
            builtins: builtinFormatModules, settings: ExternalFixtures.settings([folder.url.path]))
        #expect(registry.module(forPath: "a.json")?.id == "json")
        #expect(registry.module(id: "count")?.externalPath == folder.path("xchange-format-count"))
        #expect(!FileManager.default.fileExists(atPath: folder.path("runs")))
        #expect(registry.module(forPath: "a.CNT")?.id == "count")
        #expect(registry.module(forPath: "b.cnt")?.capabilities == .read)
        #expect(try folder.read("runs") == "x\n")
        #expect(throws: Diagnostic.self) { try registry.resolve(id: nil, path: "out.cnt", for: .write) }
    }

    @Test func theModuleNamedLikeTheExtensionIsAskedFirstAndAHangingOneDoesNotHoldUpTheRest() throws {
        let folder = try TemporaryDirectory()
        try ExternalFixtures.script(
            "xchange-format-good", in: folder,
            """
            echo '{"protocol_version": 1, "id": "good", "name": "Good", "summary": "s", "version": "1", "extensions": ["good"], "read": true, "write": true}'
            """)
        try ExternalFixtures.script(
            "xchange-format-hang", in: folder,
            """
            touch "$(dirname "$0")/hang-started"; sleep 30
            """)
        let (registry, _) = FormatRegistry.assembled(
            builtins: builtinFormatModules, settings: ExternalFixtures.settings([folder.url.path], timeout: 2))
        let started = Date()
        #expect(try registry.resolve(id: nil, path: "x.good", for: .write).id == "good")
        #expect(!FileManager.default.fileExists(atPath: folder.path("hang-started")))
        // An extension no module's id names asks them all, the hanging one for its time limit only.
        #expect(throws: Diagnostic.self) { try registry.resolve(id: nil, path: "x.other", for: .read) }
        #expect(FileManager.default.fileExists(atPath: folder.path("hang-started")))
        #expect(Date().timeIntervalSince(started) < 10)
        do {
            _ = try registry.resolve(id: "hang", path: nil, for: .read)
            Issue.record("a module that never describes itself must be refused")
        } catch {
            #expect(error.code == "plugin.timeout")
            #expect(error.message.contains("the external format module hang (\(folder.path("xchange-format-hang")))"))
        }
    }

    @Test func libraryUsersAddTheirOwnModulesBesideExternalOnes() throws {
        struct Upper: FormatModule {
            let id = "upper", name = "Upper", summary = "test", fileExtensions = ["up"]
            let capabilities: FormatCapabilities = [.read]
        }
        let (registry, _) = FormatRegistry.assembled(
            builtins: builtinFormatModules, settings: ExternalFixtures.settings([]))
        try registry.register(Upper())
        #expect(try registry.resolve(id: nil, path: "x.up", for: .read).id == "upper")
        #expect(throws: Diagnostic.self) { try registry.register(Upper()) }
    }

    @Test func settingsComeFromTheEnvironment() {
        let warnings = DiagnosticList()
        let settings = ExternalSettings.from(
            environment: ["XCHANGE_PLUGIN_PATH": "/a:/b", "PATH": "/usr/bin::/bin", "XCHANGE_PLUGIN_TIMEOUT": "2.5"],
            diagnostics: warnings)
        #expect(settings.searchPath == ["/a", "/b", "/usr/bin", "/bin"])
        #expect(settings.timeout == 2.5)
        let bad = ExternalSettings.from(environment: ["XCHANGE_PLUGIN_TIMEOUT": "soon"], diagnostics: warnings)
        #expect(bad.timeout == ExternalSettings.defaultTimeout)
        #expect(warnings.diagnostics.map(\.code) == ["plugin.timeout-setting"])
    }

    @Test func standardErrorLinesBecomeDiagnosticsNamingTheProgram() {
        let program = ExternalProgram(kind: .format, name: "kv", path: "/p/xchange-format-kv")
        let error = StandardErrorRelay.diagnostic(
            #"{"severity": "warning", "code": "kv.odd", "message": "odd", "line": 4, "column": 2, "field": "meta.report_year"}"#,
            program: program, file: "in.kv")
        #expect(error.description == "in.kv:4:2: warning: [kv.odd] meta.report_year: xchange-format-kv: odd")
        let plain = StandardErrorRelay.diagnostic("Traceback (most recent call last):", program: program, file: "in.kv")
        #expect(plain.severity == .note && plain.code == "plugin.stderr")
        #expect(plain.message == "xchange-format-kv: Traceback (most recent call last):")
        let notDiagnostic = StandardErrorRelay.diagnostic(#"{"severity": "fatal"}"#, program: program, file: nil)
        #expect(notDiagnostic.code == "plugin.stderr")
    }
}
