import ArgumentParser
import XchangeCore

/// Parses repeated `key=value` options into a dictionary; a malformed or repeated key is a
/// usage error that says which.
enum KeyValueOptions {
    static func parse(_ items: [String], flag: String) throws -> [String: String] {
        var values: [String: String] = [:]
        for item in items {
            guard let equals = item.firstIndex(of: "="), equals != item.startIndex else {
                throw ValidationError("\(flag) takes key=value, not \"\(item)\"")
            }
            let key = String(item[..<equals])
            guard values[key] == nil else { throw ValidationError("\(flag) \(key) is given twice") }
            values[key] = String(item[item.index(after: equals)...])
        }
        return values
    }
}
