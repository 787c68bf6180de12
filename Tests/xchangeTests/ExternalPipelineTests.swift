import Foundation
import Testing

/// External steps and external format modules in pipelines, as users run them: real programs on
/// XCHANGE_PLUGIN_PATH (given in the environment of the launched `xchange`), real files.
struct ExternalPipelineTests {
    typealias PluginFolder = ExternalModuleTests.PluginFolder
    let cli = CommandLineTests()
    static let samples = ["XCHANGE_PLUGIN_PATH": ExternalModuleTests.samplePlugins]
    static let pythonNote: Comment = "python3 is missing: the sample plugin pipeline tests are skipped"

    /// A data folder with `count` generated reports in `in.jsonl` and the pipeline `p.yaml`.
    func folder(_ pipeline: String, count: Int = 3) throws -> URL {
        let directory = try cli.temporaryDirectory()
        let input = directory.appending(path: "in.jsonl").path
        #expect(try cli.run(["generate", "--count", "\(count)", "--seed", "7", "--output", input]).status == 0)
        try write(pipeline, to: directory.appending(path: "p.yaml"))
        return directory
    }

    func write(_ text: String, to url: URL) throws {
        try Data(text.utf8).write(to: url)
    }

    func files(_ directory: URL) -> [String] {
        (FileManager.default.enumerator(atPath: directory.path)?.allObjects as? [String] ?? []).sorted()
    }

    func text(_ url: URL) throws -> String {
        try String(contentsOf: url, encoding: .utf8)
    }

