#include <gtest/gtest.h>

#include "ingest/source_join.h"

namespace scrutiny {
namespace {

// A source with one child of council 900 (and the council), as a reader would make it.
LoadSource ChildSource(const std::string& path, const std::string& dob, const std::string& uasc,
                       const std::string& disability) {
  LoadSource source{path, ReturnFormat::kSsda903Xml, Dataset(), {}, ""};
  source.sources = EmptySources(source.dataset);
  Problems problems;
  AddCouncil(source.dataset, source.sources, "900", "", problems);
  ModelRecord(source.dataset, source.sources, "children")
      .Set("child_id", "900-A1").Set("la_code", "900").Set("sex", "M").Set("date_of_birth", dob)
      .Set("ethnicity", "WBRI").Set("uasc", uasc).Set("disability", disability)
      .Add(path, 7, problems);
  EXPECT_TRUE(problems.empty()) << problems.kept()[0].ToString();
  return source;
}

std::string Field(const Table& t, std::string_view field) { return t.Format(t.type().IndexOf(field), 0); }

TEST(SourceJoin, JoinsTheSameChildOnceReportingWhereTheSourcesDisagree) {
  Problems problems;
  SourceJoin join;
  join.Add(ChildSource("903.xml", "2015-02-01", "Y", ""), problems);
  join.Add(ChildSource("cin.xml", "2015-03-01", "N", "MOB"), problems);
  RowSources sources;
  Dataset joined = join.Finish(sources, problems);
  EXPECT_FALSE(join.refused());
  const Table& children = joined.table("children");
  ASSERT_EQ(children.size(), 1u);
  EXPECT_EQ(joined.table("councils").size(), 1u);
  EXPECT_EQ(Field(children, "date_of_birth"), "2015-02-01");  // the first source's
  EXPECT_EQ(Field(children, "uasc"), "Y");                    // the census says N of every child
  EXPECT_EQ(Field(children, "disability"), "MOB");            // given by one source only
  ASSERT_EQ(problems.total(), 1u);
  EXPECT_EQ(problems.kept()[0].ToString(),
            "cin.xml:7: column 'date_of_birth', value '2015-03-01 (child 900-A1: 2015-02-01 in 903.xml:7)': "
            "the sources disagree about the child; the value of the first source is kept");
  EXPECT_EQ(problems.kept()[0].child_id, "900-A1");
  Problems checked;
  CheckDataset(joined, sources, checked);
  EXPECT_TRUE(checked.empty()) << checked.kept()[0].ToString();
}

TEST(SourceJoin, RefusesARecordTypeGivenByTwoSources) {
  Problems problems;
  SourceJoin join;
  for (std::string path : {"a.xml", "b.xml"}) {
    LoadSource source = ChildSource(path, "2015-02-01", "N", "");
    ModelRecord(source.dataset, source.sources, "looked_after_episodes")
        .Set("episode_id", "900-A1-E1").Set("child_id", "900-A1").Set("decom", "2023-05-01").Set("rne", "S")
        .Set("ls", "C2").Set("cin", "N1").Set("place", "U4")
        .Add(path, 9, problems);
    join.Add(source, problems);
  }
  RowSources sources;
  Dataset joined = join.Finish(sources, problems);
  EXPECT_TRUE(join.refused());
  EXPECT_EQ(joined.table("looked_after_episodes").size(), 1u);
  ASSERT_EQ(problems.total(), 1u);
  EXPECT_EQ(problems.kept()[0].ToString(),
            "b.xml: looked_after_episodes is also given by a.xml: a load takes each record type from one source");
}

// Teams are reference records, like councils: the workforce return's one team
// and the teams Annex A names are all kept, a team given twice once.
TEST(SourceJoin, KeepsTheTeamsOfEverySourceOnceEach) {
  Problems problems;
  SourceJoin join;
  std::vector<std::pair<std::string, std::vector<std::string>>> given = {
      {"csww.xml", {"900-CSWW"}}, {"annex-a.xlsx", {"900-team-front-door", "900-CSWW"}}};
  for (const auto& [path, teams] : given) {
    LoadSource source = ChildSource(path, "2015-02-01", "N", "");
    for (const std::string& team : teams)
      ModelRecord(source.dataset, source.sources, "teams")
          .Set("team_id", team).Set("la_code", "900").Set("name", path + " " + team)
          .Add(path, 3, problems);
    join.Add(source, problems);
  }
  RowSources sources;
  Dataset joined = join.Finish(sources, problems);
  EXPECT_FALSE(join.refused());
  EXPECT_TRUE(problems.empty()) << problems.kept()[0].ToString();
  const Table& teams = joined.table("teams");
  ASSERT_EQ(teams.size(), 2u);
  EXPECT_EQ(teams.Format(teams.type().IndexOf("name"), 0), "csww.xml 900-CSWW");  // the first source's
  EXPECT_EQ(teams.Format(teams.type().IndexOf("team_id"), 1), "900-team-front-door");
}

}  // namespace
}  // namespace scrutiny
