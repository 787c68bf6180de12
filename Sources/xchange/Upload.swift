import ArgumentParser
import Foundation
import XchangeCore
import XchangePlatform

/// `xchange upload PACKAGE... --endpoint URL`
struct Upload: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Deliver submission packages to the provincial platform and keep its receipts.",
        discussion: """
            Each package is sent as POST {endpoint}/submissions with its manifest's package_id \
            as Idempotency-Key, so retrying can never store a package twice. Network errors, \
            timeouts and 5xx answers are retried with exponential backoff and jitter; 4xx \
            answers are final. The receipt is saved beside the package (submission.zip → \
            submission.receipt.json, written atomically). A folder stands for the .zip files in it.

            The token comes from XCHANGE_TOKEN or --token-file FILE (never an argument) and is \
            never printed. http:// is refused except to this machine (a rehearsal server) unless \
            --insecure is given.

            Prints one line per package and a summary; exits with status 1 unless every \
            package was accepted.

            Examples:
              export XCHANGE_TOKEN=…   # or: --token-file ~/.config/xchange/token
              xchange upload submission.zip --endpoint https://platform.example.gov.cn/api
              xchange upload out/*.zip --endpoint http://127.0.0.1:8080 --retries 6 --timeout 20
              xchange upload --status submission.zip --endpoint http://127.0.0.1:8080
            """
    )

    @Argument(help: "Package files (.zip), or folders of them.")
    var packages: [String]

    @Option(help: "The platform's base URL; packages go to ENDPOINT/submissions.")
    var endpoint: String

    @Option(
        name: .customLong("token-file"),
        help: ArgumentHelp("A file holding the token (else XCHANGE_TOKEN).", valueName: "file"))
    var tokenFile: String?

    @Option(help: "Retries after a network error, timeout or 5xx answer.")
    var retries = 4

    @Option(help: "Seconds one attempt may take.")
    var timeout: Double = 30

    @Option(name: .customLong("max-time"), help: "Seconds all attempts for one package may take, waits included.")
    var maxTime: Double = 300

    @Flag(help: "Allow http:// to hosts other than this machine (test networks only).")
    var insecure = false

    @Flag(help: "Ask the platform for each package's receipt instead of uploading it.")
    var status = false

    func validate() throws {
        guard retries >= 0 else { throw ValidationError("--retries must be 0 or more") }
        guard timeout > 0, maxTime >= timeout else {
            throw ValidationError("--timeout must be positive and --max-time at least --timeout")
        }
    }

    func run() async throws {
        let client: SubmissionClient
        let paths: [String]
        do {
            client = SubmissionClient(
                endpoint: try UploadEndpoint(endpoint, allowInsecure: insecure),
                credential: try UploadCredential(
                    tokenFile: tokenFile, environment: ProcessInfo.processInfo.environment),
                policy: RetryPolicy(retries: retries, timeout: timeout, totalTime: maxTime))
            paths = try PackageFiles.expand(packages)
        } catch {
            StandardError.write(error.description)
            throw ExitCode.failure
        }
        var tally = UploadTally()
        for path in paths {
            let outcome = await deliver(path, with: client)
            tally.count(outcome)
            report(outcome, for: path)
        }
        if paths.count > 1 || tally.failed + tally.rejected > 0 {
            print(tally.summary)
        }
        if !tally.allAccepted { throw ExitCode.failure }
    }

    /// Uploads (or asks about) one package and saves the receipt the platform gave.
    private func deliver(_ path: String, with client: SubmissionClient) async -> UploadOutcome {
        let package: UploadPackage
        do {
            package = try UploadPackage(path: path)
        } catch {
            return .failed(error)
        }
        let onRetry: @Sendable (SubmissionClient.RetryEvent) -> Void = { event in
            StandardError.write(
                "\(path): attempt \(event.attempt) failed (\(event.reason)); retrying in \(String(format: "%.1f", event.delay)) s"
            )
        }
        let outcome =
            status
            ? await client.status(packageID: package.packageID, onRetry: onRetry)
            : await client.upload(package.bytes, packageID: package.packageID, onRetry: onRetry)
        guard let body = outcome.receiptBody else { return outcome }
        do {
            _ = try ReceiptFile.save(body, forPackage: path)
        } catch {
            return .failed(
                Diagnostic.error(error.code, "the platform gave a receipt, but it could not be saved: \(error.message)")
            )
        }
        return outcome
    }

    private func report(_ outcome: UploadOutcome, for path: String) {
        switch outcome {
        case .accepted(let receipt, _, let httpStatus):
            let how = status ? "accepted (on record)" : httpStatus == 201 ? "accepted" : "accepted (received before)"
            print("\(path): \(how), receipt \(receipt.receiptID) → \(ReceiptFile.path(forPackage: path))")
            for finding in receipt.findings { print("  \(finding.description)") }
        case .rejected(let receipt, _):
            print("\(path): rejected, receipt \(receipt.receiptID) → \(ReceiptFile.path(forPackage: path))")
            for finding in receipt.findings { print("  \(finding.description)") }
        case .failed(let diagnostic):
            print("\(path): failed: [\(diagnostic.code)] \(diagnostic.message)")
        }
    }
}

/// Counts of accepted, rejected and failed packages for the closing summary.
struct UploadTally {
    var accepted = 0
    var rejected = 0
    var failed = 0

    mutating func count(_ outcome: UploadOutcome) {
        switch outcome {
        case .accepted: accepted += 1
        case .rejected: rejected += 1
        case .failed: failed += 1
        }
    }

    var allAccepted: Bool { rejected == 0 && failed == 0 }

    var summary: String {
        let total = accepted + rejected + failed
        return "\(total) package\(total == 1 ? "" : "s"): \(accepted) accepted, \(rejected) rejected, \(failed) failed"
    }
}
