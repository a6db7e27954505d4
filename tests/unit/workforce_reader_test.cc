#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "ingest/workforce_reader.h"
#include "model/validator.h"
#include "dataset_check.h"
#include "sample_text.h"

namespace scrutiny {
namespace {

// A CSWW message of 30 September 2022 around these workers, with 3.5 vacancies.
std::string Csww(const std::string& workers) {
  return "<Message>\n<Header><CollectionDetails><Collection>CSWW</Collection><Year>2022</Year>"
         "<ReferenceDate>2022-09-30</ReferenceDate></CollectionDetails></Header>\n"
         "<LALevelVacancies><NumberOfVacancies>3.5</NumberOfVacancies></LALevelVacancies>\n" +
         workers + "</Message>\n";
}

// An employed case holder in post since 2020, with these items added.
std::string Worker(const std::string& id, const std::string& more = "", const std::string& fte = "0.8") {
  return "<CSWWWorker>\n<AgencyWorker>0</AgencyWorker><SWENo>" + id + "</SWENo><FTE>" + fte +
         "</FTE><OrgRole>5</OrgRole><RoleStartDate>2020-01-06</RoleStartDate>" + more + "\n</CSWWWorker>\n";
}

struct Read {
  Result<WorkforceReturn> result = Status::Internal("not read");
  std::string problems;
};

Read ReadText(const std::string& text) {
  Read r;
  Problems problems(SIZE_MAX);
  r.result = ReadWorkforce("csww.xml", text, {"900", "", std::nullopt}, problems);
  for (const Problem& p : problems.kept()) r.problems += p.ToString() + "\n";
  return r;
}

std::string Cell(const Read& r, std::string_view type, std::string_view field, size_t row = 0) {
  const Table& t = r.result->dataset.table(type);
  return t.Format(t.type().IndexOf(field), row);
}

TEST(WorkforceReader, ReadsWorkersIntoOneTeamWithFundedPosts) {
  Read r = ReadText(Csww(Worker("SW1") +
                         Worker("SW2", "<RoleEndDate>2022-05-31</RoleEndDate><ReasonLeave>3</ReasonLeave>", "1")));
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems, "");
  EXPECT_EQ(r.result->collection_year, 2022);
  ASSERT_EQ(r.result->dataset.table("workers").size(), 2u);
  EXPECT_EQ(Cell(r, "workers", "worker_id"), "900-SW1");
  EXPECT_EQ(Cell(r, "workers", "agency"), "N");
  EXPECT_EQ(Cell(r, "workers", "leave_reason", 1), "3");
  EXPECT_EQ(Cell(r, "teams", "team_id"), "900-CSWW");
  EXPECT_EQ(Cell(r, "teams", "funded_fte"), "4.3");  // 0.8 employed in post + 3.5 vacancies
  ExpectModelAccepts(*r.result);
}

// Cases30 is each case holder's caseload on the census day, with the worker's FTE that day; a bad one
// is reported and left out, keeping the worker, and so is a leaver's.
TEST(WorkforceReader, ReadsEachCaseHoldersCaseloadOnTheCensusDay) {
  Read r = ReadText(Csww(Worker("SW1", "<Cases30>12</Cases30>") + Worker("SW2", "<Cases30>9</Cases30>", "1") +
                         Worker("SW3", "<Cases30>lots</Cases30>") + Worker("SW4") +
                         Worker("SW5", "<RoleEndDate>2022-05-31</RoleEndDate><ReasonLeave>3</ReasonLeave>"
                                       "<Cases30>4</Cases30>")));
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  EXPECT_EQ(r.problems,
            "csww.xml:11: column 'Cases30', value 'lots': a whole number of cases, 0 to 1000; the worker's caseload "
            "is left out\n"
            "csww.xml:17: column 'Cases30', value '4': a caseload is of a worker in post on the census day; left out "
            "for a leaver\n");
  EXPECT_EQ(r.result->dataset.table("workers").size(), 5u);
  ASSERT_EQ(r.result->dataset.table("worker_caseloads").size(), 2u);
  EXPECT_EQ(Cell(r, "worker_caseloads", "worker_id", 1), "900-SW2");
  EXPECT_EQ(Cell(r, "worker_caseloads", "census_date", 1), "2022-09-30");
  EXPECT_EQ(Cell(r, "worker_caseloads", "cases", 1), "9");
  EXPECT_EQ(Cell(r, "worker_caseloads", "fte", 0), "0.8");
  ExpectModelAccepts(*r.result);
}

TEST(WorkforceReader, LeavesOutWorkersWithBadValues) {
  Read r = ReadText(Csww(Worker("SW1", "<RoleEndDate>2019-01-01</RoleEndDate><ReasonLeave>3</ReasonLeave>") +
                         Worker("SW2", "", "1.4") + Worker("SW3", "<ReasonLeave>77</ReasonLeave>") +
                         Worker("SW4", "<RoleEndDate>2022-10-01</RoleEndDate><ReasonLeave>3</ReasonLeave>") +
                         Worker("SW1")));
  ASSERT_TRUE(r.result.ok());
  EXPECT_EQ(r.problems,
            "csww.xml:5: column 'RoleEndDate', value '2019-01-01': RoleEndDate is not before RoleStartDate\n"
            "csww.xml:8: column 'FTE', value '1.4': FTE is a number from 0 to 1\n"
            "csww.xml:11: column 'ReasonLeave', value '77': ReasonLeave is one of: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10\n"
            "csww.xml:14: column 'RoleEndDate', value '2022-10-01': a date of this return is not after 2022-09-30\n"
            "csww.xml:17: column 'SWENo', value 'SW1': a second CSWWWorker with this SWENo\n");
  EXPECT_EQ(r.result->workers_left_out, 5u);
  EXPECT_EQ(r.result->dataset.table("workers").size(), 0u);
}

TEST(WorkforceReader, ReportsMissingItemsAndDuplicates) {
  Read r = ReadText(Csww(Worker("SW1") + Worker("SW1") + "<CSWWWorker><SWENo>SW3</SWENo></CSWWWorker>\n"));
  EXPECT_EQ(r.problems,
            "csww.xml:8: column 'SWENo', value 'SW1': a second CSWWWorker with this SWENo\n"
            "csww.xml:10: column 'AgencyWorker', value '': AgencyWorker is required\n"
            "csww.xml:10: column 'FTE', value '': FTE is required\n"
            "csww.xml:10: column 'OrgRole', value '': OrgRole is required\n"
            "csww.xml:10: column 'RoleStartDate', value '': RoleStartDate is required\n");
  EXPECT_EQ(r.result->workers_left_out, 2u);
}

TEST(WorkforceReader, RefusesMalformedXmlAndOtherReturns) {
  Read broken = ReadText("<Message>\n<CSWWWorker>\n<FTE>1</FTE\n</CSWWWorker></Message>");
  EXPECT_FALSE(broken.result.ok());
  EXPECT_EQ(broken.problems.substr(0, 39), "csww.xml:4: not well-formed XML: Error ");
  Read census = ReadText(SampleText("cin-census/CIN_Census_2021.xml"));
  EXPECT_FALSE(census.result.ok());
  EXPECT_EQ(census.problems, "csww.xml:1: column 'Collection', value 'CIN': the header's Collection is CSWW in this return\n");
}

TEST(WorkforceReader, RefusesAFileOfAnotherYearThanGiven) {
  Problems problems(SIZE_MAX);
  auto r = ReadWorkforce("csww.xml", Csww(Worker("W1")), {"900", "", 2023}, problems);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "csww.xml:2: the header's Year 2022 is the collection year 2022, not 2023 as given; is the file of another "
            "year?");
}

