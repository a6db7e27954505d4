#pragma once
// PackConfig says what a committee pack shows besides the scorecard
// (config/pack.toml): the committee, five-year trend charts, which SPC charts
// and which breakdown tables. Mistakes are reported with the line.

#include <string>
#include <vector>

#include "core/status.h"
#include "indicators/suite.h"

namespace scrutiny {

// A breakdown table: an indicator broken down by one breakdown.
struct PackTableSpec {
  std::string indicator, by, title;
};

struct PackConfig {
  std::string committee = "Scrutiny Committee";
  int trend_years = 5;
  bool spc_for_all = false;  // else only indicators with a target
  std::vector<std::string> trends;
  std::vector<PackTableSpec> tables;

  static Result<PackConfig> Load(const std::string& path, const Suite& suite);
  static Result<PackConfig> Parse(std::string_view text, const std::string& path, const Suite& suite);
};

std::string DefaultPackConfigPath();

}  // namespace scrutiny
