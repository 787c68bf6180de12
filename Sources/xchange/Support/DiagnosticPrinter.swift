import ArgumentParser
import Foundation
import XchangeCore
import XchangeJSON

/// Prints diagnostics to standard error as they come, one line each.
final class DiagnosticPrinter: DiagnosticCollector, @unchecked Sendable {
    /// Keeps lines whole when readers report from more than one thread.
    private let lock = NSLock()

    func report(_ diagnostic: Diagnostic) {
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
