// Children looked after: periods of care as SSDA903 episodes, with reviews,
// health checks, visits and missing episodes; adoption; leaving care.

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "synth/simulation.h"

namespace scrutiny {
namespace {

const std::vector<std::string> kChangeReasons = {"CARPL", "CLOSE", "ALLEG", "STAND", "APPRR", "CREQB",
                                                 "CREQO", "CHILD", "LAREQ", "PLACE", "OTHER"};
const std::vector<double> kChangeReasonShare = {30, 5, 3, 5, 2, 15, 10, 10, 15, 2, 3};
const std::vector<std::string> kCategoryOfNeed = {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8"};
const std::vector<double> kCategoryOfNeedShare = {62, 4, 3, 6, 12, 2, 0.5, 10.5};
const std::vector<std::string> kLeftAt18 = {"E5", "E6", "E17", "E8"};
const std::vector<std::string> kGuardianship = {"E45", "E46", "E47", "E48"};
const std::vector<std::string> kEet = {"F1", "P1", "F2", "P2", "F4", "P4", "F5", "P5"};
const std::vector<std::string> kNeet = {"G4", "G5", "G5", "G5", "G6"};
const std::vector<std::string> kHomes = {"B", "C", "D", "E", "K", "T", "U", "Y", "Z"};

struct Placement {
  std::string place, provider;
  double miles;
};

Placement ChoosePlacement(Rng& rng, int age, Date on, bool uasc) {
  std::string semi_independent = on >= Date::FromCivil(2025, 4, 1) ? "K3" : "H5";
  std::vector<std::string> places;
  std::vector<double> share;
  if (uasc && age >= 16) {
    places = {semi_independent, "U6"}, share = {75, 25};
  } else if (age < 1) {
    places = {"U6", "U3", "R3", "U5"}, share = {65, 15, 10, 10};
  } else if (age < 13) {
    places = {"U6", "U3", "U4", "U1", "P1", "K2", "S1"}, share = {50, 18, 10, 5, 8, 7, 2};
  } else if (age < 16) {
    places = {"U6", "U3", "U4", "K2", "R1", "S1", "Z1"}, share = {44, 12, 8, 28, 3, 3, 2};
  } else {
    places = {"U6", "U3", "K2", semi_independent}, share = {32, 8, 22, 38};
  }
  Placement p{places[rng.Pick(share)], "", 0};
  char kind = p.place[0];
  if (p.place == "P1") p.provider = "PR0";
  else if (kind == 'U') p.provider = rng.Chance(0.6) ? "PR1" : "PR4";
  else if (kind == 'R') p.provider = rng.Chance(0.7) ? "PR3" : "PR4";
  else if (kind == 'A') p.provider = rng.Chance(0.8) ? "PR1" : "PR2";
  else p.provider = rng.Chance(0.75) ? "PR4" : rng.Chance(0.5) ? "PR1" : "PR5";
  p.miles = p.provider == "PR0" || p.provider == "PR1" ? rng.Uniform(0.3, 8) : 1 + rng.Exponential(14);
  return p;
}

}  // namespace

Simulation::Route Simulation::ChooseRoute(int age) {
  if (age < 5) return std::vector<Route>{Route::kReturnHome, Route::kSpecialGuardianship, Route::kAdoption, Route::kUntil18}[rng_.Pick({35, 25, 35, 5})];
  if (age < 13) return std::vector<Route>{Route::kReturnHome, Route::kSpecialGuardianship, Route::kAdoption, Route::kUntil18}[rng_.Pick({50, 17, 2, 31})];
  return rng_.Chance(0.55) ? Route::kReturnHome : Route::kUntil18;
}

Simulation::CareEnd Simulation::PeriodOfCare(size_t child, Date start, const std::string& first_ls, std::optional<Route> route) {
  const Date birth = children_[child].birth;
  if (birth > start) start = birth;
  const Date eighteen = birth.AddYears(18);
  Route r = route.value_or(ChooseRoute(start.YearsSince(birth)));
  AdoptionDates adoption;
  Date stop = eighteen;
  std::string reason = rng_.PickFrom(kLeftAt18);
  switch (r) {
    case Route::kReturnHome:
      stop = start.AddDays(rng_.Int(10, 540));
      reason = rng_.Chance(0.7) ? "E4A" : "E4B";
      break;
    case Route::kSpecialGuardianship:
      stop = start.AddDays(rng_.Int(300, 1100));
      reason = rng_.PickFrom(kGuardianship);
      break;
    case Route::kAdoption:
      adoption = AdoptionJourney(child, start);
      if (adoption.order) {
        stop = *adoption.order;
        reason = rng_.Chance(0.9) ? "E11" : "E12";
      } else if (adoption.reversed && rng_.Chance(0.5)) {
        stop = start.AddDays(rng_.Int(700, 1500));
        reason = rng_.PickFrom(kGuardianship);
      } else if (!adoption.reversed) {
        stop = end_.AddDays(1);  // still waiting to be adopted
      }
      break;
    case Route::kUntil18:
      break;
  }
  if (r != Route::kUntil18 && r != Route::kAdoption && rng_.Chance(0.05)) {
    stop = start.AddDays(rng_.Int(30, 900));
    reason = rng_.PickFrom(std::vector<std::string>{"E3", "E9", "E13", "E16", "E8", "E41"});
  }
  if (stop >= eighteen) {
    stop = eighteen;
    reason = rng_.PickFrom(kLeftAt18);
  }
  if (stop <= start) stop = start.AddDays(1);
  CareEnd end{ByEnd(stop), stop <= end_ ? reason : ""};
  Assignment a = Allocate(children_[child], "CLA", start, stop);
  WriteEpisodes(child, start, end, first_ls, adoption, a);
  LookedAfterReviews(child, start, end.end);
  HealthChecks(child, start, end.end);
  MissingEpisodes(child, start, end.end);
  PreviousPermanence(child, start);
  LibertyDeprivations(child, start, end.end);
  Visits(child, "LAC", start, end.end, 28, 42, a);
  Date seventeen = birth.AddYears(17);
  if (seventeen >= start && seventeen < stop && seventeen <= end_ && seventeen >= history_start_) {
    RecordWriter(out_, "care_leavers")
        .Add()
        .Text("child_id", children_[child].id)
        .Date("as_at_date", seventeen)
        .Text("eligibility", "ELIGIBLE")
        .Text("in_touch", "YES")
        .Text("activity", rng_.Chance(0.7) ? rng_.PickFrom(kEet) : rng_.PickFrom(kNeet))
        .Date("pathway_plan_review_date", seventeen.AddDays(-rng_.Int(0, 200)));
  }
  // Leaving care services: looked after 13 weeks or more since 14, and at 16 or over.
  if (end.end && stop == eighteen && start <= eighteen.AddDays(-91)) LeavingCare(child, eighteen);
  return end;
}

void Simulation::WriteEpisodes(size_t child, Date start, const CareEnd& end, std::string ls,
                               const AdoptionDates& adoption, const Assignment& a) {
  struct Change {
    Date on;
    std::string ls, place;  // empty: unchanged
  };
  const SimChild& c = children_[child];
  Date stop = end.end ? *end.end : end_.AddDays(1);
  std::vector<Change> changes;
  if (ls == "C1") changes.push_back({start.AddDays(rng_.Int(120, 330)), "C2", ""});
  if (ls == "L1" || ls == "L2") changes.push_back({start.AddDays(rng_.Int(1, 20)), rng_.Chance(0.6) ? "C1" : "V2", ""});
  if (adoption.placement_order) changes.push_back({*adoption.placement_order, "E1", ""});
  Date settled = adoption.placed ? *adoption.placed : stop;
  if (adoption.placed) changes.push_back({*adoption.placed, "", rng_.Chance(0.2) ? "A5" : "A6"});
  double moves_a_year = rng_.Chance(0.2) ? 1.6 : 0.1;
  Date move = start;
  if (rng_.Chance(0.25)) move = start.AddDays(rng_.Int(3, 60)), changes.push_back({move, "", "?"});
  while ((move = move.AddDays(1 + static_cast<int>(rng_.Exponential(365.25 / moves_a_year)))) < settled)
    changes.push_back({move, "", "?"});
  std::sort(changes.begin(), changes.end(), [](const Change& x, const Change& y) { return x.on < y.on; });

  RecordWriter w(out_, "looked_after_episodes");
  std::string need = c.uasc ? "N8" : kCategoryOfNeed[rng_.Pick(kCategoryOfNeedShare)];
  std::string home = fmt::format("Q{}{}", static_cast<char>('A' + profile_.index % 26), rng_.Int(1, 30));
  Placement place = ChoosePlacement(rng_, start.YearsSince(c.birth), start, c.uasc);
  Date from = start;
  std::string rne = "S";
  auto write = [&](std::optional<Date> to, const std::string& rec, const std::string& change_reason) {
    w.Add()
        .Text("episode_id", NextId("E"))
        .Text("child_id", c.id)
        .Date("decom", from)
        .Text("rne", rne)
        .Text("ls", ls)
        .Text("cin", need)
        .Text("place", place.place)
        .Text("place_provider", place.provider)
        .Date("dec", to)
        .Text("home_postcode_district", home)
        .Text("placement_postcode_district", place.miles < 15 ? fmt::format("Q{}{}", static_cast<char>('A' + profile_.index % 26), rng_.Int(1, 30))
                                                              : fmt::format("Q{}{}", static_cast<char>('A' + rng_.Int(0, 25)), rng_.Int(1, 30)))
        .Decimal("placement_distance_miles", std::round(place.miles * 10) / 10)
        .Text("placement_la", place.miles < 15 ? profile_.la_code : fmt::format("{}", 800 + rng_.Int(0, 149)))
        .Text("team_id", a.team_id);
    if (to) w.Text("rec", rec);
    if (!change_reason.empty()) w.Text("reason_place_change", change_reason);
    if (!a.worker_id.empty()) w.Text("worker_id", a.worker_id);
    if (place.place[0] == 'K' || place.place == "H5" || place.place == "R1" || place.place == "S1")
      w.Text("urn", fmt::format("SC{:06}", rng_.Int(0, 999999)));
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    const Change& ch = changes[i];
    if (ch.on <= from || ch.on >= stop || ch.on > end_) continue;
    bool legal = !ch.ls.empty() && ch.ls != ls;
    bool moved = !ch.place.empty();
    if (!legal && !moved) continue;
    write(ch.on, "X1", moved ? kChangeReasons[rng_.Pick(kChangeReasonShare)] : "");
    if (legal) ls = ch.ls;
    if (moved) {
      Placement next = ch.place == "?" ? ChoosePlacement(rng_, ch.on.YearsSince(c.birth), ch.on, c.uasc) : Placement{ch.place, "PR1", place.miles};
      place = next;
    }
    rne.assign(1, legal && moved ? 'T' : legal ? 'L' : 'P');
    from = ch.on;
  }
  write(end.end, end.reason, "");
}

void Simulation::LookedAfterReviews(size_t child, Date start, std::optional<Date> end) {
  const SimChild& c = children_[child];
  RecordWriter w(out_, "looked_after_reviews");
  Date stop = end ? *end : end_.AddDays(1);
  Date review = AfterWorkingDays(start, rng_.Chance(0.9) ? rng_.Int(8, 20) : rng_.Int(21, 35));
  for (int n = 0; review < stop && review <= end_; ++n) {
    if (review >= history_start_ && !Fault() && FirstTime(c.id + "R" + review.ToIso())) {
      w.Add().Text("child_id", c.id).Date("review_date", review);
      w.Text("participation", review.YearsSince(c.birth) < 4 ? "PN0" : fmt::format("PN{}", 1 + rng_.Pick({40, 5, 10, 10, 15, 10, 10})));
    }
    bool late = rng_.Chance(0.08);
    review = review.AddDays(n == 0 ? (late ? rng_.Int(92, 130) : rng_.Int(70, 91)) : (late ? rng_.Int(183, 240) : rng_.Int(150, 182)));
  }
}

void Simulation::HealthChecks(size_t child, Date start, std::optional<Date> end) {
  const SimChild& c = children_[child];
  RecordWriter w(out_, "health_checks");
  Date stop = end ? std::min(*end, end_) : end_;
  std::vector<Date> health, dental;  // the checks written
  auto check = [&](Date on, const char* type) {
    if (on < history_start_ || on > stop || Fault() || !FirstTime(c.id + type + on.ToIso())) return;
    w.Add().Text("child_id", c.id).Date("check_date", on).Text("check_type", type);
    (std::string_view(type) == "DENTAL" ? dental : health).push_back(on);
  };
  check(AfterWorkingDays(start, rng_.Chance(0.8) ? rng_.Int(5, 20) : rng_.Int(21, 60)), "IHA");
  for (Date d = start.AddDays(rng_.Int(150, 360)); d <= stop;) {
    check(d, "RHA");
    int months = d.YearsSince(c.birth) < 5 ? 6 : 12;
    d = d.AddMonths(months).AddDays(rng_.Chance(0.85) ? -rng_.Int(0, 30) : rng_.Int(1, 90));
  }
  for (Date d = start.AddDays(rng_.Int(30, 300)); d <= stop; d = d.AddDays(rng_.Chance(0.8) ? rng_.Int(150, 365) : rng_.Int(366, 540)))
    if (d.YearsSince(c.birth) >= 1) check(d, "DENTAL");
  Outcomes(child, start, end, health, dental);
}

// What the OC2 return says at each 31 March of a period of care 12 months old
// by then: whether the checks written fell in the year to that day (no random
// draws, so the rest of the council is the same with or without these).
void Simulation::Outcomes(size_t child, Date start, std::optional<Date> end, const std::vector<Date>& health,
                          const std::vector<Date>& dental) {
  const SimChild& c = children_[child];
  RecordWriter w(out_, "looked_after_outcomes");
  auto within_year = [](const std::vector<Date>& dates, Date year_end) {
    return std::any_of(dates.begin(), dates.end(), [&](Date d) { return d > year_end.AddYears(-1) && d <= year_end; });
  };
  for (Date year_end = FinancialYear::Of(start).last_day(); year_end <= end_; year_end = year_end.AddYears(1)) {
    if (year_end < history_start_ || start > year_end.AddYears(-1) || (end && *end <= year_end)) continue;
    w.Add().Text("child_id", c.id).Date("as_at_date", year_end).Flag("health_check", within_year(health, year_end));
    w.Flag("teeth_check", within_year(dental, year_end));
  }
}

void Simulation::MissingEpisodes(size_t child, Date start, std::optional<Date> end) {
  const SimChild& c = children_[child];
  Date stop = end ? std::min(*end, end_) : end_;
  Date twelve = c.birth.AddYears(12);
  if (stop < twelve || !rng_.Chance(0.25)) return;
  RecordWriter w(out_, "missing_episodes");
  double per_year = rng_.Uniform(1, 8);
  for (Date d = std::max(start, twelve);;) {
    d = d.AddDays(1 + static_cast<int>(rng_.Exponential(365.25 / per_year)));
    if (d > stop) break;
    if (d < history_start_) continue;
    Date back = d.AddDays(rng_.Chance(0.6) ? 0 : rng_.Int(1, 4));
    w.Add().Text("missing_id", NextId("M")).Text("child_id", c.id).Date("start_date", d).Text("missing_type", rng_.Chance(0.8) ? "M" : "A");
    if (back > end_) continue;
    bool offered = rng_.Chance(0.85);
    w.Date("end_date", back).Flag("return_interview_offered", offered);
    if (offered) w.Flag("return_interview_accepted", rng_.Chance(0.6));
  }
}

void Simulation::PreviousPermanence(size_t child, Date start) {
  const SimChild& c = children_[child];
  Date as_at = FinancialYear::Of(start).last_day();
  if (as_at < history_start_ || as_at > end_ || !FirstTime(c.id + "PP" + as_at.ToIso())) return;  // one a year
  Rng own(Rng::SeedOf(c.id + "P" + start.ToIso()));
  RecordWriter w(out_, "previous_permanence");
  w.Add().Text("child_id", c.id).Date("as_at_date", as_at);
  Date order = start.AddDays(-own.Int(200, 2500));
  if (order <= c.birth || !own.Chance(0.06)) {
    w.Text("previous_permanence", "Z1");
    return;
  }
  w.Text("previous_permanence", std::vector<std::string>{"P1", "P2", "P3"}[own.Pick({35, 45, 20})]);
  w.Text("permanence_la", own.Chance(0.8) ? profile_.la_code : "NUK");
  double known = own.Uniform();  // whole date, month and year, or year only
  if (known < 0.7) w.Date("permanence_date", order);
  if (known < 0.95) w.Int("permanence_year", order.year());
}

void Simulation::LibertyDeprivations(size_t child, Date start, std::optional<Date> end) {
  const SimChild& c = children_[child];
  Rng own(Rng::SeedOf(c.id + "L" + start.ToIso()));
  if (start.YearsSince(c.birth) < 13 || !own.Chance(0.04)) return;
  Date from = start.AddDays(own.Int(0, 90));
  if (from < history_start_ || from > end_ || (end && from > *end)) return;
  Date until = from.AddDays(own.Int(60, 400));
  if (end && until > *end) until = *end;
  RecordWriter(out_, "liberty_deprivations").Add().Text("child_id", c.id).Date("start_date", from).Date("end_date", ByEnd(until));
}

Simulation::AdoptionDates Simulation::AdoptionJourney(size_t child, Date entered) {
  AdoptionDates out;
  Date decision = entered.AddDays(rng_.Int(90, 270));
  if (decision > end_) return out;
  Date order_granted = decision.AddDays(rng_.Int(40, 200));
  Date match = rng_.Chance(0.1) ? decision.AddDays(rng_.Int(20, 60)) : order_granted.AddDays(rng_.Int(30, 240));
  Date placed = match.AddDays(rng_.Int(7, 42));
  Date adopted = placed.AddDays(rng_.Int(120, 400));
  RecordWriter w(out_, "adoptions");
  w.Add()
      .Text("adoption_id", NextId("D"))
      .Text("child_id", children_[child].id)
      .Date("entered_care_date", entered)
      .Date("decision_date", decision);
  Date reversed = decision.AddDays(rng_.Int(60, 400));
  if (rng_.Chance(0.12) && reversed < placed && reversed <= end_) {
    out.reversed = true;
    if (order_granted < reversed) out.placement_order = order_granted, w.Date("placement_order_date", order_granted);
    w.Date("decision_reversed_date", reversed).Text("reversal_reason", rng_.PickFrom(std::vector<std::string>{"RD1", "RD2", "RD3", "RD4"}));
    return out;
  }
  if (rng_.Chance(0.08)) w.Date("ffa_placed_date", ByEnd(entered.AddDays(rng_.Int(10, 60))));
  out = {ByEnd(order_granted), ByEnd(placed), ByEnd(adopted), false};
  w.Date("placement_order_date", out.placement_order).Date("match_date", ByEnd(match)).Date("placed_date", out.placed).Date("adoption_order_date", out.order);
  return out;
}

void Simulation::LeavingCare(size_t child, Date left) {
  const SimChild& c = children_[child];
  Assignment adviser = Allocate(c, "CARE_LEAVERS", left, left.AddYears(3));
  RecordWriter w(out_, "care_leavers");
  for (int age = 18; age <= 21; ++age) {
    Date birthday = c.birth.AddYears(age);
    if (birthday < left || birthday > end_ || birthday < history_start_) continue;
    static const std::vector<std::string> kInTouch = {"YES", "NO", "REFU", "RHOM", "NREQ"};
    std::string in_touch = kInTouch[rng_.Pick({90, 4, 3, 2, 1})];
    w.Add().Text("child_id", c.id).Date("as_at_date", birthday).Text("eligibility", "FORMER_RELEVANT").Text("in_touch", in_touch);
    if (in_touch == "YES") {
      size_t activity = rng_.Pick({56, 40, 4});
      w.Text("activity", activity == 0 ? rng_.PickFrom(kEet) : activity == 1 ? rng_.PickFrom(kNeet) : "0");
      size_t home = rng_.Pick({88, 9, 3});
      w.Text("accommodation", home == 2 ? "0" : rng_.PickFrom(kHomes) + (home == 0 ? "1" : "2"));
      w.Date("latest_contact_date", birthday.AddDays(-rng_.Int(0, 56)));
    } else {
      w.Text("activity", "0").Text("accommodation", "0");
    }
    if (!Fault()) w.Date("pathway_plan_review_date", birthday.AddDays(-(rng_.Chance(0.85) ? rng_.Int(0, 180) : rng_.Int(181, 420))));
    if (!adviser.worker_id.empty()) w.Text("personal_adviser_id", adviser.worker_id);
  }
}

void Simulation::SeedCareStock() {
  double per10k = profile_.children_0_17 / 10000.0;
  auto episode_of_need = [&](size_t child, Date start, const CareEnd& care) {
    RecordWriter e(out_, "cin_episodes");
    e.Add().Text("cin_episode_id", NextId("N")).Text("child_id", children_[child].id).Date("start_date", start).Text("primary_need", "N1");
    if (care.end) e.Date("end_date", *care.end).Text("closure_reason", care.reason == "E11" || care.reason == "E12" ? "RC1" : "RC7");
    children_[child].busy_until = care.end ? *care.end : end_.AddDays(1);
  };
  int in_care = static_cast<int>(std::lround(per10k * 70));
  for (int i = 0; i < in_care; ++i) {
    static const int kAges[][2] = {{0, 4}, {5, 9}, {10, 15}, {16, 17}};
    size_t band = rng_.Pick({18, 19, 39, 24});
    int age = rng_.Int(kAges[band][0], kAges[band][1]);
    size_t child = NewChild(start_, age, age);
    double years = rng_.Uniform(0, std::min(age + 0.5, 8.0));
    Date entry = std::max(children_[child].birth.AddDays(1), start_.AddDays(-static_cast<int>(years * 365.25)));
    std::optional<Route> route;
    if (rng_.Chance(0.4)) route = Route::kUntil18;
    episode_of_need(child, entry, PeriodOfCare(child, entry, rng_.Chance(0.75) ? "C2" : "V2", route));
  }
  int leavers = static_cast<int>(std::lround(per10k * 11 * 3));
  for (int i = 0; i < leavers; ++i) {
    int age = rng_.Int(18, 20);
    size_t child = NewChild(start_, age, age);
    Date entry = children_[child].birth.AddDays(static_cast<int>(rng_.Uniform(13.5, 17.5) * 365.25));
    episode_of_need(child, entry, PeriodOfCare(child, entry, "C2", Route::kUntil18));
  }
}

// An unaccompanied asylum-seeking child: referred, assessed and looked after.
void Simulation::UascArrival(Date on) {
  size_t child = NewChild(on, 14, 17, true);
  std::string referral_id = NextId("R"), episode_id = NextId("N");
  WriteContact(child, on, "REF", "5C");
  Assignment a = Allocate(children_[child], "ASSESSMENT", on, AfterWorkingDays(on, 20));
  RecordWriter(out_, "referrals").Add().Text("referral_id", referral_id).Text("child_id", children_[child].id)
      .Date("referral_date", on).Text("source", "5C").Flag("nfa", false).Text("primary_need", "N8").Text("team_id", a.team_id);
  Date authorised = AfterWorkingDays(on, rng_.Int(5, 40));
  WriteAssessment(child, referral_id, on, authorised, true, a);
  CareEnd care = PeriodOfCare(child, on, "V2", Route::kUntil18);
  RecordWriter e(out_, "cin_episodes");
  e.Add().Text("cin_episode_id", episode_id).Text("child_id", children_[child].id).Text("referral_id", referral_id)
      .Date("start_date", on).Text("primary_need", "N8").Text("team_id", a.team_id);
  if (care.end) e.Date("end_date", *care.end).Text("closure_reason", "RC7");
  children_[child].busy_until = care.end ? *care.end : end_.AddDays(1);
}

}  // namespace scrutiny
