// Several years of the SSDA903 return read into one history per child
// (docs/ssda903.md, "Several years"): small hand-made returns of 2021-22 to
// 2023-24.

#include <gtest/gtest.h>

#include "ingest/ssda903_reader.h"
#include "dataset_check.h"

namespace scrutiny {
namespace {

const std::string kHeader = "CHILD,SEX,DOB,ETHNIC,UPN,MOTHER,MC_DOB\n";
const std::string kEpisodes =
    "CHILD,DECOM,RNE,LS,CIN,PLACE,PLACE_PROVIDER,DEC,REC,REASON_PLACE_CHANGE,HOME_POST,PL_POST,URN\n";
const std::string kReviews = "CHILD,DOB,REVIEW,REVIEW_CODE\n";
const std::string kMissing = "CHILD,DOB,MISSING,MIS_START,MIS_END\n";

struct Read {
  Result<Ssda903Return> result = Status::Internal("not read");
  std::string problems;  // one per line
  std::vector<std::string> children;  // each problem's child_id
};

// One year's return, folder `name`: its header and episodes rows, and any other files.
Ssda903Input Year(const std::string& name, const std::string& header, const std::string& episodes,
                  std::vector<Ssda903Text> more = {}) {
  Ssda903Input input{name, {{name + "/h.csv", kHeader + header}, {name + "/e.csv", kEpisodes + episodes}}, false};
  for (Ssda903Text& m : more) input.files.push_back({name + "/" + m.name, std::move(m.text)});
  return input;
}

Read ReadYears(const std::vector<Ssda903Input>& inputs, std::optional<int> year = std::nullopt) {
  Read r;
  Problems problems(SIZE_MAX);
  r.result = ReadSsda903Years(inputs, {"900", "", year}, problems);
  for (const Problem& p : problems.kept()) {
    r.problems += p.ToString() + "\n";
    r.children.push_back(p.child_id);
  }
  return r;
}

std::string Cell(const Read& r, std::string_view type, std::string_view field, size_t row) {
  const Table& t = r.result->dataset.table(type);
  return t.Format(t.type().IndexOf(field), row);
}

const std::string kChild = "A1,1,01/02/2015,WBRI,,,\n";
// A child first looked after in 2022-23, whose episode makes a return's year 2022-23.
const std::string kNewChild = "N9,2,01/03/2016,WBRI,,,\n";
const std::string kNewEpisode = "N9,01/05/2022,S,C2,N1,U4,PR1,,,,,,\n";

TEST(Ssda903Years, KeepsAnEpisodeOpenAcrossTheYearEndOnceWithTheLaterYearsValues) {
  Read r = ReadYears({Year("y22", kChild, "A1,01/02/2022,P,C2,N1,U5,PR1,01/06/2022,E13,,BR1 2AB,,\n"
                                          "A1,01/09/2022,S,C2,N1,U4,PR1,,,,BR1 2AB,,\n"),
                      Year("y21", kChild, "A1,01/05/2021,S,C2,N1,U4,PR1,01/02/2022,X1,CLOSE,BR1 2AB,,\n"
                                          "A1,01/02/2022,P,C2,N1,U5,PR1,,,,BR1 2AB,,\n")});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems, "");
  EXPECT_EQ(r.result->years, (std::vector<int>{2021, 2022}));
  EXPECT_EQ(r.result->collection_year, 2022);
  const Table& episodes = r.result->dataset.table("looked_after_episodes");
  ASSERT_EQ(episodes.size(), 3u);
  EXPECT_EQ(Cell(r, "looked_after_episodes", "decom", 1), "2022-02-01");
  EXPECT_EQ(Cell(r, "looked_after_episodes", "dec", 1), "2022-06-01");
  EXPECT_EQ(Cell(r, "looked_after_episodes", "rec", 1), "E13");
  EXPECT_EQ(r.result->combined, 2u);  // the child's header and the episode
  EXPECT_EQ(r.result->dataset.table("children").size(), 1u);
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Years, ReportsAValueALaterYearChangesAndKeepsTheLatest) {
  Read r = ReadYears({Year("y21", kChild, "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n"),
                      Year("y22", "A1,1,02/02/2015,WBRI,,,\n" + kNewChild,
                           "A1,01/05/2021,S,C2,N1,U5,PR1,,,,,,\n" + kNewEpisode)});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y22/h.csv:2: column 'DOB', value 'CHILD A1: 02/02/2015 (was 01/02/2015 in y21/h.csv:2)': the child's "
            "header differs from the 2021-22 return; the latest year's value is kept\n"
            "y22/e.csv:2: column 'PLACE', value 'CHILD A1, the episode starting 01/05/2021: U5 (was U4 in "
            "y21/e.csv:2)': the episode differs from the 2021-22 return; the latest year's value is kept\n");
  EXPECT_EQ(r.children, (std::vector<std::string>{"900-A1", "900-A1"}));
  EXPECT_EQ(Cell(r, "children", "date_of_birth", 0), "2015-02-02");
  ASSERT_EQ(r.result->dataset.table("looked_after_episodes").size(), 2u);
  EXPECT_EQ(Cell(r, "looked_after_episodes", "place", 0), "U5");
}

