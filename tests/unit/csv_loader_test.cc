#include <gtest/gtest.h>

#include <map>

#include "ingest/csv_loader.h"
#include "ingest/csv_reader.h"
#include "load_fixture.h"

namespace scrutiny {
namespace {

using testing::LoadFixture;

// Reads the folder and returns every problem, one per line.
std::string ProblemsOf(const LoadFixture& f, Status* status = nullptr) {
  CsvFolderLoad folder(f.dir());
  Problems problems;
  Status s = folder.Check(problems);
  if (status) *status = s;
  std::string out;
  for (const Problem& p : problems.kept()) out += p.ToString() + "\n";
  return out;
}

TEST(CsvLoader, ChecksThenStreamsAValidFolderInChunks) {
  LoadFixture f("valid");
  CsvFolderLoad folder(f.dir(), 1);  // one row a chunk
  Problems problems;
  ASSERT_TRUE(folder.Check(problems).ok()) << ProblemsOf(f);
  EXPECT_EQ(folder.files().size(), 7u);
  EXPECT_EQ(folder.files().front().sha256.size(), 64u);
  EXPECT_EQ(folder.rows(), 11u);
  EXPECT_EQ(folder.councils(), std::vector<std::string>{"900"});
  std::map<std::string, int> rows;
  std::vector<std::string> places, councils;
  ASSERT_TRUE(folder.Stream([&](const Table& chunk) {
    EXPECT_EQ(chunk.size(), 1u);
    rows[std::string(chunk.type().name)] += static_cast<int>(chunk.size());
    if (chunk.type().name == "looked_after_episodes") places.emplace_back(chunk.Text(chunk.type().IndexOf("place"), 0));
    if (chunk.type().name == "referrals") councils.emplace_back(folder.CouncilOf(chunk, 0));
    return Status::Ok();
  }).ok());
  EXPECT_EQ(rows["children"], 2);
  EXPECT_EQ(places, (std::vector<std::string>{"U6", "K2"}));  // K2 was quoted
  EXPECT_EQ(councils, (std::vector<std::string>{"900", "900"}));
}

TEST(CsvLoader, RefusesAFileThatChangedBetweenCheckAndStream) {
  LoadFixture f("changed");
  CsvFolderLoad folder(f.dir());
  Problems problems;
  ASSERT_TRUE(folder.Check(problems).ok());
  f.Set("referrals", f.Get("referrals") + "900-R3,900-C1,2024-03-01,6,N,,,\n");
  Status s = folder.Stream([](const Table&) { return Status::Ok(); });
  EXPECT_NE(s.message().find("the file changed while it was being loaded"), std::string::npos) << s.message();
}

TEST(CsvLoader, RefusesAFileRewrittenWithTheSameSize) {
  LoadFixture f("same_size");
  CsvFolderLoad folder(f.dir());
  Problems problems;
  ASSERT_TRUE(folder.Check(problems).ok());
  std::string text = f.Get("referrals");
  size_t at = text.find("2024-");
  ASSERT_NE(at, std::string::npos);
  text[at + 3] = text[at + 3] == '4' ? '3' : '4';  // another year, same length
  f.Set("referrals", text);
  Status s = folder.Stream([](const Table&) { return Status::Ok(); });
  EXPECT_NE(s.message().find("the file changed while it was being loaded"), std::string::npos) << s.message();
}

TEST(CsvLoader, WrongDateFormat) {
  LoadFixture f("date");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,10/01/2024,6,N\n");
  Status s;
  std::string p = ProblemsOf(f, &s);
  EXPECT_EQ(s.exit_code(), ExitCode::kBadInput);
  EXPECT_NE(p.find(f.path("referrals") + ":2: column 'referral_date', value '10/01/2024': a date is YYYY-MM-DD"), std::string::npos) << p;
}

TEST(CsvLoader, UnknownCode) {
  LoadFixture f("code");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,POLICE,N\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find("column 'source', value 'POLICE': 'POLICE' is not in code list referral_source"), std::string::npos) << p;
}

TEST(CsvLoader, EndBeforeStart) {
  LoadFixture f("order");
  f.Set("looked_after_episodes", "episode_id,child_id,decom,rne,ls,cin,place,dec,rec\n900-E1,900-C2,2024-03-01,S,C2,N1,U6,2024-02-01,E4A\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":2: column 'dec', value '2024-02-01': dec must not be before decom (2024-03-01)"), std::string::npos) << p;
}

TEST(CsvLoader, DuplicateId) {
  LoadFixture f("dup");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,6,N\n900-R1,900-C2,2024-01-11,6,N\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":3: column 'referral_id', value '900-R1': duplicate referral_id: also on line 2"), std::string::npos) << p;
}

TEST(CsvLoader, ReferenceToAMissingRecord) {
  LoadFixture f("ref");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C9,2024-01-10,6,N\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":2: column 'child_id', value '900-C9': no children record has child_id '900-C9'"), std::string::npos) << p;
}

