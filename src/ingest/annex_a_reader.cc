#include "ingest/annex_a_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <unordered_map>

#include <fmt/format.h>

#include "ingest/annex_a_codes.h"
#include "ingest/annex_a_row.h"
#include "ingest/annex_a_sheet.h"
#include "ingest/csv_sheets.h"
#include "ingest/model_record.h"

namespace scrutiny {
namespace {

using C = AnnexAColumn;

constexpr int kCareLeaversList = 9;
constexpr int kAdoptersList = 11;
// An assessment within 28 days of care beginning is taken as the initial one (due in 20 working days).
constexpr int kInitialHealthAssessmentDays = 28;

// What a row says of the child it is about, checked.
struct ChildFields {
  std::string_view sex, ethnicity;
  std::optional<Date> date_of_birth;
};

bool Blank(const XlsxRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](const XlsxCell& c) { return AnnexAText(c.text).empty(); });
}

// "Y" or "N" for a yes/no column; empty if none or bad.
std::string_view Flag(AnnexARow& row, C column, bool required) { return row.Code(column, "yes_no", required); }

// WorkbookReading reads one workbook's lists into an AnnexAReturn, sheet by
// sheet and row by row as the workbook is read: a sheet's first rows are held
// until its header is found among them, and no other row is kept.
class WorkbookReading : public XlsxSheetReader {
 public:
  WorkbookReading(const std::string& file, const AnnexAOptions& options, size_t problem_limit)
      : file_(file), options_(options), problems_(problem_limit) {}
  // Readies the return (an error if the council code is bad); then give it the workbook's sheets.
  Status Begin();
  // The return read, its problems added to those given.
  AnnexAReturn Finish(Problems& problems);

  void BeginSheet(std::string_view name) override;
  bool Row(const XlsxRow& row) override;
  void EndSheet() override;

 private:
  // What is done with the sheet's rows: none read, its header looked for, or its list read.
  enum class SheetStage { kNotRead, kHeader, kList };
  // Finds the list among the sheet's first rows and reads the rows after its header.
  void FindList();
  void ReadListRow(const XlsxRow& xlsx_row);
  bool ReadRow(const AnnexASheet& sheet, const XlsxRow& xlsx_row);
  // Adds the records the row makes to the group; false for a list not read.
  bool RecordsOf(int list, AnnexARow& row, RecordGroup& group);
  void Contact(AnnexARow& row, RecordGroup& group);
  void EarlyHelp(AnnexARow& row, RecordGroup& group);
  void Referral(AnnexARow& row, RecordGroup& group);
  void Assessment(AnnexARow& row, RecordGroup& group);
  void Section47(AnnexARow& row, RecordGroup& group);
  void ChildInNeed(AnnexARow& row, RecordGroup& group);
  void ProtectionPlan(AnnexARow& row, RecordGroup& group);
  void LookedAfter(AnnexARow& row, RecordGroup& group);
  void LookedAfterEvents(AnnexARow& row, RecordGroup& group, std::optional<Date> care_start);
  void CareLeaver(AnnexARow& row, RecordGroup& group);
  void Adoption(AnnexARow& row, RecordGroup& group);
  bool ReadAdopter(AnnexARow& row);
  // A record of the row's child, from the row's sheet and line.
  ModelRecord& Record(RecordGroup& group, const AnnexARow& row, std::string_view type) {
    ModelRecord& record = group.Record(type, row.source(), row.line());
    return child_pool_id_ ? record.SetInterned("child_id", *child_pool_id_) : record.Set("child_id", "");
  }
  // A record of the row's child and team (Lists 3 to 8).
  ModelRecord& TeamRecord(RecordGroup& group, const AnnexARow& row, std::string_view type) {
    ModelRecord& record = Record(group, row, type);
    return team_ ? record.SetInterned("team_id", *team_) : record.Set("team_id", "");
  }
  // "<council>-L<list>-<row><suffix>" ("903-L3-12"), made without fmt for each of a workbook's rows.
  std::string RecordId(const AnnexARow& row, int list, std::string_view suffix = "") const {
    std::string id = options_.la_code;
    id += "-L";
    id += std::to_string(list);
    id += '-';
    id += std::to_string(row.line());
    id += suffix;
    return id;
  }
  // The pool id of the row's child_id, interned once for all the row's records; none if it has none.
  std::optional<int32_t> ChildOf(AnnexARow& row);
  void AddChild(const ChildFields& child, const AnnexARow& row);
  // The pool id of the identifier of the row's Allocated Team; none if it names none.
  std::optional<int32_t> TeamOf(AnnexARow& row);
  // The team record of the row's team, the first time it is named.
  void AddTeam(const AnnexARow& row);

