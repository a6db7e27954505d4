#pragma once
// Benchmarks set a council's value beside others: published figures for
// England, regions and benchmark groups (config/benchmarks/published.csv, each
// with its year and source), and the other councils loaded in the same store
// (rank and quartile band, region and group means). A council replaces the
// files or adds its own groups (config/benchmarks/groups.toml).

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/suite.h"

namespace scrutiny {

// One published figure: an indicator's value for an area in a financial year.
struct PublishedFigure {
  std::string indicator;
  int year = 0;  // financial year by its starting year: 2022 = the year to 31 March 2023
  std::string area_code, area_name;
  double value = 0;
  std::string source, note;
  int line = 0;
};

// Councils compared together, e.g. a council's statistical neighbours.
struct BenchmarkGroup {
  std::string code, name;
  std::vector<std::string> councils;
  std::string for_council;  // the council whose neighbours they are; empty: any member
};

class Benchmarks {
 public:
  // Reads published figures (CSV) and groups (TOML; may be empty); errors name file and line.
  static Result<Benchmarks> Load(const std::string& published_csv, const std::string& groups_toml, const Suite& suite);
  static Result<Benchmarks> Parse(std::string_view csv, const std::string& csv_path, std::string_view groups,
                                  const std::string& groups_path, const Suite& suite);

  // For each area, its latest figure for the indicator in or before `year`.
  std::vector<const PublishedFigure*> Latest(std::string_view indicator, int year) const;
  // Every figure of an indicator for an area, oldest first.
  std::vector<const PublishedFigure*> Series(std::string_view indicator, std::string_view area_code) const;
  const std::vector<BenchmarkGroup>& groups() const { return groups_; }
  const std::vector<PublishedFigure>& figures() const { return figures_; }

 private:
  std::vector<PublishedFigure> figures_;
  std::vector<BenchmarkGroup> groups_;
};

// Where a value stands among councils' values (its own included), as the DfE
// Local Authority Interactive Tool ranks them: rank 1 is best for the
// polarity, ties share the best rank; quartile band A (best) to D from the
// type 7 quartiles. No rank or band for polarity neither.
struct Standing {
  int rank = 0;         // 0: not ranked
  int of = 0;
  char band = 0;        // 'A'..'D', 0: none
  double lower_quartile = 0, median = 0, upper_quartile = 0;
};
Standing StandingAmong(double value, std::vector<double> values, Polarity polarity);

// Type 7 (linear) sample quantile of sorted values, as R's quantile() default.
double Quantile(const std::vector<double>& sorted, double p);

std::string DefaultPublishedBenchmarksPath();
std::string DefaultBenchmarkGroupsPath();

}  // namespace scrutiny
