import Foundation
import XchangeCore

/// Short section texts in the register of real reports, varied by the report's own figures.
enum SectionTexts {
    static func preamble(agency: String, year: Int, domain: String) -> TextSection {
        TextSection(text: "本报告中所列数据统计期限为\(year)年1月1日至\(year)年12月31日。本报告电子版可在门户网站（https://\(domain)）下载。")
    }

    static func overview(agency: String, year: Int, random: inout SyntheticRandom) -> TextSection {
        let section = CanonicalSchema.v1.sections.first { $0.key == "overview" }!
        let items = random.int(100...9000)
        let bodies = [
            "全年主动公开政府信息\(items)条。",
            "依法规范办理政府信息公开申请。",
            "落实公开前保密审查制度。\n及时调整公开目录。",
            "优化政府信息公开专栏，全年访问量\(random.int(1...90))万余次。",
            "开展业务培训\(random.int(1...6))次，未发生责任追究事项。",
        ]
        let parts = zip(section.subsections, bodies).map { Subsection(heading: $0.label, key: $0.key, text: $1) }
        return TextSection(text: nil, subsections: parts)
    }

    static func problems(random: inout SyntheticRandom) -> TextSection {
        let section = CanonicalSchema.v1.sections.first { $0.key == "problems_and_improvements" }!
        let problems = random.pick([
            "一是政策解读形式较为单一；二是部分栏目更新不够及时。",
            "依申请公开答复的规范性有待加强。",
        ])
        let improvements = random.pick([
            "将丰富解读形式，加强栏目巡查。",
            "将加强业务培训，规范办理流程。",
        ])
        return TextSection(
            text: nil,
            subsections: [
                Subsection(heading: section.subsections[0].label, key: section.subsections[0].key, text: problems),
                Subsection(heading: section.subsections[1].label, key: section.subsections[1].key, text: improvements),
            ])
    }

    static func otherMatters(year: Int, feeYuan: Int) -> TextSection {
        let fee =
            feeYuan == 0
            ? "依据《政府信息公开信息处理费管理办法》规定，\(year)年度未收取信息处理费。"
            : "依据《政府信息公开信息处理费管理办法》规定，\(year)年度实际收取信息处理费共计\(feeYuan)元。"
        return TextSection(text: fee)
    }

    /// The parts of a pre-2019 narrative report, each headed `一、<official label>`; `hadReviews`:
    /// whether any reconsideration or lawsuit was counted.
    static func legacyParts(agency: String, year: Int, hadReviews: Bool, random: inout SyntheticRandom) -> [Subsection]
    {
        let numerals = ["一", "二", "三", "四", "五", "六", "七", "八"]
        let chosen = [
            "overview", "active_disclosure", "applications", "fees", "review_litigation", "problems_and_improvements",
        ]
        var parts: [Subsection] = []
        for (position, key) in chosen.enumerated() {
            let descriptor = CanonicalSchema.v1.legacySections.first { $0.key == key }!
            let text: String =
                switch key {
                case "overview": "\(year)年，\(agency)认真贯彻落实《中华人民共和国政府信息公开条例》，扎实推进政府信息公开工作。"
                case "active_disclosure": "全年通过政府网站、政务微博、政务微信等渠道主动公开政府信息。"
                case "applications": "严格按照规定程序办理政府信息公开申请，做到依法、及时答复。"
                case "fees": "\(year)年度未收取政府信息公开检索、复制、邮寄等费用。"
                // "None happened" only when the figures say so: the text must not contradict them.
                case "review_litigation":
                    random.chance(0.7) && !hadReviews ? "全年未发生因政府信息公开申请行政复议、提起行政诉讼的情况。" : "全年发生因政府信息公开申请行政复议案件，均已依法办结。"
                default: "主要问题是信息公开的及时性有待提高。下一步将进一步完善工作机制。"
                }
            parts.append(Subsection(heading: numerals[position] + "、" + descriptor.label, key: key, text: text))
        }
        return parts
    }
}
