import XchangeCore

/// The checks every format module must pass, whatever it is: built in, scaffolded, or an
/// external program seen through its adapter.
///
/// The suite is framework-neutral: ``run()`` returns a ``ConformanceReport`` of findings, which
/// a Swift Testing test records as issues and a plain program prints.
///
/// ```swift
/// @Test func conformance() {
///     let report = ConformanceSuite(CSVFormat()).run()
///     for finding in report.findings { Issue.record("\(finding)") }
/// }
/// ```
///
/// It checks that:
/// - the declaration is well formed: id, extensions, and options declared with their sides, a
///   default that is one of the accepted values (``DeclarationCheck``);
/// - generated reports of every era survive writing and reading back, as far as the module's
///   ``RoundTrip`` contract says (modules that read and write);
/// - every value of every choice option can be used on each side it is declared for;
/// - damaged inputs (empty, truncated, flipped bytes, binary, invalid UTF-8) never crash or hang,
///   and every diagnostic they give says where (file and line);
/// - an empty input, and the output of a writer given no report, are handled as the contract's
///   ``EmptyInput`` documents.
///
/// A module that traps (a failed precondition, such as asking ``FormatOptions`` for an option it
/// does not declare) stops the process running the suite: the crash is the finding.
public struct ConformanceSuite: Sendable {
    /// The module under test.
    public let module: any FormatModule
    /// What the module promises.
    public var contract: ConformanceContract

    /// A suite for `module` under `contract` (by default: lossless round trips of every era, an
    /// empty input yields no report).
    public init(_ module: any FormatModule, contract: ConformanceContract = ConformanceContract()) {
        self.module = module
        self.contract = contract
    }

    /// Runs every check and returns what was found.
    public func run() -> ConformanceReport {
        var findings = DeclarationCheck(module: module).findings()
        var inputsTried = 0
        do {
            let scratch = try ScratchFolder()
            let harness = ModuleHarness(module: module, folder: scratch, timeout: contract.timeoutSeconds)
            let canRoundTrip = module.capabilities.isSuperset(of: [.read, .write])
            var seeds: [(name: String, bytes: [UInt8])] = contract.samples.map { ($0.name, $0.bytes) }
            if canRoundTrip {
                let roundTrips = RoundTripCheck(harness: harness, contract: contract)
                findings += roundTrips.findings()
                seeds += roundTrips.writtenSamples()
            } else if module.capabilities.contains(.write) {
                findings += WriterCheck(harness: harness, contract: contract).findings()
            }
            findings += OptionValuesCheck(harness: harness, contract: contract, seeds: seeds).findings()
            if module.capabilities.contains(.read) {
                let empty = EmptyInputCheck(harness: harness, contract: contract)
                findings += empty.findings()
                let damage = DamagedInputCheck(
                    harness: harness, seeds: seeds, seed: contract.seed, locatesByLine: contract.locatesByLine)
                findings += damage.findings()
                inputsTried = damage.variantCount
                if seeds.isEmpty {
                    findings.append(
                        ConformanceFinding(
                            .damagedInput, "no sample input to damage: give the contract samples the module reads"))
                }
            }
        } catch {
            findings.append(ConformanceFinding(.setup, "could not prepare the run: \(error)"))
        }
        return ConformanceReport(module: module.id, findings: findings, damagedInputsTried: inputsTried)
    }
}
