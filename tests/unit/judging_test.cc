// Targets files, RAG ratings and direction of travel (src/assess).
#include <gtest/gtest.h>

#include <fmt/format.h>

#include "assess/direction.h"
#include "assess/rag.h"
#include "assess/targets.h"
#include "default_suite.h"

namespace scrutiny {
namespace {

using testing::DefaultSuite;

Result<TargetBook> Book(const std::string& text) { return TargetBook::Parse(text, "t.toml", DefaultSuite()); }

std::string ErrorOf(const std::string& text) {
  auto b = Book(text);
  return b.ok() ? "(no error)" : b.status().message();
}

TEST(TargetsTest, ReadsTargetsRangesYearsAndJudging) {
  auto b = Book(R"(
[defaults]
no_change_points = 0.5
spc_months = 24

[[indicator]]
number = "3.1"
no_change_percent = 5
spc_recalculate = ["2023-04"]
spc_rule_primacy = true

[[target]]
indicator = "4.3"
years = "2024-25..2025-26"
target = 90
tolerance = 5
basis = "England average plus five points"
trajectory = [84, 86, 88, 90]

[[target]]
indicator = "8.2"
years = "2025-26"
range = [60, 75]
tolerance_percent = 10
)");
  ASSERT_TRUE(b.ok()) << b.status().message();
  ASSERT_NE(b->For("4.3", 2024), nullptr);
  ASSERT_NE(b->For("4.3", 2025), nullptr);
  EXPECT_EQ(b->For("4.3", 2026), nullptr);
  EXPECT_EQ(*b->For("4.3", 2025)->value, 90);
  EXPECT_EQ(b->For("4.3", 2025)->trajectory.size(), 4u);
  EXPECT_EQ(*b->For("8.2", 2025)->upper, 75);
  EXPECT_DOUBLE_EQ(b->For("8.2", 2025)->ToleranceAt(60), 6);
  EXPECT_EQ(b->JudgingOf("3.1").no_change_percent, 5);
  EXPECT_EQ(b->JudgingOf("3.1").no_change_points, 0.5);  // inherited from [defaults]
  EXPECT_EQ(b->JudgingOf("3.1").spc_recalculate, std::vector<std::string>{"2023-04"});
  EXPECT_EQ(b->JudgingOf("4.3").spc_months, 24);
  EXPECT_TRUE(b->JudgingOf("3.1").spc_rule_primacy);
  EXPECT_FALSE(b->JudgingOf("4.3").spc_rule_primacy);
}

TEST(TargetsTest, MistakesNameTheLineAndTheRule) {
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"99.9\"\nyears = \"2025-26\"\ntarget = 1\n"),
            "t.toml:2: [[target]]: the suite has no indicator '99.9'");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 1\nrange = [1, 2]\n"),
            "t.toml:4: target for 4.3: give either 'target' or 'range', not both or neither");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\n"),
            "t.toml:1: target for 4.3: give either 'target' or 'range', not both or neither");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"3.1\"\nyears = \"2025-26\"\ntarget = 100\n"),
            "t.toml:4: target for 3.1: indicator 3.1 has no better direction (polarity neither): give a 'range'");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-27\"\ntarget = 90\n"),
            "t.toml:3: target for 4.3: '2025-27' is not a financial year such as 2025-26 or a range such as 2024-25..2026-27");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 90\ntrajectory = [1, 2, 3]\n"),
            "t.toml:5: target for 4.3: 'trajectory' must be four numbers: the values expected for Q1 to Q4");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 90\ntolerance = -1\n"),
            "t.toml:5: target for 4.3: a tolerance cannot be negative");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 90\ntolerance = 1\ntolerance_percent = 1\n"),
            "t.toml:5: target for 4.3: give 'tolerance' (in the indicator's units) or 'tolerance_percent', not both");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 90\ntarjet = 1\n"),
            "t.toml:5: target for 4.3: unknown key 'tarjet'");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 90\nrange = [3, 1]\n"),
            "t.toml:5: target for 4.3: 'range' must be two numbers, lowest first: [lower, upper]");
  EXPECT_EQ(ErrorOf("[[target]]\nindicator = \"4.3\"\nyears = \"2024-25..2025-26\"\ntarget = 90\n"
                    "[[target]]\nindicator = \"4.3\"\nyears = \"2025-26\"\ntarget = 80\n"),
            "t.toml:5: indicator 4.3 already has a target for 2025-26");
  EXPECT_EQ(ErrorOf("[[indicator]]\nnumber = \"4.3\"\nspc_recalculate = [\"2023-13\"]\n"),
            "t.toml:3: [[indicator]]: '2023-13' is not a month such as 2023-04");
  EXPECT_EQ(ErrorOf("[defaults]\nspc_months = \"x\"\n"), "t.toml:2: [defaults]: 'spc_months' must be a whole number");
  EXPECT_EQ(ErrorOf("[[target]\n"), ErrorOf("[[target]\n"));  // a TOML syntax error
  EXPECT_EQ(ErrorOf("[[target]\n").rfind("t.toml:1: ", 0), 0u);
}

TEST(TargetsTest, TheShippedTargetsFileLoads) {
  auto b = TargetBook::Load(SCRUTINY_SOURCE_DIR "/config/targets.toml", DefaultSuite());
  ASSERT_TRUE(b.ok()) << b.status().message();
  EXPECT_FALSE(b->targets().empty());
}

Target Aim(double value, double tolerance, bool percent = false) {
  Target t;
  t.value = value;
  t.tolerance = tolerance;
  t.tolerance_is_percent = percent;
  return t;
}

Target Range(double lower, double upper, double tolerance) {
  Target t;
  t.lower = lower;
  t.upper = upper;
  t.tolerance = tolerance;
  return t;
}

