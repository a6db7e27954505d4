#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "ingest/cin_census_reader.h"
#include "model/validator.h"
#include "dataset_check.h"
#include "sample_text.h"

namespace scrutiny {
namespace {

// A census message of the given year around the children's XML.
std::string Census(const std::string& children, int year = 2023) {
  return "<Message>\n<Header><CollectionDetails><Collection>CIN</Collection><Year>" + std::to_string(year) +
         "</Year><ReferenceDate>" + std::to_string(year) +
         "-03-31</ReferenceDate></CollectionDetails></Header>\n<Children>\n" + children + "</Children>\n</Message>\n";
}

// A child of 2015 with the given CINdetails, its sex item as given.
std::string Child(const std::string& details, const std::string& sex = "<GenderCurrent>1</GenderCurrent>",
                  const std::string& id = "C1") {
  return "<Child>\n<ChildIdentifiers><LAchildID>" + id + "</LAchildID><PersonBirthDate>2015-02-01</PersonBirthDate>" +
         sex + "</ChildIdentifiers>\n<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n" +
         details + "</Child>\n";
}

const std::string kOpenEpisode =
    "<CINdetails>\n<CINreferralDate>2022-06-01</CINreferralDate><ReferralSource>2A</ReferralSource>"
    "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>false</ReferralNFA>\n</CINdetails>\n";

// An episode of 2022-06-01 with these items inside.
std::string EpisodeWith(const std::string& inside) {
  return "<CINdetails>\n<CINreferralDate>2022-06-01</CINreferralDate><ReferralSource>2A</ReferralSource>"
         "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>0</ReferralNFA>\n" +
         inside + "</CINdetails>\n";
}

struct Read {
  Result<CinCensusReturn> result = Status::Internal("not read");
  std::string problems;  // one per line
  std::vector<std::string> children;  // each problem's child_id
  std::vector<std::string> fields;    // and model field
};

Read ReadText(const std::string& text, std::optional<int> year = std::nullopt) {
  Read r;
  Problems problems(SIZE_MAX);
  r.result = ReadCinCensus("cin.xml", text, {"900", "", year}, problems);
  for (const Problem& p : problems.kept()) {
    r.problems += p.ToString() + "\n";
    r.children.push_back(p.child_id);
    r.fields.push_back(p.model_field);
  }
  return r;
}

size_t Rows(const Read& r, std::string_view type) { return r.result->dataset.table(type).size(); }

std::string Cell(const Read& r, std::string_view type, std::string_view field, size_t row = 0) {
  const Table& t = r.result->dataset.table(type);
  return t.Format(t.type().IndexOf(field), row);
}

// An unborn child referred before the census is due after it: the expected date is not refused.
TEST(CinCensusReader, AnExpectedBirthMayBeAfterTheCensus) {
  std::string unborn = "<Child>\n<ChildIdentifiers><LAchildID>U1</LAchildID>"
                       "<ExpectedPersonBirthDate>2023-06-15</ExpectedPersonBirthDate><GenderCurrent>0</GenderCurrent>"
                       "</ChildIdentifiers>\n<ChildCharacteristics><Ethnicity>WBRI</Ethnicity></ChildCharacteristics>\n" +
                       kOpenEpisode + "</Child>\n";
  Read r = ReadText(Census(unborn));
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems, "");
  EXPECT_EQ(Cell(r, "children", "expected_date_of_birth"), "2023-06-15");
}

TEST(CinCensusReader, ReadsAChildAndEveryPartOfItsEpisode) {
  Read r = ReadText(Census(Child(EpisodeWith(
      "<CINclosureDate>2023-02-01</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>\n"
      "<Assessments><AssessmentActualStartDate>2022-06-02</AssessmentActualStartDate>"
      "<AssessmentAuthorisationDate>2022-07-01</AssessmentAuthorisationDate><FactorsIdentifiedAtAssessment>"
      "<AssessmentFactors>2A</AssessmentFactors><AssessmentFactors>3B</AssessmentFactors>"
      "</FactorsIdentifiedAtAssessment></Assessments>\n"
      "<Section47><S47ActualStartDate>2022-06-03</S47ActualStartDate><DateOfInitialCPC>2022-06-20</DateOfInitialCPC>"
      "<ICPCnotRequired>false</ICPCnotRequired></Section47>\n"
      "<CINPlanDates><CINPlanStartDate>2022-07-05</CINPlanStartDate></CINPlanDates>\n"
      "<ChildProtectionPlans><CPPstartDate>2022-06-20</CPPstartDate><CPPendDate>2022-12-01</CPPendDate>"
      "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse><NumberOfPreviousCPP>1</NumberOfPreviousCPP>"
      "<Reviews><CPPreviewDate>2022-09-01</CPPreviewDate><CPPreviewDate>2022-11-01</CPPreviewDate></Reviews>"
      "</ChildProtectionPlans>\n"))));
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems, "");
  EXPECT_EQ(r.result->collection_year, 2022);
  EXPECT_EQ(Cell(r, "children", "child_id"), "900-C1");
  EXPECT_EQ(Cell(r, "children", "sex"), "M");
  EXPECT_EQ(Cell(r, "cin_episodes", "cin_episode_id"), "900-C1-C1");
  EXPECT_EQ(Cell(r, "cin_episodes", "closure_reason"), "RC7");
  EXPECT_EQ(Cell(r, "referrals", "nfa"), "N");
  EXPECT_EQ(Cell(r, "assessments", "factors"), "2A;3B");
  EXPECT_EQ(Cell(r, "section47_enquiries", "icpc_date"), "2022-06-20");
  EXPECT_EQ(Rows(r, "cin_plans"), 1u);
  EXPECT_EQ(Cell(r, "cp_plans", "previous_plans"), "1");
  EXPECT_EQ(Rows(r, "cp_reviews"), 2u);
  ExpectModelAccepts(*r.result);
}

