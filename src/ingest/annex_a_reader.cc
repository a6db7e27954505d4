#include "ingest/annex_a_reader.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

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

// What a row says of the child it is about, checked.
struct ChildFields {
  std::string id;
  std::string_view sex, ethnicity;
  std::optional<Date> date_of_birth;
};

bool Blank(const XlsxRow& row) {
  return std::all_of(row.cells.begin(), row.cells.end(),
                     [](const XlsxCell& c) { return AnnexAText(c.text).empty(); });
}

// "Y" or "N" for a yes/no column; empty if none or bad.
std::string_view Flag(AnnexARow& row, C column, bool required) { return row.Code(column, "yes_no", required); }

// WorkbookReading reads one workbook's lists into an AnnexAReturn, sheet by sheet.
class WorkbookReading {
 public:
  WorkbookReading(const std::string& file, const AnnexAOptions& options, Problems& problems)
      : file_(file), options_(options), problems_(problems) {}
  Result<AnnexAReturn> Run(const XlsxWorkbook& workbook);

 private:
  void ReadSheet(const XlsxSheet& sheet);
  bool ReadRow(const AnnexASheet& sheet, const XlsxRow& xlsx_row);
  std::optional<ModelRecord> RecordOf(int list, AnnexARow& row, const std::string& child_id);
  ModelRecord Contact(AnnexARow& row);
  ModelRecord EarlyHelp(AnnexARow& row);
  ModelRecord Referral(AnnexARow& row);
  ModelRecord Assessment(AnnexARow& row);
  ModelRecord Section47(AnnexARow& row);
  ModelRecord ChildInNeed(AnnexARow& row);
  ModelRecord ProtectionPlan(AnnexARow& row);
  ModelRecord CareLeaver(AnnexARow& row);
  ModelRecord Adoption(AnnexARow& row);
  ModelRecord Record(std::string_view type) { return ModelRecord(out_.dataset, out_.sources, type); }
  std::string RecordId(const AnnexARow& row, int list) const {
    return fmt::format("{}-L{}-{}", options_.la_code, list, row.line());
  }
  void AddChild(const ChildFields& child, const AnnexARow& row);

  const std::string& file_;
  const AnnexAOptions& options_;
  Problems& problems_;
  std::set<std::string> children_;
  AnnexAReturn out_;
};

Result<AnnexAReturn> WorkbookReading::Run(const XlsxWorkbook& workbook) {
  if (!IsIdText(options_.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options_.la_code));
  out_.sources = EmptySources(out_.dataset);
  Record("councils")
      .Set("la_code", options_.la_code)
      .Set("name", options_.council_name.empty() ? "Council " + options_.la_code : options_.council_name)
      .Add("(council)", 0, problems_);
  for (const XlsxSheet& sheet : workbook.sheets()) ReadSheet(sheet);
  return std::move(out_);
}

void WorkbookReading::ReadSheet(const XlsxSheet& sheet) {
  AnnexASheetCount& count = out_.sheets.emplace_back();
  count.sheet = sheet.name;
  std::optional<int> named = ListNumberOfName(sheet.name);
  bool no_place = named && std::any_of(AnnexALists().begin(), AnnexALists().end(), [&](const AnnexAListSpec& s) {
    return s.number == *named && s.record_type.empty();
  });
  if (named && *named == kCareLeaversList && !options_.as_at) {
    problems_.Add({fmt::format("{}[{}]", file_, sheet.name), 0, "", "",
                   "List 9 (care leavers) is read only given the date the workbook describes (--as-at)"});
    no_place = true;
  }
  if (no_place) {
    count.list = *named;
    return;
  }
  auto found = AnnexASheet::Find(sheet, file_, problems_);
  if (!found) return;
  count.list = found->spec().number;
  count.record_type = found->spec().record_type;
  for (size_t r = found->header_index() + 1; r < sheet.rows.size(); ++r) {
    if (Blank(sheet.rows[r])) continue;
    ++count.rows;
    if (!ReadRow(*found, sheet.rows[r])) ++count.left_out;
  }
}

