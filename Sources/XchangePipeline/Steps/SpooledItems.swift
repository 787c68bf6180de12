import XchangeCore
import XchangeFormats

/// Pipeline items kept in a temporary file (a ``ReportSpool``), in order, each with its origin
/// and a number of the step's own: for steps that collect more reports than memory should
/// hold. A failure to keep or read back the items fails the step as a whole
/// (``StepFailure``): it holds many reports, not only the one in hand.
final class SpooledItems {
    private let spool: ReportSpool
    private let files: OriginFiles

    /// An empty file of items; `files` numbers the origins' files, shared by every spool of
    /// the step.
    init(files: OriginFiles) throws {
        self.files = files
        spool = try Self.failingTheStep { try ReportSpool() }
    }

    /// Adds an item, and a number of the step's own, after those added before.
    func append(_ item: PipelineItem, number: Int = 0) throws {
        try Self.failingTheStep {
            try spool.append(item.report, marks: [files.number(of: item.origin.file), item.origin.ordinal, number])
        }
    }

    /// The next item and its number, in the order they were added; nil after the last.
    func next() throws -> (item: PipelineItem, number: Int)? {
        guard let (report, marks) = try Self.failingTheStep({ try spool.next() }), marks.count == 3 else {
            return nil
        }
        return (
            PipelineItem(report: report, origin: ReportOrigin(file: files.file(marks[0]), ordinal: marks[1])), marks[2]
        )
    }

    /// The run names the step in the error.
    private static func failingTheStep<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let problem as Diagnostic {
            throw StepFailure(problem)
        }
    }
}

/// The source files of the items a step keeps on disk, by number.
final class OriginFiles {
    private var files: [String] = []
    private var numbers: [String: Int] = [:]

    func number(of file: String) -> Int {
        if let number = numbers[file] { return number }
        files.append(file)
        numbers[file] = files.count - 1
        return files.count - 1
    }

    func file(_ number: Int) -> String { files.indices.contains(number) ? files[number] : "" }
}
