import XchangeCore
import XchangeSynthetic

/// Uses every value of every choice (and the default of every whole-number option) on each side
/// the option is declared for: the module must accept it, or refuse the input with a diagnostic.
struct OptionValuesCheck {
    let harness: ModuleHarness
    let contract: ConformanceContract
    let seeds: [(name: String, bytes: [UInt8])]

    func findings() -> [ConformanceFinding] {
        let module = harness.module
        var found: [String] = []
        // As many reports as the module's files hold (two when it takes several).
        let perFile = contract.roundTrips.first?.reportsPerFile == .one ? 1 : 2
        let reports = Array(ReportGenerator(count: perFile, seed: contract.seed, format: .unified2021))
        for option in module.options {
            let values = option.values.isEmpty ? [option.defaultValue].compactMap { $0 } : option.values
            for value in values where !option.values.isEmpty || option.takesWholeNumber {
                let setting = "\(option.name)=\(value)"
                if option.sides.contains(.write), module.capabilities.contains(.write) {
                    do {
                        _ = try harness.write(
                            reports, to: "option-\(option.name)-\(value).out", options: [option.name: value])
                    } catch let error as Diagnostic {
                        // Refusing is allowed (a one-report layout given two); saying where is not optional.
                        if error.severity != .error {
                            found.append("writing with \(setting) threw a \(error.severity)")
                        }
                    } catch {
                        found.append("writing with \(setting) failed without a diagnostic: \(error)")
                    }
                }
                if option.sides.contains(.read), module.capabilities.contains(.read), let seed = seeds.first {
                    guard let path = try? harness.folder.write("option-input-\(seed.name)", seed.bytes) else {
                        continue
                    }
                    let outcome = harness.read(path, options: [option.name: value])
                    if outcome.timedOut { found.append("reading \(seed.name) with \(setting) did not finish") }
                    if let error = outcome.thrown, !(error is Diagnostic) {
                        found.append("reading \(seed.name) with \(setting) failed without a diagnostic: \(error)")
                    }
                }
            }
        }
        return found.map { ConformanceFinding(.options, $0) }
    }
}
