#include "report/html_writer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <regex>
#include <set>

#include "sample_pack.h"

namespace scrutiny {
namespace {

using testing::SamplePack;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

std::vector<std::string> AllMatches(const std::string& text, const std::string& pattern, int group = 1) {
  std::vector<std::string> found;
  std::regex re(pattern);
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator(); ++it)
    found.push_back((*it)[group].str());
  return found;
}

// WCAG 2.1 relative luminance of "#rrggbb".
double Luminance(const std::string& hex) {
  double sum = 0;
  const double weights[] = {0.2126, 0.7152, 0.0722};
  for (int i = 0; i < 3; ++i) {
    double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
    sum += weights[i] * (c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4));
  }
  return sum;
}

double Contrast(const std::string& a, const std::string& b) {
  double la = Luminance(a), lb = Luminance(b);
  return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(HtmlWriterTest, ContrastFunctionMatchesKnownValues) {
  EXPECT_NEAR(Contrast("#000000", "#ffffff"), 21, 1e-9);
  EXPECT_NEAR(Contrast("#E46C0A", "#ffffff"), 3.3, 0.1);  // MDC orange: graphics only, not small text
}

TEST(HtmlWriterTest, IsOneDocumentWithNothingFetched) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_EQ(Count(html, "<html"), 1u);
  EXPECT_EQ(Count(html, "</html>"), 1u);
  EXPECT_NE(html.find("<html lang=\"en-GB\">"), std::string::npos);
  for (const char* external : {"<link", "<script", "src=", "http:", "https:", "@import", "url("})
    EXPECT_EQ(html.find(external), std::string::npos) << external;
}

TEST(HtmlWriterTest, SkipLinkAndContentsPointAtTargetsThatExist) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_NE(html.find("class=\"skip-link\" href=\"#main\""), std::string::npos);
  std::vector<std::string> links = AllMatches(html, "href=\"#([^\"]+)\"");
  EXPECT_GE(links.size(), 10u);
  for (const std::string& id : links) EXPECT_EQ(Count(html, "id=\"" + id + "\""), 1u) << id;
}

TEST(HtmlWriterTest, HeadingsAreInOrder) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  std::vector<std::string> levels = AllMatches(html, "<h([1-6])[ >]");
  ASSERT_FALSE(levels.empty());
  EXPECT_EQ(levels.front(), "1");
  EXPECT_EQ(std::count(levels.begin(), levels.end(), "1"), 1);
  for (size_t i = 1; i < levels.size(); ++i) EXPECT_LE(std::stoi(levels[i]), std::stoi(levels[i - 1]) + 1) << i;
  std::vector<std::string> sections = AllMatches(html, "<h2[^>]*>([^<]*)</h2>");
  EXPECT_EQ(sections, (std::vector<std::string>{"Contents", "Headlines", "Scorecard", "Performing below expectation",
                                                "Particularly good performance", "Referrals", "Assessments",
                                                "Children looked after", "Data quality", "Appendix: definitions"}));
}

TEST(HtmlWriterTest, EveryTableHeaderHasAScopeAndEveryTableACaption) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_EQ(Count(html, "<th>"), 0u);
  EXPECT_EQ(Count(html, "<th "), Count(html, "<th scope=\""));
  EXPECT_EQ(Count(html, "<table"), Count(html, "<caption>"));
}

TEST(HtmlWriterTest, EveryChartIsAnImageWithAltTextFollowedByItsData) {
  Pack pack = SamplePack(Audience::kPublic);
  std::string html = WritePackHtml(pack);
  const PackChart& chart = pack.sections[1].charts[0];
  std::vector<std::string> charts = AllMatches(html, "<svg viewBox=\"[^\"]*\" (role=\"img\" aria-labelledby=\"[^\"]*\")");
  ASSERT_EQ(charts.size(), 1u);
  size_t svg = html.find(charts[0]);
  size_t end = html.find("</svg>", svg);
  std::string drawing = html.substr(svg, end - svg);
  EXPECT_NE(drawing.find("<desc id="), std::string::npos);
  EXPECT_NE(drawing.find("Line chart of the percentage of assessments"), std::string::npos);
  EXPECT_NE(drawing.find(">90%</text>"), std::string::npos);  // a tick label

  size_t table = html.find("<table", end);
  std::string data = html.substr(table, html.find("</table>", table) - table);
  std::string body = data.substr(data.find("<tbody>"));
  EXPECT_EQ(Count(body, "<tr>"), chart.values.size());
  for (const std::string& label : chart.labels) EXPECT_NE(body.find(label), std::string::npos);
  EXPECT_NE(body.find("86.4%"), std::string::npos);
}

TEST(HtmlWriterTest, SuppressedFigureShowsC) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_GE(Count(html, ">c</abbr>"), 3u);
  EXPECT_NE(html.find("Counts from 1 to 5 are shown as c"), std::string::npos);
}

TEST(HtmlWriterTest, MeaningIsInWordsNotOnlyColour) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  for (const char* words : {"Amber: within tolerance", "Green: on target", "may meet the target",
                            "likely to meet the target", "improved from 83.7% to 86.4%", "fell from 201 to 183",
                            "Common cause variation; the target may be met or missed"})
    EXPECT_NE(html.find(words), std::string::npos) << words;
  // SPC icons: a letter, a title and a text alternative.
  EXPECT_NE(html.find("aria-label=\"Special cause improvement (higher values)\"><title>"), std::string::npos);
  EXPECT_NE(html.find(">H</text>"), std::string::npos);
  EXPECT_NE(html.find(">P</text>"), std::string::npos);
  EXPECT_NE(html.find(">?</text>"), std::string::npos);
  EXPECT_EQ(Count(html, "<svg class=\"icon\""), Count(html, "<svg class=\"icon\" viewBox=\"0 0 24 24\" role=\"img\" aria-label="));
}

