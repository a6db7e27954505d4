// scrutiny check (src/check): one small hand-made folder per rule, the problem
// found and the indicator it is counted against; and the seed report's story
// of reviews held but not recorded in the key date field.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "check/check_report_writer.h"
#include "check/data_quality_check.h"
#include "default_suite.h"
#include "ingest/csv_loader.h"
#include "ingest/ssda903_reader.h"
#include "ingest/workforce_reader.h"
#include "ingest/workforce_years.h"
#include "load_fixture.h"

namespace scrutiny {
namespace {

using testing::LoadFixture;

using testing::DefaultSuite;

const std::string kEpisodes = "episode_id,child_id,decom,rne,ls,cin,place,place_provider,dec,rec\n";
const std::string kReviews = "child_id,review_date\n";

// Checks a fixture's folder as `scrutiny check DIR` does.
CheckReport Check(const LoadFixture& f, const std::string& period, const std::string& today = "2030-01-01") {
  CsvFolderLoad folder(f.dir());
  Problems problems(SIZE_MAX);
  (void)folder.Check(problems);
  Dataset data;
  RowSources sources;
  EXPECT_TRUE(ReadCsvFolder(f.dir(), data, sources).ok());
  auto report = CheckDataQuality(data, &sources, problems.kept(),
                                 {&DefaultSuite(), *Period::Parse(period), *Date::ParseIso(today), 90});
  EXPECT_TRUE(report.ok()) << report.status().message();
  return std::move(*report);
}

std::vector<QualityProblem> Of(const CheckReport& r, const std::string& rule) {
  std::vector<QualityProblem> out;
  std::copy_if(r.problems.begin(), r.problems.end(), std::back_inserter(out),
               [&](const QualityProblem& p) { return p.rule == rule; });
  return out;
}

// The one problem of a rule: a failure, and an empty problem, unless there is exactly one.
QualityProblem One(const CheckReport& r, const std::string& rule) {
  auto found = Of(r, rule);
  EXPECT_EQ(found.size(), 1u) << rule;
  return found.size() == 1 ? found[0] : QualityProblem{};
}

const IndicatorQuality* Affected(const CheckReport& r, const std::string& number) {
  for (const IndicatorQuality& q : r.indicators)
    if (q.indicator->number == number) return &q;
  return nullptr;
}

bool Counts(const QualityProblem& p, const std::string& number) {
  return std::find(p.indicators.begin(), p.indicators.end(), number) != p.indicators.end();
}

// The fixture with nothing wrong: the referral was assessed, the child in care reviewed, cases allocated.
void MakeClean(LoadFixture& f) {
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa,team_id\n900-R1,900-C1,2024-01-10,6,N,900-T1\n"
                     "900-R2,900-C2,2024-02-01,2A,Y,900-T1\n");
  f.Set("assessments", "assessment_id,child_id,referral_id,start_date,authorisation_date,team_id\n"
                       "900-A1,900-C1,900-R1,2024-01-11,2024-02-20,900-T1\n");
  f.Set("looked_after_episodes", kEpisodes + "900-E1,900-C2,2024-03-01,S,C2,N1,U6,PR1,2024-06-01,X1\n"
                                 "900-E2,900-C2,2024-06-01,P,C2,N1,K2,PR4,,\n");
  f.Set("looked_after_reviews", kReviews + "900-C2,2024-03-25\n900-C2,2024-06-20\n");
  f.Set("allocations", "child_id,worker_id,team_id,start_date,end_date\n900-C2,900-W1,900-T1,2024-03-01,\n");
}

TEST(CheckTest, ACleanFolderHasNoProblems) {
  LoadFixture f("check_clean");
  MakeClean(f);
  CheckReport r = Check(f, "2024-07");
  for (const QualityProblem& p : r.problems) ADD_FAILURE() << p.rule << " " << p.child_id << " " << p.detail;
  EXPECT_FALSE(r.HasHardProblems());
  EXPECT_TRUE(r.indicators.empty());
}

TEST(CheckTest, AMissingKeyDateIsAHardProblemWithChildFileAndRow) {
  LoadFixture f("check_missing");
  MakeClean(f);
  f.Set("assessments", "assessment_id,child_id,referral_id,start_date,authorisation_date,team_id\n"
                       "900-A1,900-C1,900-R1,,2024-02-20,900-T1\n");
  CheckReport r = Check(f, "2024-07");
  QualityProblem found = One(r, "missing-value");
  EXPECT_EQ(found.child_id, "900-C1");
  EXPECT_EQ(found.file, f.path("assessments"));
  EXPECT_EQ(found.row, 2u);
  EXPECT_EQ(found.field, "start_date");
  EXPECT_EQ(found.team, "");  // the row was not read, and the child has no allocation
  EXPECT_TRUE(r.HasHardProblems());
}

TEST(CheckTest, DatesOutOfOrderAreAHardProblem) {
  LoadFixture f("check_order");
  MakeClean(f);
  f.Set("looked_after_reviews", kReviews + "900-C2,2024-03-25\n900-C2,2024-06-20\n");
  f.Set("looked_after_episodes", kEpisodes + "900-E1,900-C2,2024-03-01,S,C2,N1,U6,PR1,2024-02-01,X1\n"
                                 "900-E2,900-C2,2024-06-01,P,C2,N1,K2,PR4,,\n");
  QualityProblem found = One(Check(f, "2024-07"), "dates-out-of-order");
  EXPECT_EQ(found.child_id, "900-C2");
  EXPECT_EQ(found.field, "dec");
  EXPECT_EQ(found.team, "900-T1");  // through the child's allocation
}

TEST(CheckTest, EveryHardRuleHasItsIdAndChild) {
  LoadFixture f("check_hard");
  MakeClean(f);
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa,team_id\n900-R1,900-C1,2024-01-10,6,N,900-T1\n"
                     "900-R1,900-C2,2024-02-01,ZZ,Y,900-T1\n900-R3,900-C9,2024-02-01,6,Y,900-T1\n");
  f.Set("stray", "a,b\n");
  CheckReport r = Check(f, "2024-07");
  QualityProblem code = One(r, "invalid-value"), reference = One(r, "unknown-reference"), file = One(r, "not-read");
  EXPECT_EQ(code.child_id, "900-C2");
  EXPECT_EQ(code.value, "ZZ");
  EXPECT_EQ(reference.child_id, "900-C9");
  EXPECT_EQ(reference.row, 4u);
  EXPECT_EQ(file.file, f.path("stray"));
  EXPECT_TRUE(Of(r, "duplicate-key").empty());  // the second 900-R1 was refused for its code
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa,team_id\n900-R1,900-C1,2024-01-10,6,N,900-T1\n"
                     "900-R1,900-C2,2024-02-01,6,Y,900-T1\n");
  QualityProblem duplicate = One(Check(f, "2024-07"), "duplicate-key");
  EXPECT_EQ(duplicate.child_id, "900-C2");
  EXPECT_EQ(duplicate.value, "900-R1");
}