  const std::string& file_;
  const AnnexAOptions& options_;
  // Kept apart until the workbook is read whole: a workbook refused part-way gives no problems of its rows.
  Problems problems_;
  SheetStage stage_ = SheetStage::kNotRead;
  XlsxSheet head_;  // the sheet's name and its first rows, where its header is looked for
  std::optional<AnnexASheet> list_;  // the list the sheet holds, once found
  AnnexACodes codes_;
  std::vector<bool> made_;  // by the pool id of a child_id: whether its children record is made
  std::optional<int32_t> child_pool_id_;  // the pool id of the row's child_id; none if the row has none
  // By the index of a shared string that gave a good child_id: its pool id (-1 for none yet).
  std::vector<int32_t> child_by_shared_;
  std::optional<int32_t> team_;  // the pool id of the row's team_id, for the lists that name one
  // The pool id of the team_id each Allocated Team name gives (none for a name of no letter or digit).
  std::unordered_map<std::string, std::optional<int32_t>, TextHash, std::equal_to<>> team_of_name_;
  std::vector<bool> team_made_;  // by the pool id of a team_id: whether its teams record is made
  AnnexAReturn out_;
  ModelRecord child_{out_.dataset, out_.sources, "children"};  // reused for each child
  RecordGroup group_{out_.dataset, out_.sources};  // reused for each row's records
};

Status WorkbookReading::Begin() {
  if (!IsIdText(options_.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options_.la_code));
  out_.sources = EmptySources(out_.dataset);
  AddCouncil(out_.dataset, out_.sources, options_.la_code, options_.council_name, problems_);
  return Status::Ok();
}

AnnexAReturn WorkbookReading::Finish(Problems& problems) {
  problems.Append(problems_);
  return std::move(out_);
}

void WorkbookReading::BeginSheet(std::string_view name) {
  AnnexASheetCount& count = out_.sheets.emplace_back();
  count.sheet = name;
  head_ = {std::string(name), {}};
  list_.reset();
  stage_ = SheetStage::kNotRead;
  std::optional<int> named = ListNumberOfName(name);
  bool no_place = named && std::any_of(AnnexALists().begin(), AnnexALists().end(), [&](const AnnexAListSpec& s) {
    return s.number == *named && s.record_type.empty();
  });
  if (named && *named == kCareLeaversList && !options_.as_at) {
    problems_.Add({fmt::format("{}[{}]", file_, name), 0, "", "",
                   "List 9 (care leavers) is read only given the date the workbook describes (--as-at)"});
    no_place = true;
  }
  if (no_place) count.list = *named;
  else stage_ = SheetStage::kHeader;
}

bool WorkbookReading::Row(const XlsxRow& row) {
  if (stage_ == SheetStage::kList) {
    ReadListRow(row);
  } else if (stage_ == SheetStage::kHeader) {
    head_.rows.push_back(row);
    if (head_.rows.size() == AnnexASheet::kHeaderSearchRows) FindList();
  }
  return true;  // every row is read, to the sheet's end, so that a damaged sheet is refused whole
}

void WorkbookReading::EndSheet() {
  if (stage_ == SheetStage::kHeader) FindList();
}

void WorkbookReading::FindList() {
  stage_ = SheetStage::kNotRead;
  list_ = AnnexASheet::Find(head_, file_, problems_);
  if (!list_) return;
  AnnexASheetCount& count = out_.sheets.back();
  count.list = list_->spec().number;
  count.record_type = list_->spec().record_type;
  stage_ = SheetStage::kList;
  for (size_t r = list_->header_index() + 1; r < head_.rows.size(); ++r) ReadListRow(head_.rows[r]);
}

