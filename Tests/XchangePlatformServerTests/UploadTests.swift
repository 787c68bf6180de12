import Foundation
import Testing
import XchangeJSON
import XchangePlatform

/// `xchange upload` against the real `xchange-platform serve` on a loopback port: real
/// processes, real packages in temporary folders, real HTTP.
@Suite(.serialized)
struct UploadTests {
    let server: ServerProcess
    let token: String
    /// The package of report seed 1, and the agency it is from.
    let packagePath: String
    let manifest: Manifest

    init() throws {
        server = try ServerProcess()
        manifest = try SubmissionFixtures.write(seed: 1, to: server.folder, name: "submission.zip")
        packagePath = server.folder.appending(path: "submission.zip").path
        token = try server.addToken(name: "office", agencies: [manifest.sender.agencyUSCC])
    }

    /// Runs `xchange upload` with the token in XCHANGE_TOKEN.
    func upload(_ arguments: [String], token: String? = nil) throws -> BuiltProgram.Result {
        try BuiltProgram.run(
            BuiltProgram.xchange, ["upload"] + arguments + ["--endpoint", server.endpoint],
            environment: ["XCHANGE_TOKEN": token ?? self.token])
    }

    func receipt(at path: String) throws -> SubmissionReceipt {
        try SubmissionReceipt(json: parseJSON(Array(try Data(contentsOf: URL(fileURLWithPath: path)))))
    }

    var receiptPath: String { ReceiptFile.path(forPackage: packagePath) }

    @Test func aPackageIsStoredOnceAndSendingItAgainGivesTheSameReceipt() throws {
        try server.start()
        let first = try upload([packagePath])
        #expect(first.status == 0, "\(first.stdout)\(first.stderr)")
        #expect(first.stdout.contains("submission.zip: accepted, receipt"))
        let saved = try receipt(at: receiptPath)
        #expect(saved.status == .accepted)
        #expect(saved.packageID == manifest.packageID)
        #expect(saved.agencyUSCC == manifest.sender.agencyUSCC)
        let packageBytes = try Data(contentsOf: URL(fileURLWithPath: packagePath))
        #expect(saved.packageSHA256 == EntryDigest.sha256(packageBytes))

        let second = try upload([packagePath])
        #expect(second.status == 0)
        #expect(second.stdout.contains("accepted (received before)"))
        #expect(try receipt(at: receiptPath).receiptID == saved.receiptID)
        #expect(try server.storedCount() == 1)
        #expect(try server.requests("POST").count == 2)
        #expect(try server.requests("POST").allSatisfy { $0.contains("key=\(manifest.packageID)") })
        // The token is nowhere: not in the client's output, the server's log, or the receipt.
        let log = try String(contentsOfFile: server.logPath, encoding: .utf8)
        for text in [first.stdout, first.stderr, second.stdout, second.stderr, log] {
            #expect(!text.contains(token))
        }
    }

    @Test func anotherBodyUnderTheSameIdIsAConflictAndNotStored() throws {
        try server.start()
        #expect(try upload([packagePath]).status == 0)
        let other = server.folder.appending(path: "other.zip")
        try Data(SubmissionFixtures.rezipped(Array(try Data(contentsOf: URL(fileURLWithPath: packagePath))))).write(
            to: other)
        let result = try upload([other.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.conflict]"), "\(result.stdout)")
        #expect(result.stdout.contains("0 accepted, 0 rejected, 1 failed"))
        #expect(!FileManager.default.fileExists(atPath: ReceiptFile.path(forPackage: other.path)))
        #expect(try server.storedCount() == 1)
    }

    @Test func aWrongTokenIsRefusedOnceAndNeverRetriedOrShown() throws {
        try server.start()
        let wrong = "xcp_not-a-token-this-platform-knows"
        let result = try upload([packagePath, "--retries", "5"], token: wrong)
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.unauthorized]"), "\(result.stdout)")
        #expect(try server.requests("POST").count == 1)
        #expect(!FileManager.default.fileExists(atPath: receiptPath))
        let log = try String(contentsOfFile: server.logPath, encoding: .utf8)
        for text in [result.stdout, result.stderr, log] { #expect(!text.contains(wrong)) }
        #expect(try server.storedCount() == 0)
    }

    @Test func aTokenMayNotSubmitForAnotherAgency() throws {
        let otherAgency = try SubmissionFixtures.write(seed: 2, to: server.folder, name: "other-agency.zip")
        try #require(otherAgency.sender.agencyUSCC != manifest.sender.agencyUSCC)
        try server.start()
        let result = try upload([server.folder.appending(path: "other-agency.zip").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.forbidden]"), "\(result.stdout)")
        #expect(try server.requests("POST").count == 1)
        #expect(try server.storedCount() == 0)
    }

    @Test func twoServiceUnavailableAnswersAreRetriedAndTheThirdAttemptStores() throws {
        try server.start(faults: "503,503")
        let result = try upload([packagePath])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("attempt 2 failed"))
        #expect(try server.requests("POST").count == 3)
        #expect(try server.storedCount() == 1)
        #expect(try receipt(at: receiptPath).status == .accepted)
    }

    @Test func droppedConnectionsAreRetriedAndAStoredButUnansweredPackageIsNotStoredTwice() throws {
        // The first attempt is cut before anything is stored; the second after the package
        // was stored but before the answer: the third learns it was received.
        try server.start(faults: "drop,drop-after-store")
        let result = try upload([packagePath])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("accepted (received before)"))
        #expect(try server.requests("POST").count == 3)
        #expect(try server.storedCount() == 1)
        #expect(try receipt(at: receiptPath).packageID == manifest.packageID)
    }

