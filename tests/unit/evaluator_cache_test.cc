// The evaluator frees the joins and span sets that the last indicators did not
// use (CaseIndex::FreeUnused) when they hold more than its budget: whatever the order indicators are computed in, and
// whatever was freed and built again in between, every value is the same as
// when each indicator is computed by an evaluator of its own.

#include <gtest/gtest.h>

#include <cmath>
#include <memory>

#include "default_suite.h"
#include "indicators/breakdown.h"
#include "indicators/evaluator.h"
#include "synth/synthetic_council.h"

namespace scrutiny {
namespace {

class EvaluatorCache : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SynthOptions options{CouncilSize::kSmall, 2, 5, 0.03, Date::FromCivil(2026, 3, 31), {CouncilFormat::kScrutiny},
                         std::nullopt};
    council_ = new Dataset();
    GenerateCouncil(options, CouncilProfiles(options).front(), *council_);
  }
  static void TearDownTestSuite() { delete council_; }

  // The indicator's series by team (or with no breakdown if it has none by team).
  static IndicatorSeries Compute(Evaluator& evaluator, const Indicator& ind) {
    auto offered = Breakdown::Available(ind);
    std::string by = std::find(offered.begin(), offered.end(), "team") != offered.end() ? "team" : "";
    auto series = evaluator.Compute(ind, History(*Period::Parse("2026-03"), 24), by);
    EXPECT_TRUE(series.ok()) << ind.number << ": " << series.status().message();
    return series.ok() ? *series : IndicatorSeries{};
  }

  static void ExpectSame(const IndicatorSeries& a, const IndicatorSeries& b, const std::string& number) {
    ASSERT_EQ(a.groups, b.groups) << number;
    for (size_t g = 0; g < a.cells.size(); ++g)
      for (size_t p = 0; p < a.cells[g].size(); ++p) {
        const Cell &x = a.cells[g][p], &y = b.cells[g][p];
        bool same = (x.value == y.value || (std::isnan(x.value) && std::isnan(y.value))) &&
                    (x.numerator == y.numerator || (std::isnan(x.numerator) && std::isnan(y.numerator)));
        EXPECT_TRUE(same) << number << " " << a.groups[g] << " period " << p << ": " << x.value << " vs " << y.value;
      }
  }

  static Dataset* council_;
};
Dataset* EvaluatorCache::council_;

TEST_F(EvaluatorCache, ValuesDoNotDependOnWhatWasFreedBetweenIndicators) {
  const std::vector<Indicator>& all = testing::DefaultSuite().indicators;
  std::vector<IndicatorSeries> alone;
  for (const Indicator& ind : all) {
    Evaluator own(*council_);
    alone.push_back(Compute(own, ind));
  }
  Evaluator forwards(*council_, 0);  // no budget: all not used by the last two indicators is freed
  for (size_t i = 0; i < all.size(); ++i) ExpectSame(Compute(forwards, all[i]), alone[i], all[i].number);
  Evaluator backwards(*council_, 0);  // the joins of the first indicators freed long before they are needed again
  for (size_t i = all.size(); i-- > 0;) ExpectSame(Compute(backwards, all[i]), alone[i], all[i].number);
  for (size_t i = 0; i < all.size(); ++i) ExpectSame(Compute(backwards, all[i]), alone[i], all[i].number);
}

}  // namespace
}  // namespace scrutiny
