#include "check/soft_rules.h"

#include <algorithm>
#include <unordered_map>
#include <variant>

#include <fmt/format.h>

#include "core/working_calendar.h"
#include "indicators/case_index.h"
#include "ingest/ssda903_codes.h"

namespace scrutiny {
namespace {

constexpr int kFirstLookedAfterReviewWorkingDays = 20;
constexpr int kFirstConferenceMonths = 3;
constexpr int kVisitWorkingDays = 10;
constexpr int kReferralOutcomeWorkingDays = 20;
constexpr int kUnbornOverdueMonths = 3;
constexpr int kDaysBeforeBirth = 280;  // a record may concern a child from conception
constexpr int kAdultYears = 18;

// The rows of a table by the string id of their child, each child's rows in order of `date_col`.
std::unordered_map<int32_t, std::vector<size_t>> RowsByChild(const Table& t, int date_col) {
  std::unordered_map<int32_t, std::vector<size_t>> rows;
  int child = t.type().IndexOf("child_id");
  for (size_t r = 0; r < t.size(); ++r) rows[t.Int(child, r)].push_back(r);
  for (auto& entry : rows)
    std::stable_sort(entry.second.begin(), entry.second.end(),
                     [&](size_t a, size_t b) { return t.Int(date_col, a) < t.Int(date_col, b); });
  return rows;
}

bool OpenOn(const Table& t, size_t r, int start, int end, Date d) {
  return !t.IsNull(start, r) && t.DateAt(start, r) <= d && (t.IsNull(end, r) || t.DateAt(end, r) > d);
}

class SoftRules {
 public:
  SoftRules(const Dataset& data, const RowSources* sources, const SoftRuleOptions& o, const CaseTeams& teams,
            std::vector<QualityProblem>& out)
      : data_(data), sources_(sources), o_(o), teams_(teams), out_(out), index_(data) {}

  void Apply() {
    LookedAfterReviews();
    ChildProtectionReviews();
    ChildProtectionVisits();
    OpenAssessments();
    ReferralOutcomes();
    RecordsWithoutTeam();
    for (std::string_view type : {"looked_after_episodes", "cp_plans", "cin_episodes"}) Overlaps(data_.table(type));
    LookedAfterGaps();
    FutureDates();
    Ages();
    UnbornChildren();
    PlacementCodes();
  }

 private:
  void Add(std::string_view rule, const Table& t, size_t r, std::string_view field, std::string value,
           std::string detail, std::vector<std::string> uses) {
    QualityProblem p;
    p.rule = std::string(rule);
    p.detail = std::move(detail);
    const RecordType& type = t.type();
    if (int child = type.IndexOf("child_id"); child >= 0) p.child_id = t.Format(child, r);
    p.record_type = std::string(type.name);
    p.key = t.KeyText(r);
    if (sources_) {
      size_t i = static_cast<size_t>(&t - data_.tables().data());
      p.file = sources_->files[i];
      p.row = sources_->lines[i][r];
    }
    p.field = std::string(field);
    p.value = std::move(value);
    p.uses = std::move(uses);
    p.team = teams_.OfRecord(t, r);
    out_.push_back(std::move(p));
  }
  void AddDate(std::string_view rule, const Table& t, size_t r, std::string_view field, std::string detail,
               std::vector<std::string> uses) {
    Add(rule, t, r, field, t.Format(t.type().IndexOf(field), r), std::move(detail), std::move(uses));
  }

  // Dates of a table's rows at or before the as-at date, by the string id in `key_col`.
  std::unordered_map<int32_t, std::vector<Date>> DatesBy(const Table& t, int key_col, int date_col) const {
    std::unordered_map<int32_t, std::vector<Date>> dates;
    for (size_t r = 0; r < t.size(); ++r)
      if (t.DateAt(date_col, r) <= o_.as_at) dates[t.Int(key_col, r)].push_back(t.DateAt(date_col, r));
    return dates;
  }

