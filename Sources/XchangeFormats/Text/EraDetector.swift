import XchangeCore

/// Decides which template a report follows: the 2021 national format, the 2019 trial format,
/// or a pre-2019 narrative report.
///
/// The report year decides first (the formats apply by year); the tables' own headings decide
/// when the year is unknown or contradicts them (a 2020 report already in the 2021 layout).
enum EraDetector {
    /// Column headings and rows only the 2021 format prints.
    static let unifiedMarkers = ["本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", "本年收费金额", "逾期不补正", "逾期未按收费通知"]
    /// Column headings only the 2019 trial format prints.
    static let trialMarkers = ["本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "采购项目数量", "采购总金额"]
    /// Headings both formats' tables print.
    static let tableMarkers = ["第二十条第", "本年新收政府信息公开申请数量", "申请人情况", "结果维持", "尚未审结", "本年度办理结果"]

    static func detect(_ normalized: NormalizedText, year: Int?, unifiedHeadings: Int) -> FormatVersion {
        let found = present(in: normalized)
        // The markers are listed unified, trial, tables (``markers``): counted by place.
        func count(from start: Int, _ markers: [String]) -> Int {
            found[start..<start + markers.count].filter { $0 }.count
        }
        let unified = count(from: 0, unifiedMarkers)
        let trial = count(from: unifiedMarkers.count, trialMarkers)
        let tables = count(from: unifiedMarkers.count + trialMarkers.count, tableMarkers) + unified + trial
        if let year, year <= 2018 { return .legacyPre2019 }
        // From report year 2021 the national format is mandatory, whatever part of it a text shows.
        if let year, year >= 2021 { return .unified2021 }
        // Narrative reports share some headings with the national format ("二、主动公开政府信息情况"):
        // without tables only a year of the new formats makes headings decisive.
        guard tables > 0 || (year != nil && unifiedHeadings >= 3) else { return .legacyPre2019 }
        if year != nil { return unified > trial ? .unified2021 : .trial2019 }
        return trial > unified ? .trial2019 : .unified2021
    }

    private static let markers: [[Unicode.Scalar]] = (unifiedMarkers + trialMarkers + tableMarkers).map {
        Array($0.unicodeScalars)
    }
    /// The first scalars of the markers: where a marker can start.
    private static let firstScalars = ScalarBitmap(markers.compactMap(\.first))

    /// Whether the text holds each marker, in the order of ``markers``, found in one pass over it.
    private static func present(in normalized: NormalizedText) -> [Bool] {
        // The tables are fetched once: read in the loop, each global is a call to its once-only
        // initialisation check.
        let markers = Self.markers
        let firstScalars = Self.firstScalars
        var found = [Bool](repeating: false, count: markers.count)
        var remaining = markers.count
        normalized.scalars.withUnsafeBufferPointer { scalars in
            var index = 0
            while remaining > 0, let start = firstScalars.firstIndex(in: scalars, index..<scalars.count) {
                // Most starts are a common character (本, 第, 上) that begins one or two markers.
                let first = scalars[start]
                for (marker, pattern) in markers.enumerated()
                where pattern[0] == first && !found[marker] && normalized.matches(pattern, at: start) {
                    found[marker] = true
                    remaining -= 1
                }
                index = start + 1
            }
        }
        return found
    }
}
