/// What `xchange convert` was asked to do.
public struct ConversionRequest: Sendable {
    /// Input path, or `-` for standard input.
    public var input: String
    /// Output path, or `-` for standard output.
    public var output: String
    /// Format ids that override the file extensions.
    public var from: String?
    public var to: String?
    /// `--option key=value`: goes to whichever of the two modules declares the key (both if both).
    public var options: [String: String]
    /// `--read-option` / `--write-option`: for one side only.
    public var readOptions: [String: String]
    public var writeOptions: [String: String]

    public init(
        input: String, output: String, from: String? = nil, to: String? = nil,
        options: [String: String] = [:], readOptions: [String: String] = [:], writeOptions: [String: String] = [:]
    ) {
        self.input = input
        self.output = output
        self.from = from
        self.to = to
        self.options = options
        self.readOptions = readOptions
        self.writeOptions = writeOptions
    }
}

/// What a conversion did.
public struct ConversionSummary: Sendable {
    public let reports: Int
    public let reader: String
    public let writer: String
}
