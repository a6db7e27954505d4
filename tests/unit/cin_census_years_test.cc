#include <gtest/gtest.h>

#include "ingest/cin_census_years.h"
#include "dataset_check.h"

namespace scrutiny {
namespace {

// A census of March `year` holding one child, C1, with these CINdetails items.
std::string Census(int year, const std::string& ethnicity, const std::string& episode) {
  return "<Message>\n<Header><CollectionDetails><Collection>CIN</Collection><Year>" + std::to_string(year) +
         "</Year><ReferenceDate>" + std::to_string(year) + "-03-31</ReferenceDate></CollectionDetails></Header>\n"
         "<Children>\n<Child>\n<ChildIdentifiers><LAchildID>C1</LAchildID><PersonBirthDate>2015-02-01"
         "</PersonBirthDate><GenderCurrent>1</GenderCurrent></ChildIdentifiers>\n<ChildCharacteristics><Ethnicity>" +
         ethnicity + "</Ethnicity></ChildCharacteristics>\n<CINdetails>\n" + episode +
         "</CINdetails>\n</Child>\n</Children>\n</Message>\n";
}

const std::string kReferral =
    "<CINreferralDate>2022-06-01</CINreferralDate><ReferralSource>2A</ReferralSource>"
    "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>0</ReferralNFA>\n";
const std::string kAssessment =
    "<Assessments><AssessmentActualStartDate>2022-06-02</AssessmentActualStartDate>"
    "<AssessmentAuthorisationDate>2022-07-01</AssessmentAuthorisationDate></Assessments>\n";
std::string Plan(const std::string& end, const std::string& reviews) {
  return "<ChildProtectionPlans><CPPstartDate>2022-08-01</CPPstartDate>" + end +
         "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><Reviews>" + reviews + "</Reviews></ChildProtectionPlans>\n";
}
std::string Review(const std::string& date) { return "<CPPreviewDate>" + date + "</CPPreviewDate>"; }

struct Combined {
  Result<CinCensusReturn> result = Status::Internal("not read");
  std::string problems;
  std::vector<std::string> children;  // each problem's child_id
};

Combined Combine(const std::vector<std::pair<std::string, std::string>>& files) {
  Combined c;
  Problems problems(SIZE_MAX);
  std::vector<CinCensusReturn> years;
  for (const auto& [name, text] : files) {
    auto read = ReadCinCensus(name, text, {"900", "", std::nullopt}, problems);
    EXPECT_TRUE(read.ok()) << read.status().message();
    if (read.ok()) years.push_back(std::move(*read));
  }
  c.result = CombineCinCensusYears(std::move(years), problems);
  for (const Problem& p : problems.kept()) {
    c.problems += p.ToString() + "\n";
    c.children.push_back(p.child_id);
  }
  return c;
}

std::string Cell(const Combined& c, std::string_view type, std::string_view field, size_t row = 0) {
  const Table& t = c.result->dataset.table(type);
  return t.Format(t.type().IndexOf(field), row);
}

// An episode open on 31 March 2023 is in the 2022-23 and 2023-24 censuses: one
// episode, closed as the later census says, with the assessment of the first
// year, the plan of both (one review each year) and a second assessment.
TEST(CinCensusYears, KeepsAnEpisodeOfTwoCensusesOnceWithThePartsOfBoth) {
  std::string second_assessment =
      "<Assessments><AssessmentActualStartDate>2023-05-02</AssessmentActualStartDate>"
      "<AssessmentAuthorisationDate>2023-06-01</AssessmentAuthorisationDate></Assessments>\n";
  Combined c = Combine(
      {{"cin-2024.xml", Census(2024, "WIRI", kReferral +
                                                 "<CINclosureDate>2023-09-01</CINclosureDate>"
                                                 "<ReasonForClosure>RC1</ReasonForClosure>\n" +
                                                 second_assessment +
                                                 Plan("<CPPendDate>2023-08-01</CPPendDate>", Review("2023-06-01")))},
       {"cin-2023.xml", Census(2023, "WBRI", kReferral + kAssessment + Plan("", Review("2022-11-01")))}});
  ASSERT_TRUE(c.result.ok()) << c.result.status().message();
  EXPECT_EQ(c.problems,
            "cin-2024.xml:4: column 'ethnicity', value '900-C1: WIRI (was WBRI in cin-2023.xml:4)': the child differs "
            "from the 2022-23 census; the latest census's value is kept\n");
  EXPECT_EQ(c.children, std::vector<std::string>{"900-C1"});
  EXPECT_EQ(c.result->years, (std::vector<int>{2022, 2023}));
  EXPECT_EQ(c.result->combined, 2u);  // the child and the episode
  ASSERT_EQ(c.result->dataset.table("cin_episodes").size(), 1u);
  EXPECT_EQ(Cell(c, "cin_episodes", "cin_episode_id"), "900-C1-C1");
  EXPECT_EQ(Cell(c, "cin_episodes", "end_date"), "2023-09-01");
  EXPECT_EQ(Cell(c, "cin_episodes", "closure_reason"), "RC1");
  EXPECT_EQ(c.result->dataset.table("referrals").size(), 1u);
  ASSERT_EQ(c.result->dataset.table("assessments").size(), 2u);
  EXPECT_EQ(Cell(c, "assessments", "assessment_id", 1), "900-C1-C1-A2");
  EXPECT_EQ(Cell(c, "assessments", "start_date", 1), "2023-05-02");
  ASSERT_EQ(c.result->dataset.table("cp_plans").size(), 1u);
  EXPECT_EQ(Cell(c, "cp_plans", "end_date"), "2023-08-01");
  ASSERT_EQ(c.result->dataset.table("cp_reviews").size(), 2u);
  EXPECT_EQ(Cell(c, "cp_reviews", "cp_plan_id", 1), "900-C1-C1-CP1");
  EXPECT_EQ(Cell(c, "children", "ethnicity"), "WIRI");
  ExpectModelAccepts(*c.result);
}

// A later census that changes an episode's primary need: the rule names the kind of record (so a
// load's count by rule gathers every such change), the value which episode.
TEST(CinCensusYears, ReportsAChangedEpisodeByItsKindInTheRuleAndItsDateInTheValue) {
  std::string changed = kReferral;
  changed.replace(changed.find("N1</Primary"), 2, "N2");
  Combined c = Combine({{"cin-2023.xml", Census(2023, "WBRI", kReferral)}, {"cin-2024.xml", Census(2024, "WBRI", changed)}});
  ASSERT_TRUE(c.result.ok()) << c.result.status().message();
  EXPECT_EQ(c.problems,
            "cin-2024.xml:7: column 'primary_need', value '900-C1, the episode of need referred on 2022-06-01: N2 (was "
            "N1 in cin-2023.xml:7)': the episode of need differs from the 2022-23 census; the latest census's value "
            "is kept\n");
  EXPECT_EQ(Cell(c, "cin_episodes", "primary_need"), "N2");
}

TEST(CinCensusYears, RefusesTwoCensusesOfOneYear) {
  Combined c = Combine({{"a.xml", Census(2023, "WBRI", kReferral)}, {"b.xml", Census(2023, "WBRI", kReferral)}});
  ASSERT_FALSE(c.result.ok());
  EXPECT_EQ(c.result.status().message(), "two CIN censuses of 2022-23 are given: give one census per year");
}

}  // namespace
}  // namespace scrutiny
