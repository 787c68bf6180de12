import XchangeCore

/// Converts an input piece by piece on every core (``PieceScheduler``): worker threads each
/// read a piece and encode its reports into bytes, and the calling thread writes the encoded
/// pieces in input order. From a piece that fails on, the input is read again in order and
/// written report by report, so errors keep the ordinary reader's positions and numbering.
enum PieceConversion {
    /// A worker's share: encodes the reports of the pieces it is given.
    private final class Encoding: PieceWork {
        let encoder: any ReportPieceEncoder

        init(_ encoder: any ReportPieceEncoder) { self.encoder = encoder }

        func handle(_ reports: any ReportReader) throws -> any EncodedReports {
            do {
                while let report = try reports.next() { try encoder.encode(report) }
            } catch {
                _ = encoder.take()
                throw error
            }
            return encoder.take()
        }
    }

    /// Converts everything `pieces` yields into `writer` (not finished here) and returns how
    /// many reports were written. Each of `encoders` works on a thread of its own.
    static func run(
        _ pieces: any PieceReading, into writer: any PieceEncodingWriter, encoders: [any ReportPieceEncoder],
        diagnostics: any DiagnosticCollector
    ) throws -> Int {
        try PieceScheduler.run(
            pieces, workers: encoders.map(Encoding.init), diagnostics: diagnostics,
            take: { encoded, _, _ in try writer.appendEncoded(encoded) },
            readRest: { reader, _ in
                // Encoding still overlaps reading, as in any conversion.
                let background = BackgroundWriter(writer, finishesTarget: false)
                var count = 0
                do {
                    while let report = try reader.next() {
                        try background.write(report)
                        count += 1
                    }
                    try background.finish()
                } catch {
                    background.cancel()
                    throw error
                }
                return count
            })
    }
}