// H5 is no placement code after 2024-25: an episode open across 31 March 2025 had to be given another
// in 2025-26 (K3, supported accommodation). That is no difference to report; U4 to U5 still is.
TEST(Ssda903Years, AChangeFromACodeTheLaterYearRetiredIsNotADifference) {
  Read r = ReadYears({Year("y24", "A1,1,01/02/2008,WBRI,,,\nB2,1,01/02/2009,WBRI,,,\n",
                           "A1,01/05/2024,S,C2,N1,H5,PR1,,,,,,\nB2,01/06/2024,S,C2,N1,U4,PR1,,,,,,\n"),
                      Year("y25", "A1,M,01/02/2008,WBRI,,,\nB2,M,01/02/2009,WBRI,,,\nC3,F,01/02/2010,WBRI,,,\n",
                           "A1,01/05/2024,S,C2,N1,K3,PR1,,,,,,\nB2,01/06/2024,S,C2,N1,U5,PR1,,,,,,\n"
                           "C3,01/05/2025,S,C2,N1,U5,PR1,,,,,,\n")});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y25/e.csv:3: column 'PLACE', value 'CHILD B2, the episode starting 01/06/2024: U5 (was U4 in "
            "y24/e.csv:3)': the episode differs from the 2024-25 return; the latest year's value is kept\n");
  EXPECT_EQ(Cell(r, "looked_after_episodes", "place", 0), "K3");
}

TEST(Ssda903Years, KeepsAReviewOrMissingEpisodeGivenInTwoYearsOnce) {
  std::string episode = "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n";
  Read r = ReadYears(
      {Year("y21", kChild, episode,
            {{"r.csv", kReviews + "A1,01/02/2015,01/06/2021,PN1\nA1,01/02/2015,31/03/2022,PN1\n"},
             {"m.csv", kMissing + "A1,01/02/2015,M,20/03/2022,\n"}}),
       Year("y22", kChild + kNewChild, episode + kNewEpisode,
            {{"r.csv", kReviews + "A1,01/02/2015,31/03/2022,PN2\nA1,01/02/2015,01/09/2022,PN1\n"},
             {"m.csv", kMissing + "A1,01/02/2015,M,20/03/2022,02/04/2022\n"}})});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y22/r.csv:2: column 'REVIEW_CODE', value 'CHILD A1, the review of 31/03/2022: PN2 (was PN1 in "
            "y21/r.csv:3)': the review differs from the 2021-22 return; the latest year's value is kept\n");
  ASSERT_EQ(r.result->dataset.table("looked_after_reviews").size(), 3u);
  EXPECT_EQ(Cell(r, "looked_after_reviews", "participation", 1), "PN2");
  ASSERT_EQ(r.result->dataset.table("missing_episodes").size(), 1u);
  EXPECT_EQ(Cell(r, "missing_episodes", "end_date", 0), "2022-04-02");
  EXPECT_EQ(r.result->combined, 4u);  // header, episode, review, missing episode
  ExpectModelAccepts(*r.result);
}

