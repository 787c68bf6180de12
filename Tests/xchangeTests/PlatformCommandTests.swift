import Foundation
import Testing

/// `xchange convert` to and from a submission package, as the README shows it.
extension CommandLineTests {
    @Test func aReportBecomesAPackageAndComesBackTheSame() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let package = directory.appending(path: "submission.zip").path
        let back = directory.appending(path: "back.json").path
        let written = try run(["convert", "samples/report-2021.json", package, "--to", "platform"])
        #expect(written.status == 0, "\(written.stderr)")
        let read = try run(["convert", package, back])
        #expect(read.status == 0, "\(read.stderr)")
        let original = try Data(contentsOf: Self.root.appending(path: "samples/report-2021.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: back)) == original)
        #expect(try run(["validate", package]).status == 0)
    }

    @Test func aRefusedPackageSaysWhyAndWritesNothing() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let json = try String(contentsOf: Self.root.appending(path: "samples/report-2021.json"), encoding: .utf8)
        let input = directory.appending(path: "r.json")
        try json.replacingOccurrences(
            of: "\"agency_uscc\": \"113307820076354208\"", with: "\"agency_uscc\": \"113307820076354209\""
        )
        .write(to: input, atomically: true, encoding: .utf8)
        let result = try run(["convert", input.path, directory.appending(path: "s.zip").path])
        #expect(result.status == 1)
        #expect(result.stderr.contains("M-1"), "\(result.stderr)")
        #expect(result.stderr.contains("[package.invalid-report]"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["r.json"])
    }

    @Test func severalReportsShowHowToWriteOnePackageEach() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try run(["generate", "--count", "2", "--output", "two.jsonl"], in: directory).status == 0)
        let result = try run(["convert", "two.jsonl", "two.zip"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("out/{meta.agency_uscc}-{meta.report_year}.zip"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["two.jsonl"])
    }

    @Test func aTamperedPackageIsRefusedNamingTheEntry() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(
            try run(["convert", Self.root.appending(path: "samples/report-2021.json").path, "s.zip"], in: directory)
                .status == 0)
        var bytes = try Data(contentsOf: directory.appending(path: "s.zip"))
        bytes.removeLast(bytes.count / 3)
        try bytes.write(to: directory.appending(path: "cut.zip"))
        let result = try run(["convert", "cut.zip", "back.json"], in: directory)
        #expect(result.status == 1)
        #expect(result.stderr.contains("cut.zip: error: [package.truncated]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: directory.appending(path: "back.json").path))
    }

    @Test func formatsListsThePlatformModuleAndItsProfileOption() throws {
        let json = try run(["formats", "--json"])
        let modules = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [[String: Any]]
        let platform = try #require(modules.first { $0["id"] as? String == "platform" })
        #expect(platform["extensions"] as? [String] == ["zip"])
        #expect(platform["read"] as? Bool == true && platform["write"] as? Bool == true)
        #expect("\(platform["options"] ?? "")".contains("profile"))
    }
}
