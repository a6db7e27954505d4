#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/source_join.h"
#include "ingest/workforce_reader.h"
#include "ingest/workforce_years.h"
#include "dataset_check.h"

namespace scrutiny {
namespace {

// A CSWW message of 30 September of the year around these workers, with these vacancies.
std::string Csww(int year, const std::string& vacancies, const std::string& workers) {
  return "<Message>\n<Header><CollectionDetails><Collection>CSWW</Collection><Year>" + std::to_string(year) +
         "</Year></CollectionDetails></Header>\n<LALevelVacancies><NumberOfVacancies>" + vacancies +
         "</NumberOfVacancies></LALevelVacancies>\n" + workers + "</Message>\n";
}

// An employed social worker (role 6) of 0.8 FTE in the role since start, with these items added.
std::string Worker(const std::string& id, const std::string& start, const std::string& more = "",
                   const std::string& fte = "0.8", const std::string& role = "6") {
  return "<CSWWWorker>\n<AgencyWorker>0</AgencyWorker><SWENo>" + id + "</SWENo><FTE>" + fte + "</FTE><OrgRole>" +
         role + "</OrgRole><RoleStartDate>" + start + "</RoleStartDate>" + more + "\n</CSWWWorker>\n";
}

std::string Left(const std::string& date) { return "<RoleEndDate>" + date + "</RoleEndDate><ReasonLeave>3</ReasonLeave>"; }

struct Combined {
  Result<WorkforceReturn> result = Status::Internal("not read");
  std::vector<Problem> problems;
  std::string text;  // the problems, a line each

