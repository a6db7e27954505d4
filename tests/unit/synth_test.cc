#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/working_calendar.h"
#include "model/validator.h"
#include "synth/synthetic_council.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

// One small council over five years, generated once for all the tests here.
class SyntheticCouncil : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    options_ = new SynthOptions{CouncilSize::kSmall, 5, 11, 0.03, Date::FromCivil(2026, 3, 31), {CouncilFormat::kScrutiny}, std::nullopt};
    council_ = new Dataset();
    profile_ = new CouncilProfile(CouncilProfiles(*options_).front());
    GenerateCouncil(*options_, *profile_, *council_);
  }
  static void TearDownTestSuite() {
    delete council_;
    delete options_;
    delete profile_;
  }

  static const Table& T(const char* type) { return council_->table(type); }
  static int Col(const Table& t, const char* field) { return t.type().IndexOf(field); }
  static Date Window() { return Date::FromCivil(2021, 4, 1); }
  static double Per10k(double count) { return count / (profile_->children_0_17 / 10000.0); }

  // Children looked after on a date.
  static std::set<std::string_view> LookedAfterOn(Date d) {
    const Table& e = T("looked_after_episodes");
    std::set<std::string_view> children;
    for (size_t r = 0; r < e.size(); ++r)
      if (e.DateAt(Col(e, "decom"), r) <= d && (e.IsNull(Col(e, "dec"), r) || e.DateAt(Col(e, "dec"), r) > d))
        children.insert(e.Text(Col(e, "child_id"), r));
    return children;
  }

  static SynthOptions* options_;
  static CouncilProfile* profile_;
  static Dataset* council_;
};
SynthOptions* SyntheticCouncil::options_;
CouncilProfile* SyntheticCouncil::profile_;
Dataset* SyntheticCouncil::council_;

std::string ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::map<std::string, std::string> Generate(uint64_t seed, const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("scrutiny_synth_" + name + std::to_string(::getpid()));
  SynthOptions o{CouncilSize::kSmall, 2, seed, 0.03, Date::FromCivil(2026, 3, 31), {CouncilFormat::kScrutiny}, std::nullopt};
  EXPECT_TRUE(GenerateCouncils(o, dir.string()).ok());
  std::map<std::string, std::string> files;
  for (const auto& f : fs::directory_iterator(dir)) files[f.path().filename().string()] = ReadFile(f.path());
  fs::remove_all(dir);
  return files;
}

TEST(SyntheticCouncilFiles, SameSeedSameBytesOtherSeedOtherBytes) {
  auto a = Generate(3, "a"), b = Generate(3, "b"), c = Generate(4, "c");
  EXPECT_EQ(a.size(), 30u);  // one CSV file per record type
  EXPECT_EQ(a, b);
  EXPECT_NE(a.at("referrals.csv"), c.at("referrals.csv"));
}

TEST(SyntheticCouncilFiles, EnglandHasUniqueCouncilsAddingUpToTwelveMillion) {
  SynthOptions o;
  o.size = CouncilSize::kEngland;
  auto councils = CouncilProfiles(o);
  ASSERT_EQ(councils.size(), 150u);
  std::set<std::string> codes;
  double children = 0;
  for (const auto& c : councils) codes.insert(c.la_code), children += c.children_0_17;
  EXPECT_EQ(codes.size(), 150u);
  EXPECT_NEAR(children, 12e6, 0.6e6);
}

TEST_F(SyntheticCouncil, EveryRecordPassesTheModelsRules) {
  Dataset copy;
  RowSources sources;
  Problems problems(20);
  for (size_t t = 0; t < council_->tables().size(); ++t) {
    const Table& from = council_->tables()[t];
    Table& to = copy.tables()[t];
    sources.files.emplace_back(from.type().name);
    sources.lines.emplace_back();
    size_t cols = from.type().fields.size();
    std::vector<std::string> text(cols);
    std::vector<std::string_view> cells(cols);
    for (size_t r = 0; r < from.size(); ++r) {
      for (size_t c = 0; c < cols; ++c) text[c] = from.Format(static_cast<int>(c), r), cells[c] = text[c];
      AddRecord(to, cells, std::string(from.type().name), r + 2, problems);
      sources.lines.back().push_back(static_cast<uint32_t>(r + 2));
    }
  }
  CheckDataset(copy, sources, problems);
  std::string shown;
  for (const auto& p : problems.kept()) shown += p.ToString() + "\n";
  EXPECT_EQ(problems.total(), 0u) << shown;
  for (const Table& t : council_->tables()) EXPECT_GT(t.size(), 0u) << t.type().name;
}

