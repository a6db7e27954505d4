// Teams and workers: posts filled by a run of employed and agency workers
// with turnover and vacancies, cases allocated unevenly, and supervision.

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "synth/record_fields.h"
#include "synth/simulation.h"

namespace scrutiny {
namespace {

// Teams per 10,000 children by service area, with at least one of each.
struct AreaPlan {
  const char* area;
  const char* name;
  double teams_per_10k;
  const char* case_role;  // role of the workers who hold cases
};
// Enough teams for caseloads of about 15 to 25 children a worker.
constexpr AreaPlan kAreas[] = {
    {"FRONT_DOOR", "Front Door", 0.2, "5"},      {"ASSESSMENT", "Assessment", 0.6, "5"},
    {"CIN", "Children in Need", 1.2, "5"},      {"CP", "Child Protection", 0.3, "5"},
    {"CLA", "Children in Care", 0.6, "5"},       {"CARE_LEAVERS", "Leaving Care", 0.3, "PA"},
    {"DISABILITY", "Disabled Children", 0.15, "5"}, {"EARLY_HELP", "Early Help", 0.9, "EHW"},
    {"ADOPTION", "Adoption", 0.1, "5"},          {"FOSTERING", "Fostering", 0.1, "5"},
};
const std::vector<std::string> kLeaveReasons = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "10"};

}  // namespace

void Simulation::BuildWorkforce() {
  RecordWriter teams(out_, "teams");
  double scale = profile_.children_0_17 / 10000.0;
  for (const AreaPlan& plan : kAreas) {
    int count = std::max(1, static_cast<int>(std::lround(plan.teams_per_10k * scale)));
    for (int i = 1; i <= count; ++i) {
      Team team{NextId("T"), plan.area, {}};
      int case_holders = rng_.Int(5, 9);
      teams.Add()
          .Text("team_id", team.id)
          .Text("la_code", profile_.la_code)
          .Text("name", count > 1 ? fmt::format("{} {}", plan.name, i) : plan.name)
          .Text("service_area", plan.area)
          .Decimal("funded_fte", case_holders + 2);
      teams_.push_back(std::move(team));
      size_t t = teams_.size() - 1;
      HirePost(t, "3", false);
      HirePost(t, "4", true);
      for (int p = 0; p < case_holders; ++p) HirePost(t, plan.case_role, true);
    }
  }
}

// Fills one post from before the simulation to its end: each worker stays a
// while (agency workers less), then the post is vacant for a few weeks.
void Simulation::HirePost(size_t team, const std::string& role, bool holds_cases) {
  RecordWriter w(out_, "workers");
  Date hired = start_.AddDays(-rng_.Int(0, 6 * 365));
  bool social_worker = role != "PA" && role != "EHW" && role != "FSW";
  while (hired <= end_) {
    bool agency = social_worker && rng_.Chance(0.18);
    Date leaves = hired.AddDays(1 + static_cast<int>(rng_.Exponential(agency ? 420 : 5.5 * 365)));
    if (leaves >= start_) {
      Worker worker{NextId("W"), team, hired, ByEnd(leaves), rng_.Uniform(0.4, 1.6), holds_cases};
      w.Add()
          .Text("worker_id", worker.id)
          .Text("la_code", profile_.la_code)
          .Text("team_id", teams_[team].id)
          .Text("role", role)
          .Flag("qualified_social_worker", social_worker)
          .Decimal("fte", rng_.Chance(0.8) ? 1.0 : rng_.PickFrom(std::vector<double>{0.5, 0.6, 0.8, 0.9}))
          .Flag("agency", agency)
          .Date("start_date", hired)
          .Date("leave_date", worker.leave);
      if (worker.leave) w.Text("leave_reason", rng_.PickFrom(kLeaveReasons));
      teams_[team].workers.push_back(workers_.size());
      workers_.push_back(std::move(worker));
    }
    hired = leaves.AddDays(rng_.Int(7, 120));
  }
}

std::optional<size_t> Simulation::PickWorker(size_t team, Date on) {
  std::vector<size_t> active;
  std::vector<double> weights;
  for (size_t w : teams_[team].workers) {
    const Worker& worker = workers_[w];
    if (!worker.holds_cases || worker.start > on || (worker.leave && *worker.leave <= on)) continue;
    active.push_back(w);
    weights.push_back(worker.weight);
  }
  if (active.empty()) return std::nullopt;
  return active[rng_.Pick(weights)];
}

