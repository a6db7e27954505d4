#include "synth/annex_a_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "core/code_lists.h"
#include "synth/record_fields.h"
#include "synth/return_file.h"

namespace scrutiny {
namespace {

// AnnexACell is one value of a list's row: text, or a date written as an Excel date.
struct AnnexACell {
  std::string text;
  std::optional<Date> date;
  // Implicit, so that a row is written as a list of its values.
  AnnexACell(std::string_view t = {}) : text(t) {}
  AnnexACell(const char* t) : text(t) {}
  AnnexACell(std::string t) : text(std::move(t)) {}
  AnnexACell(std::optional<Date> d) : date(d) {}
};
using AnnexARowCells = std::vector<AnnexACell>;

std::string_view YesNo(bool v) { return v ? "Y" : "N"; }

// WorkbookWriting fills one workbook list by list from one council's tables.
class WorkbookWriting {
 public:
  WorkbookWriting(const Dataset& d, Date as_at, lxw_workbook* workbook)
      : d_(d), as_at_(as_at), since_(as_at.AddMonths(-6)), workbook_(workbook), children_(d, "children"),
        child_rows_(children_.RowsBy("child_id")) {
    la_code_ = RecordFields(d, "councils").Text(0, "la_code");
    date_format_ = workbook_add_format(workbook);
    format_set_num_format(date_format_, "dd/mm/yyyy");
  }
  lxw_error Run();

 private:
  // The date if the workbook's day knows it.
  std::optional<Date> Known(std::optional<Date> d) const { return d && *d <= as_at_ ? d : std::nullopt; }
  bool InWindow(std::optional<Date> d) const { return d && *d > since_ && *d <= as_at_; }
  // Open on some day of the six months: started by the date, not ended before them.
  bool Spans(std::optional<Date> start, std::optional<Date> end) const {
    return start && *start <= as_at_ && (!end || *end > since_);
  }
  // The list's sheet: the child columns, then the rest.
  void List(int number, std::vector<std::string_view> columns, std::string_view type,
            const std::function<std::optional<AnnexARowCells>(const RecordFields&, size_t)>& row_of);
  void LookedAfter();
  void CareLeavers();
  void Cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const AnnexACell& cell);

  const Dataset& d_;
  Date as_at_, since_;
  lxw_workbook* workbook_;
  lxw_format* date_format_;
  lxw_error error_ = LXW_NO_ERROR;
  std::string_view la_code_;
  RecordFields children_;
  std::unordered_map<std::string_view, size_t> child_rows_;
};

void WorkbookWriting::Cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const AnnexACell& cell) {
  lxw_error e = LXW_NO_ERROR;
  if (cell.date) {
    Date::Parts p = cell.date->parts();
    lxw_datetime dt = {p.year, p.month, p.day, 0, 0, 0};
    e = worksheet_write_datetime(sheet, row, col, &dt, date_format_);
  } else if (!cell.text.empty()) {
    e = worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
  }
  if (error_ == LXW_NO_ERROR) error_ = e;
}

void WorkbookWriting::List(int number, std::vector<std::string_view> columns, std::string_view type,
                           const std::function<std::optional<AnnexARowCells>(const RecordFields&, size_t)>& row_of) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, fmt::format("List {}", number).c_str());
  columns.insert(columns.begin(), {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth"});
  for (size_t c = 0; c < columns.size(); ++c) Cell(sheet, 0, static_cast<lxw_col_t>(c), AnnexACell(columns[c]));
  RecordFields t(d_, type);
  lxw_row_t row = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    auto cells = row_of(t, r);
    if (!cells) continue;
    size_t child = child_rows_.at(t.Text(r, "child_id"));
    // An unborn child's expected date of birth is the date of birth Annex A gives (a date after the workbook's day).
    auto birth = children_.DateOf(child, "date_of_birth");
    cells->insert(cells->begin(), {AnnexACell(LocalId(children_.Text(child, "child_id"), la_code_)),
                                   AnnexACell(children_.Text(child, "sex")), AnnexACell(children_.Text(child, "ethnicity")),
                                   AnnexACell(birth ? birth : children_.DateOf(child, "expected_date_of_birth"))});
    ++row;
    for (size_t c = 0; c < cells->size(); ++c) Cell(sheet, row, static_cast<lxw_col_t>(c), (*cells)[c]);
  }
}

