import Foundation
import Testing

/// A real `xchange-platform serve` on a free loopback port, over a data folder and token file
/// in a temporary folder. Stopped (SIGTERM) by ``stop()`` or when released.
final class ServerProcess {
    let folder: URL
    private var process: Process?
    private(set) var port = 0

    var dataPath: String { folder.appending(path: "data").path }
    var tokensPath: String { folder.appending(path: "tokens.yaml").path }
    var logPath: String { folder.appending(path: "server.log").path }
    var endpoint: String { "http://127.0.0.1:\(port)" }
    /// The running server's process id.
    var processIdentifier: Int32? { process?.processIdentifier }

    init() throws {
        folder = FileManager.default.temporaryDirectory.appending(path: "xchange-platform-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit {
        stop()
        try? FileManager.default.removeItem(at: folder)
    }

    /// Makes a token for these agencies with `xchange-platform token --append`, as an operator does.
    func addToken(name: String, agencies: [String]) throws -> String {
        let result = try BuiltProgram.run(
            BuiltProgram.platform,
            ["token", "--name", name, "--append", tokensPath] + agencies.flatMap { ["--agency", $0] })
        try #require(result.status == 0, "token: \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Starts the server and waits until it listens (it prints the port it got).
    func start(faults: String = "", maxBody: Int? = nil, port requested: Int = 0) throws {
        let process = Process()
        process.executableURL = BuiltProgram.platform
        var arguments = ["serve", "--data", dataPath, "--tokens", tokensPath, "--port", String(requested)]
        if !faults.isEmpty { arguments += ["--inject-faults", faults] }
        if let maxBody { arguments += ["--max-body", String(maxBody)] }
        process.arguments = arguments
        if !FileManager.default.fileExists(atPath: logPath) {
            FileManager.default.createFile(atPath: logPath, contents: nil)
        }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try log.seekToEnd()
        process.standardError = log
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        self.process = process
        // The first line says where it listens: "xchange-platform listening on http://127.0.0.1:PORT".
        let line = LockedData()
        let reader = Thread {
            var bytes = Data()
            while let byte = try? out.fileHandleForReading.read(upToCount: 1), !byte.isEmpty, byte != Data([0x0A]) {
                bytes.append(byte)
            }
            line.set(bytes)
        }
        reader.start()
        let deadline = Date().addingTimeInterval(60)
        while !line.isSet, Date() < deadline, process.isRunning { usleep(10_000) }
        let text = String(decoding: line.value, as: UTF8.self)
        guard let portText = text.split(separator: ":").last, let port = Int(portText) else {
            stop()
            Issue.record("the server did not start: \(text) \(try String(contentsOfFile: logPath, encoding: .utf8))")
            throw CancellationError()
        }
        self.port = port
    }

    /// Stops the server (SIGTERM) and waits for it to exit.
    func stop() {
        guard let process, process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
        self.process = nil
    }

    /// Stops the server without letting it finish anything (SIGKILL).
    func kill() {
        guard let process, process.isRunning else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }

    /// The server's request log lines for one method (`POST`, `GET`).
    func requests(_ method: String) throws -> [String] {
        let log = try String(contentsOfFile: logPath, encoding: .utf8)
        return log.split(separator: "\n").map(String.init).filter { $0.contains(" \(method) /submissions") }
    }

    /// How many submissions the store holds, from `xchange-platform list --count`.
    func storedCount() throws -> Int {
        let result = try BuiltProgram.run(BuiltProgram.platform, ["list", "--data", dataPath, "--count"])
        try #require(result.status == 0, "list: \(result.stderr)")
        return try #require(Int(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }
}
