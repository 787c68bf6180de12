import Foundation
import Testing
import XchangeCore
import XchangeFormats
import XchangeJSON
import XchangePlatform

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The server under concurrent load and against damaged packages, driven by the upload
/// library over real HTTP (the CLI would refuse damaged packages before sending them).
@Suite(.serialized)
struct ServerIntegrityTests {
    func client(_ server: ServerProcess, token: String, retries: Int = 4) throws -> SubmissionClient {
        SubmissionClient(
            endpoint: try UploadEndpoint(server.endpoint),
            credential: try UploadCredential(tokenFile: nil, environment: ["XCHANGE_TOKEN": token]),
            policy: RetryPolicy(retries: retries, initialDelay: 0.1, timeout: 30))
    }

    @Test func twentyConcurrentUploadsAndFiveConcurrentRetriesOfOneStoreTwentyOne() async throws {
        let server = try ServerProcess()
        var packages: [SubmissionPackage.Built] = []
        for seed in 1...21 {
            packages.append(try SubmissionPackage.build(report: SubmissionFixtures.report(seed: UInt64(seed))))
        }
        let agencies = Set(packages.map(\.manifest.sender.agencyUSCC)).sorted()
        let token = try server.addToken(name: "province-office", agencies: agencies)
        try server.start()
        let client = try client(server, token: token)
        let repeated = packages[20]
        let outcomes = await withTaskGroup(of: (String, UploadOutcome).self) { group in
            for built in packages.prefix(20) {
                group.addTask {
                    (built.manifest.packageID, await client.upload(built.bytes, packageID: built.manifest.packageID))
                }
            }
            for _ in 0..<5 {
                group.addTask {
                    (
                        repeated.manifest.packageID,
                        await client.upload(repeated.bytes, packageID: repeated.manifest.packageID)
                    )
                }
            }
            var all: [(String, UploadOutcome)] = []
            for await item in group { all.append(item) }
            return all
        }
        var statuses: [Int] = []
        var repeatedReceipts: Set<String> = []
        for (packageID, outcome) in outcomes {
            guard case .accepted(let receipt, _, let status) = outcome else {
                Issue.record("\(packageID) was not accepted: \(outcome)")
                continue
            }
            #expect(receipt.packageID == packageID)
            if packageID == repeated.manifest.packageID {
                statuses.append(status)
                repeatedReceipts.insert(receipt.receiptID)
            } else {
                #expect(status == 201)
            }
        }
        #expect(statuses.sorted() == [200, 200, 200, 200, 201])
        #expect(repeatedReceipts.count == 1)
        #expect(try server.storedCount() == 21)
    }