  void LookedAfterReviews() {
    const Table& e = data_.table("looked_after_episodes");
    const Table& reviews = data_.table("looked_after_reviews");
    auto by_child = DatesBy(reviews, reviews.type().IndexOf("child_id"), reviews.type().IndexOf("review_date"));
    const std::vector<int32_t>& care_start = *index_.Derived(e.type(), "care_start");
    const RecordType& t = e.type();
    int decom = t.IndexOf("decom"), dec = t.IndexOf("dec"), ls = t.IndexOf("ls"), child = t.IndexOf("child_id");
    std::vector<char> seen(e.pool().size(), 0);
    for (size_t r = 0; r < e.size(); ++r) {
      if (!OpenOn(e, r, decom, dec, o_.as_at) || e.Text(ls, r) == "V3" || e.Text(ls, r) == "V4") continue;
      if (care_start[r] == kNull || seen[static_cast<size_t>(e.Int(child, r))]++) continue;
      Date start = Date::FromDays(care_start[r]);
      const std::vector<Date>& held = by_child[e.Int(child, r)];
      if (std::any_of(held.begin(), held.end(), [&](Date d) { return d >= start; })) continue;
      Date due = index_.calendar().AddWorkingDays(start, kFirstLookedAfterReviewWorkingDays);
      if (due >= o_.as_at) continue;
      Add("review-not-recorded", e, r, "review_date", "",
          fmt::format("in care since {}; the first review was due by {} and none is recorded", start.ToIso(),
                      due.ToIso()),
          {"looked_after_reviews.review_date"});
    }
  }

  void ChildProtectionReviews() {
    const Table& plans = data_.table("cp_plans");
    const Table& reviews = data_.table("cp_reviews");
    auto by_plan = DatesBy(reviews, reviews.type().IndexOf("cp_plan_id"), reviews.type().IndexOf("review_date"));
    const RecordType& t = plans.type();
    int id = t.IndexOf("cp_plan_id"), start = t.IndexOf("start_date"), end = t.IndexOf("end_date");
    for (size_t r = 0; r < plans.size(); ++r) {
      if (!OpenOn(plans, r, start, end, o_.as_at)) continue;
      if (by_plan.count(plans.Int(id, r))) continue;
      Date due = plans.DateAt(start, r).AddMonths(kFirstConferenceMonths);
      if (due >= o_.as_at) continue;
      Add("cp-review-not-recorded", plans, r, "review_date", "",
          fmt::format("plan started {}; the first review conference was due by {} and none is recorded",
                      plans.Format(start, r), due.ToIso()),
          {"cp_reviews.review_date"});
    }
  }

  void ChildProtectionVisits() {
    const Table& plans = data_.table("cp_plans");
    const Table& visits = data_.table("visits");
    const RecordType& v = visits.type();
    int vplan = v.IndexOf("plan"), vchild = v.IndexOf("child_id"), vdate = v.IndexOf("visit_date");
    std::unordered_map<int32_t, std::vector<Date>> cp_visits;
    for (size_t r = 0; r < visits.size(); ++r)
      if (visits.Text(vplan, r) == "CP") cp_visits[visits.Int(vchild, r)].push_back(visits.DateAt(vdate, r));
    const RecordType& t = plans.type();
    int child = t.IndexOf("child_id"), start = t.IndexOf("start_date"), end = t.IndexOf("end_date");
    for (size_t r = 0; r < plans.size(); ++r) {
      if (!OpenOn(plans, r, start, end, o_.as_at)) continue;
      Date from = plans.DateAt(start, r);
      if (index_.calendar().WorkingDaysBetween(from, o_.as_at) <= kVisitWorkingDays) continue;
      const std::vector<Date>& dates = cp_visits[plans.Int(child, r)];
      if (std::any_of(dates.begin(), dates.end(), [&](Date d) { return d >= from && d <= o_.as_at; })) continue;
      Add("cp-plan-no-visits", plans, r, "visit_date", "",
          fmt::format("plan started {}; no child protection visit is recorded since", from.ToIso()),
          {"visits.visit_date"});
    }
  }

  void OpenAssessments() {
    const Table& a = data_.table("assessments");
    int start = a.type().IndexOf("start_date"), done = a.type().IndexOf("authorisation_date");
    for (size_t r = 0; r < a.size(); ++r) {
      if (!a.IsNull(done, r) || a.DateAt(start, r) > o_.as_at) continue;
      int days = index_.calendar().WorkingDaysBetween(a.DateAt(start, r), o_.as_at);
      if (days <= o_.open_days) continue;
      Add("assessment-open-too-long", a, r, "authorisation_date", "",
          fmt::format("started {}, open {} working days on {} (limit {})", a.Format(start, r), days,
                      o_.as_at.ToIso(), o_.open_days),
          {"assessments.authorisation_date"});
    }
  }