TEST(CinCensusReader, ReportsMalformedXmlWithItsLine) {
  Read r = ReadText("<Message>\n<Header>\n</Heder>\n</Message>\n");
  EXPECT_FALSE(r.result.ok());
  EXPECT_EQ(r.problems, "cin.xml:3: not well-formed XML: Start-end tags mismatch\n");
}

TEST(CinCensusReader, RefusesAnotherReturnsXml) {
  Read r = ReadText("<?xml version='1.0'?>\n<EXPSSDA903><CHILD/></EXPSSDA903>\n");
  EXPECT_FALSE(r.result.ok());
  EXPECT_EQ(r.problems, "cin.xml:2: column 'root element', value 'EXPSSDA903': a CIN return is a Message element\n");
  Read csww = ReadText("<Message><Header><CollectionDetails><Collection>CSWW</Collection></CollectionDetails>"
                       "</Header></Message>");
  EXPECT_FALSE(csww.result.ok());
  EXPECT_EQ(csww.problems, "cin.xml:1: column 'Collection', value 'CSWW': the header's Collection is CIN in this return\n");
}

TEST(CinCensusReader, LeavesOutEpisodesWithUnknownCodes) {
  std::string bad = "<CINdetails>\n<CINreferralDate>2022-06-01</CINreferralDate><ReferralSource>99</ReferralSource>"
                    "<PrimaryNeedCode>N1</PrimaryNeedCode><ReferralNFA>maybe</ReferralNFA>\n</CINdetails>\n";
  Read r = ReadText(Census(Child(kOpenEpisode + bad)));
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "cin.xml:11: column 'ReferralSource', value '99': ReferralSource is one of: 1A, 1B, 1C, 1D, 2A, 2B, 3A, 3B, "
            "3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, 9, 10\n"
            "cin.xml:11: column 'ReferralNFA', value 'maybe': ReferralNFA is true, false, 1 or 0\n");
  EXPECT_EQ(r.children, (std::vector<std::string>{"900-C1", "900-C1"}));  // the episode's child
  EXPECT_EQ(r.fields, (std::vector<std::string>{"referrals.source", "referrals.nfa"}));
  EXPECT_EQ(Rows(r, "cin_episodes"), 1u);
  EXPECT_EQ(r.result->episodes_left_out, 1u);
  EXPECT_EQ(r.result->children_left_out, 0u);
}

TEST(CinCensusReader, LeavesOutEpisodesWithDatesOutOfOrder) {
  Read r = ReadText(Census(Child(EpisodeWith(
      "<CINclosureDate>2022-05-01</CINclosureDate><ReasonForClosure>RC7</ReasonForClosure>\n"
      "<ChildProtectionPlans><CPPstartDate>2022-06-20</CPPstartDate><CPPendDate>2022-06-01</CPPendDate>"
      "<InitialCategoryOfAbuse>NEG</InitialCategoryOfAbuse></ChildProtectionPlans>\n"))));
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "cin.xml:9: column 'CINclosureDate', value '2022-05-01': CINclosureDate is not before CINreferralDate\n"
            "cin.xml:10: column 'CPPendDate', value '2022-06-01': CPPendDate is not before CPPstartDate\n"
            "cin.xml:7: column 'CINdetails', value '900-C1': the child has no CINdetails that could be read\n");
  EXPECT_EQ(Rows(r, "children"), 0u);
  EXPECT_EQ(Rows(r, "referrals"), 0u);
  EXPECT_EQ(r.result->children_left_out, 1u);
}