lxw_error WorkbookWriting::Run() {
  using Row = std::optional<AnnexARowCells>;
  List(1, {"Date of Contact", "Contact Source"}, "contacts", [&](const RecordFields& t, size_t r) -> Row {
    if (!InWindow(t.DateOf(r, "contact_date"))) return std::nullopt;
    return AnnexARowCells{t.DateOf(r, "contact_date"), t.Text(r, "source")};
  });
  List(2, {"Assessment start date", "Assessment completion date", "Organisation completing assessment"},
       "early_help_episodes", [&](const RecordFields& t, size_t r) -> Row {
         auto start = t.DateOf(r, "assessment_start_date");
         if (!Spans(start, t.DateOf(r, "assessment_completed_date"))) return std::nullopt;
         return AnnexARowCells{start, Known(t.DateOf(r, "assessment_completed_date")), t.Text(r, "organisation")};
       });
  List(3, {"Date of Referral", "Referral Source", "Referral NFA?"}, "referrals", [&](const RecordFields& t, size_t r) -> Row {
    if (!InWindow(t.DateOf(r, "referral_date"))) return std::nullopt;
    return AnnexARowCells{t.DateOf(r, "referral_date"), t.Text(r, "source"), YesNo(t.Flag(r, "nfa"))};
  });
  List(4, {"Continuous Assessment Start Date", "Continuous Assessment Date of Authorisation",
           "Was the child assessed as requiring LA children's social care support?"},
       "assessments", [&](const RecordFields& t, size_t r) -> Row {
         auto authorised = t.DateOf(r, "authorisation_date");
         if (!Spans(t.DateOf(r, "start_date"), authorised)) return std::nullopt;
         bool done = Known(authorised).has_value();
         return AnnexARowCells{t.DateOf(r, "start_date"), Known(authorised),
                               done ? YesNo(t.Flag(r, "requires_support")) : ""};
       });
  List(5, {"Strategy discussion initiating Section 47 Enquiry Start Date",
           "Was an Initial Child Protection Conference deemed unnecessary?",
           "Date of Initial Child Protection Conference",
           "Did the Initial Child Protection Conference Result in a Child Protection Plan"},
       "section47_enquiries", [&](const RecordFields& t, size_t r) -> Row {
         auto strategy = t.DateOf(r, "strategy_discussion_date");
         if (!Spans(strategy, t.DateOf(r, "end_date"))) return std::nullopt;
         auto icpc = Known(t.DateOf(r, "icpc_date"));
         std::string not_required = t.Format(r, "icpc_not_required");
         return AnnexARowCells{strategy, Known(t.DateOf(r, "end_date")) || icpc ? std::string_view(not_required) : "", icpc,
                               icpc ? YesNo(t.Flag(r, "icpc_cp_plan")) : ""};
       });
  List(6, {"CIN Start Date", "Primary Need Code", "CIN Closure Date", "Reason for Closure"}, "cin_episodes",
       [&](const RecordFields& t, size_t r) -> Row {
         auto end = t.DateOf(r, "end_date");
         if (!Spans(t.DateOf(r, "start_date"), end)) return std::nullopt;
         return AnnexARowCells{t.DateOf(r, "start_date"), t.Text(r, "primary_need"), Known(end),
                               Known(end) ? t.Text(r, "closure_reason") : ""};
       });
  List(7, {"Child Protection Plan Start Date", "Initial Category of Abuse", "Latest Category of Abuse",
           "Child Protection Plan End Date", "Number of Previous Child Protection Plans"},
       "cp_plans", [&](const RecordFields& t, size_t r) -> Row {
         auto end = t.DateOf(r, "end_date");
         if (!Spans(t.DateOf(r, "start_date"), end)) return std::nullopt;
         return AnnexARowCells{t.DateOf(r, "start_date"), t.Text(r, "initial_category"), t.Text(r, "latest_category"),
                               Known(end), t.Format(r, "previous_plans")};
       });
  LookedAfter();
  CareLeavers();
  List(10, {"Date the Child Entered Care", "Date of Decision that Child Should be Placed for Adoption",
            "Date of Placement Order", "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption",
            "Date of Adoption Order", "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement"},
       "adoptions", [&](const RecordFields& t, size_t r) -> Row {
         auto reversed = Known(t.DateOf(r, "decision_reversed_date"));
         auto ended = reversed ? reversed : t.DateOf(r, "adoption_order_date");
         if (!Spans(t.DateOf(r, "decision_date"), ended)) return std::nullopt;
         return AnnexARowCells{Known(t.DateOf(r, "entered_care_date")), t.DateOf(r, "decision_date"),
                               Known(t.DateOf(r, "placement_order_date")), Known(t.DateOf(r, "match_date")),
                               Known(t.DateOf(r, "placed_date")), Known(t.DateOf(r, "adoption_order_date")), reversed,
                               reversed ? t.Text(r, "reversal_reason") : "", Known(t.DateOf(r, "ffa_placed_date"))};
       });
  return error_;
}