// A social worker episode or deprivation of liberty order open at a year end is
// in the next year's return again: kept once, its end filled in; a changed SW_ID reported.
TEST(Ssda903Years, KeepsSocialWorkerEpisodesAndLibertyOrdersGivenInTwoYearsOnce) {
  const std::string workers = "CHILD,DOB,SW_ID,SW_DECOM,SW_DEC,SW_REASON\n";
  const std::string orders = "CHILD,DOB,DOLO_START,DOLO_END\n";
  std::string episode = "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n";
  Read r = ReadYears(
      {Year("y21", kChild, episode,
            {{"w.csv", workers + "A1,01/02/2015,SW1,01/05/2021,,\nA1,01/02/2015,SW2,01/03/2022,,\n"},
             {"d.csv", orders + "A1,01/02/2015,01/02/2022,\n"}}),
       Year("y22", kChild + kNewChild, episode + kNewEpisode,
            {{"w.csv", workers + "A1,01/02/2015,SW1,01/05/2021,01/06/2022,LEFTRL\nA1,01/02/2015,SW3,01/03/2022,,\n"},
             {"d.csv", orders + "A1,01/02/2015,01/02/2022,01/08/2022\n"}})});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y22/w.csv:3: column 'SW_ID', value 'CHILD A1, the social worker episode starting 01/03/2022: SW3 (was "
            "SW2 in y21/w.csv:3)': the social worker episode differs from the 2021-22 return; the latest year's "
            "value is kept\n");
  ASSERT_EQ(r.result->dataset.table("social_worker_episodes").size(), 2u);
  EXPECT_EQ(Cell(r, "social_worker_episodes", "end_date", 0), "2022-06-01");
  EXPECT_EQ(Cell(r, "social_worker_episodes", "change_reason", 0), "LEFTRL");
  EXPECT_EQ(Cell(r, "social_worker_episodes", "worker_id", 1), "SW3");
  ASSERT_EQ(r.result->dataset.table("liberty_deprivations").size(), 1u);
  EXPECT_EQ(Cell(r, "liberty_deprivations", "end_date", 0), "2022-08-01");
  EXPECT_EQ(r.result->combined, 5u);  // header, episode, two social worker episodes, the order
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Years, ReportsAMissingYearAndCleansTheWholeHistory) {
  // Open at the end of 2021-22; 2022-23 not given; 2023-24 starts a new episode.
  Read r = ReadYears({Year("y21", kChild, "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n"),
                      Year("y23", kChild, "A1,01/06/2023,S,C2,N1,U4,PR1,,,,,,\n")});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y23: column 'collection year', value '2022-23': no return of this year is given, between y21 (2021-22) "
            "and y23 (2023-24): what only its return records (episodes begun and ended in it, its reviews) is "
            "missing from the history\n"
            "y21/e.csv:2: column 'DEC', value 'CHILD A1: open -> 01/06/2023': open episode that is not the child's "
            "last: ended at the next episode's start (REC X1)\n");
  EXPECT_EQ(Cell(r, "looked_after_episodes", "dec", 0), "2023-06-01");
  EXPECT_EQ(r.result->fixed, 1u);
}

TEST(Ssda903Years, ReportsAnEpisodeOpenAtTheYearEndButNotInTheNextReturn) {
  Read r = ReadYears({Year("y21", kChild + "B2,2,01/03/2016,WBRI,,,\n",
                           "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\nB2,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n"),
                      Year("y22", "B2,2,01/03/2016,WBRI,,,\n" + kNewChild, "B2,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n" + kNewEpisode)});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "y21/e.csv:2: column 'DEC', value 'CHILD A1: open': the episode is open at the end of 2021-22 but not in "
            "the 2022-23 return (y22); kept as this return gives it\n");
  EXPECT_EQ(r.children, std::vector<std::string>{"900-A1"});
  EXPECT_EQ(r.result->dataset.table("looked_after_episodes").size(), 3u);
}

TEST(Ssda903Years, KeepsCareLeaverRowsOfEveryYearAndOneAdoption) {
  std::string leaver = "L1,2,10/10/2004,WBRI,,,\n";
  std::string ad1 = "CHILD,DOB,DATE_INT,DATE_MATCH,FOSTER_CARE,NB_ADOPTR,SEX_ADOPTR,LS_ADOPTR\n";
  Read r = ReadYears(
      {Year("y21", kChild + leaver, "A1,01/05/2021,S,E1,N1,A5,PR1,,,,,,\n",
            {{"o.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nL1,10/10/2004,YES,F2,B1\n"},  // F4 from 2022-23
             {"a.csv", ad1 + "A1,01/02/2015,01/06/2021,,0,2,MF,L0\n"}}),
       Year("y22", kChild + leaver + kNewChild, "A1,01/05/2021,S,E1,N1,A5,PR1,,,,,,\n" + kNewEpisode,
            {{"o.csv", "CHILD,DOB,IN_TOUCH,ACTIV,ACCOM\nL1,10/10/2004,YES,F4,B1\n"},
             {"a.csv", ad1 + "A1,01/02/2015,01/06/2021,01/09/2022,0,2,MF,L0\n"}})});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems, "");
  ASSERT_EQ(r.result->dataset.table("care_leavers").size(), 2u);
  EXPECT_EQ(Cell(r, "care_leavers", "as_at_date", 0), "2021-10-10");
  EXPECT_EQ(Cell(r, "care_leavers", "as_at_date", 1), "2022-10-10");
  ASSERT_EQ(r.result->dataset.table("adoptions").size(), 1u);
  EXPECT_EQ(Cell(r, "adoptions", "match_date", 0), "2022-09-01");
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Years, RefusesTwoReturnsOfOneYearOrAYearGivenForSeveral) {
  std::string episode = "A1,01/05/2021,S,C2,N1,U4,PR1,,,,,,\n";
  Read same = ReadYears({Year("a", kChild, episode), Year("b", kChild, episode)});
  ASSERT_FALSE(same.result.ok());
  EXPECT_EQ(same.result.status().message(),
            "a and b are both the 2021-22 return (a return's year is that of its latest DECOM): give one return per "
            "year");
  Read given = ReadYears({Year("a", kChild, episode), Year("b", kChild, episode)}, 2021);
  EXPECT_FALSE(given.result.ok());
}

}  // namespace
}  // namespace scrutiny
