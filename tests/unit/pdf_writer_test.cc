// The PDF committee pack (src/report/pdf_writer): its structure and words as
// poppler's pdftotext, pdfinfo and pdfimages read them back, not its pixels.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <unistd.h>

#include "report/pdf_writer.h"
#include "sample_pack.h"

namespace scrutiny {
namespace {

using testing::Fig;
using testing::SamplePack;

std::string Quoted(const std::string& s) { return "'" + s + "'"; }

// What a shell command prints.
std::string Output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), pclose);
  if (!pipe) return "";
  std::string out;
  char buffer[4096];
  size_t n = 0;
  while ((n = fread(buffer, 1, sizeof buffer, pipe.get())) > 0) out.append(buffer, n);
  return out;
}

std::vector<std::string> LinesOf(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string Trimmed(const std::string& s) {
  size_t first = s.find_first_not_of(" \t\f");
  if (first == std::string::npos) return "";
  return s.substr(first, s.find_last_not_of(" \t\f") - first + 1);
}

// A pack written to a temporary PDF, read back page by page.
class WrittenPdf {
 public:
  explicit WrittenPdf(const Pack& pack, const std::string& name) {
    path_ = (std::filesystem::temp_directory_path() / fmt::format("scrutiny_pdf_{}_{}.pdf", name, ::getpid())).string();
    ok_ = WritePackPdf(pack, path_, &error_);
  }
  ~WrittenPdf() { std::filesystem::remove(path_); }

  bool ok() const { return ok_; }
  const std::string& error() const { return error_; }
  const std::string& path() const { return path_; }

  std::string Bytes() const {
    std::ifstream in(path_, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  }
  std::string Info() const { return Output("pdfinfo " + Quoted(path_)); }
  int Pages() const {
    std::smatch m;
    std::string info = Info();
    return std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")) ? std::stoi(m[1]) : 0;
  }
  std::string Page(int n) const { return Output(fmt::format("pdftotext -layout -f {0} -l {0} {1} -", n, Quoted(path_))); }
  std::string Text() const { return Output("pdftotext -layout " + Quoted(path_) + " -"); }

  // The first page from `from` with a line that is `heading` alone; 0 if none.
  int PageOfHeading(const std::string& heading, int from) const {
    for (int n = from; n <= Pages(); ++n)
      for (const std::string& line : LinesOf(Page(n)))
        if (Trimmed(line) == heading) return n;
    return 0;
  }

 private:
  std::string path_, error_;
  bool ok_ = false;
};

class PdfWriterTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    public_ = new WrittenPdf(SamplePack(Audience::kPublic), "public");
    confidential_ = new WrittenPdf(SamplePack(Audience::kConfidential), "confidential");
  }
  static void TearDownTestSuite() {
    delete public_;
    delete confidential_;
  }
  static WrittenPdf* public_;
  static WrittenPdf* confidential_;
};

WrittenPdf* PdfWriterTest::public_ = nullptr;
WrittenPdf* PdfWriterTest::confidential_ = nullptr;

TEST_F(PdfWriterTest, WritesANonTrivialPdf) {
  for (const WrittenPdf* pdf : {public_, confidential_}) {
    ASSERT_TRUE(pdf->ok()) << pdf->error();
    std::string bytes = pdf->Bytes();
    EXPECT_EQ(bytes.substr(0, 5), "%PDF-");
    EXPECT_GT(bytes.size(), 20000u);
    EXPECT_GE(pdf->Pages(), 6);
    EXPECT_NE(pdf->Info().find("A4"), std::string::npos);
  }
}

TEST_F(PdfWriterTest, CoverNamesCouncilCommitteePeriodAndDate) {
  std::string cover = public_->Page(1);
  EXPECT_NE(cover.find("Synthetic Borough"), std::string::npos);
  EXPECT_NE(cover.find("Children and Young People Scrutiny Committee"), std::string::npos);
  EXPECT_NE(cover.find("October 2025"), std::string::npos);
  EXPECT_NE(cover.find("31 October 2025"), std::string::npos);
  EXPECT_NE(cover.find("Public"), std::string::npos);
  EXPECT_NE(confidential_->Page(1).find("Confidential"), std::string::npos);
}