    @Test func aServerKilledDuringUploadsKeepsEveryReceiptItGaveAndNoHalfSubmission() async throws {
        let server = try ServerProcess()
        var packages: [SubmissionPackage.Built] = []
        for seed in 30..<50 {
            packages.append(try SubmissionPackage.build(report: SubmissionFixtures.report(seed: UInt64(seed))))
        }
        let token = try server.addToken(
            name: "office", agencies: Set(packages.map(\.manifest.sender.agencyUSCC)).sorted())
        try server.start()
        let once = try client(server, token: token, retries: 0)
        let pid = try #require(server.processIdentifier)
        let killer = Task {
            try await Task.sleep(for: .milliseconds(150))
            kill(pid, SIGKILL)
        }
        let given = await withTaskGroup(of: (String, String?).self) { group in
            for built in packages {
                group.addTask {
                    let outcome = await once.upload(built.bytes, packageID: built.manifest.packageID)
                    guard case .accepted(let receipt, _, _) = outcome else { return (built.manifest.packageID, nil) }
                    return (built.manifest.packageID, receipt.receiptID)
                }
            }
            var receipts: [String: String] = [:]
            for await (packageID, receiptID) in group { receipts[packageID] = receiptID }
            return receipts
        }
        _ = try await killer.value
        server.kill()
        try server.start()
        let stored = try server.storedCount()
        #expect(stored >= given.values.compactMap { $0 }.count)
        // Every receipt given before the crash is still served, unchanged; then every package
        // goes through, each stored once.
        let patient = try client(server, token: token)
        for built in packages {
            let outcome = await patient.upload(built.bytes, packageID: built.manifest.packageID)
            guard case .accepted(let receipt, _, _) = outcome else {
                Issue.record("\(built.manifest.packageID) not accepted after the restart: \(outcome)")
                continue
            }
            if let earlier = given[built.manifest.packageID] ?? nil { #expect(receipt.receiptID == earlier) }
        }
        #expect(try server.storedCount() == packages.count)
    }

    /// A package with report.json replaced by `report`'s JSON, the manifest updated to match,
    /// so that only validation can refuse it.
    func package(_ built: SubmissionPackage.Built, withReport report: Report) throws -> [UInt8] {
        let sink = OutputSink.memory()
        let format = JSONFormat()
        let writer = try format.makeWriter(
            sink, options: .defaults(for: format, side: .write), diagnostics: DiagnosticList())
        try writer.write(report)
        try writer.finish()
        let json = sink.collectedBytes
        var manifest = built.manifest
        let index = try #require(manifest.entries.firstIndex { $0.path == SubmissionPackage.reportPath })
        manifest.entries[index].size = json.count
        manifest.entries[index].sha256 = EntryDigest.sha256(json)
        return try SubmissionFixtures.tampered(built.bytes) { entries in
            for index in entries.indices {
                if entries[index].path == SubmissionPackage.reportPath { entries[index].bytes = json }
                if entries[index].path == SubmissionPackage.manifestPath { entries[index].bytes = manifest.jsonBytes }
            }
        }
    }

    @Test func everyBadPackageIsRefusedWith422AndNothingIsStored() async throws {
        let server = try ServerProcess()
        let report = SubmissionFixtures.report(seed: 3)
        let built = try SubmissionPackage.build(report: report)
        let token = try server.addToken(name: "office", agencies: [built.manifest.sender.agencyUSCC])
        var broken = report
        guard case .integer(let total) = report["applications.new_received.total"] else {
            Issue.record("the generated report has no applications.new_received.total")
            return
        }
        try broken.set("applications.new_received.total", to: .integer(total + 7))
        let cases: [(name: String, bytes: [UInt8], code: String)] = [
            (
                "changed report",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries[1].bytes += Array(" ".utf8)
                }, "package.size"
            ),
            (
                "missing entry",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries.removeAll { $0.path == SubmissionPackage.textPath }
                }, "package.missing-entry"
            ),
            (
                "extra entry",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries.append(SubmissionFixtures.ZipEntry(path: "notes.txt", bytes: Array("extra".utf8)))
                }, "package.extra-entry"
            ),
            (
                "escaping path",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries.append(SubmissionFixtures.ZipEntry(path: "../evil.txt", bytes: Array("x".utf8)))
                }, "package.path-escape"
            ),
            (
                "symbolic link",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries.append(
                        SubmissionFixtures.ZipEntry(path: "link", bytes: Array("/etc/passwd".utf8), type: .symlink))
                }, "package.symlink"
            ),
            (
                "zip bomb",
                try SubmissionFixtures.tampered(built.bytes) { entries in
                    entries.append(
                        SubmissionFixtures.ZipEntry(path: "zeros.txt", bytes: [UInt8](repeating: 0, count: 4 << 20)))
                }, "package.compression-ratio"
            ),
            ("truncated", Array(built.bytes.prefix(built.bytes.count / 2)), "package."),
            ("not a zip", Array("report.json, trust me".utf8), "package."),
            ("report failing a rule", try package(built, withReport: broken), "T3-"),
        ]
        try server.start()
        let client = try client(server, token: token, retries: 0)
        for item in cases {
            let outcome = await client.upload(item.bytes, packageID: built.manifest.packageID)
            guard case .rejected(let receipt, _) = outcome else {
                Issue.record("\(item.name): not rejected: \(outcome)")
                continue
            }
            #expect(receipt.status == .rejected)
            #expect(receipt.findings.contains { $0.code.hasPrefix(item.code) }, "\(item.name): \(receipt.findings)")
        }
        #expect(try server.requests("POST").allSatisfy { $0.contains(" 422 ") })
        #expect(try server.storedCount() == 0)
        // The intact package is still accepted afterwards under the same id.
        guard case .accepted(_, _, 201) = await client.upload(built.bytes, packageID: built.manifest.packageID) else {
            Issue.record("the intact package was not stored")
            return
        }
    }

    /// Sends one raw request; answers the status, a header and the JSON body.
    func send(
        _ method: String, _ url: String, token: String?, key: String?, body: [UInt8]? = nil
    ) async throws -> (status: Int, authenticate: String?, json: JSONValue) {
        var request = URLRequest(url: URL(string: url)!)
        request.httpMethod = method
        if let token { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let key { request.setValue(key, forHTTPHeaderField: "Idempotency-Key") }
        if let body { request.httpBody = Data(body) }
        let (data, response) = try await URLSession(configuration: .ephemeral).data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return (http.statusCode, http.value(forHTTPHeaderField: "WWW-Authenticate"), try parseJSON(Array(data)))
    }

    @Test func malformedRequestsAreAnsweredAsDocumented() async throws {
        let server = try ServerProcess()
        let built = try SubmissionPackage.build(report: SubmissionFixtures.report(seed: 4))
        let token = try server.addToken(name: "office", agencies: [built.manifest.sender.agencyUSCC])
        try server.start()
        let submissions = "\(server.endpoint)/submissions"
        let id = built.manifest.packageID

        let noToken = try await send("POST", submissions, token: nil, key: id, body: built.bytes)
        #expect(noToken.status == 401)
        #expect(noToken.authenticate?.hasPrefix("Bearer") == true)
        #expect(noToken.json["error"]?["code"]?.stringValue == "auth.token-missing")

        let noKey = try await send("POST", submissions, token: token, key: nil, body: built.bytes)
        #expect(noKey.status == 400)
        #expect(noKey.json["error"]?["code"]?.stringValue == "upload.idempotency-key-missing")

        let otherKey = try await send(
            "POST", submissions, token: token, key: UUID().uuidString.lowercased(), body: built.bytes)
        #expect(otherKey.status == 422)
        #expect(otherKey.json["findings"]?.elements?.first?["code"]?.stringValue == "upload.idempotency-key-mismatch")

        let unknown = try await send("GET", "\(submissions)/\(id)", token: token, key: nil)
        #expect(unknown.status == 404)
        #expect(unknown.json["error"]?["code"]?.stringValue == "upload.not-found")
        #expect(try server.storedCount() == 0)

        let stored = try await send("POST", submissions, token: token, key: id, body: built.bytes)
        #expect(stored.status == 201)
        let fetched = try await send("GET", "\(submissions)/\(id)", token: token, key: nil)
        #expect(fetched.status == 200)
        #expect(fetched.json == stored.json)
        // Another agency's token does not learn that the submission exists.
        let otherAgency = try SubmissionPackage.build(report: SubmissionFixtures.report(seed: 2)).manifest.sender
            .agencyUSCC
        try #require(otherAgency != built.manifest.sender.agencyUSCC)
        let stranger = try server.addToken(name: "stranger", agencies: [otherAgency])
        server.stop()
        try server.start()  // tokens are read at start
        #expect(try await send("GET", "\(server.endpoint)/submissions/\(id)", token: stranger, key: nil).status == 404)
        #expect(try await send("GET", "\(server.endpoint)/submissions/\(id)", token: token, key: nil).status == 200)
    }
}
