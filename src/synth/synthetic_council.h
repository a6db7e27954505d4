#pragma once
// The synthetic council generator: a simulated population of children flowing
// through a council's children's services, written as scrutiny CSV files, so
// that the product can be shown and tested with no real child's data.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/status.h"
#include "model/table.h"
#include "synth/council_returns.h"

namespace scrutiny {

enum class CouncilSize { kSmall, kMedium, kLarge, kEngland };
std::optional<CouncilSize> ParseCouncilSize(std::string_view name);

struct SynthOptions {
  CouncilSize size = CouncilSize::kMedium;
  int years = 5;                                   // financial years of history in the window
  uint64_t seed = 1;
  double fault_rate = 0.03;                        // share of records with a recording fault
  Date end_date = Date::FromCivil(2026, 3, 31);    // the last day of the data (the extract date)
  std::vector<CouncilFormat> formats = {CouncilFormat::kScrutiny};
  std::optional<Date> annex_a_as_at;               // the Annex A workbook's day; end_date if none
};

// One council to simulate: who it is and how its demand behaves.
struct CouncilProfile {
  int index = 0;            // position among the councils generated (seeds its random stream)
  std::string la_code;
  std::string name;
  std::string region;       // ONS region code
  int children_0_17 = 0;    // child population at the start of the window
  double demand = 1.0;      // multiplier on England's rates of need
  double growth = 0.01;     // yearly growth of the child population
};

// The councils a size stands for: one council, or 150 for england.
std::vector<CouncilProfile> CouncilProfiles(const SynthOptions& options);

// Simulates one council into the dataset (appending to its tables).
void GenerateCouncil(const SynthOptions& options, const CouncilProfile& profile, Dataset& out);

// Writes the council(s) of the options into dir, council by council, in each
// of the options' formats: scrutiny CSV files in dir itself, the returns in
// folders beside them (WriteCouncilReturns). progress(done, total) is told
// after each council.
Status GenerateCouncils(const SynthOptions& options, const std::string& dir,
                        const std::function<void(int, int)>& progress = {});

}  // namespace scrutiny