bool WorkbookReading::ReadRow(const AnnexASheet& sheet, const XlsxRow& xlsx_row) {
  AnnexARow row(sheet, xlsx_row, problems_);
  ChildFields child{row.ChildId(options_.la_code), row.Code(C::kGender, "sex", true),
                    row.Code(C::kEthnicity, "ethnicity", true), row.DateOf(C::kDateOfBirth, true)};
  auto record = RecordOf(sheet.spec().number, row, child.id);
  if (!row.ok() || !record || !record->Add(row.source(), row.line(), problems_)) return false;
  AddChild(child, row);
  return true;
}

std::optional<ModelRecord> WorkbookReading::RecordOf(int list, AnnexARow& row, const std::string& child_id) {
  auto with_child = [&](ModelRecord r) -> std::optional<ModelRecord> { return r.Set("child_id", child_id); };
  switch (list) {
    case 1: return with_child(Contact(row));
    case 2: return with_child(EarlyHelp(row));
    case 3: return with_child(Referral(row));
    case 4: return with_child(Assessment(row));
    case 5: return with_child(Section47(row));
    case 6: return with_child(ChildInNeed(row));
    case 7: return with_child(ProtectionPlan(row));
    case 9: return with_child(CareLeaver(row));
    case 10: return with_child(Adoption(row));
    default: return std::nullopt;
  }
}

ModelRecord WorkbookReading::Contact(AnnexARow& row) {
  return std::move(Record("contacts")
                       .Set("contact_id", RecordId(row, 1))
                       .Set("contact_date", row.DateOf(C::kContactDate, true))
                       .Set("source", row.Code(C::kContactSource, "referral_source", true)));
}

ModelRecord WorkbookReading::EarlyHelp(AnnexARow& row) {
  auto start = row.DateOf(C::kEarlyHelpStart, true);
  return std::move(Record("early_help_episodes")
                       .Set("early_help_id", RecordId(row, 2))
                       .Set("start_date", start)
                       .Set("assessment_start_date", start)
                       .Set("assessment_completed_date", row.DateOf(C::kEarlyHelpCompleted, false))
                       .Set("organisation", EarlyHelpOrganisation(row.Text(C::kEarlyHelpOrganisation))));
}

ModelRecord WorkbookReading::Referral(AnnexARow& row) {
  return std::move(Record("referrals")
                       .Set("referral_id", RecordId(row, 3))
                       .Set("referral_date", row.DateOf(C::kReferralDate, true))
                       .Set("source", row.Code(C::kReferralSource, "referral_source", true))
                       .Set("nfa", Flag(row, C::kReferralNfa, true)));
}

ModelRecord WorkbookReading::Assessment(AnnexARow& row) {
  return std::move(Record("assessments")
                       .Set("assessment_id", RecordId(row, 4))
                       .Set("start_date", row.DateOf(C::kAssessmentStart, true))
                       .Set("authorisation_date", row.DateOf(C::kAuthorised, false))
                       .Set("requires_support", Flag(row, C::kRequiresSupport, false)));
}

ModelRecord WorkbookReading::Section47(AnnexARow& row) {
  return std::move(Record("section47_enquiries")
                       .Set("s47_id", RecordId(row, 5))
                       .Set("strategy_discussion_date", row.DateOf(C::kStrategyDate, true))
                       .Set("icpc_not_required", Flag(row, C::kIcpcNotRequired, false))
                       .Set("icpc_date", row.DateOf(C::kIcpcDate, false))
                       .Set("icpc_cp_plan", Flag(row, C::kIcpcCpPlan, false)));
}

ModelRecord WorkbookReading::ChildInNeed(AnnexARow& row) {
  return std::move(Record("cin_episodes")
                       .Set("cin_episode_id", RecordId(row, 6))
                       .Set("start_date", row.DateOf(C::kCinStart, true))
                       .Set("primary_need", row.Code(C::kPrimaryNeed, "primary_need", true))
                       .Set("end_date", row.DateOf(C::kCinClosed, false))
                       .Set("closure_reason", row.Code(C::kClosureReason, "cin_closure_reason", false)));
}

