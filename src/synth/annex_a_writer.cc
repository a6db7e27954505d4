#include "synth/annex_a_writer.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include <fmt/format.h>
#include <xlsxwriter.h>

#include "core/code_lists.h"
#include "synth/record_fields.h"
#include "synth/return_file.h"

namespace scrutiny {
namespace {

// AnnexACell is one value of a list's row: text, a number, or a date written as an Excel date.
struct AnnexACell {
  std::string text;
  std::optional<Date> date;
  std::optional<double> number;
  // Implicit, so that a row is written as a list of its values.
  AnnexACell(std::string_view t = {}) : text(t) {}
  AnnexACell(const char* t) : text(t) {}
  AnnexACell(std::string t) : text(std::move(t)) {}
  AnnexACell(std::optional<Date> d) : date(d) {}
  static AnnexACell Number(double n) {
    AnnexACell cell;
    cell.number = n;
    return cell;
  }
};
using AnnexARowCells = std::vector<AnnexACell>;

std::string_view YesNo(bool v) { return v ? "Y" : "N"; }
// A yes/no option as the template letters it.
std::string_view LetteredYesNo(bool v) { return v ? "a) Yes" : "b) No"; }

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
  // How many of the child's dates fall from `from` to `to`, both included.
  int Count(std::string_view child, Date from, Date to) const {
    auto found = dates_.find(child);
    if (found == dates_.end()) return 0;
    const std::vector<Date>& d = found->second;
    return static_cast<int>(std::upper_bound(d.begin(), d.end(), to) - std::lower_bound(d.begin(), d.end(), from));
  }

 private:
  std::unordered_map<std::string_view, std::vector<Date>> dates_;
};

// Each child's dates in one field of a table, sorted; records without one, or not wanted, left out.
ChildDates DatesOf(const Dataset& d, std::string_view type, std::string_view field,
                   const std::function<bool(const RecordFields&, size_t)>& wanted = nullptr) {
  ChildDates dates;
  RecordFields t(d, type);
  for (size_t r = 0; r < t.size(); ++r)
    if (auto on = t.DateOf(r, field); on && (!wanted || wanted(t, r))) dates.Add(t.Text(r, "child_id"), *on);
  dates.Sort();
  return dates;
}

// PeriodOfCare is a run of a child's episodes, each starting the day the one before ended.
struct PeriodOfCare {
  Date start;
  std::optional<Date> end;
  std::vector<size_t> episodes;  // rows, by start, of those begun by the workbook's day
  bool again = false;  // a second or later period within 12 months (the one before ended within them)
};

// Whole years from birth to the day.
int AgeOn(Date birth, Date day) {
  int years = day.year() - birth.year();
  return birth.AddYears(years) > day ? years - 1 : years;
}

// WorkbookWriting fills one workbook list by list from one council's tables,
// each list with the template's columns, those Scrutiny does not read too.
class WorkbookWriting {
 public:
  WorkbookWriting(const Dataset& d, Date as_at, lxw_workbook* workbook)
      : d_(d), as_at_(as_at), since_(as_at.AddMonths(-6)), workbook_(workbook), children_(d, "children"),
        child_rows_(children_.RowsBy("child_id")), allocations_(d, "allocations") {
    la_code_ = RecordFields(d, "councils").Text(0, "la_code");
    date_format_ = workbook_add_format(workbook);
    format_set_num_format(date_format_, "dd/mm/yyyy");
    FindAllocations();
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
  size_t ChildOf(const RecordFields& t, size_t r) const { return child_rows_.at(t.Text(r, "child_id")); }
  std::string_view Disability(const RecordFields& t, size_t r) const {
    std::string_view disability = children_.Text(ChildOf(t, r), "disability");
    return LetteredYesNo(!disability.empty() && disability != "NONE");
  }
  // Each child's allocation on the workbook's day, else its latest before.
  void FindAllocations();
  // The Allocated Team (its name) and Allocated Worker (an identifier: the workers have no names) columns.
  void AddAllocated(AnnexARowCells& cells, std::string_view child) const;
  // The list's sheet: the child columns, then the rest.
  void List(int number, std::vector<std::string_view> columns, std::string_view type,
            const std::function<std::optional<AnnexARowCells>(const RecordFields&, size_t)>& row_of);
  using Row = std::optional<AnnexARowCells>;
  void Contacts();
  void EarlyHelp();
  void Referrals();
  void Assessments();
  void Section47Enquiries();
  void ChildrenInNeed();
  void ProtectionPlans();
  std::map<size_t, PeriodOfCare> PeriodsOfCare() const;
  void LookedAfter();
  void CareLeavers();
  void Adoptions();
  void Adopters();
  // Writes a row of cells from column A.
  void WriteRow(lxw_worksheet* sheet, lxw_row_t row, const AnnexARowCells& cells);
  void Cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const AnnexACell& cell);

