#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "ingest/annex_a_codes.h"
#include "ingest/annex_a_reader.h"
#include "ingest/model_record.h"
#include "model/validator.h"
#include "xlsx_fixture.h"

namespace scrutiny {
namespace {

using testing::InlineRow;
using testing::WorkbookParts;
using testing::WriteZip;
using testing::XlsxSheetXml;

const std::vector<std::string> kList1Header = {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age",
                                                "Date of Contact", "Contact Source"};

struct Read {
  Result<AnnexAReturn> result = Status::Internal("not read");
  std::vector<std::string> problems;
  std::vector<std::string> children;  // each problem's child_id
  std::vector<std::string> fields;    // and model field
  std::vector<std::string> teams;     // and team
};

class AnnexAReaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("annex_a_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  Read ReadSheets(const std::vector<XlsxSheetXml>& sheets) {
    auto path = dir_ / "a.xlsx";
    EXPECT_TRUE(WriteZip(path, WorkbookParts(sheets)));
    return ReadPath(path.string());
  }
  // List 1 with the header and the rows given, each row numbered from 2.
  Read ReadList1(const std::vector<std::vector<std::string>>& rows) {
    std::string xml = InlineRow(1, kList1Header);
    for (size_t i = 0; i < rows.size(); ++i) xml += InlineRow(static_cast<int>(i + 2), rows[i]);
    return ReadSheets({{"List 1", xml}});
  }
  static Read ReadPath(const std::string& path, std::optional<Date> as_at = std::nullopt) {
    Read r;
    Problems problems(SIZE_MAX);
    r.result = ReadAnnexAFile(path, {"900", "", as_at}, problems);
    for (const Problem& p : problems.kept()) {
      r.problems.push_back(p.ToString());
      r.children.push_back(p.child_id);
      r.fields.push_back(p.model_field);
      r.teams.push_back(p.team_id);
    }
    return r;
  }
  std::filesystem::path dir_;
};

size_t Rows(const Read& r, std::string_view type) { return r.result->dataset.table(type).size(); }
std::string Value(const Read& r, std::string_view type, std::string_view field, size_t row = 0) {
  const Table& t = r.result->dataset.table(type);
  return t.Format(t.type().IndexOf(field), row);
}

TEST(AnnexACode, MapsLetteredLabelledAndBareValues) {
  EXPECT_EQ(AnnexACode("sex", "a) Male"), "M");
  EXPECT_EQ(AnnexACode("sex", "Female"), "F");
  EXPECT_EQ(AnnexACode("sex", "c) Not stated/recorded"), "U");
  EXPECT_EQ(AnnexACode("sex", "d) Neither"), "U");
  EXPECT_EQ(AnnexACode("referral_source", "q) 6: Police"), "6");
  EXPECT_EQ(AnnexACode("referral_source", "b) 1B: Individual"), "1B");
  EXPECT_EQ(AnnexACode("referral_source", "10"), "10");
  EXPECT_EQ(AnnexACode("ethnicity", "k) APKN"), "APKN");
  EXPECT_EQ(AnnexACode("primary_need", "N1 - Abuse or Neglect"), "N1");
  EXPECT_EQ(AnnexACode("abuse_category", "Physical abuse"), "PHY");
  EXPECT_EQ(AnnexACode("abuse_category", "e) Multiple/not recommended"), "MUL");
  EXPECT_EQ(AnnexACode("yes_no", "a) Yes"), "Y");
  EXPECT_EQ(AnnexACode("yes_no", "No"), "N");
  EXPECT_FALSE(AnnexACode("primary_need", "PSRMEM - Support with memory and cognition"));
  EXPECT_FALSE(AnnexACode("sex", "-"));
  EXPECT_FALSE(AnnexACode("yes_no", "CS Assessment Updated"));
}

TEST(AnnexACodes, RemembersEachListsValuesWithoutMixingLists) {
  AnnexACodes codes;
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_EQ(codes.Code("sex", "a) Male"), "M");
    EXPECT_EQ(codes.Code("yes_no", "N"), "N");
    EXPECT_EQ(codes.Code("sex", "N"), std::nullopt);  // not a sex code, though a yes_no one
    EXPECT_EQ(codes.Code("referral_source", "q) 6: Police"), "6");
    EXPECT_EQ(codes.Code("ethnicity", "-"), std::nullopt);
  }
  for (int i = 0; i < 5000; ++i) EXPECT_EQ(codes.Code("ethnicity", std::to_string(i) + "X"), std::nullopt);
  EXPECT_EQ(codes.Code("ethnicity", "k) APKN"), "APKN");  // beyond what is remembered, still found
}

TEST(AnnexACodes, RemembersSharedStringsByIndexForEachList) {
  AnnexACodes codes;
  for (int pass = 0; pass < 2; ++pass) {
    EXPECT_EQ(codes.Code("sex", "a) Male", 7), "M");
    EXPECT_EQ(codes.Code("yes_no", "N", 3), "N");
    EXPECT_EQ(codes.Code("sex", "N", 3), std::nullopt);  // the same string, another list
    EXPECT_EQ(codes.Code("abuse_category", "Multiple (not recommended)", 5000), "MUL");  // a label's code
    EXPECT_EQ(codes.Code("sex", "b) Female", -1), "F");  // no shared string
    EXPECT_EQ(codes.Code("sex", "b) Female", 2000000), "F");  // beyond what is remembered by index
  }
}

