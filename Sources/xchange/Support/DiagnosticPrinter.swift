import ArgumentParser
import Foundation
import XchangeCore
import XchangeJSON

/// Prints diagnostics to standard error as they come, one line each.
final class DiagnosticPrinter: DiagnosticCollector, @unchecked Sendable {
    private let lock = NSLock()
    private(set) var errors = 0
    private(set) var warnings = 0

    func report(_ diagnostic: Diagnostic) {
        lock.lock()
        defer { lock.unlock() }
        switch diagnostic.severity {
        case .error: errors += 1
        case .warning: warnings += 1
        case .note: break
        }
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