// The data is an extract taken on the end date: nothing has happened after it.
TEST_F(SyntheticCouncil, NoEventAfterTheEndOfTheData) {
  for (const Table& t : council_->tables()) {
    for (int c = 0; c < static_cast<int>(t.type().fields.size()); ++c) {
      const Field& f = t.type().field(c);
      if (f.type != FieldType::kDate || f.name == "expected_date_of_birth") continue;
      for (size_t r = 0; r < t.size(); ++r)
        ASSERT_TRUE(t.IsNull(c, r) || t.DateAt(c, r) <= options_->end_date) << t.type().name << "." << f.name << " " << t.Format(c, r);
    }
  }
}

TEST_F(SyntheticCouncil, CaseloadsOfFifteenToThirtyChildrenAWorker) {
  const Table& a = T("allocations");
  Date on = Date::FromCivil(2024, 10, 1);
  std::map<std::string_view, int> caseload;
  for (size_t i = 0; i < a.size(); ++i)
    if (a.DateAt(Col(a, "start_date"), i) <= on && (a.IsNull(Col(a, "end_date"), i) || a.DateAt(Col(a, "end_date"), i) > on))
      ++caseload[a.Text(Col(a, "worker_id"), i)];
  double total = 0;
  int lowest = 1 << 30, highest = 0;
  for (auto& [worker, n] : caseload) total += n, lowest = std::min(lowest, n), highest = std::max(highest, n);
  EXPECT_NEAR(total / caseload.size(), 20, 8);
  EXPECT_GT(highest, 2 * lowest);  // caseloads are uneven
}

TEST_F(SyntheticCouncil, ReferralsAndReReferralsLikeEngland) {
  const Table& r = T("referrals");
  std::map<std::string_view, std::vector<Date>> by_child;
  for (size_t i = 0; i < r.size(); ++i) by_child[r.Text(Col(r, "child_id"), i)].push_back(r.DateAt(Col(r, "referral_date"), i));
  int in_window = 0, repeat = 0, nfa = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    Date d = r.DateAt(Col(r, "referral_date"), i);
    if (d < Window()) continue;
    ++in_window;
    nfa += r.Flag(Col(r, "nfa"), i);
    for (Date earlier : by_child[r.Text(Col(r, "child_id"), i)])
      if (earlier < d && earlier >= d.AddYears(-1)) {
        ++repeat;
        break;
      }
  }
  double per_year = Per10k(in_window / 5.0);
  EXPECT_GT(per_year, 430);
  EXPECT_LT(per_year, 700);
  EXPECT_NEAR(100.0 * repeat / in_window, 22, 7);
  EXPECT_NEAR(100.0 * nfa / in_window, 7, 3);
}

TEST_F(SyntheticCouncil, AssessmentsMostlyWithin45WorkingDays) {
  const Table& a = T("assessments");
  WorkingCalendar calendar;
  int done = 0, on_time = 0, not_in_need = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a.IsNull(Col(a, "authorisation_date"), i) || a.DateAt(Col(a, "authorisation_date"), i) < Window()) continue;
    ++done;
    on_time += calendar.WorkingDaysBetween(a.DateAt(Col(a, "start_date"), i), a.DateAt(Col(a, "authorisation_date"), i)) <= 45;
    not_in_need += !a.Flag(Col(a, "requires_support"), i);
  }
  EXPECT_NEAR(100.0 * on_time / done, 85, 6);
  EXPECT_NEAR(100.0 * not_in_need / done, 29, 8);
}