// The dates of one kind of event (reviews, visits, checks) by child, sorted.
class ChildDates {
 public:
  void Add(std::string_view child, Date on) { dates_[child].push_back(on); }
  void Sort() {
    for (auto& [child, dates] : dates_) std::sort(dates.begin(), dates.end());
  }
  // The child's latest date from `from` to `to`, both included.
  std::optional<Date> Latest(std::string_view child, Date from, Date to) const {
    auto found = dates_.find(child);
    if (found == dates_.end()) return std::nullopt;
    auto after = std::upper_bound(found->second.begin(), found->second.end(), to);
    if (after == found->second.begin() || *std::prev(after) < from) return std::nullopt;
    return *std::prev(after);
  }

 private:
  std::unordered_map<std::string_view, std::vector<Date>> dates_;
};

// PeriodOfCare is a run of a child's episodes, each starting the day the one before ended.
struct PeriodOfCare {
  Date start;
  std::optional<Date> end;
  size_t latest;  // the row of the last episode begun by the workbook's day
};

// List 8: each period of care open on some day of the six months, as it stands on the workbook's
// day (docs/annex-a.md): its latest episode's legal status and placement, its latest review,
// visit, health assessment and dental check.
void WorkbookWriting::LookedAfter() {
  RecordFields e(d_, "looked_after_episodes");
  std::unordered_map<std::string_view, std::vector<size_t>> episodes;  // rows by child, by start
  for (size_t r = 0; r < e.size(); ++r)
    if (*e.DateOf(r, "decom") <= as_at_) episodes[e.Text(r, "child_id")].push_back(r);
  std::map<size_t, PeriodOfCare> periods;  // by the row of the period's first episode, in the table's order
  for (auto& [child, rows] : episodes) {
    std::sort(rows.begin(), rows.end(), [&](size_t a, size_t b) { return *e.DateOf(a, "decom") < *e.DateOf(b, "decom"); });
    for (size_t i = 0; i < rows.size();) {
      size_t first = rows[i];
      while (i + 1 < rows.size() && e.DateOf(rows[i], "dec") == e.DateOf(rows[i + 1], "decom")) ++i;
      PeriodOfCare period{*e.DateOf(first, "decom"), e.DateOf(rows[i], "dec"), rows[i]};
      if (Spans(period.start, period.end)) periods.emplace(first, period);
      ++i;
    }
  }
  ChildDates reviews, visits, health, dental;
  RecordFields rv(d_, "looked_after_reviews"), v(d_, "visits"), h(d_, "health_checks");
  for (size_t r = 0; r < rv.size(); ++r) reviews.Add(rv.Text(r, "child_id"), *rv.DateOf(r, "review_date"));
  for (size_t r = 0; r < v.size(); ++r)
    if (v.Text(r, "plan") == "LAC") visits.Add(v.Text(r, "child_id"), *v.DateOf(r, "visit_date"));
  for (size_t r = 0; r < h.size(); ++r)
    (h.Text(r, "check_type") == "DENTAL" ? dental : health).Add(h.Text(r, "child_id"), *h.DateOf(r, "check_date"));
  for (ChildDates* dates : {&reviews, &visits, &health, &dental}) dates->Sort();
  List(8, {"Date Started to be Looked After", "Child's Category of Need", "Child's Legal Status",
           "Date of Latest Statutory Review", "Date of Last Social Work Visit", "Date of Last Health Assessment",
           "Date of Last Dental Check", "Date Ceased to be Looked After", "Reason Ceased to be Looked After",
           "Placement Type", "Placement Provider", "Placement postcode", "URN of Placement", "LA of Placement"},
       "looked_after_episodes", [&](const RecordFields& t, size_t r) -> std::optional<AnnexARowCells> {
         auto found = periods.find(r);
         if (found == periods.end()) return std::nullopt;
         const PeriodOfCare& p = found->second;
         auto ended = Known(p.end);
         Date to = ended ? *ended : as_at_;
         std::string_view child = t.Text(r, "child_id");
         size_t l = p.latest;
         return AnnexARowCells{std::optional<Date>(p.start), t.Text(l, "cin"), t.Text(l, "ls"), reviews.Latest(child, p.start, to),
                               visits.Latest(child, p.start, to), health.Latest(child, p.start, to),
                               dental.Latest(child, p.start, to), ended, ended ? t.Text(l, "rec") : "",
                               t.Text(l, "place"), t.Text(l, "place_provider"), t.Text(l, "placement_postcode_district"),
                               t.Text(l, "urn"), t.Text(l, "placement_la")};
       });
}

