import Foundation
import Testing
import XchangeCore
import XchangePlatform

/// The client's checks before anything is sent: where to, with which token, how often.
struct UploadSettingsTests {
    @Test(arguments: [
        "http://127.0.0.1:8080", "http://localhost:8080/api/", "http://[::1]:9000",
        "https://platform.example.gov.cn/api",
    ])
    func secureOrLoopbackEndpointsAreAccepted(_ text: String) throws {
        let endpoint = try UploadEndpoint(text)
        #expect(endpoint.submissions.path.hasSuffix("/submissions"))
        #expect(!endpoint.submissions.absoluteString.contains("//submissions"))
    }

    @Test func plainHTTPToAnotherHostIsRefusedUnlessInsecure() throws {
        #expect(throws: Diagnostic.self) { try UploadEndpoint("http://platform.example.gov.cn") }
        #expect(throws: Diagnostic.self) { try UploadEndpoint("http://10.0.0.5:8080") }
        #expect(throws: Diagnostic.self) { try UploadEndpoint("ftp://platform.example.gov.cn") }
        #expect(throws: Diagnostic.self) { try UploadEndpoint("platform.example.gov.cn") }
        #expect(
            try UploadEndpoint("http://10.0.0.5:8080", allowInsecure: true).submission("abc").absoluteString
                == "http://10.0.0.5:8080/submissions/abc")
    }

    @Test func theTokenComesFromTheFileOrTheEnvironmentAndIsNeverShown() throws {
        let path = FileManager.default.temporaryDirectory.appending(path: "token-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try "xcp_from-file\n".write(toFile: path, atomically: true, encoding: .utf8)
        let fromFile = try UploadCredential(tokenFile: path, environment: ["XCHANGE_TOKEN": "xcp_from-env"])
        #expect("\(fromFile)" == "<token>")
        #expect(String(reflecting: fromFile) == "<token>")
        #expect("\(try UploadCredential(tokenFile: nil, environment: ["XCHANGE_TOKEN": "xcp_from-env"]))" == "<token>")
        for environment in [[:], ["XCHANGE_TOKEN": "  "], ["XCHANGE_TOKEN": "two words"]] {
            do {
                _ = try UploadCredential(tokenFile: nil, environment: environment)
                Issue.record("accepted \(environment)")
            } catch {
                #expect(error.code == "upload.token")
                #expect(!error.message.contains("two words"))
            }
        }
    }

    @Test func backoffGrowsWithJitterAndStaysBounded() {
        let policy = RetryPolicy(retries: 10, initialDelay: 0.5, maximumDelay: 8)
        var generator = SystemRandomNumberGenerator()
        for retry in 1...10 {
            let backoff = min(8, 0.5 * Double(1 << (retry - 1)))
            let delays = (0..<50).map { _ in policy.delay(beforeRetry: retry, using: &generator) }
            #expect(delays.allSatisfy { $0 >= backoff / 2 && $0 <= backoff })
            #expect(Set(delays).count > 1)
        }
    }

    @Test func aReceiptSitsBesideItsPackage() {
        #expect(ReceiptFile.path(forPackage: "out/submission.zip") == "out/submission.receipt.json")
        #expect(ReceiptFile.path(forPackage: "submission.ZIP") == "submission.receipt.json")
        #expect(ReceiptFile.path(forPackage: "/data/pkg") == "/data/pkg.receipt.json")
    }
}
