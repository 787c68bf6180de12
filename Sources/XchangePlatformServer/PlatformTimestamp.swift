import Foundation

/// Times as the platform writes them: ISO 8601 to the second, in China Standard Time
/// (`2026-11-28T00:49:48+08:00`), as the package manifest's `created_at` is.
enum PlatformTimestamp {
    static func now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: Date())
    }
}
