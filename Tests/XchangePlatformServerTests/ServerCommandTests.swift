import Foundation
import Testing

/// `xchange-platform serve` refuses to start, saying why, rather than serve half set up.
struct ServerCommandTests {
    @Test func aBrokenTokenFileStopsTheServerBeforeItListens() throws {
        let server = try ServerProcess()
        try "tokens:\n  - sha256: the-token-itself\n    agencies: [113307820076354208]\n"
            .write(toFile: server.tokensPath, atomically: true, encoding: .utf8)
        let result = try BuiltProgram.run(
            BuiltProgram.platform, ["serve", "--data", server.dataPath, "--tokens", server.tokensPath, "--port", "0"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("tokens.yaml:2:13: error: [tokens.hash]"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: server.dataPath))
    }

    @Test func aPortInUseIsReportedAsSuch() throws {
        let first = try ServerProcess()
        _ = try first.addToken(name: "office", agencies: ["113307820076354208"])
        try first.start()
        let result = try BuiltProgram.run(
            BuiltProgram.platform,
            ["serve", "--data", first.dataPath, "--tokens", first.tokensPath, "--port", String(first.port)])
        #expect(result.status == 1)
        #expect(result.stderr.contains("[server.listen] cannot serve on 127.0.0.1:\(first.port)"), "\(result.stderr)")
    }
}