TEST(CheckTest, AChildInCareWithNoReviewRecordedCountsAgainstReviewTimeliness) {
  LoadFixture f("check_review");
  MakeClean(f);
  f.Set("looked_after_reviews", kReviews);
  CheckReport r = Check(f, "2024-07");
  QualityProblem found = One(r, "review-not-recorded");
  EXPECT_EQ(found.child_id, "900-C2");
  EXPECT_EQ(found.row, 3u);  // the open episode
  EXPECT_TRUE(Counts(found, "8.8"));
  const IndicatorQuality* q = Affected(r, "8.8");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->effect.faulty, 1);
  EXPECT_DOUBLE_EQ(q->effect.cell.value, 0);
  EXPECT_DOUBLE_EQ(q->effect.if_met, 100);
  EXPECT_TRUE(std::isnan(q->effect.without));  // no child left to count
}

TEST(CheckTest, APlanWithNoReviewConferenceOrVisit) {
  LoadFixture f("check_cp");
  MakeClean(f);
  f.Set("cp_plans", "cp_plan_id,child_id,start_date,end_date,initial_category,team_id\n"
                    "900-P1,900-C1,2024-01-15,,NEG,900-T1\n");
  CheckReport r = Check(f, "2024-07");
  QualityProblem review = One(r, "cp-review-not-recorded"), visit = One(r, "cp-plan-no-visits");
  EXPECT_EQ(review.team, "900-T1");
  EXPECT_TRUE(Counts(review, "7.7"));
  EXPECT_TRUE(Counts(visit, "7.8"));
}