// List 9: each care leaver's latest record of the year before the workbook's day.
void WorkbookWriting::CareLeavers() {
  RecordFields c(d_, "care_leavers");
  std::map<std::string_view, size_t> latest;
  for (size_t r = 0; r < c.size(); ++r) {
    Date on = *c.DateOf(r, "as_at_date");
    if (on > as_at_ || on <= as_at_.AddYears(-1)) continue;
    auto [it, first] = latest.emplace(c.Text(r, "child_id"), r);
    if (!first && *c.DateOf(it->second, "as_at_date") < on) it->second = r;
  }
  List(9, {"Eligibility Category", "LA in Touch", "Type of Accommodation", "Suitability of Accommodation",
           "Activity Status", "Latest Pathway Plan Review Date", "Latest Date of Contact"},
       "care_leavers", [&](const RecordFields& t, size_t r) -> std::optional<AnnexARowCells> {
         auto chosen = latest.find(t.Text(r, "child_id"));
         if (chosen == latest.end() || chosen->second != r) return std::nullopt;
         std::string_view home = t.Text(r, "accommodation");
         bool known = home.size() == 2;  // a type letter and 1 (suitable) or 2 (unsuitable); "0" is not known
         // The eligibility as the template words it ("Former relevant child"): its codes have underscores.
         std::string_view eligibility = FindCodeList("care_leaver_eligibility")->LabelOf(t.Text(r, "eligibility"));
         return AnnexARowCells{eligibility, t.Text(r, "in_touch"), known ? home.substr(0, 1) : "",
                               known ? (home[1] == '1' ? "a) Suitable" : "b) Unsuitable") : "", t.Text(r, "activity"),
                               Known(t.DateOf(r, "pathway_plan_review_date")), Known(t.DateOf(r, "latest_contact_date"))};
       });
}

}  // namespace

Status WriteAnnexA(const Dataset& council, Date as_at, const std::string& path) {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", path, ec.message()));
  // As Excel saves a workbook: text in a shared-string table, not inline in each cell (libxlsxwriter's
  // constant-memory mode), so that the reader is measured on what councils' files hold.
  lxw_workbook_options options = {};
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) return Status::IoError(fmt::format("cannot start the workbook {}", path));
  lxw_error error = WorkbookWriting(council, as_at, workbook).Run();
  lxw_error closed = workbook_close(workbook);  // always, to free it
  if (error == LXW_NO_ERROR) error = closed;
  if (error == LXW_NO_ERROR) return Status::Ok();
  std::remove(path.c_str());
  return Status::IoError(fmt::format("{}: the workbook cannot be written: {}", path, lxw_strerror(error)));
}

}  // namespace scrutiny
