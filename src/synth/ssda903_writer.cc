#include "synth/ssda903_writer.h"

#include <algorithm>
#include <deque>
#include <map>
#include <set>

#include <fmt/format.h>

#include "core/date.h"
#include "core/return_years.h"
#include "synth/record_fields.h"
#include "synth/return_file.h"

namespace scrutiny {
namespace {

// The SEX of the year, or empty if the year has no code for the model's (U before 2025-26).
std::string_view SexIn(std::string_view sex, int year) {
  if (year >= kSsda903SexLettersFrom) return sex;
  if (sex == "M") return "1";
  if (sex == "F") return "2";
  return {};
}

// Supported accommodation is H5 to 2024-25 and K3 from 2025-26.
std::string_view PlaceIn(std::string_view place, int year) {
  if (place == "H5" && year >= kSsda903PlaceK3From) return "K3";
  if (place == "K3" && year <= kSsda903PlaceH5P2LastYear) return "H5";
  return place;
}

// Training or employment is F3/P3 to 2021-22, split into F4/F5 and P4/P5 from 2022-23.
std::string_view ActivityIn(std::string_view activity, int year) {
  if (year > kSsda903ActivityF3P3LastYear) return activity;
  if (activity == "F4" || activity == "F5") return "F3";
  if (activity == "P4" || activity == "P5") return "P3";
  return activity;
}

std::string Dmy(std::optional<Date> d) { return d ? d->ToDmy() : ""; }

// The date if it is inside the collection year's end, else none (the return does not know it yet).
std::optional<Date> By(std::optional<Date> d, Date last) { return d && *d <= last ? d : std::nullopt; }

// Ssda903Writing writes one year's files from one council's tables.
class Ssda903Writing {
 public:
  Ssda903Writing(const Dataset& d, int year, const std::string& dir)
      : d_(d), year_(year), first_(FinancialYear{year}.first_day()), last_(FinancialYear{year}.last_day()),
        dir_(dir), children_(d, "children"), child_rows_(children_.RowsBy("child_id")) {
    la_code_ = RecordFields(d, "councils").Text(0, "la_code");
  }
  Status Run();

 private:
  bool Carried(std::string_view child) const {
    auto it = child_rows_.find(child);
    return it != child_rows_.end() && !SexIn(children_.Text(it->second, "sex"), year_).empty() &&
           children_.DateOf(it->second, "date_of_birth");
  }
  std::string_view Local(std::string_view child) const { return LocalId(child, la_code_); }
  std::string Dob(std::string_view child) const { return Dmy(children_.DateOf(child_rows_.at(child), "date_of_birth")); }
  ReturnFile& File(const char* name, std::vector<std::string_view> columns) {
    ReturnFile& f = files_.emplace_back(fmt::format("{}/{}", dir_, name));
    f.CsvRow(columns);
    return f;
  }
  // Calls on_row(row, child, date) for each record of a looked-after child dated in the year.
  template <typename OnRow>
  void EachOfTheYear(const RecordFields& t, std::string_view date_field, OnRow on_row);
  void Episodes();
  void Reviews();
  void Missing();
  void CareLeavers();
  void Adoptions();
  void HealthChecks();
  void SocialWorkers();
  void PreviousPermanence();
  void LibertyDeprivations();
  void Header();

