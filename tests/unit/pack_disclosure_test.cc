// Small-number suppression of a whole pack, attacked as its reader would (src/report/pack_disclosure).
#include <gtest/gtest.h>

#include "report/pack_builder.h"
#include "report/pack_disclosure.h"
#include "synth/synthetic_council.h"

namespace scrutiny {
namespace {

// Every figure of a pack, in a fixed order (for comparing a pack before and after suppression).
std::vector<const PackFigure*> Figures(const Pack& p) {
  std::vector<const PackFigure*> out;
  for (const PackIndicator& i : p.indicators)
    for (const PackFigure* f : {&i.value, &i.numerator, &i.denominator, &i.previous_value, &i.last_year_value}) out.push_back(f);
  for (const PackSection& s : p.sections) {
    for (const PackChart& c : s.charts)
      for (const PackFigure& f : c.values) out.push_back(&f);
    for (const PackTable& t : s.tables)
      for (const PackTable::Row& r : t.rows)
        for (const PackFigure& f : r.cells) out.push_back(&f);
  }
  for (const PackQualityNote& q : p.quality) out.push_back(&q.records);
  return out;
}

// The public pack of a small synthetic council for October 2025, before suppression.
class PackDisclosureTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    SynthOptions o;
    o.size = CouncilSize::kSmall;
    o.years = 2;
    o.seed = 5;
    CouncilProfile profile = CouncilProfiles(o).front();
    data_ = new Dataset();
    GenerateCouncil(o, profile, *data_);
    suite_ = new Suite(*LoadSuite(SCRUTINY_SOURCE_DIR "/config/suites/scrutiny-dataset.toml"));
    targets_ = new TargetBook(*TargetBook::Load(SCRUTINY_SOURCE_DIR "/config/targets.toml", *suite_));
    benchmarks_ = new Benchmarks(*Benchmarks::Load(SCRUTINY_SOURCE_DIR "/config/benchmarks/published.csv", "", *suite_));
    config_ = new PackConfig(*PackConfig::Load(SCRUTINY_SOURCE_DIR "/config/pack.toml", *suite_));
    PackBuilder builder(*data_, {suite_, targets_, benchmarks_, config_, {}, Audience::kPublic, "2025-11-20"});
    auto pack = builder.Build(profile.la_code, *Period::Parse("2025-10"));
    ASSERT_TRUE(pack.ok()) << pack.status().message();
    pack_ = new Pack(std::move(*pack));
  }
  static Dataset* data_;
  static Suite* suite_;
  static TargetBook* targets_;
  static Benchmarks* benchmarks_;
  static PackConfig* config_;
  static Pack* pack_;
};
Dataset* PackDisclosureTest::data_ = nullptr;
Suite* PackDisclosureTest::suite_ = nullptr;
TargetBook* PackDisclosureTest::targets_ = nullptr;
Benchmarks* PackDisclosureTest::benchmarks_ = nullptr;
PackConfig* PackDisclosureTest::config_ = nullptr;
Pack* PackDisclosureTest::pack_ = nullptr;

TEST_F(PackDisclosureTest, TheReaderOfThePublicPackRecoversNothing) {
  Pack published = *pack_;
  auto hidden = SuppressPack(published);
  ASSERT_TRUE(hidden.ok()) << hidden.status().message();
  EXPECT_GT(hidden->suppressed, 0);
  AttackReport attack = AttackPublishedPack(*pack_, published);
  std::string found;
  for (const auto& r : attack.figures) found += std::to_string(r.figure) + "=" + std::to_string(r.value) + " ";
  EXPECT_TRUE(attack.figures.empty()) << attack.figures.size() << " hidden figures worked out: " << found;
  EXPECT_TRUE(attack.small_groups.empty());
}

TEST_F(PackDisclosureTest, WithoutSecondarySuppressionTheReaderWorksFiguresOut) {
  Pack leaky = *pack_;
  SuppressionRules primary_only;
  primary_only.secondary = false;
  primary_only.protect_singletons = false;
  ASSERT_TRUE(SuppressPack(leaky, primary_only).ok());
  EXPECT_FALSE(AttackPublishedPack(*pack_, leaky).empty());  // the attacker has teeth
}

TEST_F(PackDisclosureTest, EverySmallCountIsHiddenAndWordsDoNotQuoteHiddenFigures) {
  Pack published = *pack_;
  ASSERT_TRUE(SuppressPack(published).ok());
  auto before = Figures(*pack_), after = Figures(published);
  ASSERT_EQ(before.size(), after.size());
  int small = 0;
  for (size_t i = 0; i < before.size(); ++i) {
    const PackFigure& b = *before[i];
    bool count = std::isnan(b.numerator) && !b.percentage;
    if (!count || std::isnan(b.value) || b.value < 1 || b.value > 5) continue;
    ++small;
    EXPECT_TRUE(after[i]->suppressed) << b.key << " = " << b.value;
    EXPECT_EQ(after[i]->shown, "c");
  }
  EXPECT_GT(small, 0);
  for (const PackIndicator& i : published.indicators) {
    if (!i.value.suppressed) continue;
    EXPECT_EQ(i.headline.find_first_of("0123456789", i.title.size()), std::string::npos) << i.headline;
    EXPECT_TRUE(i.rag.empty() && i.forecast.empty()) << i.number;
  }
  for (const PackSection& s : published.sections)
    for (const PackChart& c : s.charts) {
      bool any = std::any_of(c.values.begin(), c.values.end(), [](const PackFigure& f) { return f.suppressed; });
      if (any) {
        EXPECT_TRUE(c.mean.empty()) << c.title;  // a mean would give a hidden month away
      }
    }
  EXPECT_NE(published.suppression_note.find("Counts from 1 to 5 are shown as c"), std::string::npos);
  for (const std::string& h : published.headlines) EXPECT_EQ(h.find("not published"), std::string::npos) << h;
}

TEST_F(PackDisclosureTest, AConfidentialPackIsLeftWhole) {
  for (const PackFigure* f : Figures(*pack_)) EXPECT_FALSE(f->suppressed);
}

}  // namespace
}  // namespace scrutiny