TEST(RagTest, HigherIsBetter) {
  Target t = Aim(90, 5);
  EXPECT_EQ(JudgeRag(90, t, Polarity::kHigher, Unit::kPercentage), Rag::kGreen);   // exactly on target
  EXPECT_EQ(JudgeRag(95, t, Polarity::kHigher, Unit::kPercentage), Rag::kGreen);
  EXPECT_EQ(JudgeRag(89.9, t, Polarity::kHigher, Unit::kPercentage), Rag::kAmber);
  EXPECT_EQ(JudgeRag(85, t, Polarity::kHigher, Unit::kPercentage), Rag::kAmber);   // exactly on the tolerance
  EXPECT_EQ(JudgeRag(84.9, t, Polarity::kHigher, Unit::kPercentage), Rag::kRed);
  EXPECT_EQ(JudgeRag(89.96, t, Polarity::kHigher, Unit::kPercentage), Rag::kGreen);  // shown as 90.0%
  EXPECT_EQ(JudgeRag(89.94, t, Polarity::kHigher, Unit::kPercentage), Rag::kAmber);  // shown as 89.9%
  EXPECT_EQ(JudgeRag(NAN, t, Polarity::kHigher, Unit::kPercentage), Rag::kNone);
}

TEST(RagTest, LowerIsBetterAndRelativeTolerance) {
  Target t = Aim(20, 10, true);  // 10% of 20 = 2
  EXPECT_EQ(JudgeRag(20, t, Polarity::kLower, Unit::kPercentage), Rag::kGreen);
  EXPECT_EQ(JudgeRag(15, t, Polarity::kLower, Unit::kPercentage), Rag::kGreen);
  EXPECT_EQ(JudgeRag(22, t, Polarity::kLower, Unit::kPercentage), Rag::kAmber);
  EXPECT_EQ(JudgeRag(22.1, t, Polarity::kLower, Unit::kPercentage), Rag::kRed);
  EXPECT_EQ(JudgeRag(20, t, Polarity::kNeither, Unit::kPercentage), Rag::kNone);  // a target needs a direction
}

TEST(RagTest, Ranges) {
  Target t = Range(60, 75, 5);
  EXPECT_EQ(JudgeRag(60, t, Polarity::kNeither, Unit::kRate), Rag::kGreen);
  EXPECT_EQ(JudgeRag(75, t, Polarity::kNeither, Unit::kRate), Rag::kGreen);
  EXPECT_EQ(JudgeRag(80, t, Polarity::kNeither, Unit::kRate), Rag::kAmber);
  EXPECT_EQ(JudgeRag(55, t, Polarity::kNeither, Unit::kRate), Rag::kAmber);
  EXPECT_EQ(JudgeRag(54.9, t, Polarity::kNeither, Unit::kRate), Rag::kRed);
  EXPECT_EQ(JudgeRag(80.1, t, Polarity::kHigher, Unit::kRate), Rag::kRed);
}

TEST(RagTest, CountsAgainstAProRataTarget) {
  Target t = Range(1200, 1500, 120);  // referrals in a year
  EXPECT_EQ(JudgeRag(100, t, Polarity::kNeither, Unit::kCount, 1.0 / 12), Rag::kGreen);   // 100..125 a month
  EXPECT_EQ(JudgeRag(135, t, Polarity::kNeither, Unit::kCount, 1.0 / 12), Rag::kAmber);   // within 10 a month
  EXPECT_EQ(JudgeRag(136, t, Polarity::kNeither, Unit::kCount, 1.0 / 12), Rag::kRed);
}

std::string Show(Unit u, double v) { return u == Unit::kPercentage ? fmt::format("{:.1f}%", v) : fmt::format("{:g}", v); }

TEST(DirectionTest, JudgedByPolarityWithANoChangeBand) {
  Judging j;  // 1 point for percentages, 2% otherwise
  Direction d = JudgeDirection(88.2, 85.0, Polarity::kHigher, Unit::kPercentage, j, Show);
  EXPECT_EQ(d.travel, Travel::kImproved);
  EXPECT_EQ(d.arrow, "↑");
  EXPECT_EQ(d.words, "improved from 85.0% to 88.2%");
  EXPECT_EQ(JudgeDirection(88.2, 85.0, Polarity::kLower, Unit::kPercentage, j, Show).travel, Travel::kDeclined);
  EXPECT_EQ(JudgeDirection(86.0, 85.0, Polarity::kHigher, Unit::kPercentage, j, Show).travel, Travel::kNoChange);  // on the band
  EXPECT_EQ(JudgeDirection(86.1, 85.0, Polarity::kHigher, Unit::kPercentage, j, Show).travel, Travel::kImproved);
  EXPECT_EQ(JudgeDirection(102, 100, Polarity::kLower, Unit::kCount, j, Show).travel, Travel::kNoChange);
  Direction fell = JudgeDirection(97, 100, Polarity::kNeither, Unit::kCount, j, Show);
  EXPECT_EQ(fell.travel, Travel::kFell);
  EXPECT_EQ(fell.arrow, "↓");
  EXPECT_EQ(fell.words, "fell from 100 to 97");
  EXPECT_EQ(JudgeDirection(1, 0, Polarity::kLower, Unit::kCount, j, Show).travel, Travel::kDeclined);
  EXPECT_EQ(JudgeDirection(0, 0, Polarity::kLower, Unit::kCount, j, Show).travel, Travel::kNoChange);
  EXPECT_EQ(JudgeDirection(NAN, 3, Polarity::kLower, Unit::kCount, j, Show).travel, Travel::kNone);
}

}  // namespace
}  // namespace scrutiny
