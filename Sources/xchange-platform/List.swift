import ArgumentParser
import Foundation
import XchangeCore
import XchangePlatformServer

/// `xchange-platform list`
struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the stored submissions, oldest first.",
        discussion: """
            One line per accepted package: package id, receipt id, agency, report year, time \
            received, size and SHA-256. It can run while the server runs.

            Examples:
              xchange-platform list --data platform-data
              xchange-platform list --data platform-data --count
            """
    )

    @Option(help: "The folder of the submission store.")
    var data: String

    @Flag(help: "Print only the number of stored submissions.")
    var count = false

    func run() throws {
        guard FileManager.default.fileExists(atPath: data + "/" + SubmissionStore.fileName) else {
            throw fail(
                Diagnostic.error("store.missing", "\(data) holds no submission store (\(SubmissionStore.fileName))"))
        }
        do {
            let summaries = try SubmissionStore(directory: data).summaries()
            if count {
                print(summaries.count)
                return
            }
            for item in summaries {
                let year = item.reportYear.map(String.init) ?? "-"
                print(
                    "\(item.packageID) \(item.receiptID) \(item.agencyUSCC) \(year) \(item.receivedAt) "
                        + "\(item.size) \(item.packageSHA256)")
            }
        } catch {
            throw fail(error)
        }
    }
}
