import XchangeCore

/// What a module promises the conformance suite: how far its round trips are lossless, how it
/// treats an empty input, and inputs it must read.
public struct ConformanceContract: Sendable {
    /// The round trips the module keeps (modules that read and write). Each is run over
    /// generated reports of its eras.
    public var roundTrips: [RoundTrip]
    /// What reading an empty input gives.
    public var emptyInput: EmptyInput
    /// Inputs the module must read without error. Required for modules that only read (the
    /// damaged inputs are made from them); for the others they are damaged too.
    public var samples: [Sample]
    /// Generated reports per era in each round trip.
    public var reportsPerEra: Int
    /// The generator's seed; the same seed gives the same reports and the same damage.
    public var seed: UInt64
    /// How long one read or write may take before it counts as a hang.
    public var timeoutSeconds: Double
    /// Whether a diagnostic about damaged input names a line. True for text formats; false for
    /// binary ones (a ZIP package), whose diagnostics name the file and, where there is one, the
    /// entry instead.
    public var locatesByLine: Bool

    public init(
        roundTrips: [RoundTrip] = [.lossless], emptyInput: EmptyInput = .noReports, samples: [Sample] = [],
        reportsPerEra: Int = 6, seed: UInt64 = 1, timeoutSeconds: Double = 60, locatesByLine: Bool = true
    ) {
        self.roundTrips = roundTrips
        self.emptyInput = emptyInput
        self.samples = samples
        self.reportsPerEra = reportsPerEra
        self.seed = seed
        self.timeoutSeconds = timeoutSeconds
        self.locatesByLine = locatesByLine
    }
}

/// How a reader treats an input of zero bytes, as its module documents it.
public enum EmptyInput: Sendable, Equatable {
    /// The input holds no report: the reader ends at once, without an error.
    case noReports
    /// The input is refused with an error of this code (`input.empty`) that names the file.
    case refused(code: String)
}

/// An input a module must read: its bytes and the file name it is read under (the extension can
/// matter).
public struct Sample: Sendable {
    public var name: String
    public var bytes: [UInt8]

    public init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }
}
