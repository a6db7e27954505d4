#include "synth/synthetic_council.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "model/csv_writer.h"
#include "synth/random.h"
#include "synth/simulation.h"

namespace scrutiny {
namespace {

constexpr int kEnglandCouncils = 150;
constexpr double kEnglandChildren = 12'000'000;

// ONS regions with their rough share of England's councils.
const std::vector<std::string> kRegions = {"E12000001", "E12000002", "E12000003", "E12000004", "E12000005",
                                           "E12000006", "E12000007", "E12000008", "E12000009"};
const std::vector<double> kRegionShare = {12, 23, 15, 9, 14, 11, 33, 19, 15};

CouncilProfile OneCouncil(CouncilSize size) {
  static const struct { const char* code; const char* name; int children; } kSizes[] = {
      {"901", "Synthetic Borough (small)", 40'000},
      {"902", "Synthetic Borough (medium)", 100'000},
      {"903", "Synthetic County (large)", 300'000},
  };
  const auto& s = kSizes[static_cast<int>(size)];
  return {0, s.code, s.name, "E12000008", s.children, 1.0, 0.005};
}

}  // namespace

std::optional<CouncilSize> ParseCouncilSize(std::string_view name) {
  if (name == "small") return CouncilSize::kSmall;
  if (name == "medium") return CouncilSize::kMedium;
  if (name == "large") return CouncilSize::kLarge;
  if (name == "england") return CouncilSize::kEngland;
  return std::nullopt;
}

std::vector<CouncilProfile> CouncilProfiles(const SynthOptions& options) {
  if (options.size != CouncilSize::kEngland) return {OneCouncil(options.size)};
  Rng rng(options.seed ^ 0xE4617A4DULL);
  std::vector<double> weights;
  double total = 0;
  for (int i = 0; i < kEnglandCouncils; ++i) total += weights.emplace_back(std::exp(rng.Normal(0, 0.6)));
  std::vector<CouncilProfile> councils;
  for (int i = 0; i < kEnglandCouncils; ++i) {
    int children = std::max(8'000, static_cast<int>(kEnglandChildren * weights[static_cast<size_t>(i)] / total));
    councils.push_back({i, fmt::format("{}", 800 + i), fmt::format("Synthetic Council {}", i + 1),
                        kRegions[rng.Pick(kRegionShare)], children, std::exp(rng.Normal(0, 0.25)),
                        rng.Uniform(-0.005, 0.015)});
  }
  return councils;
}

void GenerateCouncil(const SynthOptions& options, const CouncilProfile& profile, Dataset& out) {
  Simulation(options, profile, out).Run();
}

Status GenerateCouncils(const SynthOptions& options, const std::string& dir, const std::function<void(int, int)>& progress) {
  bool csv = std::find(options.formats.begin(), options.formats.end(), CouncilFormat::kScrutiny) != options.formats.end();
  int last_year = FinancialYear::Of(options.end_date).start_year;
  ReturnsToWrite returns{options.formats, last_year - options.years + 1, last_year,
                         options.annex_a_as_at.value_or(options.end_date)};
  CsvWriter writer;
  if (csv)
    if (Status s = writer.Open(dir); !s.ok()) return s;
  std::vector<CouncilProfile> councils = CouncilProfiles(options);
  Dataset dataset;
  for (size_t i = 0; i < councils.size(); ++i) {
    dataset.Clear();
    GenerateCouncil(options, councils[i], dataset);
    if (csv)
      if (Status s = writer.Append(dataset); !s.ok()) return s;
    if (Status s = WriteCouncilReturns(dataset, returns, dir); !s.ok()) return s;
    if (progress) progress(static_cast<int>(i + 1), static_cast<int>(councils.size()));
  }
  return csv ? writer.Close() : Status::Ok();
}

}  // namespace scrutiny