TEST(CheckTest, AnAssessmentOpenTooLong) {
  LoadFixture f("check_open");
  MakeClean(f);
  f.Set("assessments", "assessment_id,child_id,referral_id,start_date,authorisation_date,team_id\n"
                       "900-A1,900-C1,900-R1,2024-01-11,,900-T1\n");
  CheckReport r = Check(f, "2024-07");
  QualityProblem found = One(r, "assessment-open-too-long");
  EXPECT_EQ(found.field, "authorisation_date");
  EXPECT_TRUE(Counts(found, "4.5"));
  EXPECT_TRUE(Of(Check(f, "2024-03"), "assessment-open-too-long").empty());  // 55 working days then
}

TEST(CheckTest, AReferralWithNoOutcome) {
  LoadFixture f("check_referral");
  MakeClean(f);
  f.Remove("assessments");
  QualityProblem found = One(Check(f, "2023-24"), "referral-no-outcome");
  EXPECT_EQ(found.child_id, "900-C1");
  EXPECT_TRUE(Counts(found, "3.4"));
}

// Problems by team name each team as its team record does, with its id.
TEST(CheckTest, NamesEachTeamItCountsProblemsAgainst) {
  LoadFixture f("check_team_names");
  MakeClean(f);
  f.Remove("assessments");
  CheckReport r = Check(f, "2023-24");
  EXPECT_EQ(One(r, "referral-no-outcome").team, "900-T1");
  EXPECT_NE(CheckTable(r).find("  Assessment One (900-T1)\n"), std::string::npos) << CheckTable(r);
  auto teams = nlohmann::json::parse(CheckJson(r))["teams"];
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams[0]["team"], "900-T1");
  EXPECT_EQ(teams[0]["name"], "Assessment One");
}

// Returns that name no team (the SSDA903, the CIN census) would make every record a
// record-no-team problem: the rule is not applied, and the check says once why no problem
// is counted by team.
TEST(CheckTest, RecordsThatNameNoTeamAnywhereAreNotEachAProblem) {
  LoadFixture f("check_no_teams");
  MakeClean(f);
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,6,N\n");
  f.Set("assessments", "assessment_id,child_id,referral_id,start_date,authorisation_date\n"
                       "900-A1,900-C1,900-R1,2024-01-11,2024-02-20\n");
  f.Remove("allocations");
  f.Set("looked_after_reviews", kReviews);
  CheckReport r = Check(f, "2024-07");
  EXPECT_FALSE(r.teams_recorded);
  EXPECT_TRUE(Of(r, "record-no-team").empty());
  EXPECT_EQ(One(r, "review-not-recorded").team, "");  // the other rules still apply
  EXPECT_NE(CheckTable(r).find("Problems by team: none, as no record names a team or worker"), std::string::npos)
      << CheckTable(r);
  EXPECT_EQ(nlohmann::json::parse(CheckJson(r))["teams_recorded"], false);
}

TEST(CheckTest, ARecordWithNoTeam) {
  LoadFixture f("check_team");
  MakeClean(f);
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,6,N\n"
                     "900-R2,900-C2,2024-02-01,2A,Y\n");
  QualityProblem found = One(Check(f, "2024-07"), "record-no-team");  // 900-C2 is allocated
  EXPECT_EQ(found.key, "900-R1");
  EXPECT_TRUE(found.indicators.empty());
}