    @Test func anAttemptThatTakesTooLongTimesOutAndIsRetried() throws {
        try server.start(faults: "delay=4")
        let result = try upload([packagePath, "--timeout", "1"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stderr.contains("attempt 1 failed (no answer within the time limit)"))
        #expect(try server.storedCount() == 1)
    }

    @Test func aPackageOverTheSizeLimitIsRefusedWithoutRetrying() throws {
        try server.start(maxBody: 1000)
        let result = try upload([packagePath])
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.too-large]"), "\(result.stdout)")
        #expect(try server.requests("POST").count == 1)
        #expect(try server.storedCount() == 0)
    }

    @Test func theReceiptSurvivesAServerKilledAndRestarted() throws {
        try server.start()
        #expect(try upload([packagePath]).status == 0)
        let given = try receipt(at: receiptPath)
        try FileManager.default.removeItem(atPath: receiptPath)
        server.kill()
        try server.start()
        let result = try upload(["--status", packagePath])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try receipt(at: receiptPath) == given)
        #expect(try server.requests("GET").count == 1)
        #expect(try server.storedCount() == 1)
    }

    @Test func statusOfAPackageThePlatformNeverReceivedFails() throws {
        try server.start()
        let result = try upload(["--status", packagePath])
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.not-found]"), "\(result.stdout)")
        #expect(!FileManager.default.fileExists(atPath: receiptPath))
    }

    @Test func aFolderOfPackagesIsUploadedWithASummary() throws {
        let folder = server.folder.appending(path: "out")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try SubmissionFixtures.write(seed: 1, to: folder, name: "a.zip")
        try SubmissionFixtures.write(seed: 2, to: folder, name: "b.zip")  // another agency: 403
        try Data("not a zip".utf8).write(to: folder.appending(path: "c.zip"))
        try server.start()
        let result = try upload([folder.path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("3 packages: 1 accepted, 0 rejected, 2 failed"), "\(result.stdout)")
        #expect(FileManager.default.fileExists(atPath: folder.appending(path: "a.receipt.json").path))
        // The damaged file was refused before sending: only two requests reached the server.
        #expect(try server.requests("POST").count == 2)
    }

    @Test func nothingIsSentWithoutATokenOrOverPlainHTTPToAnotherHost() throws {
        let noToken = try BuiltProgram.run(
            BuiltProgram.xchange, ["upload", packagePath, "--endpoint", "http://127.0.0.1:9"])
        #expect(noToken.status == 1)
        #expect(noToken.stderr.contains("[upload.token] no token: set XCHANGE_TOKEN or give --token-file FILE"))
        let insecure = try BuiltProgram.run(
            BuiltProgram.xchange, ["upload", packagePath, "--endpoint", "http://platform.example.gov.cn"],
            environment: ["XCHANGE_TOKEN": token])
        #expect(insecure.status == 1)
        #expect(insecure.stderr.contains("[upload.insecure]"))
        #expect(!insecure.stderr.contains(token) && !insecure.stdout.contains(token))
        #expect(!FileManager.default.fileExists(atPath: receiptPath))
    }

    @Test func withoutLibcurlNothingIsSentOrRetried() throws {
        try server.start()
        let result = try BuiltProgram.run(
            BuiltProgram.xchange, ["upload", packagePath, "--endpoint", server.endpoint, "--retries", "3"],
            environment: ["XCHANGE_TOKEN": token, "XCHANGE_LIBCURL": server.folder.appending(path: "none.so").path])
        #expect(result.status == 1)
        #expect(result.stdout.contains("failed: [upload.network] cannot send: the libcurl XCHANGE_LIBCURL names"))
        #expect(result.stdout.contains("none.so"), "the message names the file: \(result.stdout)")
        #expect(!result.stderr.contains("attempt 1 failed"), "\(result.stderr)")
        #expect(try server.requests("POST").isEmpty)
        #expect(!FileManager.default.fileExists(atPath: receiptPath))
    }

    @Test func theTokenFileOptionIsReadInsteadOfTheEnvironment() throws {
        try server.start()
        let tokenFile = server.folder.appending(path: "token").path
        try (token + "\n").write(toFile: tokenFile, atomically: true, encoding: .utf8)
        let result = try BuiltProgram.run(
            BuiltProgram.xchange, ["upload", packagePath, "--endpoint", server.endpoint, "--token-file", tokenFile])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try server.storedCount() == 1)
    }
}
