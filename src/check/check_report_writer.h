#pragma once
// The three ways `scrutiny check` shows its report: a readable table (rules
// with counts, counts by team, indicators affected, the first problems), and
// CSV or JSON listing every problem (docs/check.md describes each column).

#include <string>

#include "check/data_quality_check.h"

namespace scrutiny {

std::string CheckTable(const CheckReport& report);
std::string CheckCsv(const CheckReport& report);
std::string CheckJson(const CheckReport& report);

}  // namespace scrutiny
