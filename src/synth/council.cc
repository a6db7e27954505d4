// The council itself: its population and demand over time, its children,
// its foster carers, and the order of the simulation.

#include <cmath>

#include <fmt/format.h>

#include "synth/simulation.h"

namespace scrutiny {
namespace {

constexpr int kWarmUpYears = 2;  // simulated before the window so that plans and caseloads exist

// Relative demand by month (Jan..Dec): school holidays bring fewer contacts.
constexpr double kMonthDemand[] = {1.02, 1.04, 1.06, 0.93, 1.06, 1.08, 1.0, 0.72, 1.04, 1.06, 1.1, 0.89};

const std::vector<std::string> kEthnicity = {"WBRI", "WIRI", "WOTH", "WIRT", "WROM", "MWBC", "MWBA",
                                             "MWAS", "MOTH", "AIND", "APKN", "ABAN", "AOTH", "BCRB",
                                             "BAFR", "BOTH", "CHNE", "OOTH", "REFU", "NOBT"};
const std::vector<double> kEthnicityShare = {64, 0.5, 5, 0.3, 0.7, 3, 1.5, 1.5, 3, 2,
                                             3, 1.5, 1.5, 2, 4, 1.5, 0.3, 2, 0.5, 1};
const std::vector<std::string> kDisability = {"MOB", "HAND", "PC", "INC", "COMM", "LD",
                                              "HEAR", "VIS", "BEH", "CON", "AUT", "DDA"};

}  // namespace

Simulation::Simulation(const SynthOptions& options, const CouncilProfile& profile, Dataset& out)
    : options_(options),
      profile_(profile),
      out_(out),
      rng_(options.seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(profile.index) * 7919 + 1),
      end_(options.end_date) {
  FinancialYear last = FinancialYear::Of(end_);
  window_start_ = FinancialYear{last.start_year - options.years + 1}.first_day();
  start_ = window_start_.AddYears(-kWarmUpYears);
  history_start_ = start_.AddYears(-1);
}

void Simulation::Run() {
  WriteCouncil();
  BuildWorkforce();
  SeedCareStock();
  SimulateFrontDoor();
  SimulateFosterHouseholds();
  SimulateAdopters();
  WriteSupervisions();
  WriteCaseloads();
}

void Simulation::WriteCouncil() {
  RecordWriter(out_, "councils").Add().Text("la_code", profile_.la_code).Text("name", profile_.name).Text("region", profile_.region);
  RecordWriter population(out_, "population");
  for (int year = start_.year(); year <= end_.year(); ++year)
    population.Add()
        .Text("la_code", profile_.la_code)
        .Int("year", year)
        .Int("children_0_17", PopulationOn(Date::FromCivil(year, 6, 30)));
}

int Simulation::PopulationOn(Date d) const {
  double years = (d - window_start_) / 365.25;
  return static_cast<int>(std::lround(profile_.children_0_17 * std::pow(1 + profile_.growth, years)));
}

double Simulation::DemandOn(Date d) const {
  double demand = profile_.demand * kMonthDemand[d.month() - 1];
  if ((d.month() == 12 && d.day() >= 20) || (d.month() == 1 && d.day() <= 2)) demand *= 0.6;
  if (!calendar_.IsWorkingDay(d)) demand *= 0.25 / 1.3;
  demand *= 1.3;  // weekdays carry the week: 5 x 1.3 + 2 x 0.25 = 7
  demand *= std::pow(1.015, (d - start_) / 365.25);  // rising demand
  // A national shock: the first lockdown, then the rebound.
  if (d >= Date::FromCivil(2020, 3, 23) && d <= Date::FromCivil(2020, 6, 30)) demand *= 0.7;
  if (d >= Date::FromCivil(2020, 9, 1) && d <= Date::FromCivil(2021, 3, 31)) demand *= 1.1;
  // A local surge of its own, e.g. after a serious case in the news.
  Date surge = window_start_.AddMonths(static_cast<int>(profile_.index * 7 + options_.seed % 13) % (12 * options_.years));
  if (d >= surge && d < surge.AddMonths(6)) demand *= 1.15;
  return demand;
}

size_t Simulation::NewChild(Date seen, int min_age, int max_age, bool uasc) {
  SimChild c;
  c.id = NextId("C");
  if (max_age < 0) {
    c.birth = seen.AddDays(rng_.Int(20, 150));  // unborn
  } else {
    double age = rng_.Uniform(min_age, max_age + 1);
    c.birth = seen.AddDays(-static_cast<int>(age * 365.25) - 1);
  }
  c.disabled = rng_.Chance(0.08);
  c.uasc = uasc;
  std::string disability = "NONE";
  if (c.disabled) {
    disability = rng_.PickFrom(kDisability);
    if (rng_.Chance(0.3)) {
      std::string second = rng_.PickFrom(kDisability);
      if (second != disability) disability += ";" + second;
    }
  }
  std::string sex = rng_.Chance(0.005) || (max_age < 0 && rng_.Chance(0.5)) ? "U" : rng_.Chance(0.51) ? "M" : "F";
  RecordWriter w(out_, "children");
  w.Add()
      .Text("child_id", c.id)
      .Text("la_code", profile_.la_code)
      .Text("sex", sex)
      .Text("ethnicity", Fault() ? "NOBT" : kEthnicity[rng_.Pick(kEthnicityShare)])
      .Text("disability", disability)
      .Flag("uasc", uasc);
  if (uasc) w.Date("uasc_ceased_date", ByEnd(c.birth.AddYears(18)));
  if (c.birth > end_)
    w.Date("expected_date_of_birth", c.birth);
  else
    w.Date("date_of_birth", c.birth);
  children_.push_back(std::move(c));
  return children_.size() - 1;
}

std::string Simulation::NextId(const char* kind) { return fmt::format("{}-{}{}", profile_.la_code, kind, ++next_id_); }

// Fostering households: a stock of approved carers, new enquiries each year,
// some approved, and carers leaving after some years.
void Simulation::SimulateFosterHouseholds() {
  RecordWriter w(out_, "foster_households");
  double per_year = profile_.children_0_17 / 10000.0;
  auto household = [&](const char* type, std::optional<Date> enquiry, Date approved) {
    Date leaves = approved.AddDays(static_cast<int>(rng_.Exponential(7 * 365.25)));
    w.Add()
        .Text("household_id", NextId("F"))
        .Text("la_code", profile_.la_code)
        .Text("household_type", type)
        .Date("enquiry_date", enquiry)
        .Date("approval_date", approved)
        .Date("deregistration_date", ByEnd(leaves))
        .Int("places", rng_.Int(1, 3));
  };
  int stock = static_cast<int>(per_year * 14);
  for (int i = 0; i < stock; ++i) {
    Date approved = start_.AddDays(-rng_.Int(1, 15 * 365));
    std::string type = rng_.Chance(0.6) ? "IN_HOUSE" : rng_.Chance(0.5) ? "CONNECTED" : "AGENCY";
    household(type.c_str(), std::nullopt, approved);
  }
  for (Date d = start_; d <= end_; d = d.AddDays(1)) {
    for (int n = rng_.Poisson(per_year * 12 / 365.25 * DemandOn(d) / profile_.demand); n > 0; --n) {
      if (rng_.Chance(0.22)) {
        Date approved = d.AddDays(rng_.Int(120, 270));
        if (approved <= end_) {
          household("IN_HOUSE", d, approved);
          continue;
        }
      }
      w.Add().Text("household_id", NextId("F")).Text("la_code", profile_.la_code).Text("household_type", "IN_HOUSE").Date("enquiry_date", d);
    }
    if (rng_.Chance(per_year * 1.5 / 365.25)) household(rng_.Chance(0.5) ? "CONNECTED" : "AGENCY", std::nullopt, d);
  }
}

}  // namespace scrutiny