TEST(EarlyHelpOrganisation, ReadsTheKindFromTheName) {
  EXPECT_EQ(EarlyHelpOrganisation("Top Town Academy"), "SCHOOL");
  EXPECT_EQ(EarlyHelpOrganisation("Early Help Locality 2"), "LA");
  EXPECT_EQ(EarlyHelpOrganisation("Community Health Trust"), "HEALTH");
  EXPECT_EQ(EarlyHelpOrganisation("VOLUNTARY"), "VOLUNTARY");
  EXPECT_EQ(EarlyHelpOrganisation("Acme Ltd"), "OTHER");
  EXPECT_EQ(EarlyHelpOrganisation("-"), "");
}

TEST_F(AnnexAReaderTest, ReadsContactsWithLetteredCodesAndDatesAsSerialsOrText) {
  Read r = ReadList1({{"C1", "a) Male", "a) WBRI", "42029", "6.1", "44090", "q) 6: Police"},
                      {"C2", "Female", "APKN", "01/02/2015", "5", "2020-09-17", "1B"},
                      {"C3", "b) Female", "s) NOBT", "2015-02-01", "5", "16/09/2020", "-"}});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  ASSERT_EQ(Rows(r, "contacts"), 2u);
  EXPECT_EQ(Value(r, "contacts", "contact_id"), "900-L1-2");
  EXPECT_EQ(Value(r, "contacts", "child_id"), "900-C1");
  EXPECT_EQ(Value(r, "contacts", "contact_date"), "2020-09-16");
  EXPECT_EQ(Value(r, "contacts", "source"), "6");
  EXPECT_EQ(Value(r, "contacts", "contact_date", 1), "2020-09-17");
  ASSERT_EQ(Rows(r, "children"), 2u);
  EXPECT_EQ(Value(r, "children", "sex"), "M");
  EXPECT_EQ(Value(r, "children", "date_of_birth"), "2015-01-25");
  EXPECT_EQ(Value(r, "children", "date_of_birth", 1), "2015-02-01");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "a.xlsx[List 1]:4: column 'Contact Source [G]', value '': a value is required");
  EXPECT_EQ(r.result->sheets[0].rows, 3u);
  EXPECT_EQ(r.result->sheets[0].left_out, 1u);
}

// Case systems export dates with a time of day, and some without leading
// zeros; the day is read and the time left, but a two-digit year, or text
// after the date that is no time of day, is still refused.
TEST_F(AnnexAReaderTest, ReadsDatesWithATimeOfDayOrWithoutLeadingZeros) {
  Read r = ReadList1({{"C1", "M", "WBRI", "25/01/2015 00:00", "", "16/09/2020 14:35:09", "6"},
                      {"C2", "M", "WBRI", "2015-01-25T00:00:00.000Z", "", "2020-09-17 23:59", "6"},
                      {"C3", "M", "WBRI", "5/1/2015", "", "7/9/2020 09:30", "6"},
                      {"C4", "M", "WBRI", "25/01/2015 24:00", "", "16/09/2020", "6"},
                      {"C5", "M", "WBRI", "25/01/2015", "", "16/09/2020 noon", "6"},
                      {"C6", "M", "WBRI", "25/01/2015", "", "2020-09-16T10:00:00.1234567890", "6"},
                      {"C7", "M", "WBRI", "25/01/15", "", "31/2/2020", "6"}});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  ASSERT_EQ(Rows(r, "contacts"), 3u);
  EXPECT_EQ(Value(r, "contacts", "contact_date"), "2020-09-16");
  EXPECT_EQ(Value(r, "contacts", "contact_date", 1), "2020-09-17");
  EXPECT_EQ(Value(r, "contacts", "contact_date", 2), "2020-09-07");
  EXPECT_EQ(Value(r, "children", "date_of_birth", 1), "2015-01-25");
  EXPECT_EQ(Value(r, "children", "date_of_birth", 2), "2015-01-05");
  const std::string rule = "a date is an Excel date, DD/MM/YYYY (or D/M/YYYY) or YYYY-MM-DD, with or without a "
                           "time of day, names a real day and is from 1900";
  std::vector<std::string> expected = {
      "a.xlsx[List 1]:5: column 'Date of Birth [D]', value '25/01/2015 24:00': " + rule,
      "a.xlsx[List 1]:6: column 'Date of Contact [F]', value '16/09/2020 noon': " + rule,
      "a.xlsx[List 1]:7: column 'Date of Contact [F]', value '2020-09-16T10:00:00.1234567890': " + rule,
      "a.xlsx[List 1]:8: column 'Date of Birth [D]', value '25/01/15': " + rule,
      "a.xlsx[List 1]:8: column 'Date of Contact [F]', value '31/2/2020': " + rule,
  };
  EXPECT_EQ(r.problems, expected);
}

