import Foundation
import GRDB
import XchangeCore

/// Accepted submissions and their receipts, kept durably in SQLite (`DIR/submissions.sqlite`).
///
/// A submission is one row holding the package bytes, the receipt, and the body's digest,
/// written in one transaction: a crash at any moment leaves either the whole submission or
/// none of it, and a restart serves every receipt given before. The package id is the primary
/// key, so concurrent retries of one package store it once (``record(_:)``).
public final class SubmissionStore: Sendable {
    /// What recording a package did.
    public enum Outcome: Sendable, Equatable {
        /// Stored now; the receipt bytes to send back.
        case created(receipt: [UInt8])
        /// The same bytes were stored before under this id; that submission's receipt.
        case alreadyReceived(receipt: [UInt8])
        /// Other bytes were stored before under this id.
        case conflict(storedSHA256: String)
    }

    /// One stored submission, without its package bytes, for listings.
    public struct Summary: Sendable, Hashable {
        /// The manifest's package id.
        public var packageID: String
        /// The receipt's id.
        public var receiptID: String
        /// The sending agency's 统一社会信用代码.
        public var agencyUSCC: String
        /// The report year.
        public var reportYear: Int?
        /// When the package was received.
        public var receivedAt: String
        /// The package size in bytes.
        public var size: Int
        /// The SHA-256 of the package bytes.
        public var packageSHA256: String
    }

    /// A stored receipt's bytes and the agency that sent the package.
    public struct StoredReceipt: Sendable {
        /// The receipt bytes, as sent to the client.
        public var receipt: [UInt8]
        /// The sending agency's 统一社会信用代码.
        public var agencyUSCC: String
    }

    /// A package to store, with its receipt already made.
    public struct NewSubmission: Sendable {
        /// The manifest's package id.
        public var packageID: String
        /// The receipt's id.
        public var receiptID: String
        /// The SHA-256 of the package bytes.
        public var packageSHA256: String
        /// The sending agency's 统一社会信用代码.
        public var agencyUSCC: String
        /// The report year.
        public var reportYear: Int?
        /// The name of the token it came with.
        public var tokenName: String
        /// When the package was received.
        public var receivedAt: String
        /// The package bytes.
        public var package: [UInt8]
        /// The receipt bytes, as sent to the client.
        public var receipt: [UInt8]

        /// Creates a submission record.
        public init(
            packageID: String, receiptID: String, packageSHA256: String, agencyUSCC: String, reportYear: Int?,
            tokenName: String, receivedAt: String, package: [UInt8], receipt: [UInt8]
        ) {
            self.packageID = packageID
            self.receiptID = receiptID
            self.packageSHA256 = packageSHA256
            self.agencyUSCC = agencyUSCC
            self.reportYear = reportYear
            self.tokenName = tokenName
            self.receivedAt = receivedAt
            self.package = package
            self.receipt = receipt
        }
    }

    /// The database's file name in the data folder.
    public static let fileName = "submissions.sqlite"

    private let database: DatabasePool
    /// The database file.
    public let path: String

    /// Opens (creating when needed) the store in `directory`.
    public init(directory: String) throws(Diagnostic) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw Diagnostic.error(
                "store.open", "cannot create the data folder \(directory): \(error.localizedDescription)")
        }
        path = URL(fileURLWithPath: directory).appending(path: Self.fileName).path
        var configuration = Configuration()
        // Several connections may wait briefly for the writer instead of failing.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // In WAL mode NORMAL may lose the last commits on power loss; a receipt promises more.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        do {
            database = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw Diagnostic.error("store.open", "cannot open the submission store \(path): \(error)")
        }
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE submission (
                        package_id TEXT PRIMARY KEY NOT NULL,
                        receipt_id TEXT NOT NULL UNIQUE,
                        package_sha256 TEXT NOT NULL,
                        agency_uscc TEXT NOT NULL,
                        report_year INTEGER,
                        token_name TEXT NOT NULL,
                        received_at TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        receipt BLOB NOT NULL,
                        package BLOB NOT NULL
                    )
                    """)
        }
        return migrator
    }

    /// Stores a package unless its id is taken; decides 201, 200 or 409 in the same transaction
    /// as the insert, so that concurrent retries cannot both store.
    public func record(_ submission: NewSubmission) async throws(Diagnostic) -> Outcome {
        do {
            // The async form waits for the writer without holding a thread of the server.
            return try await database.write { db in
                let existing = try Row.fetchOne(
                    db, sql: "SELECT package_sha256, receipt FROM submission WHERE package_id = ?",
                    arguments: [submission.packageID])
                if let existing {
                    let storedSHA256: String = existing["package_sha256"]
                    guard storedSHA256 == submission.packageSHA256 else { return .conflict(storedSHA256: storedSHA256) }
                    let receipt: Data = existing["receipt"]
                    return .alreadyReceived(receipt: Array(receipt))
                }
                try db.execute(
                    sql: """
                        INSERT INTO submission (package_id, receipt_id, package_sha256, agency_uscc, report_year,
                            token_name, received_at, size, receipt, package)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        submission.packageID, submission.receiptID, submission.packageSHA256, submission.agencyUSCC,
                        submission.reportYear, submission.tokenName, submission.receivedAt, submission.package.count,
                        Data(submission.receipt), Data(submission.package),
                    ])
                return .created(receipt: submission.receipt)
            }
        } catch {
            throw Diagnostic.error("store.write", "cannot store submission \(submission.packageID): \(error)")
        }
    }

    /// The receipt of the submission with this package id and the agency that sent it, if stored.
    public func receipt(packageID: String) async throws(Diagnostic) -> StoredReceipt? {
        do {
            return try await database.read { db in
                let row = try Row.fetchOne(
                    db, sql: "SELECT receipt, agency_uscc FROM submission WHERE package_id = ?", arguments: [packageID])
                return row.map { row in
                    let receipt: Data = row["receipt"]
                    return StoredReceipt(receipt: Array(receipt), agencyUSCC: row["agency_uscc"])
                }
            }
        } catch {
            throw Diagnostic.error("store.read", "cannot read the submission store: \(error)")
        }
    }

    /// Every stored submission, oldest first.
    public func summaries() throws(Diagnostic) -> [Summary] {
        do {
            return try database.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT package_id, receipt_id, agency_uscc, report_year, received_at, size, package_sha256
                        FROM submission ORDER BY rowid
                        """
                ).map { row in
                    Summary(
                        packageID: row["package_id"], receiptID: row["receipt_id"], agencyUSCC: row["agency_uscc"],
                        reportYear: row["report_year"], receivedAt: row["received_at"], size: row["size"],
                        packageSHA256: row["package_sha256"])
                }
            }
        } catch {
            throw Diagnostic.error("store.read", "cannot read the submission store: \(error)")
        }
    }
}
