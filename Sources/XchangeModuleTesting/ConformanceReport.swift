/// One way a module falls short of the suite.
public struct ConformanceFinding: Sendable, Hashable, CustomStringConvertible {
    /// The part of the suite that found it.
    public enum Check: String, Sendable, Hashable {
        case setup
        case declaration
        case roundTrip = "round-trip"
        case options
        case emptyInput = "empty-input"
        case damagedInput = "damaged-input"
        case writer
    }

    public let check: Check
    /// What is wrong, naming the input, option or field concerned.
    public let message: String

    public init(_ check: Check, _ message: String) {
        self.check = check
        self.message = message
    }

    /// `[check] message`
    public var description: String { "[\(check.rawValue)] \(message)" }
}

/// What one run of the suite found.
public struct ConformanceReport: Sendable, CustomStringConvertible {
    /// The id of the module checked.
    public let module: String
    /// Everything found, in the order of the checks; empty when the module conforms.
    public let findings: [ConformanceFinding]
    /// How many damaged inputs were read.
    public let damagedInputsTried: Int

    /// Whether nothing was found.
    public var passed: Bool { findings.isEmpty }

    /// A summary line, then one line per finding.
    public var description: String {
        let head =
            "\(module): " + (passed ? "conforms" : "\(findings.count) finding(s)")
            + " (\(damagedInputsTried) damaged inputs)"
        return ([head] + findings.map { "  \($0)" }).joined(separator: "\n")
    }
}