TEST_F(AnnexAReaderTest, MatchesHeadersWhateverTheirCasePunctuationOrderOrPlace) {
  std::string xml = InlineRow(1, {"Contacts received, six months to inspection"}) +
                    InlineRow(3, {"notes", "CONTACT SOURCE", "date of contact)", "child unique id", "gender",
                                  "Ethnicity", "Date  of  Birth"}) +
                    InlineRow(4, {"x", "q) 6: Police", "44090", "C1", "a) Male", "a) WBRI", "42029"});
  Read r = ReadSheets({{"Contacts", xml}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_TRUE(r.problems.empty()) << r.problems[0];
  ASSERT_EQ(Rows(r, "contacts"), 1u);
  EXPECT_EQ(Value(r, "contacts", "source"), "6");
  EXPECT_EQ(r.result->sheets[0].list, 1);
}

// A sheet's first rows are held while its header is looked for among them and
// the rest are read as they come: rows on either side of the tenth alike.
TEST_F(AnnexAReaderTest, ReadsTheRowsHeldWithTheHeaderAndThoseAfterAlike) {
  std::string xml = InlineRow(1, {"List 1: contacts"}) + InlineRow(2, kList1Header);
  for (int row = 3; row <= 14; ++row) {
    std::string gender = row == 10 || row == 12 ? "z) Other" : "a) Male";
    std::string child = "C";  // not "C" + std::to_string(row): g++ 12 warns of an overlap that is not there
    child += std::to_string(row);
    xml += InlineRow(row, {child, gender, "a) WBRI", "42029", "", "44090", "6"});
  }
  Read r = ReadSheets({{"List 1", xml}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(Rows(r, "contacts"), 10u);
  EXPECT_EQ(Value(r, "contacts", "child_id", 0), "900-C3");
  EXPECT_EQ(Value(r, "contacts", "child_id", 9), "900-C14");
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].substr(0, 20), "a.xlsx[List 1]:10: c");
  EXPECT_EQ(r.problems[1].substr(0, 20), "a.xlsx[List 1]:12: c");
  EXPECT_EQ(r.result->sheets[0].rows, 12u);
  EXPECT_EQ(r.result->sheets[0].left_out, 2u);
}

// A workbook is read sheet by sheet, but one found damaged part-way is refused
// whole: no records, and no problems of the rows read before the damage.
TEST_F(AnnexAReaderTest, RefusesAWorkbookDamagedPartWayWithNoProblemsOfItsRows) {
  std::string list1 =
      InlineRow(1, kList1Header) + InlineRow(2, {"C 1", "a) Male", "a) WBRI", "42029", "", "44090", "6"});
  std::string list2 = InlineRow(1, {"Child Unique ID"}) + "<row r=\"2\"><c r=\"A2\"><v>1</v></row>";
  Read r = ReadSheets({{"List 1", list1}, {"List 2", list2}});
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.status().message(), (dir_ / "a.xlsx").string() +
                                             ": part xl/worksheets/sheet2.xml is not well-formed XML: line 1: the end "
                                             "tag </row> where </c> should be");
  EXPECT_TRUE(r.problems.empty()) << r.problems[0];
}

// Lists 3 to 8 name the team the child is allocated to: a team is made of
// each name (one of names that differ only in case and punctuation), so that
// a council with only Annex A can see its figures by team.
TEST_F(AnnexAReaderTest, MakesATeamOfEachAllocatedTeamNamed) {
  std::string xml = InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral",
                                  "Referral Source", "Referral NFA?", "Allocated Team", "Allocated Worker"});
  xml += InlineRow(2, {"C1", "M", "WBRI", "2015-01-01", "2020-09-16", "6", "No", "Assessment  Team 2", "Jo Bloggs"});
  xml += InlineRow(3, {"C2", "F", "WBRI", "2015-01-01", "2020-09-17", "6", "No", "ASSESSMENT TEAM (2)", ""});
  xml += InlineRow(4, {"C3", "F", "WBRI", "2015-01-01", "2020-09-18", "6", "No", "", ""});
  xml += InlineRow(5, {"C4", "F", "WBRI", "2015-01-01", "2020-09-19", "6", "No", "--", ""});
  xml += InlineRow(6, {"C5", "F", "WBRI", "2015-01-01", "2020-09-20", "6", "No", "Front Door", ""});
  Read r = ReadSheets({{"List 3", xml}});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  ASSERT_EQ(Rows(r, "referrals"), 5u);
  EXPECT_EQ(Value(r, "referrals", "team_id", 0), "900-team-assessment-team-2");
  EXPECT_EQ(Value(r, "referrals", "team_id", 1), "900-team-assessment-team-2");
  EXPECT_EQ(Value(r, "referrals", "team_id", 2), "");
  EXPECT_EQ(Value(r, "referrals", "team_id", 3), "");
  EXPECT_EQ(Value(r, "referrals", "team_id", 4), "900-team-front-door");
  ASSERT_EQ(Rows(r, "teams"), 2u);
  EXPECT_EQ(Value(r, "teams", "name", 0), "Assessment  Team 2");
  EXPECT_EQ(Value(r, "teams", "service_area", 0), "");
  EXPECT_EQ(Value(r, "teams", "name", 1), "Front Door");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "a.xlsx[List 3]:5: column 'Allocated Team [H]', value '--': a team is named with letters "
                           "or digits; the row is kept without its team");
}

// A row's problems name the team the row names, also when the row is left out, so that
// `scrutiny check` counts them against that team (docs/check.md).
TEST_F(AnnexAReaderTest, NamesTheTeamOfEachRowProblem) {
  std::string xml = InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral",
                                  "Referral Source", "Referral NFA?", "Allocated Team"});
  xml += InlineRow(2, {"C1", "M", "WBRI", "2015-01-01", "2020-09-31", "6", "No", "Assessment Team 2"});
  xml += InlineRow(3, {"C2", "F", "WBRI", "2015-01-01", "2020-09-17", "99", "No", ""});
  Read r = ReadSheets({{"List 3", xml}});
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(Rows(r, "referrals"), 0u);
  EXPECT_EQ(r.children, (std::vector<std::string>{"900-C1", "900-C2"}));
  EXPECT_EQ(r.fields, (std::vector<std::string>{"referrals.referral_date", "referrals.source"}));
  EXPECT_EQ(r.teams, (std::vector<std::string>{"900-team-assessment-team-2", ""}));
}

