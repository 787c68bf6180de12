import ArgumentParser
import Foundation
import XchangeCore
import XchangeJSON

/// Prints diagnostics to standard error as they come, one line each.
final class DiagnosticPrinter: DiagnosticCollector, @unchecked Sendable {
    /// Keeps lines whole when readers report from more than one thread.
    private let lock = NSLock()
    /// Which diagnostics are printed; the others are passed over.
    private let shows: @Sendable (Diagnostic) -> Bool

    /// A printer of the diagnostics `shows` accepts (all by default).
    init(showing shows: @escaping @Sendable (Diagnostic) -> Bool = { _ in true }) {
        self.shows = shows
    }

    func report(_ diagnostic: Diagnostic) {
        guard shows(diagnostic) else { return }
        lock.lock()
        defer { lock.unlock() }
        StandardError.write(diagnostic.description)
    }
}

/// Writes lines to standard error.
enum StandardError {
    static func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}

/// Runs a command body, printing any diagnostic it throws and turning it into exit status 1.
enum CommandFailure {
    static func run(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let diagnostic as Diagnostic {
            StandardError.write(diagnostic.description)
            throw ExitCode.failure
        }
    }
}