TEST(HtmlWriterTest, CommentaryAndExceptionsArePrinted) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  std::string below = html.substr(html.find("id=\"below-expectation\""));
  below = below.substr(0, below.find("</section>"));
  EXPECT_NE(below.find("4.3 Assessments completed within 45 working days"), std::string::npos);
  EXPECT_NE(below.find("Weekly timeliness review"), std::string::npos);
  EXPECT_NE(below.find("A. Manager, 10 November 2025"), std::string::npos);
  EXPECT_NE(html.find("Looked-after children visited within 6 weeks</h3>"), std::string::npos);
  EXPECT_NE(html.find("12 assessments closed in October"), std::string::npos);
  EXPECT_NE(html.find("Care Planning Regulations 2010"), std::string::npos);
  EXPECT_NE(html.find("generated on 14 November 2025"), std::string::npos);
}

TEST(HtmlWriterTest, TotalRowsAreMarked) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_NE(html.find("<tr class=\"total\"><th scope=\"row\">Total</th>"), std::string::npos);
}

TEST(HtmlWriterTest, ConfidentialMarkOnCoverAndEveryPrintedPage) {
  std::string html = WritePackHtml(SamplePack(Audience::kConfidential));
  std::string mark = Pack::kConfidentialMark;
  EXPECT_NE(html.find("<p class=\"part2\">" + mark + "</p>"), std::string::npos);
  EXPECT_NE(html.find("@top-right { content: \"" + mark + "\""), std::string::npos);
  EXPECT_NE(html.find("<title>" + mark), std::string::npos);
}

TEST(HtmlWriterTest, PublicPackNeverCarriesTheConfidentialMark) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_EQ(html.find(Pack::kConfidentialMark), std::string::npos);
  EXPECT_EQ(html.find("Part 2"), std::string::npos);
}

TEST(HtmlWriterTest, TextFromThePackIsEscaped) {
  Pack pack = SamplePack(Audience::kConfidential);
  pack.council_name = "Tom's \"Borough\" </style>";
  pack.indicators[1].title = "Assessments <b>& reviews";
  pack.indicators[1].commentary[0].text = "<script>alert(1)</script>";
  pack.sections[1].charts[0].alt = "A chart <b>& more";
  std::string html = WritePackHtml(pack);
  EXPECT_EQ(html.find("<b>&"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("Assessments &lt;b&gt;&amp; reviews"), std::string::npos);
  EXPECT_NE(html.find("A chart &lt;b&gt;&amp; more"), std::string::npos);
  EXPECT_NE(html.find("Tom&#39;s &quot;Borough&quot; &lt;/style&gt;"), std::string::npos);
  EXPECT_EQ(Count(html, "</style>"), 1u);  // the name in the page margins cannot close the style sheet
}

TEST(HtmlWriterTest, EveryColourMeetsWcagContrast) {
  for (const HtmlColourUse& use : HtmlColourUses())
    EXPECT_GE(Contrast(use.colour, use.background), use.minimum_contrast)
        << use.what << ": " << use.colour << " on " << use.background;
}

TEST(HtmlWriterTest, EveryTextColourInTheDocumentIsACheckedTextColour) {
  std::set<std::string> text_colours;
  for (const HtmlColourUse& use : HtmlColourUses())
    if (use.minimum_contrast >= 4.5) text_colours.insert(Lower(use.colour));
  std::string html = WritePackHtml(SamplePack(Audience::kConfidential));
  std::vector<std::string> used = AllMatches(html, "[^-]color: (#[0-9a-fA-F]{6})");
  for (const std::string& c : AllMatches(html, "<text [^>]*fill=\"(#[0-9a-fA-F]{6})\"")) used.push_back(c);
  for (const std::string& c : AllMatches(html, "\\.chart-text \\{ fill: (#[0-9a-fA-F]{6})")) used.push_back(c);
  EXPECT_GE(used.size(), 8u);
  for (const std::string& c : used) EXPECT_EQ(text_colours.count(Lower(c)), 1u) << c;
}

TEST(HtmlWriterTest, PrintsOnA4WithSectionsOnNewPages) {
  std::string html = WritePackHtml(SamplePack(Audience::kPublic));
  EXPECT_NE(html.find("size: A4"), std::string::npos);
  EXPECT_NE(html.find("section.part { break-before: page; }"), std::string::npos);
  EXPECT_NE(html.find("break-inside: avoid"), std::string::npos);
  EXPECT_NE(html.find("counter(page)"), std::string::npos);
}

TEST(HtmlWriterTest, SavesToAFileAndReportsFailure) {
  std::string error;
  EXPECT_TRUE(SavePackHtml(SamplePack(Audience::kPublic), ::testing::TempDir() + "pack.html", &error)) << error;
  EXPECT_FALSE(SavePackHtml(SamplePack(Audience::kPublic), "/nonexistent-dir/pack.html", &error));
  EXPECT_NE(error.find("/nonexistent-dir/pack.html"), std::string::npos);
}

}  // namespace
}  // namespace scrutiny
