import ArgumentParser
import XchangeCore
import XchangePlatformServer

/// `xchange-platform serve`
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Receive submission packages over HTTP until stopped (Ctrl-C or SIGTERM).",
        discussion: """
            Prints `xchange-platform listening on http://HOST:PORT` once it accepts connections \
            (with --port 0, on a free port), then one line per request on standard error. Tokens \
            are never logged.

            Examples:
              xchange-platform serve --data platform-data --tokens tokens.yaml
              xchange-platform serve --data platform-data --tokens tokens.yaml --host 0.0.0.0 --port 9000
              xchange-platform serve --data /tmp/rehearsal --tokens tokens.yaml --inject-faults 503,503
            """
    )

    @Option(help: "The folder of the submission store (created when missing).")
    var data: String

    @Option(help: "The token file: SHA-256 hashes of tokens and the agencies each may submit for.")
    var tokens: String

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0: any free port).")
    var port = 8080

    @Option(name: .customLong("max-body"), help: "The largest package accepted, in bytes; larger ones get 413.")
    var maxBody = 32 << 20

    @Option(
        name: .customLong("inject-faults"),
        help: ArgumentHelp(
            "For rehearsal and tests only: faults for the next submissions, in order (503, drop, drop-after-store, delay=SECONDS).",
            valueName: "list"))
    var injectFaults = ""

    func run() async throws {
        guard maxBody > 0 else { throw ValidationError("--max-body must be positive") }
        let server: PlatformServer
        do {
            server = try PlatformServer(
                configuration: .init(
                    dataDirectory: data, tokensPath: tokens, host: host, port: port, maxBodySize: maxBody,
                    faults: injectFaults),
                verifier: PlatformPackageVerifier())
        } catch {
            throw fail(error)
        }
        do {
            try await server.run()
        } catch {
            throw fail(Diagnostic.error("server.listen", "cannot serve on \(host):\(port): \(error)"))
        }
    }
}
