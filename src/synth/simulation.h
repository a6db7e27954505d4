#pragma once
// Simulation is one council's run of the generator: the children it meets,
// its teams and workers, and the records their journeys leave. Its methods are
// spread over files by service: front_door.cc (contacts to child protection),
// care.cc (looked after, adoption, leaving care), workforce.cc and
// council.cc (population, demand, fostering).

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "core/working_calendar.h"
#include "synth/random.h"
#include "synth/record_writer.h"
#include "synth/synthetic_council.h"

namespace scrutiny {

// What the simulation remembers of a child between records.
struct SimChild {
  std::string id;
  Date birth;
  bool disabled = false;
  bool uasc = false;
  int cp_plans = 0;                    // plans so far, including any before the data began
  std::optional<Date> busy_until;      // end of the child's current involvement, if any
};

// A case allocated to a team and worker.
struct Assignment {
  std::string team_id;
  std::string worker_id;  // empty when no worker was free
};

class Simulation {
 public:
  Simulation(const SynthOptions& options, const CouncilProfile& profile, Dataset& out);
  void Run();

 private:
  // council.cc
  void WriteCouncil();
  double DemandOn(Date d) const;  // seasonality, growth and shocks; about 1 on average
  int PopulationOn(Date d) const;
  void SimulateFosterHouseholds();
  void SimulateAdopters();

  // workforce.cc
  struct Worker {
    std::string id;
    size_t team;
    Date start;
    std::optional<Date> leave;
    double weight;  // how much work comes this worker's way: caseloads are uneven
    bool holds_cases;
  };
  struct Team {
    std::string id;
    std::string area;
    std::vector<size_t> workers;
  };
  void BuildWorkforce();
  void HirePost(size_t team, const std::string& role, bool holds_cases);
  // One of the teams of a service area, at random.
  size_t TeamOf(const std::string& area);
  // Allocates a child's case to a worker of a team of the area from start
  // until end (open if none), passing it on when a worker leaves.
  Assignment Allocate(const SimChild& child, const std::string& area, Date start, std::optional<Date> end);
  std::optional<size_t> PickWorker(size_t team, Date on);
  void WriteSupervisions();
  // The caseloads of each 30 September, as the workforce return gives them (Cases30).
  void WriteCaseloads();

  // front_door.cc
  void SimulateFrontDoor();
  size_t ChildOfContact(Date on, bool referral);
  void Contact(size_t child, Date on, bool referral);
  // Writes a contact; returns the date its next step was decided, if it was.
  std::optional<Date> WriteContact(size_t child, Date on, const std::string& outcome, const std::string& source);
  void EarlyHelp(size_t child, Date on);
  // A referral and the episode of need it opens, then any re-referrals.
  void Referral(size_t child, Date on, std::string source);
  // The services after an assessment; returns when they ended (nullopt if open).
  std::optional<Date> Services(size_t child, const std::string& episode_id, Date referral_date, Date authorised,
                               bool in_need, std::optional<Date> cp_start, std::string& closure_reason);
  // Runs an enquiry from the strategy discussion; returns the ICPC date if it led to a plan.
  std::optional<Date> Section47(size_t child, const std::string& referral_id, Date strategy, const Assignment& a);
  void WriteAssessment(size_t child, const std::string& referral_id, Date start, Date authorised, bool in_need,
                       const Assignment& a);
  Date CpPlan(size_t child, const std::string& cin_episode_id, Date start);
  Date CinPlan(size_t child, const std::string& cin_episode_id, Date start);
  void Visits(size_t child, const std::string& plan, Date from, std::optional<Date> to, int min_gap, int max_gap,
              const Assignment& a);

  // care.cc
  enum class Route { kReturnHome, kSpecialGuardianship, kAdoption, kUntil18 };
  struct CareEnd {
    std::optional<Date> end;  // nullopt: still looked after
    std::string reason;       // REC of the last episode
  };
  struct AdoptionDates {
    std::optional<Date> placement_order, placed, order;  // order is nullopt if not adopted (yet)
    bool reversed = false;                               // the plan for adoption was given up
  };
  void SeedCareStock();
  void UascArrival(Date on);
  Route ChooseRoute(int age);
  CareEnd PeriodOfCare(size_t child, Date start, const std::string& first_ls, std::optional<Route> route = {});
  void WriteEpisodes(size_t child, Date start, const CareEnd& end, std::string ls, const AdoptionDates& adoption,
                     const Assignment& a);
  void LookedAfterReviews(size_t child, Date start, std::optional<Date> end);
  void HealthChecks(size_t child, Date start, std::optional<Date> end);
  void Outcomes(size_t child, Date start, std::optional<Date> end, const std::vector<Date>& health,
                const std::vector<Date>& dental);
  void MissingEpisodes(size_t child, Date start, std::optional<Date> end);
  // What the return says, at the year end after care began, of an order the
  // child had before; and the deprivation of liberty orders of some older
  // children. Both draw from a generator of the child's own, so that the rest
  // of the council is the same with or without them.
  void PreviousPermanence(size_t child, Date start);
  void LibertyDeprivations(size_t child, Date start, std::optional<Date> end);
  AdoptionDates AdoptionJourney(size_t child, Date entered);
  void LeavingCare(size_t child, Date left_at_18);

  // Helpers shared by the services.
  size_t NewChild(Date seen, int min_age, int max_age, bool uasc = false);
  std::string NextId(const char* kind);
  bool Fault() { return rng_.Chance(options_.fault_rate); }
  // The date if it is on or before the end of the data, else nullopt (still open).
  std::optional<Date> ByEnd(Date d) const { return d <= end_ ? std::optional<Date>(d) : std::nullopt; }
  Date AfterWorkingDays(Date d, int n) const { return calendar_.AddWorkingDays(d, n); }
  // False if the key was written before (for record types with composite keys).
  bool FirstTime(std::string key) { return written_.insert(std::move(key)).second; }

  const SynthOptions& options_;
  const CouncilProfile& profile_;
  Dataset& out_;
  Rng rng_;
  WorkingCalendar calendar_;
  Date start_;         // the simulation starts here, before the window, so stocks exist
  Date window_start_;  // the first day of the first financial year asked for
  Date end_;
  std::vector<SimChild> children_;
  std::vector<Team> teams_;
  std::vector<Worker> workers_;
  std::unordered_set<std::string> written_;
  long next_id_ = 0;
  std::vector<size_t> recent_children_;  // children contacts may come back about
  Date history_start_;  // visits, reviews and checks before this are not written
};

}  // namespace scrutiny