TEST(CsvLoader, MissingRequiredColumn) {
  LoadFixture f("missingcol");
  f.Set("referrals", "referral_id,child_id,source,nfa\n900-R1,900-C1,6,N\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":1: column 'referral_date', value '': required column is missing from the header"), std::string::npos) << p;
}

TEST(CsvLoader, ExtraColumn) {
  LoadFixture f("extracol");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa,colour\n900-R1,900-C1,2024-01-10,6,N,blue\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":1: column 'colour', value 'colour': unknown column for referrals"), std::string::npos) << p;
}

TEST(CsvLoader, NonUtf8Bytes) {
  LoadFixture f("utf8");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,6,N\n900-R2,900-C1,2024-01-\xE9,6,N\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find(":3: byte 98 (0xE9) is not UTF-8"), std::string::npos) << p;
}

TEST(CsvLoader, EmptyFile) {
  LoadFixture f("empty");
  f.Set("referrals", "");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find("referrals.csv: the file is empty"), std::string::npos) << p;
}

TEST(CsvLoader, FileThatIsNotCsv) {
  LoadFixture f("binary");
  f.Set("referrals", std::string("PK\x03\x04\x14\0\0\0", 8));  // the start of a zip (xlsx) file
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find("is a NUL byte: this is binary data, not a CSV text file"), std::string::npos) << p;
  LoadFixture g("json");
  g.Set("referrals", "{\"referrals\": []}\n");
  p = ProblemsOf(g);
  EXPECT_NE(p.find("unknown column for referrals"), std::string::npos) << p;
}

TEST(CsvLoader, RowWithTheWrongNumberOfFields) {
  LoadFixture f("fields");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C1,2024-01-10,6\n");
  EXPECT_NE(ProblemsOf(f).find(":2: the row has 4 fields but the header has 5"), std::string::npos);
}

TEST(CsvLoader, UnclosedQuote) {
  LoadFixture f("quote");
  f.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n900-R1,\"900-C1,2024-01-10,6,N\n");
  EXPECT_NE(ProblemsOf(f).find(":2: a quoted field is never closed"), std::string::npos);
}

TEST(CsvLoader, ReportsManyProblemsAtOnce) {
  LoadFixture f("many");
  std::string text = "referral_id,child_id,referral_date,source,nfa\n";
  for (int i = 0; i < 150; ++i) text += "900-R" + std::to_string(i) + ",900-C1,2024-01-10,6,maybe\n";
  f.Set("referrals", text);
  CsvFolderLoad folder(f.dir());
  Problems problems(100);
  EXPECT_FALSE(folder.Check(problems).ok());
  EXPECT_EQ(problems.total(), 150u);
  EXPECT_EQ(problems.kept().size(), 100u);
}

TEST(CsvLoader, RequiredFilesAndUnknownFiles) {
  LoadFixture f("files");
  f.Remove("children");
  f.Set("placements", "a,b\n");
  std::string p = ProblemsOf(f);
  EXPECT_NE(p.find("children.csv is required in every load"), std::string::npos) << p;
  EXPECT_NE(p.find("placements.csv: not a scrutiny record file"), std::string::npos) << p;
}

TEST(CsvLoader, RulesBetweenFields) {
  LoadFixture f("rules");
  f.Set("children", "child_id,la_code,sex,ethnicity,uasc\n900-C1,900,F,WBRI,N\n900-C2,900,M,WBRI,N\n");
  EXPECT_NE(ProblemsOf(f).find("one of date_of_birth, expected_date_of_birth must have a value"), std::string::npos);
  LoadFixture g("both");
  g.Set("looked_after_episodes", "episode_id,child_id,decom,rne,ls,cin,place,dec\n900-E1,900-C2,2024-03-01,S,C2,N1,U6,2024-04-01\n");
  EXPECT_NE(ProblemsOf(g).find("rec must have a value when dec has one"), std::string::npos);
}

TEST(CsvReader, QuotesCrLfAndByteOrderMark) {
  CsvReader reader("\xEF\xBB\xBF" "a,b\r\n\"x,\"\"y\"\"\",\"line\nbreak\"\r\nlast,\n");
  ASSERT_TRUE(reader.Check());
  CsvReader* r = &reader;
  std::vector<std::string_view> f;
  ASSERT_TRUE(r->Next(f));
  EXPECT_EQ(f, (std::vector<std::string_view>{"a", "b"}));
  ASSERT_TRUE(r->Next(f));
  EXPECT_EQ(f, (std::vector<std::string_view>{"x,\"y\"", "line\nbreak"}));
  EXPECT_EQ(r->line(), 2u);
  ASSERT_TRUE(r->Next(f));
  EXPECT_EQ(r->line(), 4u);
  EXPECT_EQ(f, (std::vector<std::string_view>{"last", ""}));
  EXPECT_FALSE(r->Next(f));
}

TEST(CsvReader, Utf8Checks) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x80\x99"), std::string_view::npos);
  EXPECT_EQ(FindInvalidUtf8("ab\xC0\xAF"), 2u);        // overlong
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);    // surrogate
  EXPECT_EQ(FindInvalidUtf8("abc\xE2\x80"), 3u);       // truncated
}

}  // namespace
}  // namespace scrutiny