  const Dataset& d_;
  int year_;
  Date first_, last_;
  std::string dir_;
  std::string_view la_code_;
  RecordFields children_;
  std::unordered_map<std::string_view, size_t> child_rows_;
  std::set<std::string_view> looked_after_;  // children with an episode in the year
  std::set<std::string_view> named_;         // children the header must name
  std::map<std::string_view, std::vector<std::pair<Date, std::optional<Date>>>> periods_;  // episodes by child
  std::deque<ReturnFile> files_;  // a deque: files stay put as more are added
};

Status Ssda903Writing::Run() {
  Episodes();
  Reviews();
  Missing();
  CareLeavers();
  Adoptions();
  HealthChecks();
  SocialWorkers();
  PreviousPermanence();
  LibertyDeprivations();
  Header();
  for (const ReturnFile& f : files_)
    if (Status s = f.Write(); !s.ok()) return s;
  return Status::Ok();
}

void Ssda903Writing::Episodes() {
  RecordFields e(d_, "looked_after_episodes");
  ReturnFile& f = File("episodes.csv", {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC",
                                        "REASON_PLACE_CHANGE", "HOME_POST", "PL_POST", "URN"});
  for (size_t r = 0; r < e.size(); ++r) {
    std::string_view child = e.Text(r, "child_id");
    Date decom = *e.DateOf(r, "decom");
    auto dec = e.DateOf(r, "dec");
    if (decom > last_ || (dec && *dec < first_) || !Carried(child)) continue;
    dec = By(dec, last_);
    looked_after_.insert(child);
    named_.insert(child);
    periods_[child].emplace_back(decom, dec);
    f.CsvRow({Local(child), decom.ToDmy(), e.Text(r, "rne"), e.Text(r, "ls"), e.Text(r, "cin"),
              PlaceIn(e.Text(r, "place"), year_), e.Text(r, "place_provider"), Dmy(dec), dec ? e.Text(r, "rec") : "",
              e.Text(r, "reason_place_change"), e.Text(r, "home_postcode_district"),
              e.Text(r, "placement_postcode_district"), e.Text(r, "urn")});
  }
}

template <typename OnRow>
void Ssda903Writing::EachOfTheYear(const RecordFields& t, std::string_view date_field, OnRow on_row) {
  for (size_t r = 0; r < t.size(); ++r) {
    std::string_view child = t.Text(r, "child_id");
    Date on = *t.DateOf(r, date_field);
    if (on >= first_ && on <= last_ && looked_after_.count(child)) on_row(r, child, on);
  }
}

void Ssda903Writing::Reviews() {
  RecordFields v(d_, "looked_after_reviews");
  ReturnFile& f = File("reviews.csv", {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"});
  EachOfTheYear(v, "review_date", [&](size_t r, std::string_view child, Date on) {
    f.CsvRow({Local(child), Dob(child), on.ToDmy(), v.Text(r, "participation")});
  });
}

void Ssda903Writing::Missing() {
  RecordFields m(d_, "missing_episodes");
  ReturnFile& f = File("missing.csv", {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"});
  EachOfTheYear(m, "start_date", [&](size_t r, std::string_view child, Date start) {
    f.CsvRow({Local(child), Dob(child), m.Text(r, "missing_type"), start.ToDmy(), Dmy(By(m.DateOf(r, "end_date"), last_))});
  });
}

// OC3: what is known of each care leaver at their 17th to 21st birthday in the year.
void Ssda903Writing::CareLeavers() {
  RecordFields c(d_, "care_leavers");
  ReturnFile& f = File("oc3.csv", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"});
  for (size_t r = 0; r < c.size(); ++r) {
    std::string_view child = c.Text(r, "child_id");
    Date on = *c.DateOf(r, "as_at_date");
    if (on < first_ || on > last_ || c.Text(r, "in_touch").empty() || !Carried(child)) continue;
    Date birth = *children_.DateOf(child_rows_.at(child), "date_of_birth");
    int age = on.year() - birth.year();
    if (birth.AddYears(age) != on || age < 17 || age > 21) continue;  // OC3 is of birthdays
    named_.insert(child);
    f.CsvRow({Local(child), birth.ToDmy(), c.Text(r, "in_touch"), ActivityIn(c.Text(r, "activity"), year_),
              c.Text(r, "accommodation")});
  }
}

// AD1 for children adopted in the year; placed_for_adoption for every decision live in it.
void Ssda903Writing::Adoptions() {
  RecordFields a(d_, "adoptions");
  ReturnFile& ad1 = File("ad1.csv", {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR",
                                     "LS_ADOPTR"});
  ReturnFile& placed = File("placed_for_adoption.csv",
                            {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"});
  for (size_t r = 0; r < a.size(); ++r) {
    std::string_view child = a.Text(r, "child_id");
    Date decision = *a.DateOf(r, "decision_date");
    auto order = a.DateOf(r, "adoption_order_date"), reversed = a.DateOf(r, "decision_reversed_date");
    if (decision > last_ || (order && *order < first_) || (reversed && *reversed < first_) || !Carried(child)) continue;
    named_.insert(child);
    std::string dob = Dob(child);
    if (order && *order <= last_)
      ad1.CsvRow({Local(child), dob, decision.ToDmy(), Dmy(By(a.DateOf(r, "match_date"), last_)), "", "", "", ""});
    reversed = By(reversed, last_);
    placed.CsvRow({Local(child), dob, decision.ToDmy(), Dmy(reversed), reversed ? a.Text(r, "reversal_reason") : ""});
  }
}

// OC2: children looked after for 12 months on 31 March; whether their health and teeth were checked in the year.
void Ssda903Writing::HealthChecks() {
  std::map<std::string_view, std::set<std::string_view>> checked;
  RecordFields h(d_, "health_checks");
  for (size_t r = 0; r < h.size(); ++r)
    if (Date on = *h.DateOf(r, "check_date"); on >= first_ && on <= last_)
      checked[h.Text(r, "child_id")].insert(h.Text(r, "check_type") == "DENTAL" ? "TEETH" : "HEALTH");
  ReturnFile& f = File("oc2.csv", {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK",
                                   "IMMUNISATIONS", "TEETH_CHECK", "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE",
                                   "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"});
  for (auto& [child, episodes] : periods_) {
    std::sort(episodes.begin(), episodes.end());
    if (episodes.back().second) continue;  // not looked after on 31 March
    Date start = episodes.back().first;
    for (size_t i = episodes.size() - 1; i > 0 && episodes[i - 1].second == episodes[i].first; --i) start = episodes[i - 1].first;
    if (start > last_.AddYears(-1)) continue;
    const auto& done = checked[child];
    f.CsvRow({Local(child), Dob(child), "", "", "", done.count("HEALTH") ? "1" : "0", "", done.count("TEETH") ? "1" : "0",
              "", "", "", ""});
  }
}

// sw_episodes: each looked-after child's social workers during the year.
void Ssda903Writing::SocialWorkers() {
  if (year_ < kSsda903SwEpisodesFrom) return;
  RecordFields w(d_, "social_worker_episodes");
  ReturnFile& f = File("sw_episodes.csv", {"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"});
  for (size_t r = 0; r < w.size(); ++r) {
    std::string_view child = w.Text(r, "child_id");
    Date start = *w.DateOf(r, "start_date");
    auto end = By(w.DateOf(r, "end_date"), last_);
    if (start > last_ || (w.DateOf(r, "end_date") && *w.DateOf(r, "end_date") < first_) || !looked_after_.count(child))
      continue;
    f.CsvRow({Local(child), Dob(child), LocalId(w.Text(r, "worker_id"), la_code_), start.ToDmy(), Dmy(end),
              end ? w.Text(r, "change_reason") : ""});
  }
}

// previous_permanence: what is known of an earlier order, for the children who came into care in the year.
void Ssda903Writing::PreviousPermanence() {
  ReturnFile& f = File("previous_permanence.csv", {"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"});
  RecordFields p(d_, "previous_permanence");
  for (size_t r = 0; r < p.size(); ++r) {
    std::string_view child = p.Text(r, "child_id");
    if (*p.DateOf(r, "as_at_date") != last_ || !looked_after_.count(child)) continue;
    std::string date;
    if (auto d = p.DateOf(r, "permanence_date")) date = d->ToDmy();
    else if (std::string year = p.Format(r, "permanence_year"); !year.empty()) date = "ZZ/ZZ/" + year;
    f.CsvRow({Local(child), Dob(child), p.Text(r, "previous_permanence"), p.Text(r, "permanence_la"), date});
  }
}

// DoLo, a table of the return from 2026-27: deprivation of liberty orders in the year.
void Ssda903Writing::LibertyDeprivations() {
  if (year_ < kSsda903DoLoFrom) return;
  ReturnFile& f = File("DoLo.csv", {"CHILD", "DOB", "DOLO_START", "DOLO_END"});
  RecordFields o(d_, "liberty_deprivations");
  for (size_t r = 0; r < o.size(); ++r) {
    std::string_view child = o.Text(r, "child_id");
    Date start = *o.DateOf(r, "start_date");
    auto end = o.DateOf(r, "end_date");
    if (start > last_ || (end && *end < first_) || !looked_after_.count(child)) continue;
    f.CsvRow({Local(child), Dob(child), start.ToDmy(), Dmy(By(end, last_))});
  }
}

void Ssda903Writing::Header() {
  ReturnFile& header = File("header.csv", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"});
  ReturnFile& uasc = File("uasc.csv", {"CHILD", "SEX", "DOB", "DUC"});
  for (std::string_view child : named_) {
    size_t r = child_rows_.at(child);
    std::string_view sex = SexIn(children_.Text(r, "sex"), year_);
    std::string dob = Dob(child);
    header.CsvRow({Local(child), sex, dob, children_.Text(r, "ethnicity"), "", "", ""});
    if (children_.Flag(r, "uasc")) uasc.CsvRow({Local(child), sex, dob, Dmy(children_.DateOf(r, "uasc_ceased_date"))});
  }
}

}  // namespace

Status WriteSsda903(const Dataset& council, int year, const std::string& dir) {
  return Ssda903Writing(council, year, dir).Run();
}

}  // namespace scrutiny