TEST(CinCensusReader, ReportsMissingRequiredItemsAndDatesAfterTheCensus) {
  Read r = ReadText(Census(Child(EpisodeWith(
      "<Assessments><AssessmentAuthorisationDate>2023-04-01</AssessmentAuthorisationDate></Assessments>\n"))));
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "cin.xml:9: column 'AssessmentActualStartDate', value '': AssessmentActualStartDate is required\n"
            "cin.xml:9: column 'AssessmentAuthorisationDate', value '2023-04-01': a date of this return is not after "
            "2023-03-31\n"
            "cin.xml:7: column 'CINdetails', value '900-C1': the child has no CINdetails that could be read\n");
  Read no_ethnicity = ReadText(Census(
      "<Child><ChildIdentifiers><LAchildID>C2</LAchildID><GenderCurrent>2</GenderCurrent></ChildIdentifiers>\n" +
      kOpenEpisode + "</Child>\n"));
  EXPECT_EQ(no_ethnicity.problems,
            "cin.xml:4: column 'PersonBirthDate', value '': PersonBirthDate or ExpectedPersonBirthDate is required\n"
            "cin.xml:4: column 'Ethnicity', value '': Ethnicity is required\n");
  EXPECT_EQ(Rows(no_ethnicity, "cin_episodes"), 0u);
}

TEST(CinCensusReader, ReadsSexByCensusYear) {
  Read before = ReadText(Census(Child(kOpenEpisode, "<GenderCurrent>9</GenderCurrent>")));
  EXPECT_EQ(before.problems, "");
  EXPECT_EQ(Cell(before, "children", "sex"), "U");
  Read letters = ReadText(Census(Child(kOpenEpisode, "<Sex>F</Sex>"), 2025));
  EXPECT_EQ(letters.problems, "");
  EXPECT_EQ(letters.result->collection_year, 2024);
  EXPECT_EQ(Cell(letters, "children", "sex"), "F");
  Read old_item = ReadText(Census(Child(kOpenEpisode, "<GenderCurrent>1</GenderCurrent>"), 2025));
  EXPECT_EQ(old_item.problems,
            "cin.xml:5: column 'GenderCurrent', value '1': the 2024-25 census gives Sex, not GenderCurrent\n");
  Read new_code_early = ReadText(Census(Child(kOpenEpisode, "<GenderCurrent>M</GenderCurrent>"), 2017));
  EXPECT_EQ(new_code_early.problems,
            "cin.xml:5: column 'GenderCurrent', value 'M': GenderCurrent in the 2016-17 census is 1, 2, 0 or 9\n"
            "cin.xml:8: column 'CINreferralDate', value '2022-06-01': a date of this return is not after 2017-03-31\n");
  Read given = ReadText(Census(Child(kOpenEpisode, "<Sex>U</Sex>"), 2025), 2024);
  EXPECT_EQ(given.problems, "");
}

TEST(CinCensusReader, NeedsAYearFromTheHeaderOrTheCommand) {
  std::string no_year = "<Message><Header><CollectionDetails><Collection>CIN</Collection></CollectionDetails></Header>"
                        "<Children>" + Child(kOpenEpisode) + "</Children></Message>";
  Read refused = ReadText(no_year);
  ASSERT_FALSE(refused.result.ok());
  EXPECT_EQ(refused.result.status().message(), "cin.xml: the header has no census Year; give the year");
  Read given = ReadText(no_year, 2022);
  ASSERT_TRUE(given.result.ok());
  EXPECT_EQ(given.problems, "");
  EXPECT_EQ(Rows(given, "cin_episodes"), 1u);
}

// A census of another year than the one asked for is refused (mixed years).
TEST(CinCensusReader, RefusesAFileOfAnotherYearThanGiven) {
  Read r = ReadText(Census(Child(kOpenEpisode), 2023), 2023);
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.status().message(),
            "cin.xml:2: the header's Year 2023 is the collection year 2022, not 2023 as given; is the file of another "
            "year?");
}

