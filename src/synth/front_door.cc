// From the front door to child protection: contacts, early help, referrals,
// assessments, section 47 enquiries, child in need and child protection plans.

#include <algorithm>

#include "synth/simulation.h"

namespace scrutiny {
namespace {

constexpr double kContactsPer10k = 2100;  // a year; about four contacts per referral
constexpr double kFirstReferralShare = 0.18;  // of contacts; re-referrals bring referrals to ~540 per 10,000
constexpr double kRereferral = 0.30;      // chance an episode of need is followed by another referral
constexpr size_t kRecentChildren = 4000;

const std::vector<std::string> kSources = {"1A", "1B", "1C", "1D", "2A", "2B", "3A", "3B", "3C", "3D", "3E",
                                           "3F", "4",  "5A", "5B", "5C", "5D", "6",  "7",  "8",  "9",  "10"};
const std::vector<double> kSourceShare = {3, 1, 1.5, 2, 18, 2, 3, 3, 1, 2, 3, 2, 3, 4, 3, 3, 2, 30, 3, 5, 4, 3};
const std::vector<std::string> kNeeds = {"N0", "N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"};
const std::vector<double> kNeedShare = {4, 52, 8, 3, 8, 15, 3, 1, 5, 1};
const std::vector<std::string> kFactors = {"1B", "2B", "3A", "3B", "4A", "4B", "5B", "6B", "7A", "8B",
                                           "8C", "9A", "10A", "11A", "16A", "18B", "19A", "20", "21", "22A"};
const std::vector<std::string> kCategories = {"NEG", "EMO", "PHY", "SAB", "MUL"};
const std::vector<double> kCategoryShare = {50, 37, 7, 4, 2};

// Length of a child protection plan in days: most end within a year, about 4% last two years or more.
int CpPlanDays(Rng& rng) {
  static const double kBands[][2] = {{1, 3}, {3, 6}, {6, 12}, {12, 24}, {24, 36}};
  size_t band = rng.Pick({20, 25, 30, 21, 4});
  return static_cast<int>(rng.Uniform(kBands[band][0], kBands[band][1]) * 30.44);
}

// The CIN census reason for closing an episode of need that ended with care.
std::string ClosureAfterCare(const std::string& rec) {
  if (rec == "E11" || rec == "E12") return "RC1";
  if (rec == "E2") return "RC2";
  if (rec == "E41") return "RC3";
  if (rec == "E45" || rec == "E46" || rec == "E47" || rec == "E48") return "RC4";
  if (rec == "E3") return "RC5";
  if (rec == "E7") return "RC6";
  return "RC7";
}

int CinPlanDays(Rng& rng) {
  static const double kBands[][2] = {{1, 6}, {6, 12}, {12, 24}};
  size_t band = rng.Pick({50, 38, 12});
  return static_cast<int>(rng.Uniform(kBands[band][0], kBands[band][1]) * 30.44);
}

}  // namespace

void Simulation::SimulateFrontDoor() {
  for (Date d = start_; d <= end_; d = d.AddDays(1)) {
    double rate = kContactsPer10k / 365.25 * PopulationOn(d) / 10000.0 * DemandOn(d);
    for (int n = rng_.Poisson(rate); n > 0; --n) {
      bool referral = rng_.Chance(kFirstReferralShare);
      Contact(ChildOfContact(d, referral), d, referral);
    }
    if (rng_.Chance(PopulationOn(d) / 10000.0 * 3 / 365.25 * profile_.demand)) UascArrival(d);
  }
}

// A new child, or now and then one the front door has met before.
size_t Simulation::ChildOfContact(Date on, bool referral) {
  if (!recent_children_.empty() && rng_.Chance(referral ? 0.06 : 0.25))
    return recent_children_[static_cast<size_t>(rng_.Int(0, static_cast<int>(recent_children_.size()) - 1))];
  static const int kAges[][2] = {{-1, -1}, {0, 4}, {5, 9}, {10, 15}, {16, 17}};
  size_t band = rng_.Pick({2, 28, 26, 33, 11});
  size_t child = NewChild(on, kAges[band][0], kAges[band][1]);
  if (recent_children_.size() < kRecentChildren)
    recent_children_.push_back(child);
  else
    recent_children_[static_cast<size_t>(rng_.Int(0, kRecentChildren - 1))] = child;
  return child;
}

void Simulation::Contact(size_t child, Date on, bool referral) {
  const SimChild& c = children_[child];
  bool open = c.busy_until && *c.busy_until >= on;
  std::string outcome = referral ? (open ? "OPEN" : "REF") : rng_.PickFrom(std::vector<std::string>{"NFA", "INFO", "INFO", "EH"});
  std::string source = kSources[rng_.Pick(kSourceShare)];
  auto decided = WriteContact(child, on, outcome, source);
  if (outcome == "EH" && decided) EarlyHelp(child, *decided);
  if (outcome == "REF") Referral(child, decided.value_or(on), source);
}

std::optional<Date> Simulation::WriteContact(size_t child, Date on, const std::string& outcome, const std::string& source) {
  size_t pick = rng_.Pick({60, 30, 10});
  Date decided = pick == 0 ? on : AfterWorkingDays(on, pick == 1 ? 1 : rng_.Int(2, 4));
  size_t team = TeamOf("FRONT_DOOR");
  RecordWriter w(out_, "contacts");
  w.Add()
      .Text("contact_id", NextId("K"))
      .Text("child_id", children_[child].id)
      .Date("contact_date", on)
      .Text("source", source)
      .Text("team_id", teams_[team].id);
  if (auto worker = PickWorker(team, on)) w.Text("worker_id", workers_[*worker].id);
  if (decided > end_ || Fault()) return decided <= end_ ? std::optional<Date>(decided) : std::nullopt;
  w.Date("decision_date", decided).Text("outcome", outcome);
  return decided;
}

void Simulation::EarlyHelp(size_t child, Date on) {
  const SimChild& c = children_[child];
  Date assessed = on.AddDays(rng_.Int(3, 15));
  Date completed = assessed.AddDays(rng_.Int(10, 45));
  Date closed = completed.AddDays(rng_.Int(60, 270));
  Assignment a = Allocate(c, "EARLY_HELP", on, closed);
  RecordWriter w(out_, "early_help_episodes");
  w.Add()
      .Text("early_help_id", NextId("H"))
      .Text("child_id", c.id)
      .Date("start_date", on)
      .Date("assessment_start_date", ByEnd(assessed))
      .Date("assessment_completed_date", ByEnd(completed))
      .Date("end_date", ByEnd(closed))
      .Text("organisation", rng_.PickFrom(std::vector<std::string>{"LA", "LA", "LA", "SCHOOL", "SCHOOL", "HEALTH", "VOLUNTARY", "OTHER"}))
      .Flag("short_breaks", c.disabled && rng_.Chance(0.4))
      .Text("team_id", a.team_id);
  if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
}

void Simulation::Referral(size_t child, Date on, std::string source) {
  while (true) {
    std::string referral_id = NextId("R"), episode_id = NextId("N");
    std::string need = kNeeds[rng_.Pick(kNeedShare)];
    bool nfa = rng_.Chance(0.07);
    std::optional<Date> ended;
    std::string reason = "RC8";
    Assignment a;
    if (nfa) {
      ended = on.AddDays(rng_.Int(0, 3));
      a = Allocate(children_[child], "FRONT_DOOR", on, ended);
    } else {
      Date started = std::min(end_, AfterWorkingDays(on, rng_.Chance(0.35) ? 0 : rng_.Int(1, 3)));
      Date authorised = AfterWorkingDays(started, rng_.Chance(0.86) ? rng_.Int(4, 45) : rng_.Int(46, 90));
      if (Fault()) authorised = AfterWorkingDays(authorised, rng_.Int(10, 30));  // recorded late
      a = Allocate(children_[child], "ASSESSMENT", on, authorised);
      std::optional<Date> cp_start;
      bool s47 = rng_.Chance(0.35);
      if (s47) cp_start = Section47(child, referral_id, AfterWorkingDays(on, rng_.Int(0, 3)), a);
      bool in_need = s47 ? rng_.Chance(0.9) : rng_.Chance(0.67);
      WriteAssessment(child, referral_id, started, authorised, in_need, a);
      ended = authorised <= end_ ? Services(child, episode_id, on, authorised, in_need, cp_start, reason) : std::nullopt;
    }
    RecordWriter r(out_, "referrals");
    r.Add()
        .Text("referral_id", referral_id)
        .Text("child_id", children_[child].id)
        .Date("referral_date", on)
        .Text("source", source)
        .Flag("nfa", nfa)
        .Text("primary_need", need)
        .Text("team_id", a.team_id);
    if (!a.worker_id.empty()) r.Text("worker_id", a.worker_id);
    bool closed = ended && *ended <= end_;
    RecordWriter e(out_, "cin_episodes");
    e.Add()
        .Text("cin_episode_id", episode_id)
        .Text("child_id", children_[child].id)
        .Text("referral_id", referral_id)
        .Date("start_date", on)
        .Text("primary_need", need)
        .Text("team_id", a.team_id);
    if (closed) e.Date("end_date", *ended).Text("closure_reason", reason);
    children_[child].busy_until = closed ? *ended : end_.AddDays(1);
    if (!closed || !rng_.Chance(kRereferral)) return;
    Date next = ended->AddDays(14 + static_cast<int>(rng_.Exponential(140)));
    if (next > end_) return;
    source = kSources[rng_.Pick(kSourceShare)];
    on = WriteContact(child, next, "REF", source).value_or(next);
  }
}

void Simulation::WriteAssessment(size_t child, const std::string& referral_id, Date start, Date authorised,
                                 bool in_need, const Assignment& a) {
  RecordWriter w(out_, "assessments");
  w.Add()
      .Text("assessment_id", NextId("A"))
      .Text("child_id", children_[child].id)
      .Text("referral_id", referral_id)
      .Date("start_date", start)
      .Date("child_seen_date", ByEnd(std::min(authorised, start.AddDays(rng_.Int(0, 7)))))
      .Text("team_id", a.team_id);
  if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
  if (authorised > end_) return;
  std::string factors = rng_.PickFrom(kFactors);
  if (rng_.Chance(0.5)) {
    std::string more = rng_.PickFrom(kFactors);
    if (more != factors) factors += ";" + more;
  }
  w.Date("authorisation_date", authorised).Flag("requires_support", in_need).Text("factors", factors);
}

std::optional<Date> Simulation::Services(size_t child, const std::string& episode_id, Date referral_date,
                                         Date authorised, bool in_need, std::optional<Date> cp_start,
                                         std::string& reason) {
  reason = "RC7";
  std::optional<Date> ended;
  if (cp_start) {
    Date plan_end = CpPlan(child, episode_id, *cp_start);
    ended = ByEnd(plan_end);
    if (ended && rng_.Chance(0.15)) {
      CareEnd care = PeriodOfCare(child, *ended, rng_.Chance(0.8) ? "C1" : "V2");
      ended = care.end;
      reason = ClosureAfterCare(care.reason);
    } else if (ended && rng_.Chance(0.55)) {
      ended = ByEnd(CinPlan(child, episode_id, *ended));
    }
  } else if (in_need) {
    if (rng_.Chance(0.055)) {
      Date entry = rng_.Chance(0.4) ? std::min(authorised, AfterWorkingDays(referral_date, rng_.Int(0, 5))) : authorised;
      std::string ls = rng_.PickFrom(std::vector<std::string>{"V2", "V2", "V2", "C1", "C1", "L1", "J1"});
      CareEnd care = PeriodOfCare(child, entry, ls);
      ended = care.end;
      reason = ClosureAfterCare(care.reason);
    } else if (rng_.Chance(0.8)) {
      ended = ByEnd(CinPlan(child, episode_id, authorised));
    } else {
      ended = ByEnd(authorised.AddDays(rng_.Int(20, 90)));
    }
  } else {
    ended = authorised;
    reason = rng_.PickFrom(std::vector<std::string>{"RC8", "RC8", "RC9", "RC7"});
  }
  if (ended && *ended < authorised) ended = authorised;
  return ended;
}

std::optional<Date> Simulation::Section47(size_t child, const std::string& referral_id, Date strategy, const Assignment& a) {
  if (strategy > end_) return std::nullopt;
  Date started = rng_.Chance(0.85) ? strategy : AfterWorkingDays(strategy, 1);
  if (started > end_) started = strategy;
  RecordWriter w(out_, "section47_enquiries");
  w.Add()
      .Text("s47_id", NextId("S"))
      .Text("child_id", children_[child].id)
      .Text("referral_id", referral_id)
      .Date("strategy_discussion_date", strategy)
      .Date("s47_start_date", started)
      .Text("team_id", a.team_id);
  if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
  if (!rng_.Chance(0.34)) {
    Date done = AfterWorkingDays(started, rng_.Int(3, 20));
    if (done <= end_) w.Flag("icpc_not_required", true).Date("end_date", done);
    return std::nullopt;
  }
  Date conference = AfterWorkingDays(strategy, rng_.Chance(0.8) ? rng_.Int(4, 15) : rng_.Int(16, 35));
  Date done = std::max(started, std::min(conference, AfterWorkingDays(started, rng_.Int(5, 12))));
  w.Date("end_date", ByEnd(done));
  if (conference > end_) return std::nullopt;
  bool plan = rng_.Chance(0.87);
  w.Flag("icpc_not_required", false).Date("icpc_date", conference).Flag("icpc_cp_plan", plan);
  return plan ? std::optional<Date>(conference) : std::nullopt;
}

Date Simulation::CpPlan(size_t child, const std::string& cin_episode_id, Date start) {
  Date end = start.AddDays(CpPlanDays(rng_));
  SimChild& c = children_[child];
  if (c.cp_plans == 0 && rng_.Chance(0.13)) c.cp_plans = 1;  // a plan from before the records begin
  int previous = c.cp_plans++;
  Assignment a = Allocate(c, "CP", start, end);
  std::string plan_id = NextId("P");
  std::string category = kCategories[rng_.Pick(kCategoryShare)];
  RecordWriter w(out_, "cp_plans");
  w.Add()
      .Text("cp_plan_id", plan_id)
      .Text("child_id", c.id)
      .Text("cin_episode_id", cin_episode_id)
      .Date("start_date", start)
      .Date("end_date", ByEnd(end))
      .Text("initial_category", category)
      .Text("latest_category", rng_.Chance(0.85) ? category : kCategories[rng_.Pick(kCategoryShare)])
      .Int("previous_plans", previous)
      .Text("team_id", a.team_id);
  if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
  RecordWriter reviews(out_, "cp_reviews");
  Date review = start.AddDays(rng_.Chance(0.93) ? rng_.Int(70, 90) : rng_.Int(95, 130));
  while (review < end && review <= end_) {
    if (!Fault()) reviews.Add().Text("cp_plan_id", plan_id).Text("child_id", c.id).Date("review_date", review);
    review = review.AddDays(rng_.Chance(0.93) ? rng_.Int(160, 182) : rng_.Int(185, 230));
  }
  Visits(child, "CP", start, end, 7, 14, a);
  return end;
}

Date Simulation::CinPlan(size_t child, const std::string& cin_episode_id, Date start) {
  Date end = start.AddDays(CinPlanDays(rng_));
  const SimChild& c = children_[child];
  Assignment a = Allocate(c, c.disabled && rng_.Chance(0.6) ? "DISABILITY" : "CIN", start, end);
  RecordWriter w(out_, "cin_plans");
  w.Add()
      .Text("cin_plan_id", NextId("L"))
      .Text("child_id", c.id)
      .Text("cin_episode_id", cin_episode_id)
      .Date("start_date", start)
      .Date("end_date", ByEnd(end))
      .Text("team_id", a.team_id);
  if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
  Visits(child, "CIN", start, end, 20, 42, a);
  return end;
}

void Simulation::Visits(size_t child, const std::string& plan, Date from, std::optional<Date> to, int min_gap,
                        int max_gap, const Assignment& a) {
  RecordWriter w(out_, "visits");
  Date last = to ? std::min(*to, end_) : end_;
  Date d = from.AddDays(rng_.Int(1, min_gap));
  while (d <= last) {
    if (d >= history_start_ && !Fault()) {
      w.Add().Text("visit_id", NextId("V")).Text("child_id", children_[child].id).Date("visit_date", d).Text("plan", plan);
      if (plan == "CP" || rng_.Chance(0.5)) w.Flag("seen_alone", rng_.Chance(0.7));
      if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
    }
    d = d.AddDays(rng_.Chance(0.1) ? rng_.Int(max_gap, max_gap * 2) : rng_.Int(min_gap, max_gap));
  }
}

}  // namespace scrutiny