  // The worker's value of the field ("" if no such worker).
  std::string Of(const std::string& worker_id, std::string_view field) const {
    const Table& t = result->dataset.table("workers");
    for (size_t r = 0; r < t.size(); ++r)
      if (t.Text(0, r) == worker_id) return t.Format(t.type().IndexOf(field), r);
    return "";
  }
};

// Reads each text as the return named y<year>.xml and combines them.
Combined Combine(const std::vector<std::string>& texts) {
  Problems problems(SIZE_MAX);
  std::vector<WorkforceReturn> years;
  for (const std::string& text : texts) {
    std::string name("y");  // "y" + the year: g++ 12 warns (-Wrestrict) of that operator+ wrongly
    name.append(text, text.find("<Year>") + 6, 4).append(".xml");
    auto read = ReadWorkforce(name, text, {"900", "", std::nullopt}, problems);
    EXPECT_TRUE(read.ok()) << read.status().message();
    if (read.ok()) years.push_back(std::move(*read));
  }
  Combined c;
  c.result = CombineWorkforceYears(std::move(years), problems);
  c.problems = problems.kept();
  for (const Problem& p : c.problems) c.text += p.ToString() + "\n";
  return c;
}

// 2021: SW1 and SW2 in post. 2022: SW1 promoted (a new role, its own start) to full time, SW2 gone with a
// leaving date, SW3 new. Funded posts 5.1 in both (in post plus vacancies).
const std::string k2021 = Csww(2021, "3.5", Worker("SW1", "2019-04-01") + Worker("SW2", "2020-01-06"));
const std::string k2022 = Csww(2022, "3.3",
                               Worker("SW1", "2022-03-01", "", "1", "5") + Worker("SW2", "2020-01-06", Left("2022-05-31")) +
                                   Worker("SW3", "2022-02-01"));

TEST(WorkforceYears, MakesOneHistoryOfTheWorkersOfSeveralReturns) {
  Combined c = Combine({k2021, k2022});
  ASSERT_TRUE(c.result.ok()) << c.result.status().message();
  EXPECT_EQ(c.text, "");
  EXPECT_EQ(c.result->years, (std::vector<int>{2021, 2022}));
  EXPECT_EQ(c.result->collection_year, 2022);
  EXPECT_EQ(c.result->combined, 2u);  // SW1, SW2
  EXPECT_EQ(c.result->workers, 5u);
  ASSERT_EQ(c.result->dataset.table("workers").size(), 3u);
  EXPECT_EQ(c.Of("900-SW1", "start_date"), "2019-04-01");  // in post throughout: the earliest start
  EXPECT_EQ(c.Of("900-SW1", "role"), "5");                 // the latest return's role and FTE
  EXPECT_EQ(c.Of("900-SW1", "fte"), "1");
  EXPECT_EQ(c.Of("900-SW2", "leave_date"), "2022-05-31");
  EXPECT_EQ(c.Of("900-SW3", "start_date"), "2022-02-01");
  const Table& teams = c.result->dataset.table("teams");
  ASSERT_EQ(teams.size(), 1u);
  EXPECT_EQ(teams.Format(teams.type().IndexOf("funded_fte"), 0), "5.1");
  ExpectModelAccepts(*c.result);
}

TEST(WorkforceYears, GivesTheSameHistoryWhateverTheOrderOfTheReturns) {
  Combined forwards = Combine({k2021, k2022}), backwards = Combine({k2022, k2021});
  ASSERT_TRUE(backwards.result.ok());
  for (const char* id : {"900-SW1", "900-SW2", "900-SW3"})
    for (const char* field : {"start_date", "leave_date", "role", "fte"})
      EXPECT_EQ(backwards.Of(id, field), forwards.Of(id, field)) << id << " " << field;
}

// A worker in post at one census and in no later return, which says nothing of them: the leaving
// is unknown. Reported against the worker's leave_date, which scrutiny check counts against the
// workforce indicators, and left blank rather than guessed.
TEST(WorkforceYears, ReportsAWorkerInPostInOneReturnAndInNoLaterOne) {
  Combined c = Combine({k2021, Csww(2022, "4.3", Worker("SW1", "2019-04-01"))});
  ASSERT_TRUE(c.result.ok());
  ASSERT_EQ(c.problems.size(), 1u) << c.text;
  EXPECT_EQ(c.text,
            "y2021.xml:7: column 'RoleEndDate', value '900-SW2: in post on 30 September 2021': in post in one return "
            "and in no later one, which gives no RoleEndDate: the leaving date is unknown and left blank, so the "
            "worker counts as in post after\n");
  EXPECT_EQ(c.problems[0].model_field, "workers.leave_date");
  EXPECT_EQ(c.Of("900-SW2", "leave_date"), "");
}

TEST(WorkforceYears, ReportsAWorkerWhoLeftAndStartedAgainKeepingTheLatestPeriod) {
  Combined c = Combine({Csww(2021, "4.3", Worker("SW1", "2019-04-01") + Worker("SW2", "2020-01-06", Left("2021-05-31"))),
                        Csww(2022, "3.5", Worker("SW1", "2019-04-01") + Worker("SW2", "2022-01-10"))});
  ASSERT_TRUE(c.result.ok());
  EXPECT_EQ(c.text,
            "y2022.xml:7: column 'RoleStartDate', value '900-SW2: started 2022-01-10 (left 2021-05-31, y2021.xml:7)': "
            "the worker left and started again; the model keeps one period a worker, the latest\n");
  EXPECT_EQ(c.Of("900-SW2", "start_date"), "2022-01-10");
  EXPECT_EQ(c.Of("900-SW2", "leave_date"), "");
}

TEST(WorkforceYears, ReportsFundedPostsThatDifferByYearKeepingTheLatest) {
  Combined c = Combine({k2021, Csww(2022, "6", Worker("SW1", "2022-03-01", "", "1", "5") +
                                                   Worker("SW2", "2020-01-06", Left("2022-05-31")) +
                                                   Worker("SW3", "2022-02-01"))});
  ASSERT_TRUE(c.result.ok());
  ASSERT_EQ(c.problems.size(), 1u) << c.text;
  EXPECT_EQ(c.problems[0].value, "funded FTE by year: 2021: 5.1, 2022: 7.8");
  EXPECT_EQ(c.problems[0].model_field, "teams.funded_fte");
  const Table& teams = c.result->dataset.table("teams");
  EXPECT_EQ(teams.Format(teams.type().IndexOf("funded_fte"), 0), "7.8");
}

TEST(WorkforceYears, ReportsAYearWithNoReturnBetweenTwoGiven) {
  Combined c = Combine({k2021, Csww(2023, "3.5", Worker("SW1", "2019-04-01") + Worker("SW2", "2020-01-06"))});
  ASSERT_TRUE(c.result.ok());
  EXPECT_EQ(c.text,
            "y2023.xml: column 'Year', value '2022': no return of 30 September 2022 is given, between those of 2021 "
            "and 2023: workers who started and left between them are missing, and those who left then are reported "
            "as in post in no later return\n");
}

TEST(WorkforceYears, RefusesTwoReturnsOfOneYear) {
  Combined c = Combine({k2021, k2021});
  ASSERT_FALSE(c.result.ok());
  EXPECT_EQ(c.result.status().message(),
            "two workforce returns of 30 September 2021 are given: give one return per year");
}

// A load takes every workforce return given as one source, at the place of the first.
TEST(WorkforceYears, ALoadTakesEveryWorkforceReturnAsOneSource) {
  std::vector<LoadInput> inputs = GroupLoadInputs(
      {"w21.xml", "cin.xml", "w22.xml"}, {ReturnFormat::kCsww, ReturnFormat::kCinCensus, ReturnFormat::kCsww});
  ASSERT_EQ(inputs.size(), 2u);
  EXPECT_EQ(inputs[0].paths, (std::vector<std::string>{"w21.xml", "w22.xml"}));
  EXPECT_EQ(inputs[1].paths, (std::vector<std::string>{"cin.xml"}));
}

}  // namespace
}  // namespace scrutiny
