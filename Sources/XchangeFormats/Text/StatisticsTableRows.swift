import XchangeCore

/// A row of the statistics table (政府信息公开情况统计表) that pre-2019 reports append.
struct StatisticsRow: Sendable {
    /// The row label as the national table prints it, numbering left off.
    let label: String
    /// Other wordings of the same row (the 2008–2013 local forms, abbreviations).
    let variants: [String]
    /// The `legacy.*` field its 本年 value fills, when it has one.
    let key: String?
    /// The row this one is a part of (`其中：1.政府网站公开数` of `主动公开政府信息数`).
    let parent: Int?
}

/// The rows of the national statistics table (国办发〔2014〕32号) and of its 2008–2013
/// predecessors (e.g. 莆田市 2009: 主动公开信息数 / 受理依申请公开信息总数 / 对申请的答复数 …).
enum StatisticsTableRows {
    static let rows: [StatisticsRow] = build([
        ("主动公开政府信息数", ["主动公开信息数", "主动公开政府信息总数", "主动公开信息总数"], "legacy.active.total", nil),
        ("政府网站公开政府信息数", ["政府网站公开数", "网站公开数", "网站公开"], "legacy.active.by_channel.gov_website", "主动公开政府信息数"),
        ("政府公报公开政府信息数", ["政府公报公开数", "政府公报公开", "公报公开数", "公报公开"], "legacy.active.by_channel.gov_gazette", "主动公开政府信息数"),
        ("政务微博公开政府信息数", ["政务微博公开数", "政务微博公开"], "legacy.active.by_channel.gov_weibo", "主动公开政府信息数"),
        ("政务微信公开政府信息数", ["政务微信公开数", "政务微信公开"], "legacy.active.by_channel.gov_wechat", "主动公开政府信息数"),
        ("其他方式公开政府信息数", ["其他方式公开数", "其他方式公开"], "legacy.active.by_channel.other", "主动公开政府信息数"),
        ("主动公开规范性文件数", [], "legacy.active.normative_documents", "主动公开政府信息数"),
        ("制发规范性文件总数", ["制发规范性文件数"], nil, nil),
        ("回应公众关注热点或重大舆情数", [], nil, nil),
        ("参加或举办新闻发布会总次数", ["参加或举办新闻发布会次数"], nil, nil),
        ("主要负责同志参加新闻发布会次数", [], nil, "参加或举办新闻发布会总次数"),
        ("政府网站在线访谈次数", [], nil, nil),
        ("主要负责同志参加政府网站在线访谈次数", [], nil, "政府网站在线访谈次数"),
        ("政策解读稿件发布数", [], nil, nil),
        ("微博微信回应事件数", [], nil, nil),
        ("其他方式回应事件数", [], nil, nil),
        (
            "收到申请数", ["受理依申请公开信息总数", "受理依申请公开申请总数", "受理申请总数", "收到申请总数", "依申请公开信息总数"],
            "legacy.applications.received", nil
        ),
        ("当面申请数", [], "legacy.applications.by_channel.in_person", "收到申请数"),
        ("传真申请数", [], "legacy.applications.by_channel.fax", "收到申请数"),
        ("电子邮件申请数", [], "legacy.applications.by_channel.email", "收到申请数"),
        ("网络申请数", ["网上申请数"], "legacy.applications.by_channel.online", "收到申请数"),
        ("信函申请数", [], "legacy.applications.by_channel.letter", "收到申请数"),
        ("其他形式申请数", ["其它形式申请数"], "legacy.applications.by_channel.other", "收到申请数"),
        ("申请办结数", [], nil, nil),
        ("按时办结数", [], nil, "申请办结数"),
        ("延期办结数", [], nil, "申请办结数"),
        ("申请答复数", ["本年度对申请的答复总数", "对申请的答复总数", "对申请的答复数", "答复总数"], nil, nil),
        ("属于已主动公开范围数", [], nil, "申请答复数"),
        ("同意公开答复数", [], "legacy.applications.answered.granted", "申请答复数"),
        ("同意部分公开答复数", [], "legacy.applications.answered.partially_granted", "申请答复数"),
        ("不同意公开答复数", ["否决公开答复数"], "legacy.applications.answered.refused", "申请答复数"),
        ("涉及国家秘密", [], nil, "不同意公开答复数"),
        ("涉及商业秘密", [], nil, "不同意公开答复数"),
        ("涉及个人隐私", [], nil, "不同意公开答复数"),
        ("危及国家安全、公共安全、经济安全和社会稳定", [], nil, "不同意公开答复数"),
        ("不是《条例》所指政府信息", [], nil, "不同意公开答复数"),
        ("法律法规规定的其他情形", [], nil, "不同意公开答复数"),
        ("不属于本行政机关公开数", [], "legacy.applications.answered.not_held", "申请答复数"),
        ("申请信息不存在数", [], "legacy.applications.answered.not_exist", "申请答复数"),
        ("告知作出更改补充数", [], nil, "申请答复数"),
        ("告知通过其他途径办理数", [], nil, "申请答复数"),
        ("行政复议数量", ["行政复议数", "申请行政复议数"], "legacy.review.reconsideration", nil),
        ("维持具体行政行为数", [], nil, "行政复议数量"),
        ("被依法纠错数", [], nil, "行政复议数量"),
        ("其他情形数", [], nil, "行政复议数量"),
        ("行政诉讼数量", ["行政诉讼数"], "legacy.review.litigation", nil),
        ("维持具体行政行为或者驳回原告诉讼请求数", ["维持具体行政行为数"], nil, "行政诉讼数量"),
        ("被依法纠错数", [], nil, "行政诉讼数量"),
        ("其他情形数", [], nil, "行政诉讼数量"),
        ("举报投诉数量", ["举报投诉数", "行政申诉数", "申诉数"], "legacy.review.complaints", nil),
        ("维持具体行政行为数", [], nil, "举报投诉数量"),
        ("被纠错数", ["被依法纠错数"], nil, "举报投诉数量"),
        ("其他情形数", [], nil, "举报投诉数量"),
        ("依申请公开信息收取的费用", ["依申请公开收取的费用"], nil, nil),
        ("政府信息公开工作专门机构数", [], nil, nil),
        ("设置政府信息公开查阅点数", [], nil, nil),
        ("从事政府信息公开工作人员数", [], nil, nil),
        ("专职人员数", ["专职人员数(不包括政府公报及政府网站工作人员数)"], nil, "从事政府信息公开工作人员数"),
        ("兼职人员数", [], nil, "从事政府信息公开工作人员数"),
        ("政府信息公开专项经费", [], nil, nil),
        ("召开政府信息公开工作会议或专题会议数", [], nil, nil),
        ("举办各类培训班数", [], nil, nil),
        ("接受培训人员数", [], nil, nil),
    ])