  // Referrals neither closed with no further action nor followed by an
  // assessment, section 47 enquiry or episode of need of the child.
  void ReferralOutcomes() {
    std::unordered_map<int32_t, Date> latest_step;  // by child
    auto note = [&](std::string_view type, std::string_view date) {
      const Table& t = data_.table(type);
      int child = t.type().IndexOf("child_id"), col = t.type().IndexOf(date);
      for (size_t r = 0; r < t.size(); ++r) {
        if (t.IsNull(col, r)) continue;
        auto [it, fresh] = latest_step.emplace(t.Int(child, r), t.DateAt(col, r));
        if (!fresh) it->second = std::max(it->second, t.DateAt(col, r));
      }
    };
    note("assessments", "start_date");
    note("section47_enquiries", "strategy_discussion_date");
    note("section47_enquiries", "s47_start_date");
    note("cin_episodes", "start_date");
    const Table& ref = data_.table("referrals");
    int child = ref.type().IndexOf("child_id"), date = ref.type().IndexOf("referral_date"), nfa = ref.type().IndexOf("nfa");
    for (size_t r = 0; r < ref.size(); ++r) {
      if (ref.Flag(nfa, r) || ref.DateAt(date, r) > o_.as_at) continue;
      if (index_.calendar().WorkingDaysBetween(ref.DateAt(date, r), o_.as_at) <= kReferralOutcomeWorkingDays) continue;
      auto step = latest_step.find(ref.Int(child, r));
      if (step != latest_step.end() && step->second >= ref.DateAt(date, r)) continue;
      Add("referral-no-outcome", ref, r, "nfa", "N",
          "not closed with no further action, and no assessment, section 47 enquiry or episode of need follows it",
          {"referrals.nfa"});
    }
  }

  // Only where records name teams at all: in returns that name none, every record would be one.
  void RecordsWithoutTeam() {
    if (!teams_.recorded()) return;
    for (const Table& t : data_.tables()) {
      int team = t.type().IndexOf("team_id"), worker = t.type().IndexOf("worker_id"), child = t.type().IndexOf("child_id");
      if (team < 0 || worker < 0 || child < 0) continue;
      for (size_t r = 0; r < t.size(); ++r)
        if (t.IsNull(team, r) && t.IsNull(worker, r) && !teams_.ChildAllocated(t.Text(child, r)))
          Add("record-no-team", t, r, "team_id", "", "no team, no worker and no allocation of the child", {});
    }
  }

  void Overlaps(const Table& t) {
    RecordSpan span = SpanOf(t.type());
    std::string_view start_name = t.type().field(span.start).name;
    for (const auto& [child, rows] : RowsByChild(t, span.start)) {
      for (size_t i = 1; i < rows.size(); ++i) {
        size_t a = rows[i - 1], b = rows[i];
        if (!t.IsNull(span.end, a) && t.DateAt(span.end, a) <= t.DateAt(span.start, b)) continue;
        std::string until = t.IsNull(span.end, a) ? "is still open" : "ends " + t.Format(span.end, a);
        AddDate("episodes-overlap", t, b, start_name,
                fmt::format("starts while {} (from {}) {}", t.KeyText(a), t.Format(span.start, a), until),
                {fmt::format("{}.{}", t.type().name, start_name)});
      }
    }
  }

  void LookedAfterGaps() {
    const Table& e = data_.table("looked_after_episodes");
    const RecordType& t = e.type();
    int decom = t.IndexOf("decom"), dec = t.IndexOf("dec"), rec = t.IndexOf("rec");
    for (const auto& [child, rows] : RowsByChild(e, decom)) {
      for (size_t i = 0; i < rows.size(); ++i) {
        size_t r = rows[i];
        if (e.IsNull(rec, r) || e.Text(rec, r) != "X1") continue;
        bool next_same_day = i + 1 < rows.size() && e.DateAt(decom, rows[i + 1]) == e.DateAt(dec, r);
        if (next_same_day) continue;
        AddDate("episodes-gap", e, r, "dec", "ceased with REC X1 (care continues) but no episode starts that day",
                {"looked_after_episodes.dec"});
      }
    }
  }

