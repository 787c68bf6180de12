import Foundation

/// A program run for real, when it is installed.
public enum ExternalTool {
    /// How the program ended and everything it printed (standard output and error together).
    public struct Result {
        public let status: Int32
        public let output: String
    }

    /// Runs `arguments` through `env`; nil when the program is not installed.
    public static func run(_ arguments: [String], in directory: URL? = nil) throws -> Result? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        // Read to the end before waiting, so that a full pipe cannot stall the child.
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // env answers 127 when the program does not exist.
        if process.terminationStatus == 127 { return nil }
        return Result(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self))
    }
}