ModelRecord WorkbookReading::ProtectionPlan(AnnexARow& row) {
  return std::move(Record("cp_plans")
                       .Set("cp_plan_id", RecordId(row, 7))
                       .Set("start_date", row.DateOf(C::kCpStart, true))
                       .Set("initial_category", row.Code(C::kInitialCategory, "abuse_category", true))
                       .Set("latest_category", row.Code(C::kLatestCategory, "abuse_category", false))
                       .Set("end_date", row.DateOf(C::kCpEnd, false))
                       .Set("previous_plans", row.Count(C::kPreviousPlans)));
}

ModelRecord WorkbookReading::CareLeaver(AnnexARow& row) {
  std::string_view accommodation;
  if (!row.Text(C::kAccommodationType).empty() || !row.Text(C::kAccommodationSuitability).empty()) {
    auto code = CareLeaverAccommodation(row.Text(C::kAccommodationType), row.Text(C::kAccommodationSuitability));
    if (code) accommodation = *code;
    else row.Fail(C::kAccommodationType, "the type (a letter, e.g. 'Y: Other accommodation') and suitability "
                                         "(a) Suitable or b) Unsuitable) of accommodation are given together");
  }
  return std::move(Record("care_leavers")
                       .Set("as_at_date", options_.as_at)
                       .Set("eligibility", row.Code(C::kEligibility, "care_leaver_eligibility", true))
                       .Set("in_touch", row.Code(C::kInTouch, "in_touch", false))
                       .Set("activity", row.Code(C::kActivity, "care_leaver_activity", false))
                       .Set("accommodation", accommodation)
                       .Set("pathway_plan_review_date", row.DateOf(C::kPathwayPlanReview, false))
                       .Set("latest_contact_date", row.DateOf(C::kLatestContact, false)));
}

ModelRecord WorkbookReading::Adoption(AnnexARow& row) {
  return std::move(Record("adoptions")
                       .Set("adoption_id", RecordId(row, 10))
                       .Set("entered_care_date", row.DateOf(C::kEnteredCare, false))
                       .Set("decision_date", row.DateOf(C::kAdoptionDecision, true))
                       .Set("placement_order_date", row.DateOf(C::kPlacementOrder, false))
                       .Set("match_date", row.DateOf(C::kMatched, false))
                       .Set("placed_date", row.DateOf(C::kPlaced, false))
                       .Set("adoption_order_date", row.DateOf(C::kAdoptionOrder, false))
                       .Set("decision_reversed_date", row.DateOf(C::kDecisionReversed, false))
                       .Set("reversal_reason", row.Code(C::kReversalReason, "adoption_reversal_reason", false))
                       .Set("ffa_placed_date", row.DateOf(C::kFfaPlaced, false)));
}

// The first row that names a child makes its record; later rows' details are not compared.
void WorkbookReading::AddChild(const ChildFields& child, const AnnexARow& row) {
  if (!children_.insert(child.id).second) return;
  Record("children")
      .Set("child_id", child.id)
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

Result<AnnexAReturn> ReadAnnexA(const XlsxWorkbook& workbook, const std::string& file, const AnnexAOptions& options,
                                Problems& problems) {
  return WorkbookReading(file, options, problems).Run(workbook);
}

Result<AnnexAReturn> ReadAnnexAFile(const std::string& path, const AnnexAOptions& options, Problems& problems) {
  std::error_code ec;
  XlsxLimits limits;
  limits.max_file_bytes = options.max_file_bytes;
  auto workbook = std::filesystem::is_directory(path, ec) ? ReadCsvSheets(path, options.max_file_bytes, problems)
                                                          : XlsxWorkbook::Open(path, limits);
  if (!workbook.ok()) return workbook.status();
  std::filesystem::path named(path);
  if (named.filename().empty()) named = named.parent_path();  // "dir/"
  std::string file = named.filename().string();
  return ReadAnnexA(*workbook, file, options, problems);
}

}  // namespace scrutiny