// Text that is not UTF-8 is refused with its line, unless the file declares
// Latin-1, which is then read as such.
TEST(CinCensusReader, RefusesBytesThatAreNotUtf8UnlessLatin1IsDeclared) {
  std::string child = Child(kOpenEpisode, "<GenderCurrent>1</GenderCurrent>", "Z\xE9");
  Read r = ReadText(Census(child));
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.problems, "cin.xml:5: byte 203 (0xE9) is not UTF-8 and the file declares no other encoding: "
                        "save it as UTF-8 (or declare encoding=\"ISO-8859-1\" if it is Latin-1)\n");
  Read latin1 = ReadText("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" + Census(child));
  ASSERT_TRUE(latin1.result.ok());
  EXPECT_EQ(latin1.problems, "cin.xml:6: column 'LAchildID', value 'Z\xC3\xA9': LAchildID is letters, digits or "
                             "- _ . /, at most 48 with the council code\n");
}

TEST(CinCensusReader, RefusesASecondChildWithTheSameId) {
  Read r = ReadText(Census(Child(kOpenEpisode) + Child(kOpenEpisode)));
  EXPECT_EQ(r.problems, "cin.xml:12: column 'LAchildID', value 'C1': a second Child with this LAchildID\n");
  EXPECT_EQ(r.children, std::vector<std::string>{"900-C1"});
  EXPECT_EQ(Rows(r, "children"), 1u);
  EXPECT_EQ(r.result->children_left_out, 1u);
  Read spaced = ReadText(Census(Child(kOpenEpisode, "<GenderCurrent>1</GenderCurrent>", "C 1")));
  EXPECT_EQ(spaced.problems, "cin.xml:5: column 'LAchildID', value 'C 1': LAchildID is letters, digits or - _ . /, "
                             "at most 48 with the council code\n");
  EXPECT_EQ(spaced.children, std::vector<std::string>{""});  // an identifier that could name no child
  EXPECT_EQ(Rows(spaced, "referrals"), 0u);
}

std::map<std::string, size_t> ByRule(const std::string& name, CinCensusReturn* read) {
  Problems problems(SIZE_MAX);
  auto r = ReadCinCensus(name, SampleText("cin-census/" + name), {"900", "", std::nullopt}, problems);
  EXPECT_TRUE(r.ok()) << r.status().message();
  std::map<std::string, size_t> by_rule;
  for (const Problem& p : problems.kept()) ++by_rule[p.rule];
  if (r.ok()) *read = std::move(*r);
  return by_rule;
}

// The public fake census (data-to-insight, MIT) with its deliberate faults,
// counted by an independent script (tests/samples/count_faults.py): 17 dates
// after the ReferenceDate 2022-07-21 in 14 of 402 CINdetails, leaving 7 of 332
// children with no episode.
TEST(CinCensusReader, ReadsThePublicSampleReportingItsFaults) {
  CinCensusReturn r;
  auto by_rule = ByRule("fake_CIN_data.xml", &r);
  EXPECT_EQ(r.collection_year, 2021);
  EXPECT_EQ(by_rule["a date of this return is not after 2022-07-21"], 17u);
  EXPECT_EQ(by_rule["the child has no CINdetails that could be read"], 7u);
  EXPECT_EQ(r.children, 332u);
  EXPECT_EQ(r.children_left_out, 7u);
  EXPECT_EQ(r.episodes, 402u);
  EXPECT_EQ(r.episodes_left_out, 14u);
  EXPECT_EQ(r.dataset.table("cin_episodes").size(), 388u);
  ExpectModelAccepts(r);
}

// The one child of the other sample has every fault of the validator's tests;
// checked by hand against the file.
TEST(CinCensusReader, ReadsTheOneChildSampleReportingItsFaults) {
  CinCensusReturn r;
  auto by_rule = ByRule("CIN_Census_2021.xml", &r);
  EXPECT_EQ(r.collection_year, 2022);
  EXPECT_EQ(by_rule["a date is YYYY-MM-DD, names a real day and is after 1900"], 1u);  // ExpectedPersonBirthDate 1066
  EXPECT_EQ(by_rule["CINclosureDate is not before CINreferralDate"], 0u);
  EXPECT_EQ(by_rule["AssessmentAuthorisationDate is not before AssessmentActualStartDate"], 0u);
  EXPECT_EQ(r.children_left_out, 1u);
  EXPECT_EQ(r.dataset.TotalRows(), 1u);  // the council only
}

}  // namespace
}  // namespace scrutiny