void WorkbookReading::ReadListRow(const XlsxRow& xlsx_row) {
  if (Blank(xlsx_row)) return;
  AnnexASheetCount& count = out_.sheets.back();
  ++count.rows;
  if (!ReadRow(*list_, xlsx_row)) ++count.left_out;
}

bool WorkbookReading::ReadRow(const AnnexASheet& sheet, const XlsxRow& xlsx_row) {
  AnnexARow row(sheet, xlsx_row, options_.la_code, codes_, problems_);
  if (sheet.spec().number == kAdoptersList) return ReadAdopter(row);
  child_pool_id_ = ChildOf(row);
  ChildFields child{row.Code(C::kGender, "sex", true), row.Code(C::kEthnicity, "ethnicity", true),
                    row.DateOf(C::kDateOfBirth, true)};
  team_ = TeamOf(row);
  if (!RecordsOf(sheet.spec().number, row, group_) || !row.ok()) {
    group_.Discard();
    return false;
  }
  if (!group_.Commit(problems_)) return false;
  AddChild(child, row);
  AddTeam(row);
  return true;
}

std::optional<int32_t> WorkbookReading::ChildOf(AnnexARow& row) {
  constexpr int32_t kMaxRemembered = 1 << 22;  // shared strings beyond are interned each time
  int32_t shared = row.Shared(C::kChildId);
  auto index = static_cast<size_t>(shared);
  bool remembered = shared >= 0 && shared < kMaxRemembered;
  if (remembered && index < child_by_shared_.size() && child_by_shared_[index] >= 0) return child_by_shared_[index];
  std::string id = row.ChildId();
  if (id.empty()) return std::nullopt;
  int32_t pooled = child_.Intern({id});
  if (remembered) {
    if (index >= child_by_shared_.size()) child_by_shared_.resize(index + 1, -1);
    child_by_shared_[index] = pooled;
  }
  return pooled;
}

std::optional<int32_t> WorkbookReading::TeamOf(AnnexARow& row) {
  std::string_view name = row.Text(C::kAllocatedTeam);
  if (name.empty()) return std::nullopt;
  auto known = team_of_name_.find(name);
  if (known == team_of_name_.end()) {
    std::string id = AnnexATeamId(options_.la_code, name);
    known = team_of_name_.emplace(name, id.empty() ? std::nullopt : std::optional(child_.Intern({id}))).first;
  }
  if (!known->second)
    row.Note(C::kAllocatedTeam, "a team is named with letters or digits; the row is kept without its team");
  return known->second;
}

void WorkbookReading::AddTeam(const AnnexARow& row) {
  if (!team_) return;
  auto id = static_cast<size_t>(*team_);
  if (id >= team_made_.size()) team_made_.resize(id + 1);
  if (team_made_[id]) return;
  team_made_[id] = true;
  ModelRecord(out_.dataset, out_.sources, "teams")
      .SetInterned("team_id", *team_)
      .Set("la_code", options_.la_code)
      .Set("name", row.Text(C::kAllocatedTeam))
      .Add(row.source(), row.line(), problems_);
}

bool WorkbookReading::RecordsOf(int list, AnnexARow& row, RecordGroup& group) {
  switch (list) {
    case 1: Contact(row, group); return true;
    case 2: EarlyHelp(row, group); return true;
    case 3: Referral(row, group); return true;
    case 4: Assessment(row, group); return true;
    case 5: Section47(row, group); return true;
    case 6: ChildInNeed(row, group); return true;
    case 7: ProtectionPlan(row, group); return true;
    case 8: LookedAfter(row, group); return true;
    case 9: CareLeaver(row, group); return true;
    case 10: Adoption(row, group); return true;
    default: return false;
  }
}

void WorkbookReading::Contact(AnnexARow& row, RecordGroup& group) {
  Record(group, row, "contacts")
      .Set("contact_id", RecordId(row, 1))
      .Set("contact_date", row.DateOf(C::kContactDate, true))
      .Set("source", row.Code(C::kContactSource, "referral_source", true));
}