TEST_F(PdfWriterTest, ContentsGiveThePagesWhereSectionsStart) {
  const std::vector<std::string> sections = {"Headlines",
                                             "Summary scorecard",
                                             "Performing below expectation",
                                             "Particularly good performance",
                                             "Referrals",
                                             "Assessments",
                                             "Children looked after",
                                             "Data quality",
                                             "Appendix: definitions",
                                             "About these figures"};
  for (const WrittenPdf* pdf : {public_, confidential_}) {
    std::string contents = pdf->Page(2);
    ASSERT_NE(contents.find("Contents"), std::string::npos);
    for (const std::string& section : sections) {
      std::smatch m;
      ASSERT_TRUE(std::regex_search(contents, m, std::regex("\\n\\s*" + section + R"(\s{2,}(\d+)\s*\n)")))
          << section << " missing from\n" << contents;
      EXPECT_EQ(std::stoi(m[1]), pdf->PageOfHeading(section, 3)) << section;
    }
  }
}

TEST_F(PdfWriterTest, EveryFooterSaysPageNOfN) {
  for (const WrittenPdf* pdf : {public_, confidential_}) {
    int pages = pdf->Pages();
    for (int n = 1; n <= pages; ++n)
      EXPECT_NE(pdf->Page(n).find(fmt::format("Page {} of {}", n, pages)), std::string::npos) << "page " << n;
  }
}

TEST_F(PdfWriterTest, ConfidentialPackIsMarkedOnEveryPagePublicOnNone) {
  for (int n = 1; n <= confidential_->Pages(); ++n)
    EXPECT_NE(confidential_->Page(n).find(Pack::kConfidentialMark), std::string::npos) << "page " << n;
  for (int n = 1; n <= public_->Pages(); ++n)
    EXPECT_EQ(public_->Page(n).find("not for publication"), std::string::npos) << "page " << n;
}

TEST_F(PdfWriterTest, ScorecardCarriesRagWordsDirectionsAndLikelihood) {
  std::string text = public_->Text();
  for (const char* words : {"Amber", "within tolerance", "Green", "on target", "may meet the target",
                            "likely to meet the target", "improved from 83.7% to 86.4%", "fell from 201",
                            "England 2024-25: 85.7%", "2,346 (80%:", "159 of 184"})
    EXPECT_NE(text.find(words), std::string::npos) << words;
  EXPECT_NE(text.find("\u2191"), std::string::npos);  // the arrows print as arrows
  EXPECT_NE(text.find("\u2193"), std::string::npos);
}

TEST_F(PdfWriterTest, SpcIconsCarryLettersAndWords) {
  std::string text = public_->Text();
  EXPECT_NE(text.find("Special cause of improvement"), std::string::npos);  // 8.9's icons in words
  EXPECT_NE(text.find("consistently met"), std::string::npos);
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(\bH\s+P\b)")));  // 8.9's icons
  EXPECT_NE(text.find("Key to the SPC icons"), std::string::npos);
}

TEST_F(PdfWriterTest, SuppressedCellsPrintC) {
  EXPECT_TRUE(std::regex_search(public_->Text(), std::regex(R"(Disabled children\s+c\s+c\s+c\s*\n)")));
  EXPECT_NE(public_->Text().find("Counts from 1 to 5 are shown as c"), std::string::npos);
}

TEST_F(PdfWriterTest, PrintsCommentaryActionsHeadlinesAndNotes) {
  std::string text = confidential_->Text();
  for (const char* words : {"Two teams carried vacancies in September", "Weekly timeliness review by the service",
                            "A. Manager, 10 November 2025", "183 referrals in October",
                            "12 assessments closed in October have no", "Care Planning",
                            "Assessments completed within 45 working days, by month", "Line chart of the percentage"})
    EXPECT_NE(text.find(words), std::string::npos) << words;
}

