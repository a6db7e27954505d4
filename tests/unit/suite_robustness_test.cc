// The suite parser and the expression parser never crash on damaged input:
// thousands of deterministic mutations of real definitions must each give a
// suite or an error, never a fault.

#include <fstream>
#include <random>
#include <sstream>

#include <gtest/gtest.h>

#include "indicators/expression.h"
#include "indicators/suite.h"

namespace scrutiny {
namespace {

std::string Mutate(std::string s, std::mt19937& rng) {
  static const std::string kPieces[] = {"(", ")", "[", "]", ",", "=", "<=", " and ", " or ", " not ", "\"", "'",
                                        "latest ", "count ", "previous ", " within ", " - 12 months", "as_at", ".", "\n", "[[indicator]]"};
  int edits = 1 + static_cast<int>(rng() % 4);
  for (int i = 0; i < edits && !s.empty(); ++i) {
    size_t at = rng() % s.size();
    switch (rng() % 4) {
      case 0: s.erase(at, 1 + rng() % 8); break;
      case 1: s.insert(at, kPieces[rng() % std::size(kPieces)]); break;
      case 2: s[at] = static_cast<char>(rng() % 256); break;
      default: s = s.substr(0, at); break;
    }
  }
  return s;
}

TEST(SuiteRobustnessTest, DamagedExpressionsGiveErrorsNotFaults) {
  const RecordType& plans = *FindRecordType("cp_plans");
  const char* seeds[] = {"previous cp_plans or previous_plans > 0", "months(start_date, end_date) >= 24",
                         "working_days(latest visits[plan = CP].visit_date, as_at) <= 10",
                         "count cp_reviews from as_at - 1 year >= 2", "not (initial_category in (NEG, EMO))",
                         "child.disability has AUT and age < 16"};
  std::mt19937 rng(2026);
  int parsed = 0;
  for (int i = 0; i < 20000; ++i) {
    std::string text = Mutate(seeds[i % std::size(seeds)], rng);
    parsed += Expression::Bind(text, plans, nullptr).ok();
  }
  EXPECT_GT(parsed, 0);  // some mutations stay valid: the test reaches the binder too
}

TEST(SuiteRobustnessTest, DamagedSuitesGiveErrorsNotFaults) {
  std::ifstream in(std::string(SCRUTINY_SOURCE_DIR) + "/config/suites/scrutiny-dataset.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string suite = text.str();
  ASSERT_FALSE(suite.empty());
  std::mt19937 rng(7);
  for (int i = 0; i < 300; ++i) {
    auto s = ParseSuite(Mutate(suite, rng), "damaged.toml");
    if (!s.ok()) {
      EXPECT_EQ(s.status().message().rfind("damaged.toml", 0), 0u) << s.status().message();
    }
  }
}

}  // namespace
}  // namespace scrutiny
