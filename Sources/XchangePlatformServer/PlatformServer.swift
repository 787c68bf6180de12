import Foundation
import Hummingbird
import Logging
import NIOCore
import XchangeCore

/// The reference receiving server: the submission API over a durable store, on one address.
public struct PlatformServer: Sendable {
    /// How the server is set up (`xchange-platform serve`'s options).
    public struct Configuration: Sendable {
        /// Where the submission store lives.
        public var dataDirectory: String
        /// The token file.
        public var tokensPath: String
        /// The address to listen on.
        public var host: String
        /// 0 picks a free port; the listening line says which.
        public var port: Int
        /// The largest package accepted, in bytes.
        public var maxBodySize: Int
        /// Rehearsal faults for the next submissions (`--inject-faults`).
        public var faults: String

        /// Creates a configuration.
        public init(
            dataDirectory: String, tokensPath: String, host: String = "127.0.0.1", port: Int = 8080,
            maxBodySize: Int = 32 << 20, faults: String = ""
        ) {
            self.dataDirectory = dataDirectory
            self.tokensPath = tokensPath
            self.host = host
            self.port = port
            self.maxBodySize = maxBodySize
            self.faults = faults
        }
    }

    let configuration: Configuration
    let api: SubmissionAPI

    /// Opens the store and reads the token file; fails before listening when either is wrong.
    public init(configuration: Configuration, verifier: any SubmissionVerifier) throws(Diagnostic) {
        self.configuration = configuration
        let tokens = try TokenFile(path: configuration.tokensPath)
        let store = try SubmissionStore(directory: configuration.dataDirectory)
        api = SubmissionAPI(
            store: store, tokens: tokens, verifier: verifier, faults: try FaultPlan(parsing: configuration.faults),
            maxBodySize: configuration.maxBodySize)
    }

    /// Serves until SIGINT or SIGTERM. Once listening, prints
    /// `xchange-platform listening on http://HOST:PORT` to standard output.
    public func run() async throws {
        let router = Router(context: PlatformRequestContext.self)
        router.middlewares.add(RequestLogMiddleware())
        api.addRoutes(to: router)
        var logger = Logger(label: "xchange-platform")
        logger.logLevel = .warning
        let host = configuration.host
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: configuration.port), serverName: "xchange-platform"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shown = host.contains(":") ? "[\(host)]" : host
                FileHandle.standardOutput.write(Data("xchange-platform listening on http://\(shown):\(port)\n".utf8))
            },
            logger: logger
        )
        try await app.runService()
    }
}