TEST_F(SyntheticCouncil, ConferencesAndPlansLikeEngland) {
  const Table& s = T("section47_enquiries");
  WorkingCalendar calendar;
  int conferences = 0, in_time = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s.IsNull(Col(s, "icpc_date"), i) || s.DateAt(Col(s, "icpc_date"), i) < Window()) continue;
    ++conferences;
    in_time += calendar.WorkingDaysBetween(s.DateAt(Col(s, "strategy_discussion_date"), i), s.DateAt(Col(s, "icpc_date"), i)) <= 15;
  }
  EXPECT_NEAR(Per10k(conferences / 5.0), 63, 20);
  EXPECT_NEAR(100.0 * in_time / conferences, 80, 7);
  const Table& p = T("cp_plans");
  int started = 0, again = 0, on_plan = 0;
  Date year_end = Date::FromCivil(2025, 3, 31);
  for (size_t i = 0; i < p.size(); ++i) {
    Date start = p.DateAt(Col(p, "start_date"), i);
    if (start <= year_end && (p.IsNull(Col(p, "end_date"), i) || p.DateAt(Col(p, "end_date"), i) > year_end)) ++on_plan;
    if (start < Window()) continue;
    ++started;
    again += p.Int(Col(p, "previous_plans"), i) > 0;
  }
  EXPECT_NEAR(Per10k(on_plan), 42, 14);
  EXPECT_NEAR(Per10k(started / 5.0), 55, 18);
  EXPECT_NEAR(100.0 * again / started, 23, 8);
}

TEST_F(SyntheticCouncil, LookedAfterChildrenLikeEngland) {
  Date year_end = Date::FromCivil(2025, 3, 31), year_start = Date::FromCivil(2024, 4, 1);
  auto in_care = LookedAfterOn(year_end);
  EXPECT_NEAR(Per10k(in_care.size()), 70, 22);
  // Placements during the year of the children looked after at its end.
  const Table& e = T("looked_after_episodes");
  std::map<std::string_view, int> placements;
  for (size_t i = 0; i < e.size(); ++i) {
    std::string_view child = e.Text(Col(e, "child_id"), i);
    if (!in_care.count(child)) continue;
    Date from = e.DateAt(Col(e, "decom"), i);
    bool overlaps = from <= year_end && (e.IsNull(Col(e, "dec"), i) || e.DateAt(Col(e, "dec"), i) > year_start);
    std::string_view rne = e.Text(Col(e, "rne"), i);
    if (overlaps && (from <= year_start || rne != "L")) ++placements[child];
  }
  int three_or_more = 0;
  for (auto& [child, n] : placements) three_or_more += n >= 3;
  EXPECT_NEAR(100.0 * three_or_more / in_care.size(), 10, 6);
}

TEST_F(SyntheticCouncil, CareLeaversMostlyInTouch) {
  const Table& c = T("care_leavers");
  int records = 0, in_touch = 0, suitable = 0;
  for (size_t i = 0; i < c.size(); ++i) {
    if (c.Text(Col(c, "eligibility"), i) != "FORMER_RELEVANT") continue;
    ++records;
    in_touch += c.Text(Col(c, "in_touch"), i) == "YES";
    std::string_view accommodation = c.IsNull(Col(c, "accommodation"), i) ? "" : c.Text(Col(c, "accommodation"), i);
    suitable += accommodation.size() == 2 && accommodation[1] == '1';
  }
  ASSERT_GT(records, 100);
  EXPECT_NEAR(100.0 * in_touch / records, 88, 6);
  EXPECT_NEAR(100.0 * suitable / records, 77, 8);
}

TEST_F(SyntheticCouncil, SeasonalDipInAugust) {
  const Table& k = T("contacts");
  std::map<int, int> by_month;
  for (size_t i = 0; i < k.size(); ++i) {
    Date d = k.DateAt(Col(k, "contact_date"), i);
    if (d >= Window()) ++by_month[d.month()];
  }
  EXPECT_LT(by_month[8], 0.85 * by_month[6]);
}

TEST(SyntheticCouncilFaults, FaultRateControlsMissingRecords) {
  auto count = [](double rate, const char* type) {
    SynthOptions o{CouncilSize::kSmall, 2, 9, rate, Date::FromCivil(2026, 3, 31), {CouncilFormat::kScrutiny}, std::nullopt};
    Dataset d;
    GenerateCouncil(o, CouncilProfiles(o).front(), d);
    const Table& t = d.table(type);
    int nobt = 0;
    const Table& c = d.table("children");
    for (size_t i = 0; i < c.size(); ++i) nobt += c.Text(c.type().IndexOf("ethnicity"), i) == "NOBT";
    return std::pair<double, double>(static_cast<double>(t.size()) / d.table("children").size(),
                                     static_cast<double>(nobt) / c.size());
  };
  auto clean = count(0.0, "visits"), faulty = count(0.2, "visits");
  EXPECT_NEAR(faulty.first / clean.first, 0.8, 0.08);  // a fifth of visits unrecorded
  EXPECT_GT(faulty.second, clean.second + 0.15);        // ethnicity not obtained
}

}  // namespace
}  // namespace scrutiny
