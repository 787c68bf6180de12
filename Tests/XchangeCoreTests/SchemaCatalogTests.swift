import Testing
import XchangeCore

/// The compiled schema holds every normative key of the spec, with the right types, and the
/// typed table accessors walk exactly the schema's table keys.
struct SchemaCatalogTests {
    let schema = CanonicalSchema.v1

    @Test func holdsEveryNormativeMetadataKey() {
        let keys = [
            "report_year", "format_version", "agency_name", "agency_uscc", "agency_org_code", "admin_division_code",
            "admin_division_name", "agency_level", "statistics_period.from", "statistics_period.to", "published_on",
            "source_url", "index_no", "contact.office", "contact.address", "contact.postcode", "contact.phone",
            "contact.email", "contact.website",
        ]
        for key in keys { #expect(schema.field("meta." + key) != nil, "meta.\(key)") }
        #expect(schema.field("meta.report_year")?.kind == .year)
        #expect(schema.field("meta.published_on")?.kind == .date)
    }

    @Test func table2Of2021HasTenCells() {
        let cells = schema.fields.filter { $0.key.hasPrefix("active_disclosure.") }
        #expect(cells.count == 10)
        #expect(schema.field("active_disclosure.administrative_fees.amount_wan_yuan")?.kind == .money)
        #expect(schema.field("active_disclosure.administrative_fees.amount_wan_yuan")?.unit == "万元")
        #expect(schema.field("active_disclosure.normative_documents.in_force")?.label.last == "现行有效件数")
    }

    @Test func table2Of2019HasSignedChangesAndProcurement() {
        for row in [
            "administrative_licensing", "other_external_services", "administrative_penalty", "administrative_coercion",
            "administrative_fees",
        ] {
            #expect(
                schema.field("active_disclosure_2019.\(row).items_change_this_year")?.kind == .signedCount, "\(row)")
        }
        #expect(schema.field("active_disclosure_2019.centralized_procurement.project_count")?.kind == .count)
        #expect(schema.field("active_disclosure_2019.centralized_procurement.total_amount")?.kind == .money)
        #expect(schema.field("active_disclosure_2019.regulations.newly_made_this_year")?.label.last == "本年新制作数量")
    }