TEST(CheckTest, OverlappingEpisodesAndAGap) {
  LoadFixture f("check_overlap");
  MakeClean(f);
  f.Set("looked_after_episodes", kEpisodes + "900-E1,900-C2,2024-03-01,S,C2,N1,U6,PR1,2024-06-10,X1\n"
                                 "900-E2,900-C2,2024-06-01,P,C2,N1,K2,PR4,,\n");
  CheckReport r = Check(f, "2024-07");
  QualityProblem overlap = One(r, "episodes-overlap"), gap = One(r, "episodes-gap");
  EXPECT_EQ(overlap.key, "900-E2");
  EXPECT_TRUE(Counts(overlap, "8.1"));
  EXPECT_EQ(gap.key, "900-E1");  // E1 ends 10 June, X1, and nothing starts that day
}

TEST(CheckTest, ADateInTheFuture) {
  LoadFixture f("check_future");
  MakeClean(f);
  auto found = Of(Check(f, "2024-07", "2024-03-30"), "date-in-future");
  ASSERT_EQ(found.size(), 3u);  // the episodes' change on 1 June, and the review of 20 June
  EXPECT_EQ(found[2].record_type, "looked_after_reviews");
  EXPECT_EQ(found[2].value, "2024-06-20");
  EXPECT_TRUE(Counts(found[2], "8.8"));
}

TEST(CheckTest, AnImplausibleAge) {
  LoadFixture f("check_age");
  MakeClean(f);
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa,team_id\n900-R1,900-C1,2014-01-10,6,N,900-T1\n"
                     "900-R2,900-C2,2024-02-01,2A,Y,900-T1\n");
  QualityProblem found = One(Check(f, "2014-01"), "implausible-age");
  EXPECT_EQ(found.key, "900-R1");
  EXPECT_TRUE(Counts(found, "3.1"));
}

TEST(CheckTest, AnUnbornChildLongOverdue) {
  LoadFixture f("check_unborn");
  MakeClean(f);
  f.Set("children",
        "child_id,la_code,sex,date_of_birth,expected_date_of_birth,ethnicity,uasc\n"
        "900-C1,900,F,,2023-09-01,WBRI,N\n900-C2,900,M,2010-01-15,,BAFR,N\n");
  QualityProblem found = One(Check(f, "2024-07"), "birth-not-recorded");
  EXPECT_EQ(found.child_id, "900-C1");
}

TEST(CheckTest, APlacementCodeNotValidForTheYear) {
  LoadFixture f("check_code");
  MakeClean(f);
  f.Set("looked_after_episodes", kEpisodes + "900-E1,900-C2,2024-03-01,S,C2,N1,U6,PR1,2024-06-01,X1\n"
                                 "900-E2,900-C2,2024-06-01,P,C2,N1,K3,PR4,,\n");
  QualityProblem found = One(Check(f, "2024-07"), "code-not-valid-for-year");  // K3 is used from 2025-26
  EXPECT_EQ(found.value, "K3");
  EXPECT_NE(found.detail.find("2024-25"), std::string::npos) << found.detail;
}

// The seed report (Bromley, October 2021): reviews held, but recorded in case
// notes and not in the key date field, made 95% look like 64%. Ten children in
// care: six reviewed in time, one genuinely late, three reviewed with the date
// left out of the key field.
TEST(CheckTest, ReviewsHeldButNotRecordedPointToReviewTimeliness) {
  LoadFixture f("check_seed");
  std::string children = "child_id,la_code,sex,date_of_birth,ethnicity,uasc\n", episodes = kEpisodes,
              reviews = kReviews;
  for (int i = 1; i <= 10; ++i) {
    std::string id = fmt::format("900-L{:02}", i);
    children += id + ",900,F,2012-05-01,WBRI,N\n";
    episodes += fmt::format("900-E{:02},{},2023-01-02,S,C2,N1,U1,PR1,,\n", i, id);
    reviews += id + (i <= 6 ? ",2024-12-10\n" : i == 7 ? ",2024-06-01\n" : ",\n");
  }
  f.Set("children", children);
  f.Set("looked_after_episodes", episodes);
  f.Set("looked_after_reviews", reviews);
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n");
  CheckReport r = Check(f, "2025-01");
  auto missing = Of(r, "missing-value");
  ASSERT_EQ(missing.size(), 3u);
  EXPECT_EQ(missing[0].child_id, "900-L08");
  EXPECT_EQ(missing[0].row, 9u);
  EXPECT_EQ(missing[0].field, "review_date");
  EXPECT_TRUE(Counts(missing[0], "8.8"));
  EXPECT_EQ(Of(r, "review-not-recorded").size(), 3u);  // the late child has a review recorded
  const IndicatorQuality* q = Affected(r, "8.8");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->effect.faulty, 3);
  EXPECT_NEAR(q->effect.cell.value, 60, 1e-9);
  EXPECT_NEAR(q->effect.without, 600.0 / 7, 1e-9);
  EXPECT_NEAR(q->effect.if_met, 90, 1e-9);
  EXPECT_NE(CheckTable(r).find("8.8 Looked-after children reviewed within 6 months: 60.0%; 3 of those counted have problems in "
                               "review date. Without them: 85.7%. Had they met the standard: 90.0%."),
            std::string::npos)
      << CheckTable(r);
}

