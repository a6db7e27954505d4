#pragma once
// The rules `scrutiny check` applies, each with a short stable id: the hard
// rules of the record model (a load refuses data breaking them) and the soft
// rules of data quality (the data loads, but some figures are in doubt).

#include <string_view>
#include <vector>

namespace scrutiny {

// One data-quality rule.
struct QualityRule {
  std::string_view id;
  std::string_view words;
  bool hard;  // the loader refuses data that breaks it
};

const std::vector<QualityRule>& QualityRules();
// nullptr for an unknown id.
const QualityRule* FindQualityRule(std::string_view id);

// The id of a problem a reader finds before the model's rules: a file, header,
// row or value it left out or had to change (a return's own rules and fixes included).
inline constexpr std::string_view kNotRead = "not-read";

}  // namespace scrutiny