TEST(WorkforceReader, RefusesBytesThatAreNotUtf8) {
  Read r = ReadText(Csww(Worker("W\x80")));
  ASSERT_FALSE(r.result.ok());
  EXPECT_EQ(r.problems.substr(0, 48), "csww.xml:5: byte 286 (0x80) is not UTF-8 and the");
}

// The public fake return (Social Finance, MIT) with its deliberate faults,
// counted by an independent script (tests/samples/count_faults.py).
TEST(WorkforceReader, ReadsThePublicSampleReportingItsFaults) {
  Problems problems(SIZE_MAX);
  auto r = ReadWorkforce("csww.xml", SampleText("csww/social_work_workforce_2022.xml"), {"900", "", std::nullopt}, problems);
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::map<std::string, size_t> by_rule;
  for (const Problem& p : problems.kept()) ++by_rule[p.rule];
  EXPECT_EQ(by_rule["OrgRole is required"], 13u);
  EXPECT_EQ(by_rule["RoleStartDate is required"], 4u);
  EXPECT_EQ(by_rule["a date of this return is not after 2022-09-30"], 18u);  // 11 RoleEndDate, 7 RoleStartDate
  EXPECT_EQ(r->workers, 30u);
  EXPECT_EQ(r->workers_left_out, 26u);
  EXPECT_EQ(r->dataset.table("workers").size(), 4u);
  ExpectModelAccepts(*r);
}

}  // namespace
}  // namespace scrutiny