// Team names given as shared strings (as Excel writes them) are read as their
// text; a name of no letter or digit is reported on every row it is on.
TEST_F(AnnexAReaderTest, ReadsTeamsGivenAsSharedStringsAsTheirText) {
  auto row = [](int number, int team) {
    std::string n = std::to_string(number);
    return "<row r=\"" + n + "\"><c r=\"A" + n + "\" t=\"inlineStr\"><is><t>C" + n +
           "</t></is></c><c r=\"B" + n + "\" t=\"s\"><v>2</v></c><c r=\"C" + n + "\" t=\"s\"><v>3</v></c><c r=\"D" +
           n + "\"><v>42029</v></c><c r=\"E" + n + "\"><v>44090</v></c><c r=\"F" + n + "\"><v>6</v></c><c r=\"G" + n +
           "\" t=\"s\"><v>4</v></c><c r=\"H" + n + "\" t=\"s\"><v>" + std::to_string(team) + "</v></c></row>";
  };
  std::string xml = InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date of Referral",
                                  "Referral Source", "Referral NFA?", "Allocated Team"}) +
                    row(2, 0) + row(3, 1) + row(4, 0) + row(5, 1) + row(6, 0);
  auto path = dir_ / "teams.xlsx";
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 3", xml}}, {"Front Door", "--", "a) Male", "a) WBRI", "No"})));
  Read r = ReadPath(path.string());
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  ASSERT_EQ(Rows(r, "referrals"), 5u);
  for (size_t i : {0u, 2u, 4u}) EXPECT_EQ(Value(r, "referrals", "team_id", i), "900-team-front-door");
  for (size_t i : {1u, 3u}) EXPECT_EQ(Value(r, "referrals", "team_id", i), "");
  EXPECT_EQ(Rows(r, "teams"), 1u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[1], "teams.xlsx[List 3]:5: column 'Allocated Team [H]', value '--': a team is named with "
                           "letters or digits; the row is kept without its team");
}

TEST_F(AnnexAReaderTest, ReadsTheCurlyQuotedAndBracketedHeadersOfList7) {
  std::string xml =
      InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Child Protection Plan Start Date",
                    "\xE2\x80\x98Initial\xE2\x80\x99 Category of Abuse", "Latest Category of Abuse",
                    "Child Protection Plan End Date", "Number of Previous Child Protection Plans)", "Notes"}) +
      InlineRow(2, {"C1", "a) Male", "a) WBRI", "42029", "44158", "Neglect", "-", "-", "2", "x"}) +
      InlineRow(3, {"C2", "a) Male", "a) WBRI", "42029", "44158", "d) Emotional abuse", "", "", "two"});
  Read r = ReadSheets({{"List 7", xml}});
  ASSERT_TRUE(r.result.ok());
  ASSERT_EQ(Rows(r, "cp_plans"), 1u);
  EXPECT_EQ(Value(r, "cp_plans", "initial_category"), "NEG");
  EXPECT_EQ(Value(r, "cp_plans", "latest_category"), "");
  EXPECT_EQ(Value(r, "cp_plans", "end_date"), "");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "a.xlsx[List 7]:3: column 'Number of Previous Child Protection Plans) [I]', "
                           "value 'two': a count is a whole number, 0 or more");
}

// Child ids that are shared strings are remembered by their index: the same
// child from every row, whether its id is shared or inline, and a bad id
// reported on every row that gives it.
TEST_F(AnnexAReaderTest, ReadsChildIdsGivenAsSharedStringsAsTheirText) {
  auto shared = [](int column, int row, int index) {
    return "<c r=\"" + std::string(1, static_cast<char>('A' + column)) + std::to_string(row) + "\" t=\"s\"><v>" +
           std::to_string(index) + "</v></c>";
  };
  auto row = [&](int number, int id_index) {
    return "<row r=\"" + std::to_string(number) + "\">" + shared(0, number, id_index) + shared(1, number, 2) +
           shared(2, number, 3) + "<c r=\"D" + std::to_string(number) + "\"><v>42029</v></c><c r=\"F" +
           std::to_string(number) + "\"><v>44090</v></c><c r=\"G" + std::to_string(number) + "\"><v>6</v></c></row>";
  };
  std::string xml = InlineRow(1, kList1Header) + row(2, 0) + row(3, 1) + row(4, 0) + row(5, 1) +
                    InlineRow(6, {"C1", "a) Male", "a) WBRI", "42029", "", "44090", "6"});
  auto path = dir_ / "shared.xlsx";
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", xml}}, {"C1", "C 2", "a) Male", "a) WBRI"})));
  Read r = ReadPath(path.string());
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(Rows(r, "contacts"), 3u);
  EXPECT_EQ(Rows(r, "children"), 1u);
  for (size_t i = 0; i < 3; ++i) EXPECT_EQ(Value(r, "contacts", "child_id", i), "900-C1");
  std::vector<std::string> expected = {
      "shared.xlsx[List 1]:3: column 'Child Unique ID [A]', value 'C 2': a child's identifier is 1 to 60 letters, "
      "digits or - _ . /",
      "shared.xlsx[List 1]:5: column 'Child Unique ID [A]', value 'C 2': a child's identifier is 1 to 60 letters, "
      "digits or - _ . /",
  };
  EXPECT_EQ(r.problems, expected);
}

// A row's problems name its child, as the model names it, and the field the column becomes,
// so that `scrutiny check` counts them by child and team and against the indicators that use
// the field (docs/check.md); a row whose child identifier could be none names no child.
TEST_F(AnnexAReaderTest, NamesTheChildAndFieldOfEachRowProblem) {
  Read r = ReadList1({{"C1", "a) Male", "a) WBRI", "42029", "", "31/02/2020", "6"},
                      {"C 2", "z) Other", "a) WBRI", "42029", "", "44090", "6"},
                      {"C3", "a) Male", "a) WBRI", "42029", "", "44090", "6"}});
  ASSERT_TRUE(r.result.ok());
  ASSERT_EQ(r.problems.size(), 3u);
  EXPECT_EQ(r.children, (std::vector<std::string>{"900-C1", "", ""}));
  EXPECT_EQ(r.fields, (std::vector<std::string>{"contacts.contact_date", "", "children.sex"}));
}

