import Foundation
import Testing

/// External format modules as users install them: real programs in temporary folders on
/// XCHANGE_PLUGIN_PATH, run by the real `xchange` binary.
struct ExternalModuleTests {
    let cli = CommandLineTests()
    static let samplePlugins = CommandLineTests.root.appending(path: "samples/plugins").path
    static let hasPython =
        ["/usr/bin", "/usr/local/bin"].contains { FileManager.default.isExecutableFile(atPath: $0 + "/python3") }
        || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/python3") }

    /// A folder of plugins for one test, removed afterwards.
    final class PluginFolder {
        let url: URL

        init() throws {
            url = FileManager.default.temporaryDirectory.appending(path: "xchange-plugins-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        }

        deinit { try? FileManager.default.removeItem(at: url) }

        var path: String { url.path }

        /// Writes an executable shell script.
        @discardableResult
        func script(_ name: String, _ body: String) throws -> String {
            let path = url.appending(path: name).path
            try Data(("#!/bin/sh\n" + body).utf8).write(to: URL(fileURLWithPath: path))
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
            return path
        }

        func file(_ name: String) -> String { url.appending(path: name).path }

        /// What is in the folder, hidden temporary files included.
        var contents: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted() }
    }

    /// A `describe` answer for a module `id` reading and writing `.ext`.
    static func description(id: String, ext: String, protocolVersion: Int = 1) -> String {
        #"{"protocol_version": \#(protocolVersion), "id": "\#(id)", "name": "Broken \#(id)", "summary": "A module that misbehaves", "version": "0.1", "extensions": ["\#(ext)"], "read": true, "write": true, "options": []}"#
    }

    /// A shell module that describes itself properly and runs `behaviour` for read and write.
    static func module(id: String, ext: String, behaviour: String) -> String {
        """
        if [ "$1" = describe ]; then
          echo '\(description(id: id, ext: ext))'
          exit 0
        fi
        \(behaviour)

        """
    }

