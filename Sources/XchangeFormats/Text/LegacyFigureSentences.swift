import XchangeCore

/// Sentences that state `legacy.*` figures in the words narrative reports use (and that the
/// reader reads back), for figures a report's own text does not already state.
enum LegacyFigureSentences {
    /// The legacy part each figure belongs in.
    static func sectionKey(for key: String) -> String? {
        switch key {
        case let key where key.hasPrefix("legacy.active."): "active_disclosure"
        case let key where key.hasPrefix("legacy.applications."): "applications"
        case let key where key.hasPrefix("legacy.review."): "review_litigation"
        case let key where key.hasPrefix("legacy.fees."), let key where key.hasPrefix("legacy.costs."): "fees"
        case let key where key.hasPrefix("legacy.proposals."): "npc_cppcc_proposals"
        default: nil
        }
    }

    /// One sentence per part, stating the given fields.
    static func sentences(for keys: [String], in report: Report) -> [String: String] {
        var clauses: [String: [String]] = [:]
        for key in keys {
            guard let value = report[key], let section = sectionKey(for: key), let clause = clause(key, value) else {
                continue
            }
            clauses[section, default: []].append(clause)
        }
        return clauses.mapValues { $0.joined(separator: "，") + "。" }
    }

    private static func clause(_ key: String, _ value: FieldValue) -> String? {
        let figure = value.plainText
        let label = CanonicalSchema.v1.field(key)?.label.last ?? ""
        switch key {
        case "legacy.active.total": return "全年主动公开政府信息\(figure)条"
        case let key where key.hasPrefix("legacy.active.by_channel."): return "通过\(label)公开\(figure)条"
        case "legacy.active.normative_documents": return "主动公开规范性文件\(figure)件"
        case "legacy.applications.received": return "收到政府信息公开申请\(figure)件"
        case let key where key.hasPrefix("legacy.applications.by_channel."): return "其中\(label)\(figure)件"
        case let key where key.hasPrefix("legacy.applications.answered."): return "答复\(label)\(figure)件"
        case "legacy.applications.on_time_rate_percent": return "申请按时答复率\(figure)%"
        case "legacy.review.reconsideration": return "因政府信息公开申请行政复议\(figure)件"
        case "legacy.review.litigation": return "因政府信息公开提起行政诉讼\(figure)件"
        case "legacy.review.complaints": return "政府信息公开申诉、举报投诉\(figure)件"
        case "legacy.fees.charged_yuan": return "政府信息公开收取费用\(figure)元"
        case "legacy.fees.waived_yuan": return "政府信息公开减免费用\(figure)元"
        case "legacy.costs.disclosure_work_yuan": return "政府信息公开相关费用\(figure)元"
        case let key where key.hasPrefix("legacy.proposals."):
            let body = key.hasPrefix("legacy.proposals.npc.") ? "人大代表建议" : "政协委员提案"
            switch key.split(separator: ".").last! {
            case "total": return "共办理\(body)\(figure)件"
            case "response_rate_percent": return "\(body)答复率\(figure)%"
            case "satisfaction_rate_percent": return "\(body)满意率\(figure)%"
            default: return "\(body)\(label)\(figure)件"
            }
        default: return nil
        }
    }
}