TEST_F(PdfWriterTest, ChartIsFollowedByItsValues) {
  std::string text = public_->Text();
  EXPECT_TRUE(std::regex_search(text, std::regex(R"(Aug 2025\s+83\.1%\s+84\.7%\s+80\.5%\s+88\.9%\s+90\.0%\s+Common cause)")));
  EXPECT_NE(text.find("Process limits"), std::string::npos);  // the chart's key
}

TEST_F(PdfWriterTest, ChartsAreVectorNotImages) {
  std::string images = Output("pdfimages -list " + Quoted(public_->path()));
  EXPECT_EQ(LinesOf(images).size(), 2u) << images;  // the column headings and their rule only
}

TEST_F(PdfWriterTest, SetsMetadataBookmarksAndLinks) {
  std::string info = confidential_->Info();
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Title:\s+Synthetic Borough)")));
  EXPECT_TRUE(std::regex_search(info, std::regex(R"(Author:\s+Scrutiny)")));
  EXPECT_NE(info.find("Part 2 - not for publication"), std::string::npos);  // in the subject
  std::string bytes = confidential_->Bytes();
  EXPECT_NE(bytes.find("/Outlines"), std::string::npos);
  EXPECT_NE(bytes.find("/Title (Summary scorecard)"), std::string::npos);
  EXPECT_NE(bytes.find("/Subtype /Link"), std::string::npos);
}

TEST(PdfWriter, UnwritablePathIsAnError) {
  std::string error;
  EXPECT_FALSE(WritePackPdf(SamplePack(Audience::kPublic), "/nonexistent-directory/pack.pdf", &error));
  EXPECT_NE(error.find("/nonexistent-directory/pack.pdf"), std::string::npos) << error;
  EXPECT_FALSE(WritePackPdf(SamplePack(Audience::kPublic), "/nonexistent-directory/pack.pdf", nullptr));
}

TEST(PdfWriter, EmptyPackStillPrintsItsFrame) {
  Pack pack;
  pack.council_name = "Empty <Council> & Co";
  WrittenPdf pdf(pack, "empty");
  ASSERT_TRUE(pdf.ok()) << pdf.error();
  std::string text = pdf.Text();
  EXPECT_NE(text.find("Empty <Council> & Co"), std::string::npos);  // markup characters print as written
  EXPECT_NE(text.find("No indicator is performing below expectation."), std::string::npos);
  EXPECT_EQ(pdf.PageOfHeading("Data quality", 3), pdf.Pages());
}

// A scorecard too long for a page: its headings repeat and no row is split.
TEST(PdfWriter, LongScorecardRepeatsHeadingsAndKeepsRowsWhole) {
  Pack pack = SamplePack(Audience::kPublic);
  PackIndicator base = pack.indicators[1];
  pack.indicators.clear();
  for (int i = 0; i < 40; ++i) {
    PackIndicator ind = base;
    ind.number = fmt::format("9.{}", i);
    ind.title = fmt::format("BEGIN{:02} a long indicator title that wraps over several lines END{:02}", i, i);
    pack.indicators.push_back(ind);
  }
  WrittenPdf pdf(pack, "long");
  ASSERT_TRUE(pdf.ok()) << pdf.error();
  int first = pdf.PageOfHeading("Summary scorecard", 3);
  int last = pdf.PageOfHeading("Key to the SPC icons", first);
  ASSERT_GT(last, first + 1);
  std::vector<std::string> pages;
  for (int n = first; n <= last; ++n) pages.push_back(pdf.Page(n));
  for (const std::string& page : pages) {
    if (page.find("BEGIN") == std::string::npos) continue;
    EXPECT_TRUE(std::regex_search(page, std::regex(R"(No\.\s+Indicator\s+Value\s+Target\s+RAG)"))) << page;
  }
  for (int i = 0; i < 40; ++i) {
    size_t begins = pages.size(), ends = pages.size() + 1;
    for (size_t n = 0; n < pages.size(); ++n) {
      if (pages[n].find(fmt::format("BEGIN{:02}", i)) != std::string::npos) begins = n;
      if (pages[n].find(fmt::format("END{:02}", i)) != std::string::npos) ends = n;
    }
    EXPECT_EQ(begins, ends) << "row " << i << " missing or split";
  }
}

}  // namespace
}  // namespace scrutiny
