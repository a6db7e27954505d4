// The scorecard of one council among several: values, targets, benchmarks and peers (src/assess/scorecard).
#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "assess/scorecard.h"
#include "ingest/csv_loader.h"
#include "load_fixture.h"
#include "default_suite.h"

namespace scrutiny {
namespace {

using testing::LoadFixture;

using testing::DefaultSuite;

// Two councils' fixture records read into one dataset, as a store holding both.
class ScorecardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    LoadFixture a("card_a", "901"), b("card_b", "902");
    b.Set("referrals",
          "referral_id,child_id,referral_date,source,nfa\n902-R1,902-C1,2024-01-03,6,N\n902-R2,902-C1,2024-01-20,6,N\n");
    Problems problems;
    for (const LoadFixture* f : {&a, &b})
      for (Table& t : data_.tables()) {
        std::string type(t.type().name);
        std::vector<uint32_t> lines;
        if (std::filesystem::exists(f->path(type))) ReadRecordFile(f->path(type), f->Get(type), t, lines, problems);
      }
    ASSERT_TRUE(problems.empty());
    auto targets = TargetBook::Parse(
        "[[indicator]]\nnumber = \"3.3\"\nspc_recalculate = [\"2023-07\"]\n"
        "[[target]]\nindicator = \"3.3\"\nyears = \"2023-24\"\ntarget = 22\ntolerance = 2\n",
        "t.toml", DefaultSuite());
    ASSERT_TRUE(targets.ok()) << targets.status().message();
    targets_ = std::move(*targets);
    auto benchmarks = Benchmarks::Parse(
        "indicator,year,area_code,area_name,value,source,note\n3.3,2023-24,E92000001,England,22.0,https://a,\n",
        "p.csv", "[[group]]\ncode = \"N901\"\nname = \"Neighbours\"\nfor = \"901\"\ncouncils = [\"902\"]\n", "g.toml",
        DefaultSuite());
    ASSERT_TRUE(benchmarks.ok()) << benchmarks.status().message();
    benchmarks_ = std::move(*benchmarks);
  }
  Result<Scorecard> Card(const std::string& council, const std::string& period, const std::string& number) {
    ScorecardBuilder builder(data_, {&DefaultSuite(), &targets_, &benchmarks_});
    return builder.Build(council, *Period::Parse(period), {DefaultSuite().Find(number)});
  }
  Dataset data_;
  TargetBook targets_;
  Benchmarks benchmarks_;
};

TEST_F(ScorecardTest, ACouncilMustBeChosenAmongSeveral) {
  EXPECT_EQ(Card("", "2024-01", "3.3").status().message(), "the store holds 2 councils: choose one with --council");
  EXPECT_EQ(Card("999", "2024-01", "3.3").status().message(), "the store holds no council '999'");
}

TEST_F(ScorecardTest, ValueTargetBenchmarksAndPeers) {
  auto card = Card("901", "2024-01", "3.3");
  ASSERT_TRUE(card.ok()) << card.status().message();
  ASSERT_EQ(card->lines.size(), 1u);
  const ScorecardLine& l = card->lines[0];
  EXPECT_EQ(l.cell.value, 0);  // one referral in January, not a re-referral
  EXPECT_EQ(l.rag, Rag::kGreen);
  EXPECT_EQ(l.benchmark_period.label, "2024-01-R12");
  EXPECT_EQ(l.standing.of, 2);
  EXPECT_EQ(l.standing.rank, 1);  // 0% against 902's 50%, lower is better
  ASSERT_EQ(l.benchmarks.size(), 3u);
  EXPECT_EQ(l.benchmarks[0].kind, "published");
  EXPECT_DOUBLE_EQ(l.benchmarks[0].difference, -22);
  EXPECT_EQ(l.benchmarks[1].kind, "region");
  EXPECT_DOUBLE_EQ(l.benchmarks[1].value, 25);
  EXPECT_EQ(l.benchmarks[1].councils, 2);
  EXPECT_EQ(l.benchmarks[2].name, "Neighbours");
  EXPECT_DOUBLE_EQ(l.benchmarks[2].value, 50);
  EXPECT_EQ(l.benchmarks[2].councils, 1);
  ASSERT_EQ(l.spc_months.size(), 36u);  // February 2021 to January 2024
  EXPECT_EQ(l.spc_months[29].label, "2023-07");
  EXPECT_EQ(l.spc.points[28].partition, 0);
  EXPECT_EQ(l.spc.points[29].partition, 1);  // the recalculation set in the targets file
  EXPECT_FALSE(l.forecast.ok());  // two months of records cannot make a forecast
  EXPECT_FALSE(l.forecast.reason.empty());

  auto other = Card("902", "2024-01", "3.3");
  ASSERT_TRUE(other.ok());
  EXPECT_DOUBLE_EQ(other->lines[0].cell.value, 50);
  EXPECT_EQ(other->lines[0].rag, Rag::kRed);
  EXPECT_EQ(other->lines[0].standing.rank, 2);
  EXPECT_EQ(other->lines[0].benchmarks.size(), 2u);  // the group is 901's neighbours, not 902's
}

TEST_F(ScorecardTest, JsonCarriesEveryJudgement) {
  auto card = Card("901", "2024-01", "3.3");
  ASSERT_TRUE(card.ok());
  auto j = nlohmann::json::parse(ScorecardJson(*card));
  EXPECT_EQ(j["council"], "901");
  EXPECT_EQ(j["period"]["label"], "2024-01");
  const auto& l = j["indicators"][0];
  EXPECT_EQ(l["number"], "3.3");
  EXPECT_EQ(l["shown"], "0.0%");
  EXPECT_EQ(l["target"]["rag"], "green");
  EXPECT_EQ(l["previous"]["period"]["label"], "2023-12");
  EXPECT_EQ(l["last_year"]["period"]["label"], "2023-01");
  EXPECT_EQ(l["spc"]["run_chart"], true);
  EXPECT_EQ(l["spc"]["points"].size(), 36u);
  EXPECT_EQ(l["forecast"]["method"], "none");
  EXPECT_EQ(l["benchmarks"]["councils"]["rank"], 1);
  EXPECT_EQ(l["benchmarks"]["comparisons"][0]["source"], "https://a");
}

}  // namespace
}  // namespace scrutiny