    // MARK: The Python sample module

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func formatsListsTheSampleModuleAsExternal() throws {
        let environment = ["XCHANGE_PLUGIN_PATH": Self.samplePlugins]
        let text = try cli.run(["formats"], environment: environment)
        #expect(text.status == 0)
        #expect(text.stdout.contains("kv  Key-value lines"))
        #expect(text.stdout.contains("external: \(Self.samplePlugins)/xchange-format-kv"))
        #expect(text.stdout.contains("json  JSON"))

        let json = try cli.run(["formats", "--json"], environment: environment)
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        let kv = try #require(entries.first { $0["id"] as? String == "kv" })
        #expect(kv["external"] as? Bool == true)
        #expect(kv["path"] as? String == "\(Self.samplePlugins)/xchange-format-kv")
        #expect(kv["extensions"] as? [String] == ["kv"])
        #expect(entries.first { $0["id"] as? String == "json" }?["external"] == nil)
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func convertsJSONToKVAndBackLosslessly() throws {
        let folder = try PluginFolder()
        let environment = ["XCHANGE_PLUGIN_PATH": Self.samplePlugins]
        // Reports of every era, one with facts, provenance and sections read from a report text.
        let generated = folder.file("generated.jsonl")
        #expect(try cli.run(["generate", "--count", "4", "--seed", "3", "--output", generated]).status == 0)
        let legacy = folder.file("legacy.json")
        #expect(try cli.run(["convert", "samples/suifenhe-2017-report.txt", legacy]).status == 0)
        for source in [generated, legacy, CommandLineTests.root.appending(path: "samples/report-2021.json").path] {
            let kv = folder.file("reports.kv")
            let back = folder.file("back" + (source.hasSuffix(".jsonl") ? ".jsonl" : ".json"))
            let there = try cli.run(["convert", source, kv], environment: environment)
            #expect(there.status == 0, "\(there.stderr)")
            let again = try cli.run(["convert", kv, back], environment: environment)
            #expect(again.status == 0, "\(again.stderr)")
            #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == Data(contentsOf: URL(fileURLWithPath: source)))
        }
        let kvText = try String(contentsOfFile: folder.file("reports.kv"), encoding: .utf8)
        #expect(kvText.contains("meta.report_year\t2021\n"))
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func sampleModuleWorksWithValidateOptionsAndStandardStreams() throws {
        let folder = try PluginFolder()
        let environment = ["XCHANGE_PLUGIN_PATH": Self.samplePlugins]
        let kv = folder.file("r.kv")
        #expect(
            try cli.run(
                ["convert", "samples/report-2021.json", kv, "--option", "header=false"], environment: environment
            ).status == 0)
        #expect(try !String(contentsOfFile: kv, encoding: .utf8).contains("# report"))
        let validated = try cli.run(["validate", kv], environment: environment)
        #expect(validated.status == 0, "\(validated.stdout)\(validated.stderr)")
        #expect(validated.stdout.contains("1 report checked: 0 errors"))
        let piped = try cli.run(
            ["convert", "-", "-", "--from", "kv", "--to", "json"],
            input: try Data(contentsOf: URL(fileURLWithPath: kv)),
            environment: environment)
        #expect(piped.status == 0)
        #expect(piped.stdout.contains("\"report_year\": 2021"))
        let empty = folder.file("empty.kv")
        try Data().write(to: URL(fileURLWithPath: empty))
        let nothing = try cli.run(["convert", empty, folder.file("empty.json")], environment: environment)
        #expect(nothing.status == 1)
        #expect(nothing.stderr.contains("error: [input.empty] \(empty) holds no report"))
        #expect(!FileManager.default.fileExists(atPath: folder.file("empty.json")))
    }

    /// Converts a damaged `.kv` file through the sample module to JSON: the command must fail and
    /// leave no output. Returns the input's path and the command's stderr.
    func failingKVConversion(_ bytes: [UInt8]) throws -> (input: String, stderr: String) {
        let folder = try PluginFolder()
        let bad = folder.file("bad.kv")
        try Data(bytes).write(to: URL(fileURLWithPath: bad))
        let result = try cli.run(
            ["convert", bad, folder.file("out.json")], environment: ["XCHANGE_PLUGIN_PATH": Self.samplePlugins])
        #expect(result.status == 1)
        #expect(!FileManager.default.fileExists(atPath: folder.file("out.json")))
        return (bad, result.stderr)
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func moduleDiagnosticsAreShownWithTheModuleNamed() throws {
        let (bad, stderr) = try failingKVConversion(
            Array("meta.report_year\t2021\nmeta.agency_name\t\"x\"\nbroken line\n".utf8))
        #expect(stderr.contains("\(bad):3:1: error: [kv.syntax] xchange-format-kv: expected dotted.key"))
        // The failure itself is placed where the module said the problem is.
        #expect(
            stderr.contains(
                "\(bad):3:1: error: [plugin.failed] the external format module kv (\(Self.samplePlugins)/xchange-format-kv) failed"
            ))
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func aReportAModuleReadWrongIsPlacedAtTheLineOfTheValue() throws {
        let bytes = Array("meta.report_year\t2021\n\nmeta.report_year\t2022\nmeta.agnecy_name\t\"x\"\n".utf8)
        // The module declares `positions`, so it is asked where the values of report 2 stand.
        let (bad, stderr) = try failingKVConversion(bytes)
        #expect(
            stderr.contains(
                "\(bad):4:18: error: [key.unknown] meta.agnecy_name: report 2 as xchange-format-kv read it: unknown key"
            ), "\(stderr)")
        #expect(stderr.contains("\(bad):4:18: error: [plugin.report]"))
        // Standard input cannot be read twice: the report is named by its number.
        let piped = try cli.run(
            ["convert", "-", "-", "--from", "kv", "--to", "json"], input: Data(bytes),
            environment: ["XCHANGE_PLUGIN_PATH": Self.samplePlugins])
        #expect(piped.status == 1 && piped.stdout.isEmpty)
        #expect(
            piped.stderr.contains(
                "<stdin>: error: [key.unknown] meta.agnecy_name: report 2 as xchange-format-kv read it: unknown key"),
            "\(piped.stderr)")
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func validateNamesTheLineOfAValueAModuleRead() throws {
        let folder = try PluginFolder()
        let environment = ["XCHANGE_PLUGIN_PATH": Self.samplePlugins]
        let kv = folder.file("r.kv")
        #expect(try cli.run(["convert", "samples/report-2021.json", kv], environment: environment).status == 0)
        // The total of the new applications no longer adds up.
        let lines = try String(contentsOfFile: kv, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false)
        let total = try #require(lines.firstIndex { $0.hasPrefix("applications.new_received.total\t") })
        var changed = lines
        changed[total] = "applications.new_received.total\t9999"
        try Data(changed.joined(separator: "\n").utf8).write(to: URL(fileURLWithPath: kv))

        let validated = try cli.run(["validate", kv], environment: environment)
        let column = "applications.new_received.total".count + 2
        #expect(validated.stdout.contains("\(kv):\(total + 1):\(column): error T3-"), "\(validated.stdout)")
        let piped = try cli.run(
            ["validate", "-", "--from", "kv"], input: Data(changed.joined(separator: "\n").utf8),
            environment: environment)
        #expect(piped.stdout.contains("<stdin> (report 1: 义乌市示范区人民政府办公室 2021): error T3-"), "\(piped.stdout)")
    }

    /// A module that declares `positions` but fails when asked for them, printing the reports in
    /// the file `printed` beside it; it notes each call in the file `calls`.
    static let failingPositions = """
        if [ "$1" = describe ]; then
          echo '{"protocol_version": 1, "id": "pos", "name": "Positions", "summary": "Fails to place", "version": "1", "extensions": ["pos"], "read": true, "write": false, "options": [{"name": "positions", "summary": "where values stand", "values": ["true", "false"], "default": "false", "read": true, "write": false}]}'
          exit 0
        fi
        here="$(dirname "$0")"
        echo "$*" >> "$here/calls"
        cat > /dev/null
        case "$*" in *positions=true*) echo 'cannot tell' >&2; exit 3 ;; esac
        cat "$here/printed"

        """

    @Test func positionsAreAskedForOnlyToPlaceAProblemAndTheirFailureChangesNothingElse() throws {
        let folder = try PluginFolder()
        try folder.script("xchange-format-pos", Self.failingPositions)
        let environment = ["XCHANGE_PLUGIN_PATH": folder.path]
        let input = folder.file("in.pos")
        try Data("anything\n".utf8).write(to: URL(fileURLWithPath: input))
        let report = try String(
            contentsOf: CommandLineTests.root.appending(path: "samples/report-2021.json"), encoding: .utf8)
        let line = try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(report.utf8)))
        try (line + Data("\n".utf8)).write(to: URL(fileURLWithPath: folder.file("printed")))