    /// A shell step `xchange-step-NAME` declaring the options `options` (names) that logs each
    /// call to `calls.log` in its folder and runs `behaviour` for `run`.
    @discardableResult
    static func step(
        _ name: String, in folder: PluginFolder, options: [String] = [], behaviour: String
    ) throws -> String {
        let declared = options.map { #"{"name": "\#($0)", "summary": "an option"}"# }.joined(separator: ", ")
        let log = folder.file("calls.log")
        return try folder.script(
            "xchange-step-\(name)",
            """
            echo "$1" >> '\(log)'
            if [ "$1" = describe ]; then
              echo '{"protocol_version": 1, "id": "\(name)", "name": "Test \(name)", "summary": "A test step", "version": "1", "options": [\(declared)]}'
              exit 0
            fi
            \(behaviour)

            """)
    }

    // MARK: The sample step and module

    @Test(.enabled(if: ExternalModuleTests.hasPython, pythonNote))
    func theSampleStepRunsInAPipelineLikeTheBuiltInSet() throws {
        let directory = try folder(
            """
            version: 1
            sources: [{path: in.jsonl}]
            steps:
              - stamp: {field: meta.contact.website, value: https://example.gov.cn}
              - validate: {fail_on: error}
            sinks: [{path: out/stamped.jsonl}]

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml"], in: directory, environment: Self.samples)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("step 1 stamp: 3 in, 3 out"), "\(result.stderr)")
        #expect(result.stderr.contains("wrote out/stamped.jsonl (3 reports)"), "\(result.stderr)")

        // The same change made by the built-in `set` step gives the same bytes.
        try write(
            """
            version: 1
            sources: [{path: in.jsonl}]
            steps: [{set: {meta.contact.website: https://example.gov.cn}}]
            sinks: [{path: out/set.jsonl}]

            """, to: directory.appending(path: "set.yaml"))
        #expect(try cli.run(["run", "set.yaml"], in: directory).status == 0)
        let stamped = try text(directory.appending(path: "out/stamped.jsonl"))
        #expect(stamped == (try text(directory.appending(path: "out/set.jsonl"))))
        #expect(stamped.components(separatedBy: "https://example.gov.cn").count == 4)
    }

    @Test(.enabled(if: ExternalModuleTests.hasPython, pythonNote))
    func aKVFileIsASourceAndASinkLosslessly() throws {
        let directory = try cli.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = CommandLineTests.root.appending(path: "samples/report-2021.json")
        let kv = directory.appending(path: "in.kv")
        #expect(try cli.run(["convert", original.path, kv.path], environment: Self.samples).status == 0)
        try write(
            """
            version: 1
            sources: [{path: in.kv}]
            steps: [{validate: {fail_on: error}}]
            sinks:
              - path: out/back.json
              - path: out/again.kv
              - path: out/plain.kv
                format: kv
                options: {header: false}

            """, to: directory.appending(path: "p.yaml"))
        let checked = try cli.run(["run", "--check", "p.yaml"], in: directory, environment: Self.samples)
        #expect(
            checked.status == 0 && checked.stdout.contains("OK — 1 source, steps: validate, 3 sinks"),
            "\(checked.stderr)")
        let result = try cli.run(["run", "p.yaml"], in: directory, environment: Self.samples)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("read 1 report from 1 file: in.kv"), "\(result.stderr)")
        #expect(try Data(contentsOf: directory.appending(path: "out/back.json")) == Data(contentsOf: original))
        #expect(try Data(contentsOf: directory.appending(path: "out/again.kv")) == Data(contentsOf: kv))
        let plain = try text(directory.appending(path: "out/plain.kv"))
        #expect(!plain.contains("# report") && plain.contains("meta.report_year\t2021\n"))
    }

    @Test(.enabled(if: ExternalModuleTests.hasPython, pythonNote))
    func theSamplePipelineRunsAsWrittenFromTheProjectFolder() throws {
        let result = try cli.run(
            ["run", "--dry-run", "samples/pipelines/stamp-and-kv.yaml"],
            environment: ["XCHANGE_PLUGIN_PATH": "samples/plugins"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("step 1 stamp: 8 in, 8 out")
                && result.stderr.contains("step 2 validate: 8 in, 8 out"), "\(result.stderr)")
        #expect(result.stderr.contains("would write out/plugins/departments.kv (8 reports)"), "\(result.stderr)")
    }

    // MARK: Steps that fail

    /// Runs `p.yaml` with a failing step `fail` and expects the run to stop naming the step and
    /// its program, writing nothing.
    func expectStoppedRun(
        behaviour: String, message: String, stepEntry: String = "- fail: {}", extra: String = "",
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> String {
        let plugins = try PluginFolder()
        let program = try Self.step("fail", in: plugins, behaviour: behaviour)
        let directory = try folder(
            """
            version: 1
            sources: [{path: in.jsonl}]
            steps:
              \(stepEntry)
            sinks: [{path: out/all.json}]
            \(extra)
            """, count: 50)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml"], in: directory, environment: ["XCHANGE_PLUGIN_PATH": plugins.path])
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(
            result.stderr.contains("p.yaml:4: error: ")
                && result.stderr.contains("step 1 (fail): the external step fail (\(program))"),
            "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(files(directory) == ["in.jsonl", "p.yaml"], sourceLocation: sourceLocation)
        return result.stderr
    }

    @Test func aStepExitingWithAFailureStopsTheRunAndWritesNothing() throws {
        let stderr = try expectStoppedRun(
            behaviour:
                #"head -n 1 > /dev/null; echo '{"severity": "error", "code": "fail.always", "message": "cannot go on"}' >&2; exit 1"#,
            message: "failed: it exited with status 1")
        #expect(stderr.contains("error: [fail.always] xchange-step-fail: cannot go on"))
    }

    @Test func aCrashingStepStopsTheRunAndWritesNothing() throws {
        let stderr = try expectStoppedRun(
            behaviour: "head -n 2 > /dev/null; echo 'Traceback: something broke' >&2; kill -SEGV $$",
            message: "crashed: it was killed by signal 11")
        // What the program printed on standard error is shown.
        #expect(stderr.contains("xchange-step-fail: Traceback: something broke"))
    }

    @Test func aStepPrintingSomethingOtherThanReportsStopsTheRun() throws {
        _ = try expectStoppedRun(
            behaviour: "cat > /dev/null; echo '{\"meta\": 7}'", message: "does not fit the canonical schema")
    }

    @Test func onErrorSkipDoesNotHideAFailingExternalStep() throws {
        // An external step fails as a whole: the reports it held cannot be sent to the rejects,
        // so the run stops even with on_error: skip, and says why.
        let stderr = try expectStoppedRun(
            behaviour: "head -n 1 > /dev/null; exit 3", message: "on_error: skip does not apply",
            stepEntry: "- {fail: {}, on_error: skip}",
            extra: "rejects: out/rejects.jsonl\n")
        #expect(stderr.contains("exited with status 3"))
    }

    @Test func reportsAnExternalStepChangedAreRejectedByALaterStepWithOnErrorSkip() throws {
        let plugins = try PluginFolder()
        // Passes reports through, giving the second a wrong check character in its credit code.
        try Self.step(
            "mark", in: plugins, behaviour: #"sed '2s/"agency_uscc":"[^"]*"/"agency_uscc":"11331100000002313Q"/'"#)
        let directory = try folder(
            """
            version: 1
            sources: [{path: in.jsonl}]
            steps:
              - mark:
              - validate: {fail_on: error, on_error: skip}
            sinks: [{path: out/all.jsonl}]
            rejects: out/rejects.jsonl

            """)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml"], in: directory, environment: ["XCHANGE_PLUGIN_PATH": plugins.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains("step 1 mark: 3 in, 3 out")
                && result.stderr.contains("step 2 validate: 3 in, 2 out, 1 skipped"), "\(result.stderr)")
        let kept = try text(directory.appending(path: "out/all.jsonl")).split(separator: "\n")
        #expect(kept.count == 2 && !kept.contains { $0.contains("11331100000002313Q") })
        let rejects = try text(directory.appending(path: "out/rejects.jsonl")).split(separator: "\n")
        #expect(
            rejects.count == 1 && rejects[0].contains("11331100000002313Q") && rejects[0].contains("M-1"), "\(rejects)")
        // The report is named as the step's second: the protocol does not say which report in it came from.
        #expect(rejects[0].contains(#""file":"mark""#) && rejects[0].contains("report 2: validate"), "\(rejects)")
    }

    // MARK: Checking

    @Test func checkKnowsExternalStepsAndDescribesOnlyThoseUsed() throws {
        let plugins = try PluginFolder()
        try Self.step("tag", in: plugins, options: ["label", "mode"], behaviour: "cat")
        try Self.step("unused", in: plugins, behaviour: "cat")
        let pipeline = """
            version: 1
            sources: [{path: in.jsonl}]
            steps:
              - tag: {label: x, mode: fast}
            sinks: [{path: out/all.jsonl}]

            """
        let directory = try folder(pipeline)
        defer { try? FileManager.default.removeItem(at: directory) }
        let environment = ["XCHANGE_PLUGIN_PATH": plugins.path]
        let log = URL(fileURLWithPath: plugins.file("calls.log"))

        let fine = try cli.run(["run", "--check", "p.yaml"], in: directory, environment: environment)
        #expect(fine.status == 0 && fine.stdout.contains("steps: tag,"), "\(fine.stderr)")
        // Only the step the file uses was described, and nothing was run.
        #expect(try text(log) == "describe\n")

        try write(pipeline.replacingOccurrences(of: "- tag:", with: "- tagg:"), to: directory.appending(path: "p.yaml"))
        let misspelt = try cli.run(["run", "--check", "p.yaml"], in: directory, environment: environment)
        #expect(misspelt.status == 1)
        #expect(
            misspelt.stderr.contains("p.yaml:4:5: error: [pipeline.unknown-step] unknown step tagg; did you mean tag?"),
            "\(misspelt.stderr)")
        #expect(
            misspelt.stderr.contains(
                "steps: validate, set, default, filter, drop, dedupe, sort, aggregate, tag, unused"))

        try write(
            pipeline.replacingOccurrences(of: "label: x", with: "lable: x"), to: directory.appending(path: "p.yaml"))
        let option = try cli.run(["run", "--check", "p.yaml"], in: directory, environment: environment)
        #expect(option.status == 1)
        #expect(
            option.stderr.contains(
                "p.yaml:4:11: error: [pipeline.unknown-key] unknown key lable in tag; did you mean label?"),
            "\(option.stderr)")
        // Once per process: asked again by this second process that uses it, once.
        #expect(try text(log) == "describe\ndescribe\n")
        #expect(files(directory) == ["in.jsonl", "p.yaml"])
    }

    @Test func optionsArePassedAsOptionArgumentsInTheOrderOfTheirNames() throws {
        let plugins = try PluginFolder()
        try Self.step(
            "args", in: plugins, options: ["zeta", "alpha"], behaviour: #"echo "$@" > '\#(plugins.file("args"))'; cat"#)
        let directory = try folder(
            "version: 1\nsources: [{path: in.jsonl}]\nsteps: [{args: {zeta: ${z}, alpha: 'a b'}}]\nsinks: [{path: out/all.jsonl}]\n"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(
            ["run", "p.yaml", "--var", "z=2023"], in: directory, environment: ["XCHANGE_PLUGIN_PATH": plugins.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try text(URL(fileURLWithPath: plugins.file("args"))) == "run --option alpha=a b --option zeta=2023\n")
        #expect(
            try text(directory.appending(path: "out/all.jsonl")) == (try text(directory.appending(path: "in.jsonl"))))
    }

    @Test func anExternalStepCannotShadowABuiltInStep() throws {
        let plugins = try PluginFolder()
        let program = try Self.step("sort", in: plugins, behaviour: "exit 9")
        let directory = try folder(
            "version: 1\nsources: [{path: in.jsonl}]\nsteps: [{sort: {by: meta.agency_name}}]\nsinks: [{path: out/all.jsonl}]\n"
        )
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try cli.run(["run", "p.yaml"], in: directory, environment: ["XCHANGE_PLUGIN_PATH": plugins.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(
            result.stderr.contains(
                "warning: [plugin.shadowed] ignoring the external step sort (\(program)): the built-in step sort has that name"
            ), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: plugins.file("calls.log")))
    }
}
