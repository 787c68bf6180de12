import XchangeCore

/// The report a source's reader returned last, while the steps take it in: `validate` asks
/// here where the fields that place a report's findings stand, so that they point at lines as
/// `xchange validate`'s do.
///
/// Only that very report is answered for: a step that holds reports (`sort`, `dedupe`) hands
/// them on after others were read, when the reader no longer has them; their findings are
/// named by the report's number.
public final class ReportBeingRead {
    private var origin: ReportOrigin?
    /// The reader that returned the report, when it is still at it.
    private var reader: (any ReportReader)?
    /// For a small file read ahead: opens it again, to read as far as the report.
    private var reopen: (() throws -> any ReportReader)?
    /// The file opened again, and how many of its reports it has returned.
    private var reopened: (file: String, reader: any ReportReader, reports: Int)?

    public init() {}

    /// `reader` has just returned the report from `origin`.
    func read(_ origin: ReportOrigin, by reader: any ReportReader) {
        self.origin = origin
        self.reader = reader
        reopen = nil
    }

    /// The report from `origin` was read ahead, with its file's other reports; `reopen` opens
    /// the file again. It is opened only for a report whose positions are asked for, and read
    /// on from there for later reports of the same file.
    func readAhead(_ origin: ReportOrigin, reopen: (() throws -> any ReportReader)?) {
        self.origin = origin
        self.reader = nil
        self.reopen = reopen
    }

    /// The reader has gone on, or is gone.
    func clear() {
        origin = nil
        reader = nil
        reopen = nil
        reopened = nil
    }

    /// Where the values of `fields` stand in the report from `origin`, when that is the report
    /// being read and its reader can say; none otherwise (also when finding them fails: the
    /// findings are then named by the report's number).
    public func positions(of fields: FieldSet, for origin: ReportOrigin) -> [FieldID: SourceReference] {
        guard origin == self.origin else { return [:] }
        do {
            if let reader { return try reader.knownPositions(of: fields) }
            guard let reopen else { return [:] }
            if let open = reopened, open.file != origin.file || open.reports > origin.ordinal { reopened = nil }
            var (reader, reports) = try reopened.map { ($0.reader, $0.reports) } ?? (reopen(), 0)
            while reports < origin.ordinal {
                guard try reader.next() != nil else { return [:] }
                reports += 1
            }
            reopened = (origin.file, reader, reports)
            return try reader.knownPositions(of: fields)
        } catch {
            return [:]
        }
    }
}