TEST_F(AnnexAReaderTest, ReportsEveryBadValueWithItsRule) {
  Read r = ReadList1({{"C 1", "a) Male", "a) WBRI", "42029", "", "44090", "6"},
                      {"C2", "z) Other", "a) WBRI", "42029", "", "44090", "6"},
                      {"C3", "a) Male", "WHITE", "42029", "", "44090", "6"},
                      {"C4", "a) Male", "a) WBRI", "60", "", "44090", "6"},
                      {"C5", "a) Male", "a) WBRI", "31/02/2015", "", "44090", "6"},
                      {"C6", "a) Male", "a) WBRI", "42029", "", "44090", "q) 11: Court"},
                      {"C7", "a) Male", "a) WBRI", "0", "", "44090", "6"},
                      {"C8", "a) Male", "a) WBRI", "2958466", "", "44090", "6"},
                      {"C9", "a) Male", "a) WBRI", "60.5", "", "44090", "6"}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(Rows(r, "contacts"), 0u);
  std::vector<std::string> expected = {
      "a.xlsx[List 1]:2: column 'Child Unique ID [A]', value 'C 1': a child's identifier is 1 to 60 letters, digits "
      "or - _ . /",
      "a.xlsx[List 1]:3: column 'Gender [B]', value 'z) Other': not a code of sex (M, F, U), lettered or labelled "
      "as in the template",
      "a.xlsx[List 1]:4: column 'Ethnicity [C]', value 'WHITE': not a code of ethnicity (WBRI, WIRI, WOTH, WIRT, "
      "WROM, MWBC, MWBA, MWAS, MOTH, AIND, APKN, ABAN, AOTH, BCRB, BAFR, BOTH, CHNE, OOTH, REFU, NOBT), lettered or "
      "labelled as in the template",
      "a.xlsx[List 1]:5: column 'Date of Birth [D]', value '60': Excel's day 60 is 29/02/1900, a day that never was",
      "a.xlsx[List 1]:6: column 'Date of Birth [D]', value '31/02/2015': a date is an Excel date, DD/MM/YYYY (or "
      "D/M/YYYY) or YYYY-MM-DD, with or without a time of day, names a real day and is from 1900",
      "a.xlsx[List 1]:7: column 'Contact Source [G]', value 'q) 11: Court': not a code of referral_source (1A, 1B, "
      "1C, 1D, 2A, 2B, 3A, 3B, 3C, 3D, 3E, 3F, 4, 5A, 5B, 5C, 5D, 6, 7, 8, 9, 10), lettered or labelled as in the "
      "template",
      "a.xlsx[List 1]:8: column 'Date of Birth [D]', value '0': a date is an Excel date, DD/MM/YYYY (or "
      "D/M/YYYY) or YYYY-MM-DD, with or without a time of day, names a real day and is from 1900",
      "a.xlsx[List 1]:9: column 'Date of Birth [D]', value '2958466': a date is an Excel date, DD/MM/YYYY (or "
      "D/M/YYYY) or YYYY-MM-DD, with or without a time of day, names a real day and is from 1900",
      "a.xlsx[List 1]:10: column 'Date of Birth [D]', value '60.5': Excel's day 60 is 29/02/1900, a day that never "
      "was",
  };
  EXPECT_EQ(r.problems, expected);
}

TEST_F(AnnexAReaderTest, ReportsAListWithoutAColumnItNeedsAndASheetOfNoList) {
  Read r = ReadSheets({{"List 1", InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth",
                                                "Date of Contact"}) +
                                      InlineRow(2, {"C1", "a) Male", "a) WBRI", "42029", "44090"})},
                       {"Notes", InlineRow(1, {"Read me first"})},
                       {"List 11", InlineRow(1, {"Individual adopter identifier"})}});
  ASSERT_TRUE(r.result.ok());
  std::vector<std::string> expected = {
      "a.xlsx[List 1]:1: column 'Contact Source', value '': List 1 is not read without a column headed 'Contact "
      "Source'",
      "a.xlsx[Notes]: the sheet holds no Annex A list Scrutiny reads (by name or header)",
      "a.xlsx[List 11]:1: column 'Date enquiry received', value '': List 11 is not read without a column headed "
      "'Date enquiry received'",
      "a.xlsx[List 11]:1: column 'Date Stage 1 started', value '': List 11 is not read without a column headed "
      "'Date Stage 1 started'",
      "a.xlsx[List 11]:1: column 'Date application approved', value '': List 11 is not read without a column "
      "headed 'Date application approved'",
  };
  EXPECT_EQ(r.problems, expected);
  EXPECT_EQ(r.result->dataset.TotalRows(), 1u);  // the council
  EXPECT_TRUE(r.result->sheets[2].record_type.empty());
}