// A return read by a converter is checked as a folder is: its Dataset, RowSources and Problems.
TEST(CheckTest, AReturnIsCheckedFromWhatItsReaderMakes) {
  auto files = ReadSsda903Folder(SCRUTINY_SOURCE_DIR "/tests/samples/ssda903");
  ASSERT_TRUE(files.ok()) << files.status().message();
  Problems problems(SIZE_MAX);
  auto read = ReadSsda903(*files, {"900", "", std::nullopt}, problems);
  ASSERT_TRUE(read.ok()) << read.status().message();
  auto report = CheckDataQuality(read->dataset, &read->sources, problems.kept(),
                                 {&DefaultSuite(), *Period::Parse("2017-18"), *Date::ParseIso("2018-04-30"), 90});
  ASSERT_TRUE(report.ok()) << report.status().message();
  EXPECT_EQ(Of(*report, "not-read").size(), problems.total());
  size_t soft = 0;
  for (const QualityProblem& p : report->problems) {
    if (p.rule == "not-read" || p.record_type.empty()) continue;
    ++soft;
    EXPECT_FALSE(p.file.empty()) << p.rule << " " << p.key;
    EXPECT_GT(p.row, 0u) << p.rule << " " << p.key;
  }
  EXPECT_GT(soft, 0u);
  // The sample's reviews run to 2030: those after 2017-18 are left out, and with the children they
  // leave with no review recorded they put review timeliness in doubt, each child counted once.
  const IndicatorQuality* reviews = Affected(*report, "8.8");
  ASSERT_NE(reviews, nullptr) << CheckTable(*report);
  std::set<std::string> in_doubt;
  for (const QualityProblem& p : report->problems)
    if (Counts(p, "8.8")) in_doubt.insert(p.child_id);
  EXPECT_EQ(reviews->effect.faulty, static_cast<int>(in_doubt.size()));
  EXPECT_GT(in_doubt.size(), Of(*report, "review-not-recorded").size());
}

// The seed's fault in a return: a review held but its date recorded wrongly, so the reader leaves
// the row out. Its problem names the child and the field it was for, and so counts against the
// review indicator with the child's other problems (it failed before: no child, no field).
TEST(CheckTest, AReturnsRowNotReadCountsAgainstTheIndicatorsOfItsField) {
  std::vector<Ssda903Text> files = {
      {"h.csv", "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\nA1,1,01/02/2015,WBRI,,,\n"},
      {"e.csv", "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n"
                "A1,01/05/2023,S,C2,N1,U4,PR1,,,,,,\n"},
      {"r.csv", "CHILD,DOB,REVIEW,REVIEW_CODE\nA1,01/02/2015,05/11/2024,PN1\n"}};
  Problems problems(SIZE_MAX);
  auto read = ReadSsda903(files, {"900", "", 2023}, problems);
  ASSERT_TRUE(read.ok()) << read.status().message();
  auto report = CheckDataQuality(read->dataset, &read->sources, problems.kept(),
                                 {&DefaultSuite(), *Period::Parse("2023-24"), *Date::ParseIso("2024-04-30"), 90});
  ASSERT_TRUE(report.ok()) << report.status().message();
  QualityProblem review = One(*report, "not-read");
  EXPECT_EQ(review.child_id, "900-A1");
  EXPECT_EQ(review.file, "r.csv");
  EXPECT_EQ(review.row, 2u);
  EXPECT_EQ(review.uses, std::vector<std::string>{"looked_after_reviews.review_date"});
  EXPECT_TRUE(Counts(review, "8.8"));
  const IndicatorQuality* q = Affected(*report, "8.8");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->effect.faulty, 1);  // one child, with this problem and review-not-recorded
}

