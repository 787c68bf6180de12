/// Bounds a package must keep to be read: they stop a ZIP bomb or an oversized upload before
/// it is inflated into memory.
public struct PackageLimits: Hashable, Sendable {
    /// The largest package file, in bytes.
    public var maxPackageSize: Int
    /// The largest uncompressed entry, in bytes.
    public var maxEntrySize: Int
    /// The largest sum of uncompressed entry sizes, in bytes.
    public var maxTotalSize: Int
    /// The most entries a package may list in its ZIP directory.
    public var maxEntries: Int
    /// The largest uncompressed-to-compressed ratio of an entry of at least
    /// ``ratioCheckedFrom`` bytes; report text compresses about 5 to 15 times.
    public var maxCompressionRatio: Int
    /// Entries smaller than this are not held to ``maxCompressionRatio``.
    public var ratioCheckedFrom: Int

    /// Limits; each defaults to that of ``default``.
    public init(
        maxPackageSize: Int = 64 << 20, maxEntrySize: Int = 32 << 20, maxTotalSize: Int = 64 << 20,
        maxEntries: Int = 16,
        maxCompressionRatio: Int = 100, ratioCheckedFrom: Int = 64 << 10
    ) {
        self.maxPackageSize = maxPackageSize
        self.maxEntrySize = maxEntrySize
        self.maxTotalSize = maxTotalSize
        self.maxEntries = maxEntries
        self.maxCompressionRatio = maxCompressionRatio
        self.ratioCheckedFrom = ratioCheckedFrom
    }

    /// 64 MiB packages, 32 MiB entries, 64 MiB in all, 16 entries, ratio 100 from 64 KiB.
    public static let `default` = PackageLimits()
}