TEST_F(AnnexAReaderTest, ReadsAFolderOfOneCsvFilePerList) {
  auto dir = dir_ / "lists";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "List 3.csv")
      << "Child Unique ID,Gender,Ethnicity,Date of Birth,Age,Date of Referral,Referral Source,Referral NFA?\n"
         "R1,a) Male,a) WBRI,01/02/2015,5,44090,q) 6: Police,b) No\n"
         "R2,a) Male,a) WBRI,01/02/2015,5,2020-09-31,q) 6: Police,b) No\n";
  std::ofstream(dir / "notes.csv") << "\n";
  Read r = ReadPath(dir.string());
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  ASSERT_EQ(Rows(r, "referrals"), 1u);
  EXPECT_EQ(Value(r, "referrals", "referral_date"), "2020-09-16");
  EXPECT_EQ(Value(r, "referrals", "nfa"), "N");
  std::vector<std::string> expected = {
      "lists[List 3]:3: column 'Date of Referral [F]', value '2020-09-31': a date is an Excel date, DD/MM/YYYY (or "
      "D/M/YYYY) or YYYY-MM-DD, with or without a time of day, names a real day and is from 1900",
      "lists[notes]: the sheet holds no Annex A list Scrutiny reads (by name or header)",
  };
  EXPECT_EQ(r.problems, expected);
}

// A sheet of wide rows (Excel's 16,384 columns, as a CSV export with trailing
// commas gives) is searched for its header in a moment: found by the fuzzer,
// the search normalised every header name again for every cell (minutes).
TEST_F(AnnexAReaderTest, FindsTheHeaderOfAVeryWideSheetQuickly) {
  XlsxSheet sheet{"Referrals", {}};
  for (uint64_t r = 1; r <= 12; ++r) {
    XlsxRow& row = sheet.rows.emplace_back();
    row.number = r;
    row.cells.resize(16384, {"x", false});
  }
  Problems problems(SIZE_MAX);
  auto start = std::chrono::steady_clock::now();
  auto r = ReadAnnexA(XlsxWorkbook({sheet}), "wide.xlsx", {"900", "", std::nullopt}, problems);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(r.ok());
  EXPECT_LT(seconds, 2.0);
  ASSERT_EQ(problems.kept().size(), 1u);
  EXPECT_EQ(problems.kept()[0].ToString(),
            "wide.xlsx[Referrals]: the sheet holds no Annex A list Scrutiny reads (by name or header)");
}

// A list that is not CSV text would lose all its rows: the folder is refused.
TEST_F(AnnexAReaderTest, RefusesAFolderWithAListThatIsNotUtf8) {
  auto dir = dir_ / "lists";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "List 3.csv") << "Child Unique ID,Gender\nR\xE9,a) Male\n";
  Read r = ReadPath(dir.string());
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.result.status().message(),
            "List 3.csv:2: byte 25 (0xE9) is not UTF-8: save the file as UTF-8 CSV; nothing read");
}

TEST_F(AnnexAReaderTest, ReadsCareLeaversOnlyGivenTheDateTheWorkbookDescribes) {
  std::string xml = InlineRow(1, {"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Eligibility Category",
                                  "LA in Touch", "Type of Accommodation", "Suitability of Accommodation",
                                  "Activity Status"}) +
                    InlineRow(2, {"Y1", "a) Male", "a) WBRI", "37475", "a) Relevant child", "b) No",
                                  "U: Independent living", "b) Unsuitable", "G5: NEET - other"}) +
                    InlineRow(3, {"Y2", "a) Male", "a) WBRI", "37475", "c) Qualifying care leaver", "a) Yes",
                                  "U: Independent living"});
  auto path = dir_ / "a.xlsx";
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 9", xml}})));
  Read without = ReadPath(path.string());
  ASSERT_EQ(without.problems.size(), 1u);
  EXPECT_EQ(without.problems[0],
            "a.xlsx[List 9]: List 9 (care leavers) is read only given the date the workbook describes (--as-at)");
  Read r = ReadPath(path.string(), Date::FromCivil(2021, 3, 31));
  ASSERT_EQ(Rows(r, "care_leavers"), 1u);
  EXPECT_EQ(Value(r, "care_leavers", "eligibility"), "RELEVANT");
  EXPECT_EQ(Value(r, "care_leavers", "in_touch"), "NO");
  EXPECT_EQ(Value(r, "care_leavers", "accommodation"), "U2");
  EXPECT_EQ(Value(r, "care_leavers", "activity"), "G5");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "a.xlsx[List 9]:3: column 'Type of Accommodation [G]', value 'U: Independent living': "
                           "the type (a letter, e.g. 'Y: Other accommodation') and suitability (a) Suitable or b) "
                           "Unsuitable) of accommodation are given together");
}

const std::vector<std::string> kList8Header = {
    "Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Date Started to be Looked After",
    "Child's Category of Need", "Child's Legal Status", "Date of Latest Statutory Review",
    "Date of Last Social Work Visit", "Date of Last Health Assessment", "Date of Last Dental Check",
    "Date Ceased to be Looked After", "Reason Ceased to be Looked After", "Placement Type", "Placement Provider",
    "Placement postcode", "URN of Placement", "LA of Placement"};