void WorkbookReading::EarlyHelp(AnnexARow& row, RecordGroup& group) {
  auto start = row.DateOf(C::kEarlyHelpStart, true);
  Record(group, row, "early_help_episodes")
      .Set("early_help_id", RecordId(row, 2))
      .Set("start_date", start)
      .Set("assessment_start_date", start)
      .Set("assessment_completed_date", row.DateOf(C::kEarlyHelpCompleted, false))
      .Set("organisation", EarlyHelpOrganisation(row.Text(C::kEarlyHelpOrganisation)));
}

void WorkbookReading::Referral(AnnexARow& row, RecordGroup& group) {
  TeamRecord(group, row, "referrals")
      .Set("referral_id", RecordId(row, 3))
      .Set("referral_date", row.DateOf(C::kReferralDate, true))
      .Set("source", row.Code(C::kReferralSource, "referral_source", true))
      .Set("nfa", Flag(row, C::kReferralNfa, true));
}

void WorkbookReading::Assessment(AnnexARow& row, RecordGroup& group) {
  TeamRecord(group, row, "assessments")
      .Set("assessment_id", RecordId(row, 4))
      .Set("start_date", row.DateOf(C::kAssessmentStart, true))
      .Set("authorisation_date", row.DateOf(C::kAuthorised, false))
      .Set("requires_support", Flag(row, C::kRequiresSupport, false));
}

void WorkbookReading::Section47(AnnexARow& row, RecordGroup& group) {
  TeamRecord(group, row, "section47_enquiries")
      .Set("s47_id", RecordId(row, 5))
      .Set("strategy_discussion_date", row.DateOf(C::kStrategyDate, true))
      .Set("icpc_not_required", Flag(row, C::kIcpcNotRequired, false))
      .Set("icpc_date", row.DateOf(C::kIcpcDate, false))
      .Set("icpc_cp_plan", Flag(row, C::kIcpcCpPlan, false));
}

void WorkbookReading::ChildInNeed(AnnexARow& row, RecordGroup& group) {
  TeamRecord(group, row, "cin_episodes")
      .Set("cin_episode_id", RecordId(row, 6))
      .Set("start_date", row.DateOf(C::kCinStart, true))
      .Set("primary_need", row.Code(C::kPrimaryNeed, "primary_need", true))
      .Set("end_date", row.DateOf(C::kCinClosed, false))
      .Set("closure_reason", row.Code(C::kClosureReason, "cin_closure_reason", false));
}

void WorkbookReading::ProtectionPlan(AnnexARow& row, RecordGroup& group) {
  std::string plan_id = RecordId(row, 7);
  TeamRecord(group, row, "cp_plans")
      .Set("cp_plan_id", plan_id)
      .Set("start_date", row.DateOf(C::kCpStart, true))
      .Set("initial_category", row.Code(C::kInitialCategory, "abuse_category", true))
      .Set("latest_category", row.Code(C::kLatestCategory, "abuse_category", false))
      .Set("end_date", row.DateOf(C::kCpEnd, false))
      .Set("previous_plans", row.Count(C::kPreviousPlans));
  if (auto visit = row.DateOf(C::kCpVisit, false))
    Record(group, row, "visits")
        .Set("visit_id", plan_id + "-visit")
        .Set("visit_date", visit)
        .Set("plan", "CP")
        .Set("seen_alone", Flag(row, C::kCpSeenAlone, false));
}

// List 8 gives a child's period of care as it stands: one episode from the
// day care began with the latest legal status and placement (docs/annex-a.md).
void WorkbookReading::LookedAfter(AnnexARow& row, RecordGroup& group) {
  auto start = row.DateOf(C::kCareStart, true);
  std::string_view postcode = row.Text(C::kPlacementPostcode);
  std::string district = PostcodeDistrict(postcode);
  if (!postcode.empty() && district.empty())
    row.Note(C::kPlacementPostcode, "not a postcode (e.g. 'EG19 7TT'); the placement's district is left blank");
  TeamRecord(group, row, "looked_after_episodes")
      .Set("episode_id", RecordId(row, 8))
      .Set("decom", start)
      .Set("rne", "S")
      .Set("ls", row.Code(C::kLegalStatus, "legal_status", true))
      .Set("cin", row.Code(C::kCategoryOfNeed, "category_of_need", true))
      .Set("place", row.Code(C::kPlacementType, "placement_type", true))
      .Set("place_provider", row.Code(C::kPlacementProvider, "placement_provider", false))
      .Set("dec", row.DateOf(C::kCareCeased, false))
      .Set("rec", row.Code(C::kCeasedReason, "reason_episode_ceased", false))
      .Set("placement_postcode_district", district)
      .Set("urn", row.Text(C::kPlacementUrn))
      .Set("placement_la", row.Text(C::kPlacementLa));
  LookedAfterEvents(row, group, start);
}

