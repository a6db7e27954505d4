#include <gtest/gtest.h>

#include <map>

#include "ingest/ssda903_reader.h"
#include "model/validator.h"
#include "dataset_check.h"
#include "sample_text.h"

namespace scrutiny {
namespace {

struct Read {
  Result<Ssda903Return> result = Status::Internal("not read");
  std::vector<Problem> problems;
};

Read ReadXml(const std::string& text) {
  Read r;
  Problems problems(SIZE_MAX);
  r.result = ReadSsda903Xml("r.xml", text, {"900", "", 2023}, problems);
  r.problems = problems.kept();
  return r;
}

// One child, looked after from May 2023, one review; items on lines of their own.
const std::string kReturn =
    "<?xml version='1.0'?>\n"
    "<EXPSSDA903>\n"
    "<CHILD>\n"
    "<HEADER><CHILDID>A1</CHILDID><UPN/><SEX>1</SEX><DOB>01/02/2015</DOB><ETHNIC>WBRI</ETHNIC><UASC/>\n"
    "<AREVIEW><REVIEW>01/07/2023</REVIEW><REVIEW_CODE>PN1</REVIEW_CODE></AREVIEW>\n"
    "<AREVIEW><REVIEW>01/08/2023</REVIEW><REVIEW_CODE>PN9</REVIEW_CODE></AREVIEW>\n"
    "</HEADER>\n"
    "<EPISODE><DECOM>01/05/2023</DECOM><RNE>S</RNE><LS>C2</LS><CIN>N1</CIN><PL>U4</PL>"
    "<PLACE_PROVIDER>PR1</PLACE_PROVIDER><HOME_POST>BR1 2AB</HOME_POST></EPISODE>\n"
    "<EPISODE><DECOM>01/09/2023</DECOM><RNE>P</RNE><LS>C2</LS><CIN>N1</CIN><PL>ZZ</PL></EPISODE>\n"
    "</CHILD>\n"
    "</EXPSSDA903>\n";

TEST(Ssda903Xml, ReadsTheElementsAsTheCsvTablesNamingTheLineAndItemOfEachProblem) {
  Read r = ReadXml(kReturn);
  ASSERT_TRUE(r.result.ok()) << r.result.status().message();
  const Dataset& d = r.result->dataset;
  EXPECT_EQ(d.table("children").size(), 1u);
  EXPECT_EQ(d.table("children").Format(0, 0), "900-A1");
  ASSERT_EQ(d.table("looked_after_episodes").size(), 1u);
  const Table& episodes = d.table("looked_after_episodes");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("place"), 0), "U4");
  EXPECT_EQ(episodes.Format(episodes.type().IndexOf("home_postcode_district"), 0), "BR1");
  EXPECT_EQ(d.table("looked_after_reviews").size(), 1u);
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].file, "r.xml");
  EXPECT_EQ(r.problems[0].line, 9u);
  EXPECT_EQ(r.problems[0].column, "PL");  // the XML's name, not the CSV's PLACE
  EXPECT_EQ(r.problems[0].value, "ZZ");
  EXPECT_EQ(r.problems[1].ToString().substr(0, 47), "r.xml:6: column 'REVIEW_CODE', value 'PN9': REV");
  ExpectModelAccepts(*r.result);
}

TEST(Ssda903Xml, RefusesTextThatIsNotWellFormedNamingTheLine) {
  Read r = ReadXml("<?xml version='1.0'?>\n<EXPSSDA903>\n<CHILD>\n<HEADER><CHILDID>A1</CHILD>\n</EXPSSDA903>\n");
  EXPECT_FALSE(r.result.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 4u);
  EXPECT_NE(r.problems[0].rule.find("not well-formed XML"), std::string::npos) << r.problems[0].rule;
}

TEST(Ssda903Xml, RefusesAnotherReturn) {
  Read r = ReadXml("<Message><Header/></Message>");
  EXPECT_FALSE(r.result.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].ToString(),
            "r.xml:1: column 'root element', value 'Message': a SSDA903 (XML) return is a EXPSSDA903 element");
}