TEST_F(AnnexAReaderTest, ReadsAChildInCareAsOneEpisodeWithItsLatestReviewVisitAndChecks) {
  std::string xml = InlineRow(1, kList8Header) +
                    InlineRow(2, {"C1", "b) Female", "a) WBRI", "01/02/2012", "03/01/2021", "N1 - Abuse or Neglect",
                                  "C2: FCO", "01/03/2021", "15/03/2021", "20/01/2021", "01/12/2019", "", "",
                                  "f) U6: Foster placement - not FFA", "e) PR4 - Private provision", "eg19 7tt",
                                  "SC123456", "E09000001"}) +
                    InlineRow(3, {"C2", "a) Male", "a) WBRI", "01/02/2010", "01/06/2019", "N4", "V2",
                                  "", "", "01/09/2020", "", "05/02/2021", "c) E4A: Returned home",
                                  "K2", "", "", "", ""});
  Read r = ReadSheets({{"List 8", xml}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_TRUE(r.problems.empty()) << r.problems[0];
  ASSERT_EQ(Rows(r, "looked_after_episodes"), 2u);
  EXPECT_EQ(Value(r, "looked_after_episodes", "decom"), "2021-01-03");
  EXPECT_EQ(Value(r, "looked_after_episodes", "rne"), "S");
  EXPECT_EQ(Value(r, "looked_after_episodes", "ls"), "C2");
  EXPECT_EQ(Value(r, "looked_after_episodes", "cin"), "N1");
  EXPECT_EQ(Value(r, "looked_after_episodes", "placement_postcode_district"), "EG19");
  EXPECT_EQ(Value(r, "looked_after_episodes", "urn"), "SC123456");
  EXPECT_EQ(Value(r, "looked_after_episodes", "dec", 1), "2021-02-05");
  EXPECT_EQ(Value(r, "looked_after_episodes", "rec", 1), "E4A");
  ASSERT_EQ(Rows(r, "looked_after_reviews"), 1u);
  ASSERT_EQ(Rows(r, "visits"), 1u);
  EXPECT_EQ(Value(r, "visits", "plan"), "LAC");
  EXPECT_EQ(Value(r, "visits", "visit_date"), "2021-03-15");
  ASSERT_EQ(Rows(r, "health_checks"), 3u);
  EXPECT_EQ(Value(r, "health_checks", "check_type", 0), "IHA");  // 17 days after care began
  EXPECT_EQ(Value(r, "health_checks", "check_type", 1), "DENTAL");
  EXPECT_EQ(Value(r, "health_checks", "check_type", 2), "RHA");
}

TEST_F(AnnexAReaderTest, LeavesOutAChildInCareWhoseRecordsAreNotAllGood) {
  std::string xml = InlineRow(1, kList8Header) +
                    InlineRow(2, {"C1", "b) Female", "a) WBRI", "01/02/2012", "03/01/2021", "N1", "C2",
                                  "31/02/2021", "", "", "", "", "", "U6"}) +
                    InlineRow(3, {"C2", "b) Female", "a) WBRI", "01/02/2012", "03/01/2021", "N1", "C2",
                                  "", "", "", "", "05/01/2021", "", "U6"});
  Read r = ReadSheets({{"List 8", xml}});
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(Rows(r, "looked_after_episodes"), 0u);
  EXPECT_EQ(Rows(r, "looked_after_reviews"), 0u);
  EXPECT_EQ(Rows(r, "children"), 0u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_NE(r.problems[0].find("[List 8]:2: column 'Date of Latest Statutory Review [H]', value '31/02/2021'"),
            std::string::npos) << r.problems[0];
  EXPECT_NE(r.problems[1].find("[List 8]:3"), std::string::npos) << r.problems[1];
}

TEST_F(AnnexAReaderTest, ReadsAdoptersAndChecksTheirStagesAreInOrder) {
  std::string xml = InlineRow(1, {"Individual adopter identifier", "Family identifier", "Date enquiry received",
                                  "Date Stage 1 started", "Date application approved",
                                  "Date adopter matched with child(ren)", "Date of leaving adoption process",
                                  "Reason for leaving adoption process"}) +
                    InlineRow(2, {"A1", "F1", "01/01/2024", "10/01/2024", "10/07/2024", "", "", ""}) +
                    InlineRow(3, {"A2", "F1", "01/01/2024", "10/01/2024", "10/07/2024", "01/06/2024", "", ""}) +
                    InlineRow(4, {"A3", "", "01/01/2024", "10/01/2024", "", "", "01/03/2024", "c) 3"});
  Read r = ReadSheets({{"Adopters", xml}});
  ASSERT_TRUE(r.result.ok());
  ASSERT_EQ(Rows(r, "adopters"), 2u);
  EXPECT_EQ(Rows(r, "children"), 0u);
  EXPECT_EQ(Value(r, "adopters", "stage1_start_date"), "2024-01-10");
  EXPECT_EQ(Value(r, "adopters", "left_reason", 1), "3");
  EXPECT_EQ(Value(r, "adopters", "family_id", 1), "");
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_NE(r.problems[0].find("a.xlsx[Adopters]:3"), std::string::npos) << r.problems[0];
  EXPECT_NE(r.problems[0].find("match_date"), std::string::npos) << r.problems[0];
}

TEST(PostcodeDistrict, KeepsTheOutwardCodeOfAPostcodeOrADistrict) {
  EXPECT_EQ(PostcodeDistrict("EG19 7TT"), "EG19");
  EXPECT_EQ(PostcodeDistrict("eg197tt"), "EG19");
  EXPECT_EQ(PostcodeDistrict("W1A 1AA"), "W1A");
  EXPECT_EQ(PostcodeDistrict("B15 8PZ"), "B15");
  EXPECT_EQ(PostcodeDistrict("BR1"), "BR1");
  EXPECT_EQ(PostcodeDistrict("nope"), "");
  EXPECT_EQ(PostcodeDistrict("Home Town"), "");
  EXPECT_EQ(PostcodeDistrict("12345"), "");
  EXPECT_EQ(PostcodeDistrict(""), "");
  EXPECT_EQ(PostcodeDistrict("  EG19   7TT  "), "EG19");
  EXPECT_EQ(PostcodeDistrict("EG19 7TTX"), "");  // one letter too many
  EXPECT_EQ(PostcodeDistrict("EG19 TT7"), "");   // an inward code is a digit and two letters
  EXPECT_EQ(PostcodeDistrict(std::string(100, 'A')), "");
}

TEST_F(AnnexAReaderTest, RefusesAFileThatIsNotAWorkbook) {
  auto path = dir_ / "list1.xlsx";
  std::ofstream(path) << "Child Unique ID,Gender\n";
  Read r = ReadPath(path.string());
  ASSERT_FALSE(r.result.ok());
  EXPECT_NE(r.result.status().message().find("not an .xlsx workbook"), std::string::npos);
}

TEST_F(AnnexAReaderTest, RefusesABadCouncilCode) {
  auto path = dir_ / "a.xlsx";
  ASSERT_TRUE(WriteZip(path, WorkbookParts({{"List 1", InlineRow(1, kList1Header)}})));
  Problems problems;
  auto r = ReadAnnexAFile(path.string(), {"bad code!", "", std::nullopt}, problems);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "'bad code!' is not a council code (letters, digits, - _ . /)");
}

// The public fake workbook (tests/samples/NOTICE.md). Expected counts were
// found by reading its XML with Python's zipfile and ElementTree, outside
// Scrutiny: List 1 row 3 has no date of birth; List 4's "requiring support"
// column holds 'CS Assessment Updated' on every row; List 6 row 2's primary
// need is 'PSRMEM'; List 8 row 4 has no ethnicity and row 3's placement
// postcode is 'nope' (kept, district blank). 40 distinct children are named
// on the rows kept.
TEST_F(AnnexAReaderTest, ReadsTheSampleWorkbookAndReportsItsFaults) {
  Read r = ReadPath(std::string(SCRUTINY_SOURCE_DIR) + "/tests/samples/annex-a/Annex_A.xlsx",
                    Date::FromCivil(2021, 3, 31));
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(Rows(r, "contacts"), 4u);
  EXPECT_EQ(Rows(r, "early_help_episodes"), 5u);
  EXPECT_EQ(Rows(r, "referrals"), 6u);
  EXPECT_EQ(Rows(r, "assessments"), 0u);
  EXPECT_EQ(Rows(r, "section47_enquiries"), 5u);
  EXPECT_EQ(Rows(r, "cin_episodes"), 4u);
  EXPECT_EQ(Rows(r, "cp_plans"), 7u);
  EXPECT_EQ(Rows(r, "adoptions"), 5u);
  EXPECT_EQ(Rows(r, "care_leavers"), 6u);
  EXPECT_EQ(Value(r, "care_leavers", "accommodation"), "Y1");
  EXPECT_EQ(Value(r, "care_leavers", "eligibility"), "FORMER_RELEVANT");
  EXPECT_EQ(Value(r, "care_leavers", "in_touch"), "YES");
  EXPECT_EQ(Value(r, "care_leavers", "as_at_date"), "2021-03-31");
  EXPECT_EQ(Rows(r, "looked_after_episodes"), 4u);
  EXPECT_EQ(Value(r, "looked_after_episodes", "ls"), "E1");
  EXPECT_EQ(Value(r, "looked_after_episodes", "place"), "U6");
  EXPECT_EQ(Value(r, "looked_after_episodes", "place_provider"), "PR4");
  EXPECT_EQ(Value(r, "looked_after_episodes", "placement_postcode_district"), "T28");
  EXPECT_EQ(Value(r, "looked_after_episodes", "placement_postcode_district", 1), "");
  EXPECT_EQ(Value(r, "looked_after_episodes", "rec", 3), "E47");
  EXPECT_EQ(Rows(r, "looked_after_reviews"), 4u);
  EXPECT_EQ(Rows(r, "health_checks"), 8u);
  EXPECT_EQ(Rows(r, "children"), 40u);
  EXPECT_EQ(Rows(r, "teams"), 12u);  // the Allocated Teams of Lists 3 to 8
  EXPECT_EQ(Value(r, "referrals", "team_id"), "900-team-multi-agency-safeguarding-hub");
  ASSERT_EQ(Rows(r, "adopters"), 5u);  // List 11: adopters, not children
  EXPECT_EQ(Value(r, "adopters", "adopter_id"), "900-7105179");
  EXPECT_EQ(Value(r, "adopters", "family_id"), "900-14159183");
  EXPECT_EQ(Value(r, "adopters", "ffa"), "Y");
  EXPECT_EQ(Value(r, "adopters", "approval_date"), "2009-10-23");
  EXPECT_EQ(Value(r, "adopters", "left_date", 3), "2010-06-14");
  EXPECT_EQ(Value(r, "adopters", "left_reason", 3), "1");
  EXPECT_EQ(Value(r, "adopters", "children_placed", 4), "3");
  EXPECT_EQ(Value(r, "adopters", "adoption_order_date", 4), "2009-02-06");
  EXPECT_EQ(r.result->left_out(), 8u);
  ASSERT_EQ(r.problems.size(), 9u);
  EXPECT_EQ(r.problems[0], "Annex_A.xlsx[List 1]:3: column 'Date of Birth [D]', value '': a value is required");
  EXPECT_EQ(r.problems[6], "Annex_A.xlsx[List 6]:2: column 'Primary Need Code [H]', value 'PSRMEM - Support with "
                           "memory and cognition': not a code of primary_need (N0, N1, N2, N3, N4, N5, N6, N7, N8, "
                           "N9), lettered or labelled as in the template");
  EXPECT_EQ(Value(r, "adoptions", "reversal_reason", 2), "RD2");
  EXPECT_EQ(Value(r, "early_help_episodes", "organisation"), "SCHOOL");
  Problems checks;
  CheckDataset(r.result->dataset, r.result->sources, checks);
  EXPECT_TRUE(checks.empty()) << checks.kept()[0].ToString();
}

}  // namespace
}  // namespace scrutiny