// The latest review, visit, health assessment and dental check List 8 names.
void WorkbookReading::LookedAfterEvents(AnnexARow& row, RecordGroup& group, std::optional<Date> care_start) {
  if (auto review = row.DateOf(C::kLatestReview, false))
    Record(group, row, "looked_after_reviews").Set("review_date", review);
  if (auto visit = row.DateOf(C::kLastVisit, false))
    Record(group, row, "visits").Set("visit_id", RecordId(row, 8, "-visit")).Set("visit_date", visit).Set("plan", "LAC");
  if (auto health = row.DateOf(C::kLastHealthAssessment, false)) {
    bool initial = care_start && *health >= *care_start && *health - *care_start <= kInitialHealthAssessmentDays;
    Record(group, row, "health_checks").Set("check_date", health).Set("check_type", initial ? "IHA" : "RHA");
  }
  if (auto dental = row.DateOf(C::kLastDentalCheck, false))
    Record(group, row, "health_checks").Set("check_date", dental).Set("check_type", "DENTAL");
}

void WorkbookReading::CareLeaver(AnnexARow& row, RecordGroup& group) {
  std::string_view accommodation;
  if (!row.Text(C::kAccommodationType).empty() || !row.Text(C::kAccommodationSuitability).empty()) {
    auto code = CareLeaverAccommodation(row.Text(C::kAccommodationType), row.Text(C::kAccommodationSuitability));
    if (code) accommodation = *code;
    else row.Fail(C::kAccommodationType, "the type (a letter, e.g. 'Y: Other accommodation') and suitability "
                                         "(a) Suitable or b) Unsuitable) of accommodation are given together");
  }
  Record(group, row, "care_leavers")
      .Set("as_at_date", options_.as_at)
      .Set("eligibility", row.Code(C::kEligibility, "care_leaver_eligibility", true))
      .Set("in_touch", row.Code(C::kInTouch, "in_touch", false))
      .Set("activity", row.Code(C::kActivity, "care_leaver_activity", false))
      .Set("accommodation", accommodation)
      .Set("pathway_plan_review_date", row.DateOf(C::kPathwayPlanReview, false))
      .Set("latest_contact_date", row.DateOf(C::kLatestContact, false));
}

void WorkbookReading::Adoption(AnnexARow& row, RecordGroup& group) {
  Record(group, row, "adoptions")
      .Set("adoption_id", RecordId(row, 10))
      .Set("entered_care_date", row.DateOf(C::kEnteredCare, false))
      .Set("decision_date", row.DateOf(C::kAdoptionDecision, true))
      .Set("placement_order_date", row.DateOf(C::kPlacementOrder, false))
      .Set("match_date", row.DateOf(C::kMatched, false))
      .Set("placed_date", row.DateOf(C::kPlaced, false))
      .Set("adoption_order_date", row.DateOf(C::kAdoptionOrder, false))
      .Set("decision_reversed_date", row.DateOf(C::kDecisionReversed, false))
      .Set("reversal_reason", row.Code(C::kReversalReason, "adoption_reversal_reason", false))
      .Set("ffa_placed_date", row.DateOf(C::kFfaPlaced, false));
}