size_t Simulation::TeamOf(const std::string& area) {
  std::vector<size_t> candidates;
  for (size_t t = 0; t < teams_.size(); ++t)
    if (teams_[t].area == area) candidates.push_back(t);
  return candidates[static_cast<size_t>(rng_.Int(0, static_cast<int>(candidates.size()) - 1))];
}

Assignment Simulation::Allocate(const SimChild& child, const std::string& area, Date start, std::optional<Date> end) {
  size_t team = TeamOf(area);
  Assignment first{teams_[team].id, ""};
  RecordWriter allocations(out_, "allocations");
  Date from = start;
  std::optional<Date> until = end ? ByEnd(*end) : std::nullopt;
  while (from <= end_ && (!until || from <= *until)) {
    auto worker = PickWorker(team, from);
    if (!worker) break;
    const Worker& w = workers_[*worker];
    if (first.worker_id.empty()) first.worker_id = w.id;
    std::optional<Date> stop = until;
    if (w.leave && (!stop || *w.leave < *stop)) stop = w.leave;
    if (FirstTime(child.id + w.id + from.ToIso())) {
      allocations.Add()
          .Text("child_id", child.id)
          .Text("worker_id", w.id)
          .Text("team_id", teams_[team].id)
          .Date("start_date", from)
          .Date("end_date", stop);
      if (area == "CLA") {  // the return's social worker episodes of a looked-after child
        RecordWriter episodes(out_, "social_worker_episodes");
        episodes.Add().Text("child_id", child.id).Text("worker_id", w.id).Date("start_date", from).Date("end_date", stop);
        if (stop && stop == w.leave && (!until || *stop < *until)) episodes.Text("change_reason", "LEFTRL");
      }
    }
    if (!stop || (until && *stop >= *until)) break;
    from = *stop;
  }
  return first;
}

void Simulation::WriteSupervisions() {
  RecordWriter w(out_, "supervisions");
  for (const Worker& worker : workers_) {
    if (!worker.holds_cases) continue;
    Date last = worker.leave ? std::min(*worker.leave, end_) : end_;
    Date d = std::max(worker.start, start_).AddDays(rng_.Int(7, 30));
    while (d <= last) {
      if (!Fault()) {
        w.Add().Text("worker_id", worker.id).Date("supervision_date", d);
        for (size_t m : teams_[worker.team].workers) {
          const Worker& manager = workers_[m];
          if (manager.holds_cases || manager.start > d || (manager.leave && *manager.leave <= d)) continue;
          w.Text("supervisor_id", manager.id);
          break;
        }
      }
      d = d.AddDays(rng_.Chance(0.12) ? rng_.Int(45, 80) : rng_.Int(21, 38));
    }
  }
}

// Each 30 September of the window, as the workforce return counts them: the
// children allocated to each qualified social worker in post, for those who hold any.
void Simulation::WriteCaseloads() {
  RecordFields workers(out_, "workers"), allocations(out_, "allocations");
  RecordWriter w(out_, "worker_caseloads");
  for (int year = window_start_.year(); year <= end_.year(); ++year) {
    Date census = Date::FromCivil(year, 9, 30);
    if (census < window_start_ || census > end_) continue;
    std::map<std::string_view, int> cases;
    for (size_t r = 0; r < allocations.size(); ++r) {
      auto stop = allocations.DateOf(r, "end_date");
      if (*allocations.DateOf(r, "start_date") <= census && (!stop || *stop > census))
        ++cases[allocations.Text(r, "worker_id")];
    }
    for (size_t r = 0; r < workers.size(); ++r) {
      auto leave = workers.DateOf(r, "leave_date");
      bool in_post = *workers.DateOf(r, "start_date") <= census && (!leave || *leave > census);
      auto held = cases.find(workers.Text(r, "worker_id"));
      if (!workers.Flag(r, "qualified_social_worker") || !in_post || held == cases.end()) continue;
      w.Add().Text("worker_id", held->first).Date("census_date", census).Int("cases", held->second)
          .Decimal("fte", workers.Decimal(r, "fte"));
    }
  }
}

}  // namespace scrutiny