  const Dataset& d_;
  Date as_at_, since_;
  lxw_workbook* workbook_;
  lxw_format* date_format_;
  lxw_error error_ = LXW_NO_ERROR;
  std::string_view la_code_;
  RecordFields children_;
  std::unordered_map<std::string_view, size_t> child_rows_;
  RecordFields allocations_;
  std::unordered_map<std::string_view, size_t> allocated_;  // child -> row of allocations_
  std::unordered_map<std::string_view, std::string_view> team_names_;
};

void WorkbookWriting::FindAllocations() {
  RecordFields teams(d_, "teams");
  for (size_t r = 0; r < teams.size(); ++r) team_names_[teams.Text(r, "team_id")] = teams.Text(r, "name");
  const RecordFields& a = allocations_;
  auto open = [&](size_t r) { return !a.DateOf(r, "end_date") || *a.DateOf(r, "end_date") >= as_at_; };
  for (size_t r = 0; r < a.size(); ++r) {
    if (*a.DateOf(r, "start_date") > as_at_) continue;
    auto [it, first] = allocated_.emplace(a.Text(r, "child_id"), r);
    size_t kept = it->second;
    bool better = open(r) != open(kept) ? open(r) : *a.DateOf(r, "start_date") > *a.DateOf(kept, "start_date");
    if (!first && better) it->second = r;
  }
}

void WorkbookWriting::AddAllocated(AnnexARowCells& cells, std::string_view child) const {
  auto found = allocated_.find(child);
  if (found == allocated_.end()) {
    cells.insert(cells.end(), {"", ""});
    return;
  }
  auto team = team_names_.find(allocations_.Text(found->second, "team_id"));
  cells.insert(cells.end(), {team == team_names_.end() ? std::string_view() : team->second,
                             LocalId(allocations_.Text(found->second, "worker_id"), la_code_)});
}

void WorkbookWriting::Cell(lxw_worksheet* sheet, lxw_row_t row, lxw_col_t col, const AnnexACell& cell) {
  lxw_error e = LXW_NO_ERROR;
  if (cell.date) {
    Date::Parts p = cell.date->parts();
    lxw_datetime dt = {p.year, p.month, p.day, 0, 0, 0};
    e = worksheet_write_datetime(sheet, row, col, &dt, date_format_);
  } else if (cell.number) {
    e = worksheet_write_number(sheet, row, col, *cell.number, nullptr);
  } else if (!cell.text.empty()) {
    e = worksheet_write_string(sheet, row, col, cell.text.c_str(), nullptr);
  }
  if (error_ == LXW_NO_ERROR) error_ = e;
}

void WorkbookWriting::List(int number, std::vector<std::string_view> columns, std::string_view type,
                           const std::function<std::optional<AnnexARowCells>(const RecordFields&, size_t)>& row_of) {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, fmt::format("List {}", number).c_str());
  columns.insert(columns.begin(), {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"});
  constexpr int kAdoptionList = 10;  // which names the child's family second (no family is generated)
  if (number == kAdoptionList) columns.insert(columns.begin() + 1, "Family identifier");
  WriteRow(sheet, 0, AnnexARowCells(columns.begin(), columns.end()));
  RecordFields t(d_, type);
  lxw_row_t row = 0;
  for (size_t r = 0; r < t.size(); ++r) {
    auto cells = row_of(t, r);
    if (!cells) continue;
    size_t child = child_rows_.at(t.Text(r, "child_id"));
    // An unborn child's expected date of birth is the date of birth Annex A gives (a date after the workbook's day).
    auto birth = children_.DateOf(child, "date_of_birth");
    AnnexACell age = birth && *birth <= as_at_ ? AnnexACell::Number(AgeOn(*birth, as_at_)) : AnnexACell();
    cells->insert(cells->begin(),
                  {AnnexACell(LocalId(children_.Text(child, "child_id"), la_code_)),
                   AnnexACell(children_.Text(child, "sex")), AnnexACell(children_.Text(child, "ethnicity")),
                   AnnexACell(birth ? birth : children_.DateOf(child, "expected_date_of_birth")), age});
    if (number == kAdoptionList) cells->insert(cells->begin() + 1, AnnexACell());
    WriteRow(sheet, ++row, *cells);
  }
}

void WorkbookWriting::WriteRow(lxw_worksheet* sheet, lxw_row_t row, const AnnexARowCells& cells) {
  for (size_t c = 0; c < cells.size(); ++c) Cell(sheet, row, static_cast<lxw_col_t>(c), cells[c]);
}

// List 11: everyone in touch with the adoption agency in the 12 months to the workbook's day, as
// things stood that day. The adopters' gender, ethnicity and disability are not generated.
void WorkbookWriting::Adopters() {
  lxw_worksheet* sheet = workbook_add_worksheet(workbook_, "List 11");
  WriteRow(sheet, 0, {"Individual adopter identifier", "Family identifier", "Gender", "Ethnicity", "Disability",
                      "Is the (prospective) adopter fostering for adoption?", "Date enquiry received",
                      "Date Stage 1 started", "Date Stage 1 ended", "Date Stage 2 started", "Date Stage 2 ended",
                      "Date application submitted", "Date application approved",
                      "Date adopter matched with child(ren)", "Date child/children placed with adopter(s)",
                      "No. of children placed", "Date of Adoption Order", "Date of leaving adoption process",
                      "Reason for leaving adoption process"});
  RecordFields a(d_, "adopters");
  Date year_ago = as_at_.AddYears(-1);
  lxw_row_t row = 0;
  for (size_t r = 0; r < a.size(); ++r) {
    auto left = Known(a.DateOf(r, "left_date")), order = Known(a.DateOf(r, "adoption_order_date"));
    auto ended = left ? left : order;
    if (*a.DateOf(r, "enquiry_date") > as_at_ || (ended && *ended <= year_ago)) continue;
    auto placed = Known(a.DateOf(r, "placed_date"));
    std::string children = a.Format(r, "children_placed");
    WriteRow(sheet, ++row,
             {LocalId(a.Text(r, "adopter_id"), la_code_), LocalId(a.Text(r, "family_id"), la_code_), "", "", "",
              a.Format(r, "ffa"), a.DateOf(r, "enquiry_date"), Known(a.DateOf(r, "stage1_start_date")),
              Known(a.DateOf(r, "stage1_end_date")), Known(a.DateOf(r, "stage2_start_date")),
              Known(a.DateOf(r, "stage2_end_date")), Known(a.DateOf(r, "application_date")),
              Known(a.DateOf(r, "approval_date")), Known(a.DateOf(r, "match_date")), placed,
              placed && !children.empty() ? AnnexACell::Number(std::stod(children)) : AnnexACell(), order, left,
              left ? a.Text(r, "left_reason") : ""});
  }
}

lxw_error WorkbookWriting::Run() {
  Contacts();
  EarlyHelp();
  Referrals();
  Assessments();
  Section47Enquiries();
  ChildrenInNeed();
  ProtectionPlans();
  LookedAfter();
  CareLeavers();
  Adoptions();
  Adopters();
  return error_;
}

void WorkbookWriting::Contacts() {
  List(1, {"Date of Contact", "Contact Source"}, "contacts", [&](const RecordFields& t, size_t r) -> Row {
    if (!InWindow(t.DateOf(r, "contact_date"))) return std::nullopt;
    return AnnexARowCells{t.DateOf(r, "contact_date"), t.Text(r, "source")};
  });
}

void WorkbookWriting::EarlyHelp() {
  List(2, {"Assessment start date", "Assessment completion date", "Organisation completing assessment"},
       "early_help_episodes", [&](const RecordFields& t, size_t r) -> Row {
         auto start = t.DateOf(r, "assessment_start_date");
         if (!Spans(start, t.DateOf(r, "assessment_completed_date"))) return std::nullopt;
         return AnnexARowCells{start, Known(t.DateOf(r, "assessment_completed_date")), t.Text(r, "organisation")};
       });
}

void WorkbookWriting::Referrals() {
  ChildDates referrals = DatesOf(d_, "referrals", "referral_date");
  List(3, {"Date of Referral", "Referral Source", "Referral NFA?", "Number of Referrals in Last 12 Months",
           "Allocated Team", "Allocated Worker"},
       "referrals", [&](const RecordFields& t, size_t r) -> Row {
         auto on = t.DateOf(r, "referral_date");
         if (!InWindow(on)) return std::nullopt;
         std::string_view child = t.Text(r, "child_id");
         AnnexARowCells cells{on, t.Text(r, "source"), YesNo(t.Flag(r, "nfa")),
                              AnnexACell::Number(referrals.Count(child, as_at_.AddYears(-1).AddDays(1), as_at_))};
         AddAllocated(cells, child);
         return cells;
       });
}

void WorkbookWriting::Assessments() {
  List(4, {"Does the Child have a Disability", "Continuous Assessment Start Date",
           "Child Seen During Continuous Assessment", "Continuous Assessment Date of Authorisation",
           "Was the child assessed as requiring LA children's social care support?", "Allocated Team",
           "Allocated Worker"},
       "assessments", [&](const RecordFields& t, size_t r) -> Row {
         auto authorised = t.DateOf(r, "authorisation_date");
         if (!Spans(t.DateOf(r, "start_date"), authorised)) return std::nullopt;
         bool done = Known(authorised).has_value();
         AnnexARowCells cells{Disability(t, r), t.DateOf(r, "start_date"),
                              LetteredYesNo(Known(t.DateOf(r, "child_seen_date")).has_value()), Known(authorised),
                              done ? YesNo(t.Flag(r, "requires_support")) : ""};
         AddAllocated(cells, t.Text(r, "child_id"));
         return cells;
       });
}

void WorkbookWriting::Section47Enquiries() {
  Date year_ago = as_at_.AddYears(-1).AddDays(1);
  ChildDates enquiries = DatesOf(d_, "section47_enquiries", "strategy_discussion_date");
  ChildDates conferences = DatesOf(d_, "section47_enquiries", "icpc_date");
  List(5, {"Does the Child have a Disability", "Strategy discussion initiating Section 47 Enquiry Start Date",
           "Was an Initial Child Protection Conference deemed unnecessary?",
           "Date of Initial Child Protection Conference",
           "Did the Initial Child Protection Conference Result in a Child Protection Plan",
           "Number of Section 47 Enquiries in the last 12 months", "Number of ICPCs in the last 12 months",
           "Allocated Team", "Allocated Worker"},
       "section47_enquiries", [&](const RecordFields& t, size_t r) -> Row {
         auto strategy = t.DateOf(r, "strategy_discussion_date");
         if (!Spans(strategy, t.DateOf(r, "end_date"))) return std::nullopt;
         auto icpc = Known(t.DateOf(r, "icpc_date"));
         std::string_view child = t.Text(r, "child_id");
         std::string not_required = t.Format(r, "icpc_not_required");
         AnnexARowCells cells{Disability(t, r), strategy,
                              Known(t.DateOf(r, "end_date")) || icpc ? std::string_view(not_required) : "", icpc,
                              icpc ? YesNo(t.Flag(r, "icpc_cp_plan")) : "",
                              AnnexACell::Number(enquiries.Count(child, year_ago, as_at_)),
                              AnnexACell::Number(conferences.Count(child, year_ago, as_at_))};
         AddAllocated(cells, child);
         return cells;
       });
}

// The children with a record of the type open on the day: begun by it, not ended by it.
std::unordered_set<std::string_view> OpenOn(const Dataset& d, std::string_view type, std::string_view start,
                                            std::string_view end, Date day) {
  std::unordered_set<std::string_view> open;
  RecordFields t(d, type);
  for (size_t r = 0; r < t.size(); ++r)
    if (*t.DateOf(r, start) <= day && (!t.DateOf(r, end) || *t.DateOf(r, end) > day))
      open.insert(t.Text(r, "child_id"));
  return open;
}

void WorkbookWriting::ChildrenInNeed() {
  ChildDates seen = DatesOf(d_, "visits", "visit_date");
  auto in_care = OpenOn(d_, "looked_after_episodes", "decom", "dec", as_at_);
  auto on_plan = OpenOn(d_, "cp_plans", "start_date", "end_date", as_at_);
  List(6, {"Does the Child have a Disability", "CIN Start Date", "Primary Need Code", "Date Child Was Last Seen",
           "CIN Closure Date", "Reason for Closure", "Case Status", "Allocated Team", "Allocated Worker"},
       "cin_episodes", [&](const RecordFields& t, size_t r) -> Row {
         auto start = t.DateOf(r, "start_date");
         auto end = Known(t.DateOf(r, "end_date"));
         if (!Spans(start, t.DateOf(r, "end_date"))) return std::nullopt;
         std::string_view child = t.Text(r, "child_id");
         std::string_view status = end                   ? "e) Closed episode"
                                   : in_care.count(child) ? "a) Looked after child"
                                   : on_plan.count(child) ? "b) Child Protection plan"
                                                          : "c) Child in need plan";
         AnnexARowCells cells{Disability(t, r), start, t.Text(r, "primary_need"),
                              seen.Latest(child, *start, end ? *end : as_at_), end,
                              end ? t.Text(r, "closure_reason") : "", status};
         AddAllocated(cells, child);
         return cells;
       });
}

void WorkbookWriting::ProtectionPlans() {
  // Each child's child protection visits: the day, and whether the child was seen alone.
  std::map<std::pair<std::string_view, Date>, bool> seen_alone;
  ChildDates visits;
  RecordFields v(d_, "visits");
  for (size_t r = 0; r < v.size(); ++r) {
    if (v.Text(r, "plan") != "CP") continue;
    visits.Add(v.Text(r, "child_id"), *v.DateOf(r, "visit_date"));
    seen_alone[{v.Text(r, "child_id"), *v.DateOf(r, "visit_date")}] = v.Flag(r, "seen_alone");
  }
  visits.Sort();
  ChildDates reviews = DatesOf(d_, "cp_reviews", "review_date");
  List(7, {"Does the Child have a Disability", "Child Protection Plan Start Date", "Initial Category of Abuse",
           "Latest Category of Abuse", "Date of the Last Statutory Visit", "Was the Child Seen Alone?",
           "Date of latest review conference", "Child Protection Plan End Date",
           "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
           "Number of Previous Child Protection Plans", "Allocated Team", "Allocated Worker"},
       "cp_plans", [&](const RecordFields& t, size_t r) -> Row {
         auto start = t.DateOf(r, "start_date");
         auto end = Known(t.DateOf(r, "end_date"));
         if (!Spans(start, t.DateOf(r, "end_date"))) return std::nullopt;
         std::string_view child = t.Text(r, "child_id");
         Date to = end ? *end : as_at_;
         auto visit = visits.Latest(child, *start, to);
         AnnexARowCells cells{Disability(t, r), start, t.Text(r, "initial_category"), t.Text(r, "latest_category"),
                              visit, visit ? LetteredYesNo(seen_alone.at({child, *visit})) : "",
                              reviews.Latest(child, *start, to), end, "N", t.Format(r, "previous_plans")};
         AddAllocated(cells, child);
         return cells;
       });
}

void WorkbookWriting::Adoptions() {
  List(10, {"Does the Child have a Disability", "Date the Child Entered Care",
            "Date of Decision that Child Should be Placed for Adoption", "Date of Placement Order",
            "Date of Matching Child and Prospective Adopters", "Date Placed for Adoption", "Date of Adoption Order",
            "Date of Decision that Child Should No Longer be Placed for Adoption",
            "Reason Why Child No Longer Placed for Adoption",
            "Date the child was placed for fostering in FFA or concurrent planning placement"},
       "adoptions", [&](const RecordFields& t, size_t r) -> Row {
         auto reversed = Known(t.DateOf(r, "decision_reversed_date"));
         auto ended = reversed ? reversed : t.DateOf(r, "adoption_order_date");
         if (!Spans(t.DateOf(r, "decision_date"), ended)) return std::nullopt;
         return AnnexARowCells{Disability(t, r), Known(t.DateOf(r, "entered_care_date")), t.DateOf(r, "decision_date"),
                               Known(t.DateOf(r, "placement_order_date")), Known(t.DateOf(r, "match_date")),
                               Known(t.DateOf(r, "placed_date")), Known(t.DateOf(r, "adoption_order_date")), reversed,
                               reversed ? t.Text(r, "reversal_reason") : "", Known(t.DateOf(r, "ffa_placed_date"))};
       });
}

// The child's periods of care open on some day of the six months, by the row of their first episode.
std::map<size_t, PeriodOfCare> WorkbookWriting::PeriodsOfCare() const {
  RecordFields e(d_, "looked_after_episodes");
  std::unordered_map<std::string_view, std::vector<size_t>> episodes;  // rows by child
  for (size_t r = 0; r < e.size(); ++r)
    if (*e.DateOf(r, "decom") <= as_at_) episodes[e.Text(r, "child_id")].push_back(r);
  std::map<size_t, PeriodOfCare> periods;
  for (auto& [child, rows] : episodes) {
    std::sort(rows.begin(), rows.end(),
              [&](size_t a, size_t b) { return *e.DateOf(a, "decom") < *e.DateOf(b, "decom"); });
    std::optional<Date> last_ended;
    for (size_t i = 0; i < rows.size(); ++i) {
      PeriodOfCare period{*e.DateOf(rows[i], "decom"), std::nullopt, {rows[i]}};
      while (i + 1 < rows.size() && e.DateOf(rows[i], "dec") == e.DateOf(rows[i + 1], "decom"))
        period.episodes.push_back(rows[++i]);
      period.end = e.DateOf(rows[i], "dec");
      period.again = last_ended && *last_ended > period.start.AddYears(-1);
      last_ended = period.end;
      if (Spans(period.start, period.end)) periods.emplace(period.episodes.front(), std::move(period));
    }
  }
  return periods;
}

// List 8: each period of care open on some day of the six months, as it stands on the workbook's
// day (docs/synthetic-council.md): its latest episode's legal status and placement, its latest
// review, visit, health assessment and dental check, its placements and missing episodes.
void WorkbookWriting::LookedAfter() {
  std::map<size_t, PeriodOfCare> periods = PeriodsOfCare();
  auto is = [](std::string_view field, std::string_view value) {
    return [=](const RecordFields& t, size_t r) { return t.Text(r, field) == value; };
  };
  ChildDates reviews = DatesOf(d_, "looked_after_reviews", "review_date");
  ChildDates visits = DatesOf(d_, "visits", "visit_date", is("plan", "LAC"));
  ChildDates health = DatesOf(d_, "health_checks", "check_date", [](const RecordFields& t, size_t r) {
    return t.Text(r, "check_type") != "DENTAL";
  });
  ChildDates dental = DatesOf(d_, "health_checks", "check_date", is("check_type", "DENTAL"));
  ChildDates missing, away;
  std::map<std::pair<std::string_view, Date>, std::pair<bool, bool>> interviews;  // offered, accepted
  RecordFields m(d_, "missing_episodes");
  for (size_t r = 0; r < m.size(); ++r) {
    std::string_view child = m.Text(r, "child_id");
    Date start = *m.DateOf(r, "start_date");
    (m.Text(r, "missing_type") == "M" ? missing : away).Add(child, start);
    interviews[{child, start}] = {m.Flag(r, "return_interview_offered"), m.Flag(r, "return_interview_accepted")};
  }
  missing.Sort();
  away.Sort();
  Date year_ago = as_at_.AddYears(-1).AddDays(1);
  List(8, {"Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N)",
           "Does the Child have a Disability", "Date Started to be Looked After", "Child's Category of Need",
           "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
           "Start date of current legal status", "Child's Legal Status", "Date of Latest Statutory Review",
           "Date of Last Social Work Visit", "What is the permanence plan for this child?",
           "Date of Last IRO Visit / Contact to the Child", "Date of Last Health Assessment",
           "Date of Last Dental Check", "Number of Placements in the Last 12 months", "Date Ceased to be Looked After",
           "Reason Ceased to be Looked After", "Start Date of Most Recent Placement", "Placement Type",
           "Placement Provider", "Placement postcode", "URN of Placement", "Placement Location", "LA of Placement",
           "Number of Episodes the Child has been 'Missing' from their Placement in the last 12 months",
           "Number of Episodes the Child has been 'Absent' from their Placement in the last 12 months",
           "Was the child offered a Return Interview after their last missing episode (Y/N)?",
           "Did the child accept a Return Interview after their last missing episode (Y/N)?", "Allocated Team",
           "Allocated Worker"},
       "looked_after_episodes", [&](const RecordFields& t, size_t r) -> Row {
         auto found = periods.find(r);
         if (found == periods.end()) return std::nullopt;
         const PeriodOfCare& p = found->second;
         auto ended = Known(p.end);
         Date to = ended ? *ended : as_at_;
         std::string_view child = t.Text(r, "child_id");
         size_t l = p.episodes.back();
         // The current legal status began at the first of the last run of episodes with it; the
         // placement at the last episode begun by a move (any reason but a change of legal status).
         size_t status_from = p.episodes.size() - 1, placed_from = p.episodes.size() - 1;
         while (status_from > 0 && t.Text(p.episodes[status_from - 1], "ls") == t.Text(l, "ls")) --status_from;
         while (placed_from > 0 && t.Text(p.episodes[placed_from], "rne") == "L") --placed_from;
         int placements = p.start < year_ago ? 1 : 0;
         for (size_t e : p.episodes)
           if (*t.DateOf(e, "decom") >= year_ago && t.Text(e, "rne") != "L") ++placements;
         auto last_missing = missing.Latest(child, p.start, to);
         auto interview = last_missing ? interviews.at({child, *last_missing}) : std::pair<bool, bool>();
         std::string_view placed_in = t.Text(l, "placement_la");
         AnnexARowCells cells{
             YesNo(children_.Flag(ChildOf(t, r), "uasc")), Disability(t, r), std::optional<Date>(p.start),
             t.Text(l, "cin"), YesNo(p.again), t.DateOf(p.episodes[status_from], "decom"), t.Text(l, "ls"),
             reviews.Latest(child, p.start, to), visits.Latest(child, p.start, to), "", std::optional<Date>(),
             health.Latest(child, p.start, to), dental.Latest(child, p.start, to), AnnexACell::Number(placements),
             ended, ended ? t.Text(l, "rec") : "", t.DateOf(p.episodes[placed_from], "decom"), t.Text(l, "place"),
             t.Text(l, "place_provider"), t.Text(l, "placement_postcode_district"), t.Text(l, "urn"),
             placed_in.empty() ? "" : placed_in == la_code_ ? "a) In" : "b) Out", placed_in,
             AnnexACell::Number(missing.Count(child, year_ago, as_at_)),
             AnnexACell::Number(away.Count(child, year_ago, as_at_)),
             last_missing ? YesNo(interview.first) : "", last_missing ? YesNo(interview.second) : ""};
         AddAllocated(cells, child);
         return cells;
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
  List(9, {"Unaccompanied Asylum Seeking Child (UASC), or formerly UASC if 18 or over (Y/N)",
           "Does the Child have a Disability", "Allocated Team", "Allocated Worker", "Allocated Personal Advisor",
           "Eligibility Category", "Latest Pathway Plan Review Date", "LA in Touch", "Latest Date of Contact",
           "Type of Accommodation", "Suitability of Accommodation", "Activity Status"},
       "care_leavers", [&](const RecordFields& t, size_t r) -> Row {
         std::string_view child = t.Text(r, "child_id");
         auto chosen = latest.find(child);
         if (chosen == latest.end() || chosen->second != r) return std::nullopt;
         std::string_view home = t.Text(r, "accommodation");
         bool known = home.size() == 2;  // a type letter and 1 (suitable) or 2 (unsuitable); "0" is not known
         // The eligibility as the template words it ("Former relevant child"): its codes have underscores.
         std::string_view eligibility = FindCodeList("care_leaver_eligibility")->LabelOf(t.Text(r, "eligibility"));
         AnnexARowCells cells{YesNo(children_.Flag(ChildOf(t, r), "uasc")), Disability(t, r)};
         AddAllocated(cells, child);
         cells.insert(cells.end(), {"", eligibility, Known(t.DateOf(r, "pathway_plan_review_date")),
                                    t.Text(r, "in_touch"), Known(t.DateOf(r, "latest_contact_date")),
                                    known ? home.substr(0, 1) : "",
                                    known ? (home[1] == '1' ? "a) Suitable" : "b) Unsuitable") : "",
                                    t.Text(r, "activity")});
         return cells;
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
