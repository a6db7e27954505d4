#pragma once
// The lists of Ofsted's Annex A workbook (ILACS child-level data) that
// Scrutiny reads: each list's number, the record type it fills and the
// columns read, with the header names of the older and the 2024 templates.
// Headers are compared normalised (NormaliseHeader), so case, punctuation,
// curly quotes and stray brackets do not matter.

#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

// A column of Annex A that Scrutiny reads.
enum class AnnexAColumn {
  kChildId, kGender, kEthnicity, kDateOfBirth, kAllocatedTeam,
  kContactDate, kContactSource,
  kEarlyHelpStart, kEarlyHelpCompleted, kEarlyHelpOrganisation,
  kReferralDate, kReferralSource, kReferralNfa,
  kAssessmentStart, kChildSeen, kAuthorised, kRequiresSupport,
  kStrategyDate, kIcpcNotRequired, kIcpcDate, kIcpcCpPlan,
  kCinStart, kPrimaryNeed, kCinClosed, kClosureReason,
  kCpStart, kInitialCategory, kLatestCategory, kCpVisit, kCpSeenAlone, kCpEnd, kPreviousPlans,
  kCareStart, kCategoryOfNeed, kLegalStatus, kLatestReview, kLastVisit, kLastHealthAssessment, kLastDentalCheck,
  kCareCeased, kCeasedReason, kPlacementType, kPlacementProvider, kPlacementPostcode, kPlacementUrn, kPlacementLa,
  kEligibility, kInTouch, kAccommodationType, kAccommodationSuitability, kActivity, kPathwayPlanReview,
  kLatestContact,
  kEnteredCare, kAdoptionDecision, kPlacementOrder, kMatched, kPlaced, kAdoptionOrder, kDecisionReversed,
  kReversalReason, kFfaPlaced,
  kAdopterId, kFamilyId, kAdopterFfa, kEnquiry, kStage1Start, kStage1End, kStage2Start, kStage2End, kApplication,
  kApproved, kAdopterMatched, kAdopterPlaced, kChildrenPlaced, kAdopterOrder, kLeft, kLeftReason,
  kCount,  // not a column: how many there are
};

// AnnexAColumnSpec names a column as the templates head it.
struct AnnexAColumnSpec {
  AnnexAColumn column;
  std::vector<std::string_view> headers;  // the first is the older template's
  bool required = false;                  // the list is not read without it
};

// AnnexAListSpec is one list: its number, name and the record type it fills.
struct AnnexAListSpec {
  int number;
  std::string_view name;
  std::string_view record_type;  // empty: the model has no place for it
  std::vector<AnnexAColumnSpec> columns;
};

const std::vector<AnnexAListSpec>& AnnexALists();

// The model's field ("contacts.contact_date") a column's values become; empty
// for one that becomes none (the child's identifier, a team, a name).
std::string_view ModelFieldOf(AnnexAColumn column);

// A header as compared: lower-case letters and digits only, so that
// "Child's Legal Status", "CHILDS LEGAL STATUS" and "Child’s legal status)" agree.
std::string NormaliseHeader(std::string_view header);

}  // namespace scrutiny
