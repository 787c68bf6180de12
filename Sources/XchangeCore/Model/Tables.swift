/// Typed access to the cells of tables 三 and 四, for code that works with them directly.
///
/// Each case's raw value is its canonical key segment; a test walks every combination through
/// the schema so that these types and `schemas/` cannot drift apart.
public enum ApplicantColumn: String, CaseIterable, Hashable, Sendable {
    case naturalPerson = "natural_person"
    case commercialEnterprise = "commercial_enterprise"
    case researchInstitution = "research_institution"
    case publicInterestOrganization = "public_interest_organization"
    case legalServiceInstitution = "legal_service_institution"
    case otherOrganization = "other_organization"
    case total

    /// The six applicant columns that 总计 sums.
    public static let parties: [ApplicantColumn] = allCases.filter { $0 != .total }
}

/// The rows of table 三 (both formats; `otherHandling` is the 2019 single row).
public enum ApplicationRow: String, CaseIterable, Hashable, Sendable {
    case newReceived = "new_received"
    case carriedOver = "carried_over"
    case granted = "result.granted"
    case partiallyGranted = "result.partially_granted"
    case withheldStateSecret = "result.withheld.state_secret"
    case withheldProhibitedByLaw = "result.withheld.prohibited_by_law"
    case withheldEndangersSecurityStability = "result.withheld.endangers_security_stability"
    case withheldThirdPartyRights = "result.withheld.third_party_rights"
    case withheldInternalAffairs = "result.withheld.internal_affairs"
    case withheldProcessInformation = "result.withheld.process_information"
    case withheldEnforcementCaseFile = "result.withheld.enforcement_case_file"
    case withheldAdministrativeInquiry = "result.withheld.administrative_inquiry"
    case unableNotHeld = "result.unable_to_provide.not_held"
    case unableRequiresCreation = "result.unable_to_provide.requires_creation"
    case unableUnclearAfterCorrection = "result.unable_to_provide.unclear_after_correction"
    case notProcessedPetitionOrComplaint = "result.not_processed.petition_or_complaint"
    case notProcessedRepeatedApplication = "result.not_processed.repeated_application"
    case notProcessedPublishedMaterial = "result.not_processed.published_material"
    case notProcessedExcessiveUnreasonable = "result.not_processed.excessive_unreasonable"
    case notProcessedConfirmOrReissue = "result.not_processed.confirm_or_reissue"
    case otherHandling = "result.other_handling"
    case otherHandlingCorrectionOverdue = "result.other_handling.correction_overdue"
    case otherHandlingFeeUnpaid = "result.other_handling.fee_unpaid"
    case otherHandlingOther = "result.other_handling.other"
    case resultTotal = "result.total"
    case carriedForward = "carried_forward"

    /// The canonical key of this row's cell in a column.
    public func key(_ column: ApplicantColumn) -> String { "applications.\(rawValue).\(column.rawValue)" }

    /// The rows a report of this format prints, in order.
    public static func rows(for format: FormatVersion) -> [ApplicationRow] {
        switch format {
        case .trial2019: allCases.filter { !$0.rawValue.hasPrefix("result.other_handling.") }
        case .unified2021: allCases.filter { $0 != .otherHandling }
        case .legacyPre2019: []
        }
    }
}

/// The three groups of table 四.
public enum ReviewGroup: String, CaseIterable, Hashable, Sendable {
    case reconsideration
    case litigationDirect = "litigation_direct"
    case litigationAfterReconsideration = "litigation_after_reconsideration"
}

/// The five columns of each table 四 group.
public enum ReviewOutcome: String, CaseIterable, Hashable, Sendable {
    case upheld, corrected
    case otherResult = "other_result"
    case pending, total

    /// The canonical key of a table 四 cell.
    public static func key(_ group: ReviewGroup, _ outcome: ReviewOutcome) -> String {
        "review_litigation.\(group.rawValue).\(outcome.rawValue)"
    }
}

extension Report {
    /// A table 三 cell.
    public subscript(row: ApplicationRow, column: ApplicantColumn) -> Int? {
        if case .integer(let count)? = self[row.key(column)] { return count }
        return nil
    }

    /// A table 四 cell.
    public subscript(group: ReviewGroup, outcome: ReviewOutcome) -> Int? {
        if case .integer(let count)? = self[ReviewOutcome.key(group, outcome)] { return count }
        return nil
    }
}
