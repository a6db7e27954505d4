#include "ingest/annex_a_lists.h"

#include <cctype>

namespace scrutiny {
namespace {

using C = AnnexAColumn;

// The columns every child-level list opens with.
std::vector<AnnexAColumnSpec> ChildColumns(std::vector<AnnexAColumnSpec> rest) {
  std::vector<AnnexAColumnSpec> columns = {
      {C::kChildId, {"Child Unique ID", "Child ID", "Child Identifier"}, true},
      {C::kGender, {"Gender", "Sex"}, true},
      {C::kEthnicity, {"Ethnicity"}, true},
      {C::kDateOfBirth, {"Date of Birth"}, true},
  };
  columns.insert(columns.end(), rest.begin(), rest.end());
  return columns;
}

// The columns of a list whose records name the child's team: the child's, the list's own, then Allocated Team.
std::vector<AnnexAColumnSpec> TeamListColumns(std::vector<AnnexAColumnSpec> rest) {
  std::vector<AnnexAColumnSpec> columns = ChildColumns(std::move(rest));
  columns.push_back({C::kAllocatedTeam, {"Allocated Team"}});
  return columns;
}

std::vector<AnnexAListSpec> Build() {
  return {
      {1, "Contacts", "contacts",
       ChildColumns({{C::kContactDate, {"Date of Contact"}, true}, {C::kContactSource, {"Contact Source"}, true}})},
      {2, "Early help", "early_help_episodes",
       ChildColumns({{C::kEarlyHelpStart, {"Assessment start date"}, true},
                     {C::kEarlyHelpCompleted, {"Assessment completion date"}, true},
                     {C::kEarlyHelpOrganisation, {"Organisation completing assessment"}, true}})},
      {3, "Referrals", "referrals",
       TeamListColumns({{C::kReferralDate, {"Date of Referral"}, true},
                        {C::kReferralSource, {"Referral Source"}, true},
                        {C::kReferralNfa, {"Referral NFA?", "Referral NFA"}, true}})},
      {4, "Assessments", "assessments",
       TeamListColumns({{C::kAssessmentStart, {"Continuous Assessment Start Date", "Assessment Start Date"}, true},
                        {C::kChildSeen, {"Child Seen During Continuous Assessment", "Child Seen During Assessment"}},
                        {C::kAuthorised,
                         {"Continuous Assessment Date of Authorisation", "Assessment Date of Authorisation",
                          "Assessment Completion Date"},
                         true},
                        {C::kRequiresSupport,
                         {"Was the child assessed as requiring LA children's social care support?"}}})},
      {5, "Section 47 enquiries and ICPCs", "section47_enquiries",
       TeamListColumns({{C::kStrategyDate, {"Strategy discussion initiating Section 47 Enquiry Start Date"}, true},
                        {C::kIcpcNotRequired, {"Was an Initial Child Protection Conference deemed unnecessary?"}, true},
                        {C::kIcpcDate, {"Date of Initial Child Protection Conference"}, true},
                        {C::kIcpcCpPlan,
                         {"Did the Initial Child Protection Conference Result in a Child Protection Plan"}, true}})},
      {6, "Children in need", "cin_episodes",
       TeamListColumns({{C::kCinStart, {"CIN Start Date"}, true},
                        {C::kPrimaryNeed, {"Primary Need Code", "Primary Need"}, true},
                        {C::kCinClosed, {"CIN Closure Date"}, true},
                        {C::kClosureReason, {"Reason for Closure"}, true}})},
      {7, "Child protection", "cp_plans",
       TeamListColumns({{C::kCpStart, {"Child Protection Plan Start Date"}, true},
                        {C::kInitialCategory, {"Initial Category of Abuse"}, true},
                        {C::kLatestCategory, {"Latest Category of Abuse"}},
                        {C::kCpVisit, {"Date of the Last Statutory Visit"}},
                        {C::kCpSeenAlone, {"Was the Child Seen Alone?"}},
                        {C::kCpEnd, {"Child Protection Plan End Date"}, true},
                        {C::kPreviousPlans, {"Number of Previous Child Protection Plans"}}})},
      {8, "Children in care", "looked_after_episodes",
       TeamListColumns({{C::kCareStart, {"Date Started to be Looked After"}, true},
                        {C::kCategoryOfNeed, {"Child's Category of Need", "Category of Need"}, true},
                        {C::kLegalStatus, {"Child's Legal Status", "Legal Status"}, true},
                        {C::kLatestReview, {"Date of Latest Statutory Review"}},
                        {C::kLastVisit, {"Date of Last Social Work Visit"}},
                        {C::kLastHealthAssessment, {"Date of Last Health Assessment"}},
                        {C::kLastDentalCheck, {"Date of Last Dental Check"}},
                        {C::kCareCeased, {"Date Ceased to be Looked After"}, true},
                        {C::kCeasedReason, {"Reason Ceased to be Looked After"}, true},
                        {C::kPlacementType, {"Placement Type"}, true},
                        {C::kPlacementProvider, {"Placement Provider"}},
                        {C::kPlacementPostcode, {"Placement postcode", "Placement Postcode District"}},
                        {C::kPlacementUrn, {"URN of Placement", "Placement URN"}},
                        {C::kPlacementLa, {"LA of Placement"}}})},
      {9, "Care leavers", "care_leavers",
       ChildColumns({{C::kEligibility, {"Eligibility Category"}, true},
                     {C::kInTouch, {"LA in Touch"}},
                     {C::kAccommodationType, {"Type of Accommodation"}},
                     {C::kAccommodationSuitability, {"Suitability of Accommodation"}},
                     {C::kActivity, {"Activity Status"}},
                     {C::kPathwayPlanReview, {"Latest Pathway Plan Review Date"}},
                     {C::kLatestContact, {"Latest Date of Contact"}}})},
      {10, "Adoption", "adoptions",
       ChildColumns({{C::kEnteredCare, {"Date the Child Entered Care"}},
                     {C::kAdoptionDecision, {"Date of Decision that Child Should be Placed for Adoption"}, true},
                     {C::kPlacementOrder, {"Date of Placement Order"}},
                     {C::kMatched, {"Date of Matching Child and Prospective Adopters"}},
                     {C::kPlaced, {"Date Placed for Adoption"}},
                     {C::kAdoptionOrder, {"Date of Adoption Order"}},
                     {C::kDecisionReversed, {"Date of Decision that Child Should No Longer be Placed for Adoption"}},
                     {C::kReversalReason, {"Reason Why Child No Longer Placed for Adoption"}},
                     {C::kFfaPlaced,
                      {"Date the child was placed for fostering in FFA or concurrent planning placement"}}})},
      {11, "Adopters", "adopters",
       {{C::kAdopterId, {"Individual adopter identifier", "Adopter identifier"}, true},
        {C::kFamilyId, {"Family identifier"}},
        {C::kAdopterFfa, {"Is the (prospective) adopter fostering for adoption?"}},
        {C::kEnquiry, {"Date enquiry received"}, true},
        {C::kStage1Start, {"Date Stage 1 started"}, true},
        {C::kStage1End, {"Date Stage 1 ended"}},
        {C::kStage2Start, {"Date Stage 2 started"}},
        {C::kStage2End, {"Date Stage 2 ended"}},
        {C::kApplication, {"Date application submitted"}},
        {C::kApproved, {"Date application approved"}, true},
        {C::kAdopterMatched, {"Date adopter matched with child(ren)"}},
        {C::kAdopterPlaced, {"Date child/children placed with adopter(s)"}},
        {C::kChildrenPlaced, {"No. of children placed"}},
        {C::kAdopterOrder, {"Date of Adoption Order"}},
        {C::kLeft, {"Date of leaving adoption process"}},
        {C::kLeftReason, {"Reason for leaving adoption process"}}}},
  };
}

}  // namespace

std::string_view ModelFieldOf(AnnexAColumn column) {
  struct Feeds {
    C column;
    std::string_view field;
  };
  static constexpr Feeds kFeeds[] = {
      {C::kGender, "children.sex"},
      {C::kEthnicity, "children.ethnicity"},
      {C::kDateOfBirth, "children.date_of_birth"},
      {C::kContactDate, "contacts.contact_date"},
      {C::kContactSource, "contacts.source"},
      {C::kEarlyHelpStart, "early_help_episodes.start_date"},
      {C::kEarlyHelpCompleted, "early_help_episodes.assessment_completed_date"},
      {C::kEarlyHelpOrganisation, "early_help_episodes.organisation"},
      {C::kReferralDate, "referrals.referral_date"},
      {C::kReferralSource, "referrals.source"},
      {C::kReferralNfa, "referrals.nfa"},
      {C::kAssessmentStart, "assessments.start_date"},
      {C::kAuthorised, "assessments.authorisation_date"},
      {C::kRequiresSupport, "assessments.requires_support"},
      {C::kStrategyDate, "section47_enquiries.strategy_discussion_date"},
      {C::kIcpcNotRequired, "section47_enquiries.icpc_not_required"},
      {C::kIcpcDate, "section47_enquiries.icpc_date"},
      {C::kIcpcCpPlan, "section47_enquiries.icpc_cp_plan"},
      {C::kCinStart, "cin_episodes.start_date"},
      {C::kPrimaryNeed, "cin_episodes.primary_need"},
      {C::kCinClosed, "cin_episodes.end_date"},
      {C::kClosureReason, "cin_episodes.closure_reason"},
      {C::kCpStart, "cp_plans.start_date"},
      {C::kInitialCategory, "cp_plans.initial_category"},
      {C::kLatestCategory, "cp_plans.latest_category"},
      {C::kCpVisit, "visits.visit_date"},
      {C::kCpSeenAlone, "visits.seen_alone"},
      {C::kCpEnd, "cp_plans.end_date"},
      {C::kPreviousPlans, "cp_plans.previous_plans"},
      {C::kCareStart, "looked_after_episodes.decom"},
      {C::kCategoryOfNeed, "looked_after_episodes.cin"},
      {C::kLegalStatus, "looked_after_episodes.ls"},
      {C::kLatestReview, "looked_after_reviews.review_date"},
      {C::kLastVisit, "visits.visit_date"},
      {C::kLastHealthAssessment, "health_checks.check_date"},
      {C::kLastDentalCheck, "health_checks.check_date"},
      {C::kCareCeased, "looked_after_episodes.dec"},
      {C::kCeasedReason, "looked_after_episodes.rec"},
      {C::kPlacementType, "looked_after_episodes.place"},
      {C::kPlacementProvider, "looked_after_episodes.place_provider"},
      {C::kPlacementPostcode, "looked_after_episodes.placement_postcode_district"},
      {C::kPlacementUrn, "looked_after_episodes.urn"},
      {C::kPlacementLa, "looked_after_episodes.placement_la"},
      {C::kEligibility, "care_leavers.eligibility"},
      {C::kInTouch, "care_leavers.in_touch"},
      {C::kAccommodationType, "care_leavers.accommodation"},
      {C::kAccommodationSuitability, "care_leavers.accommodation"},
      {C::kActivity, "care_leavers.activity"},
      {C::kPathwayPlanReview, "care_leavers.pathway_plan_review_date"},
      {C::kLatestContact, "care_leavers.latest_contact_date"},
      {C::kEnteredCare, "adoptions.entered_care_date"},
      {C::kAdoptionDecision, "adoptions.decision_date"},
      {C::kPlacementOrder, "adoptions.placement_order_date"},
      {C::kMatched, "adoptions.match_date"},
      {C::kPlaced, "adoptions.placed_date"},
      {C::kAdoptionOrder, "adoptions.adoption_order_date"},
      {C::kDecisionReversed, "adoptions.decision_reversed_date"},
      {C::kReversalReason, "adoptions.reversal_reason"},
      {C::kFfaPlaced, "adoptions.ffa_placed_date"},
      {C::kAdopterFfa, "adopters.ffa"},
      {C::kEnquiry, "adopters.enquiry_date"},
      {C::kStage1Start, "adopters.stage1_start_date"},
      {C::kStage1End, "adopters.stage1_end_date"},
      {C::kStage2Start, "adopters.stage2_start_date"},
      {C::kStage2End, "adopters.stage2_end_date"},
      {C::kApplication, "adopters.application_date"},
      {C::kApproved, "adopters.approval_date"},
      {C::kAdopterMatched, "adopters.match_date"},
      {C::kAdopterPlaced, "adopters.placed_date"},
      {C::kChildrenPlaced, "adopters.children_placed"},
      {C::kAdopterOrder, "adopters.adoption_order_date"},
      {C::kLeft, "adopters.left_date"},
      {C::kLeftReason, "adopters.left_reason"},
  };
  for (const Feeds& f : kFeeds)
    if (f.column == column) return f.field;
  return {};
}

const std::vector<AnnexAListSpec>& AnnexALists() {
  static const std::vector<AnnexAListSpec> lists = Build();
  return lists;
}

std::string NormaliseHeader(std::string_view header) {
  std::string out;
  for (char c : header)
    if (std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80)
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace scrutiny
