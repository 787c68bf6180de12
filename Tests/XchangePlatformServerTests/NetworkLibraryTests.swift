import Foundation
import Testing

#if os(Linux)
/// Only `xchange upload` needs libcurl: every other command runs without loading it (and the
/// thirty-odd libraries it needs), which halves the start of a small conversion.
struct NetworkLibraryTests {
    @Test func aConversionRunsWithoutLoadingTheNetworkLibrary() throws {
        let process = Process()
        process.executableURL = BuiltProgram.xchange
        process.arguments = ["convert", "-", "-", "--from", "json", "--to", "yaml"]
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        // The command waits for its input: by then every library it links is mapped.
        let started = Date()
        var mapped = ""
        while !mapped.contains("libFoundation.so"), Date().timeIntervalSince(started) < 10 {
            usleep(10_000)
            mapped = Self.mappedFiles(of: process.processIdentifier)
        }
        usleep(100_000)
        mapped = Self.mappedFiles(of: process.processIdentifier)
        try input.fileHandleForWriting.write(contentsOf: Data(#"{"meta":{"report_year":2021}}"#.utf8))
        try input.fileHandleForWriting.close()
        let yaml = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(mapped.contains("libFoundation"), "the process was not seen running")
        #expect(!mapped.contains("libcurl"))
        #expect(!mapped.contains("libFoundationNetworking"))
        #expect(process.terminationStatus == 0)
        #expect(yaml.contains("report_year: 2021"))
    }

    /// What `/proc/PID/maps` lists (read to its end: the kernel gives its size as 0).
    static func mappedFiles(of pid: Int32) -> String {
        guard let file = FileHandle(forReadingAtPath: "/proc/\(pid)/maps") else { return "" }
        defer { try? file.close() }
        return String(decoding: (try? file.readToEnd()) ?? Data(), as: UTF8.self)
    }
}
#endif
