#include "indicators/suite.h"

#include <gtest/gtest.h>

#include "indicators/breakdown.h"
#include "indicators/expression.h"

namespace scrutiny {
namespace {

const char* kHeader = R"([[indicator]]
number = "1"
title = "T"
area = "A"
unit = "percentage"
polarity = "higher"
definition = "D"
source = "S"
records = "assessments"
measure = "events"
date = "authorisation_date"
)";

// Parses kHeader plus `extra`; returns the error message ("" if it loads).
std::string ErrorOf(const std::string& extra) {
  auto s = ParseSuite(std::string(kHeader) + extra, "suite.toml");
  return s.ok() ? "" : s.status().message();
}

TEST(SuiteTest, DefaultSuiteLoadsAndEveryIndicatorHasABreakdown) {
  auto suite = LoadSuite(std::string(SCRUTINY_SOURCE_DIR) + "/config/suites/scrutiny-dataset.toml");
  ASSERT_TRUE(suite.ok()) << suite.status().message();
  EXPECT_GE(suite->indicators.size(), 60u);
  for (const Indicator& i : suite->indicators) EXPECT_FALSE(Breakdown::Available(i).empty()) << i.number;
}

TEST(SuiteTest, ValidDefinitionLoads) {
  EXPECT_EQ(ErrorOf("numerator = [\"working_days(start_date, authorisation_date) <= 45\"]\n"), "");
}

TEST(SuiteTest, ErrorsNameTheLineAndTheProblem) {
  EXPECT_EQ(ErrorOf("numerator = [\"working_days(start_date, authorised) <= 45\"]\n"),
            "suite.toml:12: indicator 1: 'working_days(start_date, authorised) <= 45': column 26: assessments has no field 'authorised'");
  EXPECT_EQ(ErrorOf("colour = \"red\"\n"), "suite.toml:12: indicator 1: unknown key 'colour'");
  EXPECT_EQ(ErrorOf("numerator = [\"requires_support = maybe\"]\n"),
            "suite.toml:12: indicator 1: 'requires_support = maybe': column 20: 'maybe': requires_support is Y or N");
  EXPECT_NE(ErrorOf("numerator = [\"outcome = REF\"]\n").find("has no field 'outcome'"), std::string::npos);
  EXPECT_NE(ErrorOf("breakdowns = [\"planet\"]\n").find("no breakdown 'planet'"), std::string::npos);
  EXPECT_NE(ErrorOf("value = \"days(start_date, authorisation_date)\"\n").find("'value' and 'per' are for days"), std::string::npos);
}

TEST(SuiteTest, BadTomlNamesItsLine) {
  auto s = ParseSuite("[[indicator]]\nnumber = \"1\nx", "bad.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message().rfind("bad.toml:2:", 0), 0u) << s.status().message();
}

TEST(SuiteTest, UnknownRecordTypeAndMeasure) {
  auto s = ParseSuite(R"([[indicator]]
number = "1"
title = "T"
area = "A"
unit = "count"
polarity = "neither"
definition = "D"
source = "S"
records = "visit"
measure = "events"
)", "s.toml");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().message(), "s.toml:9: indicator 1: no record type 'visit' (see docs/formats.md)");
}

TEST(ExpressionTest, ParsesTheVocabulary) {
  const RecordType& plans = *FindRecordType("cp_plans");
  for (const char* ok : {"previous cp_plans or previous_plans > 0", "months(start_date, end_date) >= 24",
                         "working_days(latest visits[plan = CP].visit_date, as_at) <= 10", "latest cp_reviews >= as_at - 6 months",
                         "not (initial_category in (NEG, EMO))", "child.disability has AUT", "end_date is missing",
                         "age < 16 and child.sex = F", "count cp_reviews from as_at - 1 year >= 2", "previous cp_plans within 2 years"}) {
    auto e = Expression::Bind(ok, plans, nullptr);
    EXPECT_TRUE(e.ok()) << ok << ": " << e.status().message();
  }
}

TEST(ExpressionTest, RejectsMistakes) {
  const RecordType& plans = *FindRecordType("cp_plans");
  for (const char* bad : {"start_date >", "days(start_date) > 1", "initial_category = XYZ", "start_date > 5 and",
                          "latest visit.visit_date", "initial_category < NEG", "start_date = 3 months", "(start_date",
                          "latest cp_reviews[as_at > review_date]", "child.disability = AUT", "days(initial_category, end_date) > 1"}) {
    EXPECT_FALSE(Expression::Bind(bad, plans, nullptr).ok()) << bad;
  }
}

TEST(ExpressionTest, SplitsAlternativesOutsideBracketsAndQuotes) {
  using V = std::vector<std::string>;
  EXPECT_EQ(Expression::Alternatives("latest visits = as_at or latest checks = as_at"),
            (V{"latest visits = as_at ", " latest checks = as_at"}));
  EXPECT_EQ(Expression::Alternatives("a = 1 or (b = 2 or c = 3) or d[e = 1 or e = 2] = 4"),
            (V{"a = 1 ", " (b = 2 or c = 3) ", " d[e = 1 or e = 2] = 4"}));
  EXPECT_EQ(Expression::Alternatives("source = 'Police or other'"), (V{"source = 'Police or other'"}));
  EXPECT_EQ(Expression::Alternatives("orders > 1"), (V{"orders > 1"}));
  EXPECT_EQ(Expression::Alternatives("unclosed 'quote or x"), (V{"unclosed 'quote or x"}));
}

}  // namespace
}  // namespace scrutiny