// A worker in post at one workforce census and in no later return: the worker's leaving is unknown,
// so the workforce rates that count the worker are in doubt, and the problem is the worker's team's.
TEST(CheckTest, AWorkersProblemCountsAgainstTheIndicatorsThatCountTheWorker) {
  auto census = [](int year, const std::string& vacancies, const std::string& workers) {  // 4 funded posts
    return "<Message><Header><CollectionDetails><Collection>CSWW</Collection><Year>" + std::to_string(year) +
           "</Year></CollectionDetails></Header>\n<LALevelVacancies><NumberOfVacancies>" + vacancies +
           "</NumberOfVacancies></LALevelVacancies>\n" + workers + "</Message>\n";
  };
  auto worker = [](const std::string& id) {
    return "<CSWWWorker><AgencyWorker>0</AgencyWorker><SWENo>" + id + "</SWENo><FTE>1</FTE><OrgRole>6</OrgRole>"
           "<RoleStartDate>2019-04-01</RoleStartDate></CSWWWorker>\n";
  };
  Problems problems(SIZE_MAX);
  std::vector<WorkforceReturn> years;
  for (const auto& [year, text] : {std::pair{2023, census(2023, "2", worker("W1") + worker("W2"))},
                                   std::pair{2024, census(2024, "3", worker("W1"))}}) {
    auto read = ReadWorkforce("csww-" + std::to_string(year) + ".xml", text, {"900", "", std::nullopt}, problems);
    ASSERT_TRUE(read.ok()) << read.status().message();
    years.push_back(std::move(*read));
  }
  auto read = CombineWorkforceYears(std::move(years), problems);
  ASSERT_TRUE(read.ok()) << read.status().message();
  auto report = CheckDataQuality(read->dataset, &read->sources, problems.kept(),
                                 {&DefaultSuite(), *Period::Parse("2024-09"), *Date::ParseIso("2024-10-31"), 90});
  ASSERT_TRUE(report.ok()) << report.status().message();
  QualityProblem left = One(*report, "not-read");
  EXPECT_EQ(left.record_type, "workers");
  EXPECT_EQ(left.key, "900-W2");
  EXPECT_EQ(left.team, "900-CSWW");
  EXPECT_TRUE(report->teams_recorded);
  for (const char* number : {"11.6", "11.7", "11.8"}) {
    EXPECT_TRUE(Counts(left, number)) << number;
    const IndicatorQuality* q = Affected(*report, number);
    ASSERT_NE(q, nullptr) << number;
    EXPECT_EQ(q->effect.faulty, 1) << number;
  }
}

TEST(CheckTest, CsvAndJsonListEveryProblem) {
  LoadFixture f("check_formats");
  MakeClean(f);
  f.Set("looked_after_reviews", kReviews);
  CheckReport r = Check(f, "2024-07");
  std::string csv = CheckCsv(r);
  EXPECT_EQ(static_cast<size_t>(std::count(csv.begin(), csv.end(), '\n')), r.problems.size() + 1);
  EXPECT_NE(csv.find("review-not-recorded,900-C2,"), std::string::npos) << csv;
  EXPECT_NE(CheckJson(r).find("\"rule\": \"review-not-recorded\""), std::string::npos);
}

}  // namespace
}  // namespace scrutiny