TEST(Ssda903Xml, RefusesTextThatIsNotUtf8NamingTheLineButReadsDeclaredLatin1) {
  std::string latin1 = kReturn;
  latin1.replace(latin1.find("BR1 2AB"), 3, "BR\xe9");  // line 8
  Read r = ReadXml(latin1);
  EXPECT_FALSE(r.result.ok());
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0].line, 8u);
  EXPECT_NE(r.problems[0].rule.find("(0xE9) is not UTF-8"), std::string::npos) << r.problems[0].rule;
  latin1.replace(0, latin1.find('\n'), "<?xml version='1.0' encoding='ISO-8859-1'?>");
  Read declared = ReadXml(latin1);
  ASSERT_TRUE(declared.result.ok()) << declared.result.status().message();
  EXPECT_EQ(declared.result->dataset.table("looked_after_episodes").size(), 1u);
}

TEST(Ssda903Xml, RefusesAFileOverTheSizeLimitUnread) {
  auto input = ReadSsda903Input(SCRUTINY_SOURCE_DIR "/tests/samples/ssda903/fake_903.xml", 100000);
  ASSERT_FALSE(input.ok());
  EXPECT_NE(input.status().message().find("fake_903.xml: 1 MB is more than"), std::string::npos)
      << input.status().message();
  EXPECT_TRUE(ReadSsda903Input(SCRUTINY_SOURCE_DIR "/tests/samples/ssda903/fake_903.xml", 400000).ok());
}

TEST(Ssda903Xml, ReadsThePublicSample) {
  Problems problems(SIZE_MAX);
  auto r = ReadSsda903Xml("fake_903.xml", SampleText("ssda903/fake_903.xml"), {"900", "", std::nullopt}, problems);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->collection_year, 2017);  // the latest DECOM is in 2017-18
  // Counted from the XML with Python (docs/ssda903.md's rules): 253 CHILD elements, of which 53 have
  // no EPISODE, IN_TOUCH, DATE_INT or AD_PLACED; 459 EPISODEs, none refused; 1206 AREVIEWs, of which
  // 298 are of a child with no episode, 342 after 31/03/2018 and 566 kept.
  EXPECT_EQ(r->dataset.table("children").size(), 200u);
  EXPECT_EQ(r->dataset.table("looked_after_episodes").size(), 459u);
  EXPECT_EQ(r->dataset.table("looked_after_reviews").size(), 566u);
  std::map<std::string, size_t> by_rule;
  for (const Problem& p : problems.kept()) ++by_rule[p.rule];
  EXPECT_EQ(by_rule["the child has no episode, care leaver or adoption record; left out"], 53u);
  // 298 reviews, one AMISSING, and 55 of the 253 OC2 and 55 of the 253 PERMANENCE (all Z1), of children with no
  // episode.
  EXPECT_EQ(by_rule["the child has no episode in the episodes file: not looked after"], 354u + 55u);
  EXPECT_EQ(r->dataset.table("previous_permanence").size(), 253u - 55u);
  // After the DEC past the year end is cleared: 133 last episodes with REC but no DEC,
  // 6 overlapping the next and 1 open before the next.
  EXPECT_EQ(by_rule["REC without DEC on the child's last episode: the episode is open at the year end; REC dropped"],
            133u);
  EXPECT_EQ(by_rule["episode overlaps the next: ended at the next episode's start (REC X1)"], 6u);
  EXPECT_EQ(by_rule["open episode that is not the child's last: ended at the next episode's start (REC X1)"], 1u);
  // The three AD_PLACED have REASON_PLACED_CEASED XXX.
  EXPECT_EQ(by_rule["REASON_PLACED_CEASED in 2017-18 is one of: RD1, RD2, RD3, RD4"], 3u);
  EXPECT_EQ(r->dataset.table("looked_after_outcomes").size(), 253u - 55u);
  ExpectModelAccepts(*r);
}

}  // namespace
}  // namespace scrutiny