// A List 11 row: one prospective adopter, not a child.
bool WorkbookReading::ReadAdopter(AnnexARow& row) {
  ModelRecord adopter = ModelRecord(out_.dataset, out_.sources, "adopters");
  adopter.Set("adopter_id", row.Identifier(C::kAdopterId, "adopter's"))
      .Set("la_code", options_.la_code)
      .Set("family_id", row.Text(C::kFamilyId).empty() ? "" : row.Identifier(C::kFamilyId, "family's"))
      .Set("ffa", Flag(row, C::kAdopterFfa, false))
      .Set("enquiry_date", row.DateOf(C::kEnquiry, false))
      .Set("stage1_start_date", row.DateOf(C::kStage1Start, false))
      .Set("stage1_end_date", row.DateOf(C::kStage1End, false))
      .Set("stage2_start_date", row.DateOf(C::kStage2Start, false))
      .Set("stage2_end_date", row.DateOf(C::kStage2End, false))
      .Set("application_date", row.DateOf(C::kApplication, false))
      .Set("approval_date", row.DateOf(C::kApproved, false))
      .Set("match_date", row.DateOf(C::kAdopterMatched, false))
      .Set("placed_date", row.DateOf(C::kAdopterPlaced, false))
      .Set("children_placed", row.Count(C::kChildrenPlaced))
      .Set("adoption_order_date", row.DateOf(C::kAdopterOrder, false))
      .Set("left_date", row.DateOf(C::kLeft, false))
      .Set("left_reason", row.Code(C::kLeftReason, "adopter_leaving_reason", false));
  return row.ok() && adopter.Add(row.source(), row.line(), problems_);
}

// The first row that names a child makes its record; later rows' details are not compared.
void WorkbookReading::AddChild(const ChildFields& child, const AnnexARow& row) {
  int32_t id = *child_pool_id_;  // a row whose records were added has a child_id
  if (static_cast<size_t>(id) >= made_.size()) made_.resize(static_cast<size_t>(id) + 1);
  if (made_[static_cast<size_t>(id)]) return;
  made_[static_cast<size_t>(id)] = true;
  child_.Clear()
      .SetInterned("child_id", id)
      .Set("la_code", options_.la_code)
      .Set("sex", child.sex)
      .Set("ethnicity", child.ethnicity)
      .Set("date_of_birth", child.date_of_birth)
      .Set("uasc", "N")
      .Add(row.source(), row.line(), problems_);
}

}  // namespace

uint64_t AnnexAReturn::left_out() const {
  uint64_t n = 0;
  for (const AnnexASheetCount& s : sheets) n += s.left_out;
  return n;
}

namespace {

// The return of a workbook whose sheets read_sheets gives to a reader.
Result<AnnexAReturn> ReadWorkbook(const std::string& file, const AnnexAOptions& options, Problems& problems,
                                  const std::function<Status(XlsxSheetReader&)>& read_sheets) {
  WorkbookReading reading(file, options, problems.limit());
  if (Status s = reading.Begin(); !s.ok()) return s;
  if (Status s = read_sheets(reading); !s.ok()) return s;
  return reading.Finish(problems);
}

}  // namespace

Result<AnnexAReturn> ReadAnnexA(const XlsxWorkbook& workbook, const std::string& file, const AnnexAOptions& options,
                                Problems& problems) {
  return ReadWorkbook(file, options, problems, [&workbook](XlsxSheetReader& reader) {
    workbook.GiveTo(reader);
    return Status::Ok();
  });
}

Result<AnnexAReturn> ReadAnnexAXlsx(std::string_view bytes, const std::string& file, const AnnexAOptions& options,
                                    Problems& problems, const XlsxLimits& limits) {
  return ReadWorkbook(file, options, problems,
                      [&](XlsxSheetReader& reader) { return ReadXlsxBytes(bytes, file, reader, limits); });
}

Result<AnnexAReturn> ReadAnnexAFile(const std::string& path, const AnnexAOptions& options, Problems& problems) {
  std::filesystem::path named(path);
  if (named.filename().empty()) named = named.parent_path();  // "dir/"
  std::string file = named.filename().string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    auto workbook = ReadCsvSheets(path, options.max_file_bytes, problems);
    if (!workbook.ok()) return workbook.status();
    return ReadAnnexA(*workbook, file, options, problems);
  }
  XlsxLimits limits;
  limits.max_file_bytes = options.max_file_bytes;
  return ReadWorkbook(file, options, problems,
                      [&](XlsxSheetReader& reader) { return ReadXlsxFile(path, reader, limits); });
}

}  // namespace scrutiny