    /// Group rows that hold no figures: they end the row before them.
    static let groups = [
        "主动公开情况", "回应解读情况", "通过不同渠道和方式回应解读的情况", "依申请公开情况", "行政复议、行政诉讼和举报投诉情况",
        "机构建设和保障经费情况", "政府信息公开会议和培训情况",
    ]

    /// Words that announce the table.
    static let markers = ["统计表", "指标名称", "统计指标"].map(NormalizedText.pattern)

    /// What a label found in the text may be: the rows printed with it (several for the
    /// outcome rows repeated under 行政复议, 行政诉讼 and 举报投诉), or none for a group row.
    static let matcher: LabelMatcher<[Int]> = {
        var byBody: [[Unicode.Scalar]: [Int]] = [:]
        var order: [[Unicode.Scalar]] = []
        for (index, row) in rows.enumerated() {
            for label in [row.label] + row.variants {
                let body = NormalizedText.pattern(label)
                if byBody[body] == nil { order.append(body) }
                byBody[body, default: []].append(index)
            }
        }
        for group in groups {
            let body = NormalizedText.pattern(group)
            if byBody[body] == nil {
                order.append(body)
                byBody[body] = []
            }
        }
        return LabelMatcher(
            order.map { .init(body: $0, target: byBody[$0]!, numbering: nil, requiresNumbering: false) })
    }()

    private static func build(_ entries: [(String, [String], String?, String?)]) -> [StatisticsRow] {
        var rows: [StatisticsRow] = []
        for (label, variants, key, parent) in entries {
            // A repeated label's parent is the latest row of that name.
            let parentIndex = parent.flatMap { name in rows.lastIndex { $0.label == name } }
            rows.append(StatisticsRow(label: label, variants: variants, key: key, parent: parentIndex))
        }
        return rows
    }
}