  void FutureDates() {
    for (const Table& t : data_.tables())
      for (int c = 0; c < static_cast<int>(t.type().fields.size()); ++c) {
        const Field& f = t.type().field(c);
        if (f.type != FieldType::kDate || f.name == "expected_date_of_birth") continue;
        for (size_t r = 0; r < t.size(); ++r)
          if (!t.IsNull(c, r) && t.DateAt(c, r) > o_.today)
            AddDate("date-in-future", t, r, f.name, fmt::format("after the day of the check, {}", o_.today.ToIso()),
                    {fmt::format("{}.{}", t.type().name, f.name)});
      }
  }

  void Ages() {
    const Table& children = data_.table("children");
    int id = children.type().IndexOf("child_id"), dob = children.type().IndexOf("date_of_birth");
    std::unordered_map<int32_t, Date> birth;
    for (size_t r = 0; r < children.size(); ++r)
      if (!children.IsNull(dob, r)) birth.emplace(children.Int(id, r), children.DateAt(dob, r));
    const std::pair<std::string_view, std::string_view> starts[] = {
        {"referrals", "referral_date"}, {"assessments", "start_date"}, {"cin_episodes", "start_date"},
        {"cp_plans", "start_date"}, {"looked_after_episodes", "decom"}};
    for (const auto& [type, field] : starts) {
      const Table& t = data_.table(type);
      int child = t.type().IndexOf("child_id"), col = t.type().IndexOf(field);
      for (size_t r = 0; r < t.size(); ++r) {
        auto b = birth.find(t.Int(child, r));
        if (b == birth.end()) continue;
        Date d = t.DateAt(col, r);
        std::string why;
        if (d < b->second.AddDays(-kDaysBeforeBirth)) why = "more than 9 months before the child's birth";
        else if (d >= b->second.AddYears(kAdultYears)) why = "on or after the child's 18th birthday";
        else continue;
        AddDate("implausible-age", t, r, field, fmt::format("{} (born {})", why, b->second.ToIso()),
                {"children.date_of_birth", fmt::format("{}.{}", type, field)});
      }
    }
  }

  void UnbornChildren() {
    const Table& c = data_.table("children");
    int dob = c.type().IndexOf("date_of_birth"), expected = c.type().IndexOf("expected_date_of_birth");
    for (size_t r = 0; r < c.size(); ++r) {
      if (!c.IsNull(dob, r) || c.IsNull(expected, r)) continue;
      if (c.DateAt(expected, r).AddMonths(kUnbornOverdueMonths) >= o_.as_at) continue;
      AddDate("birth-not-recorded", c, r, "expected_date_of_birth",
              fmt::format("expected to be born more than {} months before {}; no date of birth recorded",
                          kUnbornOverdueMonths, o_.as_at.ToIso()),
              {"children.date_of_birth"});
    }
  }

  void PlacementCodes() {
    const Table& e = data_.table("looked_after_episodes");
    int place = e.type().IndexOf("place"), decom = e.type().IndexOf("decom");
    for (size_t r = 0; r < e.size(); ++r) {
      int year = FinancialYear::Of(e.DateAt(decom, r)).start_year;
      auto code = ToModelCode(Ssda903Coded::kPlace, e.Text(place, r), year);
      if (const auto* refusal = std::get_if<CodeRefusal>(&code))
        Add("code-not-valid-for-year", e, r, "place", std::string(e.Text(place, r)),
            fmt::format("episode started {}: {}", e.Format(decom, r), refusal->rule),
            {"looked_after_episodes.place"});
    }
  }

  const Dataset& data_;
  const RowSources* sources_;
  const SoftRuleOptions& o_;
  const CaseTeams& teams_;
  std::vector<QualityProblem>& out_;
  CaseIndex index_;
};

}  // namespace

void FindSoftProblems(const Dataset& data, const RowSources* sources, const SoftRuleOptions& options,
                      const CaseTeams& teams, std::vector<QualityProblem>& out) {
  SoftRules(data, sources, options, teams, out).Apply();
}

}  // namespace scrutiny