        // A good report: one call, no second run.
        let good = try cli.run(["convert", input, folder.file("out.json")], environment: environment)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try String(contentsOfFile: folder.file("calls"), encoding: .utf8) == "read\n")

        // A report that breaks the schema: the module is asked where, fails, and the problem is
        // still reported, by report number, as the module's first run printed it.
        try FileManager.default.removeItem(atPath: folder.file("calls"))
        try Data(#"{"meta": {"report_year": 2021, "agnecy_name": "x"}}"#.utf8 + [0x0A]).write(
            to: URL(fileURLWithPath: folder.file("printed")))
        let bad = try cli.run(["convert", input, folder.file("bad.json")], environment: environment)
        #expect(bad.status == 1)
        #expect(
            bad.stderr.contains(
                "\(input): error: [key.unknown] meta.agnecy_name: report 1 as xchange-format-pos read it"),
            "\(bad.stderr)")
        #expect(bad.stderr.contains("\(input): error: [plugin.report]"))
        #expect(!bad.stderr.contains("cannot tell"))
        #expect(
            try String(contentsOfFile: folder.file("calls"), encoding: .utf8) == "read\nread --option positions=true\n")
        #expect(!FileManager.default.fileExists(atPath: folder.file("bad.json")))
    }

    @Test(.enabled(if: hasPython, "python3 is missing: the sample plugin tests are skipped"))
    func invalidUTF8IsReportedByTheSampleModuleWithItsLine() throws {
        let (bad, stderr) = try failingKVConversion(
            Array("meta.report_year\t2021\nmeta.agency_name\t\"a".utf8) + [0xFF] + Array("\"\n".utf8))
        #expect(stderr.contains("\(bad):2:20: error: [kv.encoding] xchange-format-kv: the input is not UTF-8"))
    }

    // MARK: Modules that misbehave

    /// Converts into `.ext` with `behaviour` as the module's read/write; it must fail naming the
    /// module and its path and leave nothing in the folder but the input.
    func expectCleanFailure(
        _ behaviour: String, message: String, timeout: String? = nil, direction: Direction = .write,
        reports: Int = 1, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let folder = try PluginFolder()
        let plugin = try folder.script(
            "xchange-format-broken", Self.module(id: "broken", ext: "brk", behaviour: behaviour))
        let input = folder.file(direction == .write ? "in.json" : "in.brk")
        if reports == 1 {
            try Data(contentsOf: CommandLineTests.root.appending(path: "samples/report-2021.json")).write(
                to: URL(fileURLWithPath: input))
        } else {
            try #require(try cli.run(["generate", "--count", "\(reports)", "--output", input]).status == 0)
        }
        let output = folder.file(direction == .write ? "out.brk" : "out.json")
        var environment = ["XCHANGE_PLUGIN_PATH": folder.path]
        if let timeout { environment["XCHANGE_PLUGIN_TIMEOUT"] = timeout }
        let started = Date()
        let result = try cli.run(["convert", input, output], environment: environment)
        #expect(Date().timeIntervalSince(started) < 20, sourceLocation: sourceLocation)
        #expect(result.status == 1, sourceLocation: sourceLocation)
        #expect(
            result.stderr.contains("the external format module broken (\(plugin))"), "\(result.stderr)",
            sourceLocation: sourceLocation)
        #expect(result.stderr.contains(message), "\(result.stderr)", sourceLocation: sourceLocation)
        #expect(
            folder.contents == ["in" + (direction == .write ? ".json" : ".brk"), "xchange-format-broken"],
            sourceLocation: sourceLocation)
    }

    enum Direction { case read, write }

    @Test func aCrashingModuleFailsCleanly() throws {
        try expectCleanFailure(
            "cat > /dev/null; echo '{\"meta\":'; kill -SEGV $$", message: "crashed: it was killed by signal 11",
            direction: .read)
        try expectCleanFailure("head -c 10 > /dev/null; kill -SEGV $$", message: "crashed: it was killed by signal 11")
    }

    @Test func aHangingModuleIsKilledAfterTheTimeLimit() throws {
        try expectCleanFailure("sleep 60", message: "did not finish within 1 seconds", timeout: "1", direction: .read)
        try expectCleanFailure("cat > /dev/null; sleep 60", message: "did not finish within 1 seconds", timeout: "1")
    }

    @Test func aModuleExitingNonZeroFailsCleanly() throws {
        try expectCleanFailure(
            "cat > /dev/null; echo 'something went wrong' >&2; exit 3", message: "exited with status 3",
            direction: .read)
        try expectCleanFailure("cat > /dev/null; echo partial; exit 4", message: "exited with status 4")
    }

    @Test func invalidJSONFromAModuleFailsCleanly() throws {
        try expectCleanFailure(
            "cat > /dev/null; echo '{\"meta\": {'; echo 'not json'",
            message: "printed invalid JSON on its standard output at line 2", direction: .read)
    }

    @Test func aReportThatFailsTheSchemaFailsCleanly() throws {
        try expectCleanFailure(
            "cat > /dev/null; echo '{\"meta\": {\"report_year\": \"soon\", \"agnecy_name\": 1}}'",
            message: "printed report 1, which does not fit the canonical schema", direction: .read)
        try expectCleanFailure(
            "cat > /dev/null; echo '42'", message: "printed report 1, which does not fit", direction: .read)
        try expectCleanFailure(
            "cat > /dev/null; echo '{}'", message: "printed an empty object as report 1", direction: .read)
    }

    @Test func aMalformedDescriptionIsRefusedNamingTheModule() throws {
        let folder = try PluginFolder()
        let plugin = try folder.script("xchange-format-odd", #"echo '{"protocol_version": 1, "id": "odd", "name": 3}'"#)
        let environment = ["XCHANGE_PLUGIN_PATH": folder.path]
        let converted = try cli.run(
            ["convert", "samples/report-2021.json", folder.file("out.odd"), "--to", "odd"], environment: environment)
        #expect(converted.status == 1)
        #expect(
            converted.stderr.contains(
                "the external format module odd (\(plugin)) printed a malformed description: name must be a string"))
        let byExtension = try cli.run(
            ["convert", "samples/report-2021.json", folder.file("out.odd")], environment: environment)
        #expect(byExtension.status == 1)
        #expect(byExtension.stderr.contains("not usable: the external format module odd (\(plugin))"))
        let listed = try cli.run(["formats"], environment: environment)
        #expect(listed.status == 0)
        #expect(listed.stderr.contains("warning: [plugin.describe] the external format module odd (\(plugin))"))
        #expect(!listed.stdout.contains("odd"))
        #expect(folder.contents == ["xchange-format-odd"])
    }

    @Test func anotherProtocolVersionIsRefusedNamingTheModule() throws {
        let folder = try PluginFolder()
        let plugin = try folder.script(
            "xchange-format-next",
            Self.module(id: "next", ext: "nxt", behaviour: "cat", ).replacingOccurrences(
                of: "\"protocol_version\": 1", with: "\"protocol_version\": 2"))
        let result = try cli.run(
            ["convert", "samples/report-2021.json", folder.file("out.nxt"), "--to", "next"],
            environment: ["XCHANGE_PLUGIN_PATH": folder.path])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "error: [plugin.protocol] the external format module next (\(plugin)) speaks plugin protocol version 2")
        )
        #expect(folder.contents == ["xchange-format-next"])
    }

    @Test func aModuleCannotShadowABuiltInFormat() throws {
        let folder = try PluginFolder()
        let plugin = try folder.script("xchange-format-json", Self.module(id: "json", ext: "json", behaviour: "exit 9"))
        let output = folder.file("out.json")
        let result = try cli.run(
            ["convert", "samples/report-2021.yaml", output], environment: ["XCHANGE_PLUGIN_PATH": folder.path])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: [plugin.shadowed] ignoring the external format module json (\(plugin)): the built-in JSON format has the id json"
            ))
        #expect(FileManager.default.fileExists(atPath: output))
    }

    @Test func theFirstOfTwoModulesWithOneIdWins() throws {
        let first = try PluginFolder()
        let second = try PluginFolder()
        let winner = try first.script("xchange-format-dup", Self.module(id: "dup", ext: "dup", behaviour: "cat"))
        let loser = try second.script("xchange-format-dup", Self.module(id: "dup", ext: "dup", behaviour: "exit 1"))
        let result = try cli.run(
            ["formats", "--json"], environment: ["XCHANGE_PLUGIN_PATH": "\(first.path):\(second.path)"])
        #expect(result.status == 0)
        #expect(
            result.stderr.contains(
                "warning: [plugin.duplicate] ignoring \(loser): the external format module dup (\(winner)) comes first")
        )
        #expect(result.stdout.contains("\"path\": \"\(winner)\""))
        #expect(!result.stdout.contains(loser))
    }

    @Test func aModuleThatStopsReadingItsInputFailsCleanly() throws {
        // Exits successfully after reading a little of more than a pipe holds: the output
        // would be incomplete.
        try expectCleanFailure(
            "head -c 1 > /dev/null; exit 0", message: "stopped reading its input before the end", reports: 100)
    }

    @Test func terminatingXchangeStopsTheModuleAndLeavesNoOutput() throws {
        let folder = try PluginFolder()
        try folder.script(
            "xchange-format-slow",
            Self.module(
                id: "slow", ext: "slow", behaviour: "cat > /dev/null; echo $$ > \(folder.file("pid")); sleep 60"))
        let process = Process()
        process.executableURL = CommandLineTests.binary
        process.arguments = [
            "convert", CommandLineTests.root.appending(path: "samples/report-2021.json").path, folder.file("out.slow"),
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["XCHANGE_PLUGIN_PATH": folder.path]) { $1 }
        process.standardError = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(10)
        while !FileManager.default.fileExists(atPath: folder.file("pid")), Date() < deadline { usleep(20_000) }
        usleep(100_000)
        kill(process.processIdentifier, SIGTERM)
        process.waitUntilExit()
        #expect(process.terminationStatus != 0)
        let child = try #require(
            Int32(
                String(contentsOfFile: folder.file("pid"), encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)))
        usleep(100_000)
        #expect(kill(child, 0) != 0, "the module's process must be gone")
        #expect(folder.contents == ["pid", "xchange-format-slow"])
    }
}
