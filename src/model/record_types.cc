#include "model/record_type.h"

namespace scrutiny {
namespace {

using T = FieldType;
using K = FieldRule::Kind;

FieldRule NotBefore(std::string_view start, std::string_view end) { return {K::kNotBefore, {start, end}}; }

Field ChildId() { return {"child_id", T::kId, true, "The child the record is about", {}, "children"}; }
Field TeamId() { return {"team_id", T::kId, false, "Team responsible", {}, "teams"}; }
Field WorkerId() { return {"worker_id", T::kId, false, "Allocated worker", {}, "workers"}; }

std::vector<RecordType> Build() {
  std::vector<RecordType> types;
  types.push_back({"councils", "Councils", "Each council (local authority) whose records are loaded.",
      {{"la_code", T::kId, true, "DfE local authority code, e.g. 202"},
       {"name", T::kText, true, "Council name"},
       {"region", T::kCode, false, "ONS region", "region"}},
      {"la_code"}, {}, true});
  types.push_back({"population", "Child population",
      "Children aged 0 to 17 living in the council's area (ONS mid-year estimate), the denominator of rates per 10,000.",
      {{"la_code", T::kId, true, "Council", {}, "councils"},
       {"year", T::kInteger, true, "Year of the mid-year (30 June) estimate"},
       {"children_0_17", T::kInteger, true, "Children aged 0 to 17"}},
      {"la_code", "year"}});
  types.push_back({"teams", "Teams", "Teams that hold cases or do the work of children's social care.",
      {{"team_id", T::kId, true, "Team identifier"},
       {"la_code", T::kId, true, "Council", {}, "councils"},
       {"name", T::kText, true, "Team name"},
       {"service_area", T::kCode, false, "What the team does, if known", "service_area"},
       {"funded_fte", T::kDecimal, false, "Funded posts (full-time equivalent), for vacancy rates"}},
      {"team_id"}});
  types.push_back({"workers", "Workers",
      "Social workers, managers, personal advisers and support workers (CSWW worker records).",
      {{"worker_id", T::kId, true, "Worker identifier (not a name)"},
       {"la_code", T::kId, true, "Council", {}, "councils"},
       {"team_id", T::kId, true, "Team", {}, "teams"},
       {"role", T::kCode, true, "Role", "worker_role"},
       {"qualified_social_worker", T::kFlag, true, "Registered social worker"},
       {"fte", T::kDecimal, true, "Full-time equivalent, 0 to 1"},
       {"agency", T::kFlag, true, "Agency (locum) worker rather than employed"},
       {"start_date", T::kDate, true, "Started in the role"},
       {"leave_date", T::kDate, false, "Left the role"},
       {"leave_reason", T::kCode, false, "Why the worker left", "leave_reason"}},
      {"worker_id"}, {NotBefore("start_date", "leave_date")}});
  types.push_back({"children", "Children",
      "Every child with a record of any other type (not the whole child population).",
      {{"child_id", T::kId, true, "Child identifier, unique across every council loaded"},
       {"la_code", T::kId, true, "Council responsible", {}, "councils"},
       {"sex", T::kCode, true, "Sex", "sex"},
       {"date_of_birth", T::kDate, false, "Date of birth"},
       {"expected_date_of_birth", T::kDate, false, "Expected date of birth, for an unborn child"},
       {"ethnicity", T::kCode, true, "Ethnicity", "ethnicity"},
       {"disability", T::kCodeSet, false, "Disabilities, e.g. MOB;LD (NONE for none)", "disability"},
       {"uasc", T::kFlag, true, "Unaccompanied asylum-seeking child at any time"},
       {"uasc_ceased_date", T::kDate, false, "Date the child ceased to be UASC (SSDA903 DUC)"},
       {"date_of_death", T::kDate, false, "Date of death"}},
      {"child_id"},
      {{K::kOneOf, {"date_of_birth", "expected_date_of_birth"}},
       NotBefore("date_of_birth", "date_of_death")},
      true});
  types.push_back({"contacts", "Contacts",
      "Contacts received by the front door, one per child (Annex A list 1).",
      {{"contact_id", T::kId, true, "Contact identifier"}, ChildId(),
       {"contact_date", T::kDate, true, "Date the contact was received"},
       {"decision_date", T::kDate, false, "Date the next step was decided"},
       {"source", T::kCode, true, "Who made the contact", "referral_source"},
       {"outcome", T::kCode, false, "Next step decided", "contact_outcome"},
       TeamId(), WorkerId()},
      {"contact_id"},
      {NotBefore("contact_date", "decision_date"), {K::kBothOrNeither, {"decision_date", "outcome"}}}});
  types.push_back({"early_help_episodes", "Early help episodes",
      "Early help assessments and interventions (Annex A list 2).",
      {{"early_help_id", T::kId, true, "Early help episode identifier"}, ChildId(),
       {"start_date", T::kDate, true, "Episode started (request for early help)"},
       {"assessment_start_date", T::kDate, false, "Early help assessment started"},
       {"assessment_completed_date", T::kDate, false, "Early help assessment completed"},
       {"end_date", T::kDate, false, "Episode closed"},
       {"organisation", T::kCode, true, "Organisation leading the early help", "early_help_organisation"},
       {"short_breaks", T::kFlag, false, "A disabled child receiving short breaks"},
       TeamId(), WorkerId()},
      {"early_help_id"},
      {NotBefore("start_date", "end_date"),
       NotBefore("assessment_start_date", "assessment_completed_date")}});
  types.push_back({"referrals", "Referrals",
      "Referrals to children's social care (CIN census CINreferralDate; Annex A list 3).",
      {{"referral_id", T::kId, true, "Referral identifier"}, ChildId(),
       {"referral_date", T::kDate, true, "Date of referral"},
       {"source", T::kCode, true, "Referral source", "referral_source"},
       {"nfa", T::kFlag, true, "Referral closed with no further action"},
       {"primary_need", T::kCode, false, "Primary need", "primary_need"},
       TeamId(), WorkerId()},
      {"referral_id"}});
  types.push_back({"assessments", "Assessments",
      "Children and family (single) assessments (CIN census Assessments; Annex A list 4).",
      {{"assessment_id", T::kId, true, "Assessment identifier"}, ChildId(),
       {"referral_id", T::kId, false, "Referral that led to it", {}, "referrals"},
       {"start_date", T::kDate, true, "Assessment actually started"},
       {"child_seen_date", T::kDate, false, "Child seen during the assessment"},
       {"authorisation_date", T::kDate, false, "Assessment authorised (completed)"},
       {"requires_support", T::kFlag, false, "Assessed as needing children's social care support"},
       {"factors", T::kCodeSet, false, "Factors identified, e.g. 3A;4B", "assessment_factor"},
       TeamId(), WorkerId()},
      {"assessment_id"},
      {NotBefore("start_date", "authorisation_date")}});
  types.push_back({"section47_enquiries", "Section 47 enquiries",
      "Section 47 enquiries and initial child protection conferences (CIN census Section47; Annex A list 5).",
      {{"s47_id", T::kId, true, "Enquiry identifier"}, ChildId(),
       {"referral_id", T::kId, false, "Referral it arose from", {}, "referrals"},
       {"strategy_discussion_date", T::kDate, false, "Strategy discussion that initiated the enquiry"},
       {"s47_start_date", T::kDate, false, "Enquiry actually started (CIN census S47ActualStartDate)"},
       {"end_date", T::kDate, false, "Enquiry completed"},
       {"icpc_not_required", T::kFlag, false, "Initial child protection conference deemed unnecessary"},
       {"icpc_date", T::kDate, false, "Initial child protection conference held"},
       {"icpc_cp_plan", T::kFlag, false, "The conference resulted in a child protection plan"},
       TeamId(), WorkerId()},
      {"s47_id"},
      {{K::kOneOf, {"strategy_discussion_date", "s47_start_date"}},
       NotBefore("s47_start_date", "end_date")}});
  types.push_back({"cin_episodes", "Children in need episodes",
      "Episodes of need, from referral to case closure (CIN census CINdetails; Annex A list 6).",
      {{"cin_episode_id", T::kId, true, "Episode identifier"}, ChildId(),
       {"referral_id", T::kId, false, "Referral that opened it", {}, "referrals"},
       {"start_date", T::kDate, true, "Episode started"},
       {"end_date", T::kDate, false, "Episode closed"},
       {"primary_need", T::kCode, true, "Primary need", "primary_need"},
       {"closure_reason", T::kCode, false, "Reason for closure", "cin_closure_reason"},
       TeamId(), WorkerId()},
      {"cin_episode_id"},
      {NotBefore("start_date", "end_date"), {K::kBothOrNeither, {"end_date", "closure_reason"}}}});
  types.push_back({"cin_plans", "Child in need plans", "Child in need plans (CIN census CINPlanDates).",
      {{"cin_plan_id", T::kId, true, "Plan identifier"}, ChildId(),
       {"cin_episode_id", T::kId, false, "Episode of need", {}, "cin_episodes"},
       {"start_date", T::kDate, true, "Plan started"},
       {"end_date", T::kDate, false, "Plan ended"},
       TeamId(), WorkerId()},
      {"cin_plan_id"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"cp_plans", "Child protection plans",
      "Child protection plans (CIN census ChildProtectionPlans; Annex A list 7).",
      {{"cp_plan_id", T::kId, true, "Plan identifier"}, ChildId(),
       {"cin_episode_id", T::kId, false, "Episode of need", {}, "cin_episodes"},
       {"start_date", T::kDate, true, "Plan started"},
       {"end_date", T::kDate, false, "Plan ended"},
       {"initial_category", T::kCode, true, "Initial category of abuse", "abuse_category"},
       {"latest_category", T::kCode, false, "Latest category of abuse", "abuse_category"},
       {"previous_plans", T::kInteger, false, "Previous plans, including with other councils, if known"},
       TeamId(), WorkerId()},
      {"cp_plan_id"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"cp_reviews", "Child protection review conferences",
      "Review conferences of child protection plans (CIN census CPPreviewDate).",
      {{"cp_plan_id", T::kId, true, "Plan reviewed", {}, "cp_plans"}, ChildId(),
       {"review_date", T::kDate, true, "Date of the review conference"}},
      {"cp_plan_id", "review_date"}});
  types.push_back({"looked_after_episodes", "Looked-after episodes",
      "Episodes of care with SSDA903 meaning: each change of legal status or placement starts a new episode.",
      {{"episode_id", T::kId, true, "Episode identifier"}, ChildId(),
       {"decom", T::kDate, true, "Episode started (DECOM)"},
       {"rne", T::kCode, true, "Reason for new episode (RNE)", "reason_new_episode"},
       {"ls", T::kCode, true, "Legal status (LS)", "legal_status"},
       {"cin", T::kCode, true, "Category of need (CIN)", "category_of_need"},
       {"place", T::kCode, true, "Placement type (PLACE)", "placement_type"},
       {"place_provider", T::kCode, false, "Placement provider (PLACE_PROVIDER)", "placement_provider"},
       {"dec", T::kDate, false, "Episode ceased (DEC)"},
       {"rec", T::kCode, false, "Reason episode ceased (REC)", "reason_episode_ceased"},
       {"reason_place_change", T::kCode, false, "Reason for placement change (REASON_PLACE_CHANGE)", "reason_place_change"},
       {"home_postcode_district", T::kText, false, "Postcode district of the child's home (HOME_POST), e.g. BR1"},
       {"placement_postcode_district", T::kText, false, "Postcode district of the placement (PL_POST)"},
       {"placement_distance_miles", T::kDecimal, false, "Distance from home to placement, miles"},
       {"placement_la", T::kText, false, "Council area of the placement (LA code, or NIR, WAL, SCO, NUK)"},
       {"urn", T::kText, false, "Ofsted URN of the placement provider"},
       TeamId(), WorkerId()},
      {"episode_id"},
      {NotBefore("decom", "dec"), {K::kBothOrNeither, {"dec", "rec"}}}});
  types.push_back({"looked_after_reviews", "Looked-after reviews",
      "Statutory reviews of looked-after children (SSDA903 reviews).",
      {ChildId(), {"review_date", T::kDate, true, "Date of the review (REVIEW)"},
       {"participation", T::kCode, false, "How the child took part (REVIEW_CODE)", "review_participation"}},
      {"child_id", "review_date"}});
  types.push_back({"visits", "Statutory visits",
      "Statutory social work visits to children in need, on child protection plans or looked after.",
      {{"visit_id", T::kId, true, "Visit identifier"}, ChildId(),
       {"visit_date", T::kDate, true, "Date of the visit"},
       {"plan", T::kCode, true, "Plan the visit was made under", "visit_plan"},
       {"seen_alone", T::kFlag, false, "Child seen alone"}, WorkerId()},
      {"visit_id"}});
  types.push_back({"health_checks", "Health and dental checks",
      "Health assessments and dental checks of looked-after children (SSDA903 OC2; Annex A list 8).",
      {ChildId(), {"check_date", T::kDate, true, "Date of the check"},
       {"check_type", T::kCode, true, "Kind of check", "health_check_type"}},
      {"child_id", "check_date", "check_type"}});
  types.push_back({"looked_after_outcomes", "Outcomes of children looked after for a year",
      "What the year to 31 March held for a child looked after continuously for 12 months on that day "
      "(SSDA903 OC2): flags for the year, not dated events.",
      {ChildId(), {"as_at_date", T::kDate, true, "The 31 March the outcomes are at"},
       {"health_check", T::kFlag, false, "Health assessment up to date (HEALTH_CHECK)"},
       {"teeth_check", T::kFlag, false, "Teeth checked by a dentist in the year (TEETH_CHECK)"},
       {"immunisations", T::kFlag, false, "Immunisations up to date (IMMUNISATIONS)"},
       {"sdq_score", T::kInteger, false, "Strengths and difficulties questionnaire score, 0 to 40 (SDQ_SCORE)"},
       {"convicted", T::kFlag, false, "Convicted, or given a final warning or reprimand, in the year (CONVICTED)"},
       {"substance_misuse", T::kFlag, false, "Identified as having a substance misuse problem (SUBSTANCE_MISUSE)"}},
      {"child_id", "as_at_date"}});
  types.push_back({"missing_episodes", "Missing and away episodes",
      "Episodes of a looked-after child missing or away from placement (SSDA903 missing).",
      {{"missing_id", T::kId, true, "Episode identifier"}, ChildId(),
       {"start_date", T::kDate, true, "Went missing (MIS_START)"},
       {"end_date", T::kDate, false, "Returned (MIS_END)"},
       {"missing_type", T::kCode, true, "Missing or away (MISSING)", "missing_type"},
       {"return_interview_offered", T::kFlag, false, "Return interview offered"},
       {"return_interview_accepted", T::kFlag, false, "Return interview accepted"}},
      {"missing_id"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"care_leavers", "Care leavers",
      "What is known of a care leaver on a date (SSDA903 OC3 at the birthday; Annex A list 9).",
      {ChildId(), {"as_at_date", T::kDate, true, "Date the information describes"},
       {"eligibility", T::kCode, true, "Care leaver eligibility category", "care_leaver_eligibility"},
       {"in_touch", T::kCode, false, "Council in touch (IN_TOUCH)", "in_touch"},
       {"activity", T::kCode, false, "Main activity (ACTIV)", "care_leaver_activity"},
       {"accommodation", T::kCode, false, "Accommodation and its suitability (ACCOM)", "care_leaver_accommodation"},
       {"pathway_plan_review_date", T::kDate, false, "Latest pathway plan review"},
       {"latest_contact_date", T::kDate, false, "Latest contact with the young person"},
       {"personal_adviser_id", T::kId, false, "Personal adviser", {}, "workers"}},
      {"child_id", "as_at_date"}});
  types.push_back({"previous_permanence", "Previous permanence",
      "What a year's return said of the adoption, special guardianship or child arrangements order a "
      "looked-after child had before this period of care (SSDA903 PrevPerm).",
      {ChildId(), {"as_at_date", T::kDate, true, "The 31 March of the return that said it"},
       {"previous_permanence", T::kCode, true, "Previous permanence option (PREV_PERM)", "previous_permanence"},
       {"permanence_la", T::kText, false, "Council that made the previous order (LA_PERM)"},
       {"permanence_date", T::kDate, false, "Date of the previous order (DATE_PERM), when its day and month are known"},
       {"permanence_year", T::kInteger, false, "Year of the previous order (DATE_PERM), also when only the year is known"}},
      {"child_id", "as_at_date"}});
  types.push_back({"social_worker_episodes", "Social worker episodes",
      "Which social worker a looked-after child had, and when (SSDA903 sw_episodes, from 2023-24). The worker's "
      "identifier is the return's SW_ID, not checked against the workers loaded.",
      {ChildId(), {"worker_id", T::kId, true, "Social worker (SW_ID)"},
       {"start_date", T::kDate, true, "Became the child's social worker (SW_DECOM)"},
       {"end_date", T::kDate, false, "Stopped being the child's social worker (SW_DEC)"},
       {"change_reason", T::kCode, false, "Why the worker changed (SW_REASON)", "social_worker_change_reason"}},
      {"child_id", "start_date", "worker_id"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"liberty_deprivations", "Deprivation of liberty orders",
      "Orders depriving a looked-after child of liberty (SSDA903 DoLo, from 2026-27).",
      {ChildId(), {"start_date", T::kDate, true, "Order started (DOLO_START)"},
       {"end_date", T::kDate, false, "Order ended (DOLO_END)"}},
      {"child_id", "start_date"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"adoptions", "Adoption milestones",
      "A child's journey to adoption (SSDA903 AD1 and placed for adoption; Annex A list 10).",
      {{"adoption_id", T::kId, true, "Adoption case identifier"}, ChildId(),
       {"entered_care_date", T::kDate, false, "Date the child entered care"},
       {"decision_date", T::kDate, true, "Decision that the child should be placed for adoption"},
       {"placement_order_date", T::kDate, false, "Placement order granted"},
       {"match_date", T::kDate, false, "Child matched with prospective adopters"},
       {"ffa_placed_date", T::kDate, false, "Placed in a fostering-for-adoption or concurrent placement"},
       {"placed_date", T::kDate, false, "Placed for adoption"},
       {"adoption_order_date", T::kDate, false, "Adoption order granted"},
       {"decision_reversed_date", T::kDate, false, "Decision that the child should no longer be placed for adoption"},
       {"reversal_reason", T::kCode, false, "Why the decision was reversed", "adoption_reversal_reason"}},
      {"adoption_id"},
      {NotBefore("decision_date", "decision_reversed_date"), NotBefore("placed_date", "adoption_order_date"),
       {K::kBothOrNeither, {"decision_reversed_date", "reversal_reason"}}}});
  types.push_back({"foster_households", "Foster carer households",
      "Fostering households from first enquiry to deregistration.",
      {{"household_id", T::kId, true, "Household identifier"},
       {"la_code", T::kId, true, "Council", {}, "councils"},
       {"household_type", T::kCode, true, "In-house, connected person or agency", "foster_household_type"},
       {"enquiry_date", T::kDate, false, "First enquiry"},
       {"approval_date", T::kDate, false, "Approved as foster carers"},
       {"deregistration_date", T::kDate, false, "Deregistered"},
       {"places", T::kInteger, false, "Approved places"}},
      {"household_id"},
      {NotBefore("enquiry_date", "approval_date"), NotBefore("approval_date", "deregistration_date")}});
  types.push_back({"adopters", "Prospective adopters",
      "People who approached the council's adoption agency, from enquiry to adoption or leaving (Annex A list 11).",
      {{"adopter_id", T::kId, true, "Adopter identifier (one person)"},
       {"la_code", T::kId, true, "Council", {}, "councils"},
       {"family_id", T::kId, false, "Adoptive family (household) identifier"},
       {"ffa", T::kFlag, false, "Fostering for adoption"},
       {"enquiry_date", T::kDate, false, "Enquiry received"},
       {"stage1_start_date", T::kDate, false, "Stage 1 started (registration of interest)"},
       {"stage1_end_date", T::kDate, false, "Stage 1 ended"},
       {"stage2_start_date", T::kDate, false, "Stage 2 started"},
       {"stage2_end_date", T::kDate, false, "Stage 2 ended"},
       {"application_date", T::kDate, false, "Application submitted"},
       {"approval_date", T::kDate, false, "Approved as adopters"},
       {"match_date", T::kDate, false, "Matched with a child or children"},
       {"placed_date", T::kDate, false, "Child or children placed"},
       {"children_placed", T::kInteger, false, "Children placed"},
       {"adoption_order_date", T::kDate, false, "Adoption order"},
       {"left_date", T::kDate, false, "Left the adoption process"},
       {"left_reason", T::kCode, false, "Why they left the process", "adopter_leaving_reason"}},
      {"adopter_id"},
      {NotBefore("stage1_start_date", "stage1_end_date"), NotBefore("stage2_start_date", "stage2_end_date"),
       NotBefore("stage1_start_date", "approval_date"), NotBefore("approval_date", "match_date"),
       NotBefore("match_date", "placed_date"), NotBefore("placed_date", "adoption_order_date"),
       {K::kBothOrNeither, {"left_date", "left_reason"}}}});
  types.push_back({"allocations", "Allocations", "Which worker held a child's case, and when.",
      {ChildId(), {"worker_id", T::kId, true, "Allocated worker", {}, "workers"}, TeamId(),
       {"start_date", T::kDate, true, "Allocated from"},
       {"end_date", T::kDate, false, "Allocated until"}},
      {"child_id", "worker_id", "start_date"}, {NotBefore("start_date", "end_date")}});
  types.push_back({"supervisions", "Supervision sessions", "Formal case supervision of workers.",
      {{"worker_id", T::kId, true, "Worker supervised", {}, "workers"},
       {"supervision_date", T::kDate, true, "Date of the session"},
       {"supervisor_id", T::kId, false, "Supervisor", {}, "workers"}},
      {"worker_id", "supervision_date"}});
  types.push_back({"worker_caseloads", "Caseloads on a census day",
      "How many cases a social worker held on the workforce census day (CSWW Cases30, 30 September), with "
      "the worker's FTE that day: the DfE's caseload, for councils whose allocations are not loaded.",
      {{"worker_id", T::kId, true, "Worker", {}, "workers"},
       {"census_date", T::kDate, true, "Census day (30 September)"},
       {"cases", T::kInteger, true, "Cases the worker held that day"},
       {"fte", T::kDecimal, true, "The worker's full-time equivalent that day, 0 to 1"}},
      {"worker_id", "census_date"}});
  for (RecordType& t : types) {
    for (FieldRule& r : t.rules)
      for (auto f : r.fields) r.columns.push_back(t.IndexOf(f));
    for (Field& f : t.fields)
      if (!f.code_list.empty()) f.codes = FindCodeList(f.code_list);
  }
  return types;
}

}  // namespace

std::string_view FieldTypeName(FieldType t) {
  switch (t) {
    case T::kId: return "id";
    case T::kText: return "text";
    case T::kDate: return "date";
    case T::kInteger: return "integer";
    case T::kDecimal: return "decimal";
    case T::kFlag: return "Y/N";
    case T::kCode: return "code";
    case T::kCodeSet: return "codes";
  }
  return "?";
}

int RecordType::IndexOf(std::string_view field) const {
  for (size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == field) return static_cast<int>(i);
  return -1;
}

const std::vector<RecordType>& RecordTypes() {
  static const std::vector<RecordType> types = Build();
  return types;
}

const RecordType* FindRecordType(std::string_view name) {
  for (const RecordType& t : RecordTypes())
    if (t.name == name) return &t;
  return nullptr;
}

}  // namespace scrutiny