    @Test func table3HasEveryRowInEveryColumn() {
        let cells = schema.fields.filter { $0.key.hasPrefix("applications.") }
        // 25 rows of 2021 + the 2019 single other-handling row, seven columns each.
        #expect(cells.count == 26 * 7)
        #expect(cells.allSatisfy { $0.kind == .count })
        #expect(
            schema.field("applications.result.withheld.state_secret.natural_person")?.label
                == ["三、收到和处理政府信息公开申请情况", "三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "自然人"])
        #expect(schema.field("applications.result.other_handling.natural_person")?.formats == [.trial2019])
        #expect(schema.field("applications.result.other_handling.fee_unpaid.total")?.formats == [.unified2021])
    }

    @Test func table4HasFifteenCells() {
        let cells = schema.fields.filter { $0.key.hasPrefix("review_litigation.") }
        #expect(cells.count == 15)
        for group in ReviewGroup.allCases {
            for outcome in ReviewOutcome.allCases {
                #expect(schema.field(ReviewOutcome.key(group, outcome))?.kind == .count)
            }
        }
    }

    @Test func typedTable3AccessorsCoverTheSchemaExactly() {
        var walked: Set<String> = []
        for row in ApplicationRow.allCases {
            for column in ApplicantColumn.allCases {
                let key = row.key(column)
                #expect(schema.field(key) != nil, "\(key) is not in the schema")
                walked.insert(key)
            }
        }
        let schemaKeys = Set(schema.fields.map(\.key).filter { $0.hasPrefix("applications.") })
        #expect(walked == schemaKeys)
    }

    @Test func typedAccessorsReadWhatWasSet() throws {
        var report = Report()
        try report.set(ApplicationRow.carriedForward.key(.legalServiceInstitution), to: .integer(4))
        try report.set(ReviewOutcome.key(.litigationDirect, .pending), to: .integer(2))
        #expect(report[.carriedForward, .legalServiceInstitution] == 4)
        #expect(report[.litigationDirect, .pending] == 2)
        #expect(report[.carriedForward, .naturalPerson] == nil)
    }

    @Test func holdsTheLegacyKeys() {
        let keys = [
            "active.total", "active.by_channel.gov_website", "active.by_channel.gov_gazette",
            "active.by_channel.gov_weibo",
            "active.by_channel.gov_wechat", "active.by_channel.other", "active.normative_documents",
            "applications.received",
            "applications.by_channel.in_person", "applications.by_channel.fax", "applications.by_channel.email",
            "applications.by_channel.online", "applications.by_channel.letter", "applications.by_channel.other",
            "applications.answered.granted", "applications.answered.partially_granted", "applications.answered.refused",
            "applications.answered.not_exist", "applications.answered.not_held", "applications.answered.unclear",
            "applications.on_time_rate_percent", "review.reconsideration", "review.litigation", "review.complaints",
            "fees.charged_yuan", "fees.waived_yuan", "costs.disclosure_work_yuan",
        ]
        for key in keys { #expect(schema.field("legacy." + key) != nil, "legacy.\(key)") }
        for who in ["npc", "cppcc"] {
            for leaf in [
                "total", "resolved", "in_progress", "planned", "explained", "response_rate_percent",
                "satisfaction_rate_percent",
            ] {
                #expect(schema.field("legacy.proposals.\(who).\(leaf)") != nil)
            }
        }
        #expect(schema.field("legacy.costs.disclosure_work_yuan")?.kind == .money)
        #expect(schema.field("legacy.applications.on_time_rate_percent")?.kind == .percentage)
    }

    @Test func holdsTheTextSectionsAndFeeBlock() {
        #expect(schema.sections.map(\.key) == ["preamble", "overview", "problems_and_improvements", "other_matters"])
        #expect(
            schema.sections[1].subsections.map(\.key) == [
                "active_disclosure", "applications", "information_management", "platform_building", "supervision",
            ])
        #expect(schema.field("other_matters.information_processing_fee.charged")?.kind == .flag)
        #expect(schema.field("other_matters.information_processing_fee.amount_yuan")?.unit == "元")
        #expect(schema.field("other_matters.information_processing_fee.notices_issued")?.kind == .count)
    }

    @Test func rulesOfTheSpecArePresentWithSeverities() {
        let expected: [String: Severity] = [
            "T3-1": .error, "T3-2": .error, "T3-3": .error, "T3-4": .error, "T3-6": .warning, "T3-7": .warning,
            "T4-1": .error, "T4-2": .error, "T4-3": .error, "T4-4": .error, "T2-1": .error, "T2-2": .warning,
            "L-1": .warning, "L-2": .warning,
        ]
        for (id, severity) in expected { #expect(schema.rule(id)?.severity == severity, "\(id)") }
    }

    @Test func fieldSetsHoldTheWholeSchema() {
        #expect(schema.fields.count <= FieldSet.capacity)
        let all = FieldSet(schema.fields.indices.map(FieldID.init(index:)))
        #expect(schema.fields.indices.allSatisfy { all.contains(FieldID(index: $0)) })
        #expect(!FieldSet().intersects(all) && all.intersects(FieldSet([FieldID(index: schema.fields.count - 1)])))
    }

    @Test func fieldSetIntersectionKeepsTheSharedFieldsInEveryWord() {
        // Members spread over all eight words of the set, shared and not.
        let evens = FieldSet(stride(from: 0, to: FieldSet.capacity, by: 2).map(FieldID.init(index:)))
        let thirds = FieldSet(stride(from: 0, to: FieldSet.capacity, by: 3).map(FieldID.init(index:)))
        let both = evens.intersection(thirds)
        #expect(both == FieldSet(stride(from: 0, to: FieldSet.capacity, by: 6).map(FieldID.init(index:))))
        #expect(both.count == (FieldSet.capacity + 5) / 6)
        #expect(evens.intersection(FieldSet()).isEmpty)
    }

    @Test func keysAreUniqueAndSuggestionsFindTypos() {
        #expect(Set(schema.fields.map(\.key)).count == schema.fields.count)
        #expect(schema.nearestKey(to: "applications.new_recieved.total") == "applications.new_received.total")
        #expect(schema.nearestKey(to: "meta.reprot_year") == "meta.report_year")
        #expect(schema.isGroup("applications.result.withheld"))
        #expect(!schema.isGroup("applications.result.withheld.state_secret.total"))
    }

    @Test func labelNormalisationFoldsWidthSpacesAndQuotes() {
        #expect(LabelText.normalized("(一)予以公开") == LabelText.normalized("（一）予以公开"))
        #expect(LabelText.normalized("规 章") == "规章")
        #expect(LabelText.normalized("商业 企业") == "商业企业")
        #expect(LabelText.normalized("3.危及\"三安全一稳定\"") == LabelText.normalized("3.危及“三安全一稳定”"))
        #expect(LabelText.normalized("1、属于国家秘密") == LabelText.normalized("1.属于国家秘密"))
        #expect(LabelText.normalized("第二十条 第(一)项") == LabelText.normalized("第二十条第（一）项"))
    }
}
