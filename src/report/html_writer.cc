#include "report/html_writer.h"

#include <algorithm>
#include <cstdio>
#include <cmath>
#include <fstream>
#include <string_view>

#include <fmt/format.h>

#include "core/markup.h"

#include "report/chart_layout.h"

namespace scrutiny {
namespace {

// The palette. Text colours meet 4.5:1 on their backgrounds; the MDC icon
// colours are fills behind dark letters, outlined in ink for 3:1.
constexpr std::string_view kPage = "#ffffff";
constexpr std::string_view kInk = "#1a1a1a";
constexpr std::string_view kMuted = "#505a5f";
constexpr std::string_view kLink = "#1d70b8";
constexpr std::string_view kFocus = "#ffdd00";
constexpr std::string_view kHeaderFill = "#f3f2f1";
constexpr std::string_view kMark = "#942514";  // the Part 2 mark and the target line
constexpr std::string_view kSeries = "#003078";
constexpr std::string_view kGrid = "#dddddd";
constexpr std::string_view kMdcGrey = "#A6A6A6";
constexpr std::string_view kMdcBlue = "#00B0F0";
constexpr std::string_view kMdcOrange = "#E46C0A";
constexpr std::string_view kMdcPurple = "#490092";

// How a RAG rating is coloured: dark words on a light tint.
struct RagColours {
  std::string_view rag, name, text, fill;
};
constexpr RagColours kRags[] = {{"green", "Green", "#005a30", "#cce2d8"},
                                {"amber", "Amber", "#6e3619", "#fcd6c3"},
                                {"red", "Red", "#2a0b06", "#f4cdc6"}};

// An MDC icon or chart point: its fill, the letter's colour, and for chart
// points a shape so that black-and-white prints still tell them apart.
struct SpcLook {
  std::string_view kind, fill, letter_colour, shape, name;
};
constexpr SpcLook kSpcLooks[] = {{"common_cause", kMdcGrey, kInk, "circle", "common cause (grey circle)"},
                                 {"improvement", kMdcBlue, kInk, "square", "improvement (blue square)"},
                                 {"concern", kMdcOrange, kInk, "diamond", "concern (orange diamond)"},
                                 {"neither", kMdcPurple, kPage, "triangle", "special cause (purple triangle)"},
                                 {"pass", kMdcBlue, kInk, "circle", ""},
                                 {"fail", kMdcOrange, kInk, "circle", ""},
                                 {"hit_or_miss", kMdcGrey, kInk, "circle", ""}};

const SpcLook& LookOf(std::string_view icon) {
  for (const SpcLook& look : kSpcLooks)
    if (icon.substr(0, look.kind.size()) == look.kind) return look;
  return kSpcLooks[0];
}

// "2025-11-10" as "10 November 2025"; anything else as given.
std::string LongDate(const std::string& iso) {
  static const char* const kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                        "July",    "August",   "September", "October", "November", "December"};
  int year = 0, month = 0, day = 0;
  if (iso.size() != 10 || std::sscanf(iso.c_str(), "%4d-%2d-%2d", &year, &month, &day) != 3 || month < 1 ||
      month > 12)
    return EscapedMarkup(iso);
  return fmt::format("{} {} {}", day, kMonths[month - 1], year);
}

std::string OrDash(const std::string& text) { return text.empty() ? "-" : EscapedMarkup(text); }

// A printed figure; a suppressed one is explained to screen readers and on hover.
std::string Figure(const PackFigure& f) {
  if (f.suppressed) return fmt::format("<abbr title=\"suppressed to protect children's privacy\">{}</abbr>", EscapedMarkup(f.shown));
  return EscapedMarkup(f.shown);
}

std::string AreaId(size_t i) { return fmt::format("area-{}", i + 1); }

// ---------------------------------------------------------------- style

// A CSS string holding `text`: quotes, backslashes and markup characters escaped.
std::string CssString(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&')
      out += fmt::format("\\{:x} ", u);
    else
      out += c;
  }
  return out + "\"";
}

// The page box and the marks printed in its margins on every page: the
// council and period, page numbers, and the Part 2 mark when confidential.
std::string PageRules(const Pack& p) {
  std::string part2 = p.confidential() ? fmt::format(
      "  @top-right {{ content: {}; color: {}; font: bold 10pt Arial, sans-serif; border: 2px solid {}; "
      "padding: 0 2mm; margin: 7mm 0 3mm 0; white-space: nowrap; }}\n",
      CssString(Pack::kConfidentialMark), kMark, kMark) : "";
  return fmt::format(
      "@page {{\n  size: A4;\n  margin: 20mm 16mm 18mm 16mm;\n"
      "  @top-left {{ content: {}; font: 8.5pt Arial, sans-serif; color: {}; }}\n{}"
      "  @bottom-left {{ content: {}; font: 8.5pt Arial, sans-serif; color: {}; }}\n"
      "  @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); font: 8.5pt Arial, sans-serif; "
      "color: {}; }}\n}}\n",
      CssString(p.council_name + " - " + p.period_label), kMuted, part2,
      CssString(p.committee), kMuted, kMuted);
}

std::string RagStyles() {
  std::string css;
  for (const RagColours& r : kRags) css += fmt::format(".rag-{} {{ color: {}; background: {}; }}\n", r.rag, r.text, r.fill);
  return css;
}

std::string Style(const Pack& p) {
  return fmt::format(R"(<style>
{page_rules}* {{ box-sizing: border-box; }}
body {{ font-family: Arial, "Liberation Sans", Helvetica, sans-serif; font-size: 16px; line-height: 1.45;
  color: {ink}; background: {page}; margin: 0 auto; max-width: 62rem; padding: 0 1rem 2rem; }}
a {{ color: {link}; }}
a:focus {{ background: {focus}; color: {ink}; outline: 3px solid {ink}; }}
h1 {{ font-size: 2rem; margin: 0.5rem 0; }}
h2 {{ font-size: 1.5rem; border-bottom: 2px solid {ink}; padding-bottom: 0.2rem; margin-top: 2.5rem; }}
h3 {{ font-size: 1.2rem; margin-top: 1.6rem; }}
h4 {{ font-size: 1rem; margin: 0.8rem 0 0.2rem; }}
.skip-link {{ position: absolute; left: -999px; }}
.skip-link:focus {{ position: static; display: inline-block; padding: 0.3rem; }}
.visually-hidden {{ position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  clip-path: inset(50%); white-space: nowrap; }}
.part2 {{ color: {mark}; background: {page}; border: 3px solid {mark}; font-weight: bold; font-size: 1.25rem;
  text-align: center; padding: 0.4rem; margin: 0.5rem 0; }}
@media screen {{ .part2 {{ position: sticky; top: 0; z-index: 1; }} }}
.cover {{ padding: 2rem 0 1rem; }}
.cover dl {{ display: grid; grid-template-columns: max-content 1fr; gap: 0.3rem 1.2rem; }}
.cover dt {{ font-weight: bold; }} .cover dd {{ margin: 0; }}
table {{ border-collapse: collapse; width: 100%; margin: 0.6rem 0 1.2rem; font-size: 0.85rem; }}
caption {{ text-align: left; padding: 0.3rem 0; }}
th, td {{ border: 1px solid {muted}; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }}
thead th {{ background: {header}; color: {ink}; }}
td.figure, th.figure {{ text-align: right; white-space: nowrap; }}
tr.total th, tr.total td {{ font-weight: bold; border-top: 2px solid {ink}; }}
.scorecard {{ font-size: 0.78rem; }}
.scorecard td, .scorecard th {{ padding: 0.25rem 0.3rem; }}
.sub {{ display: block; color: {muted}; font-size: 0.9em; }}
.rag {{ font-weight: bold; }}
{rags}
.arrow {{ font-weight: bold; font-size: 1.1em; }}
.icon {{ width: 1.7em; height: 1.7em; vertical-align: middle; margin-right: 0.15em; }}
.likelihood svg {{ width: 1.1em; height: 1.1em; vertical-align: -0.15em; margin-right: 0.2em; }}
.headlines li {{ margin-bottom: 0.4rem; }}
.exception {{ border-left: 4px solid {muted}; padding-left: 0.8rem; margin: 1rem 0 1.5rem; }}
.facts {{ display: flex; flex-wrap: wrap; gap: 0.2rem 1.5rem; margin: 0.4rem 0; }}
.facts div {{ display: flex; gap: 0.4rem; }} .facts dt {{ font-weight: bold; }} .facts dd {{ margin: 0; }}
.byline {{ color: {muted}; font-style: italic; }}
figure {{ margin: 0.8rem 0; }}
figure > svg {{ width: 100%; max-width: 170mm; height: auto; display: block; }}
.chart-text {{ fill: {ink}; font-size: 12px; font-family: Arial, "Liberation Sans", sans-serif; }}
.legend {{ list-style: none; padding: 0; margin: 0.3rem 0; display: flex; flex-wrap: wrap; gap: 0.2rem 1.2rem;
  font-size: 0.85rem; }}
.legend svg {{ width: 28px; height: 14px; vertical-align: middle; margin-right: 0.3rem; }}
details summary {{ cursor: pointer; color: {link}; }}
footer {{ border-top: 2px solid {ink}; margin-top: 3rem; padding-top: 0.5rem; font-size: 0.9rem; }}
@media print {{
  body {{ max-width: none; padding: 0; font-size: 10.5pt; }}
  * {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .skip-link, nav a::after {{ display: none; }}
  a {{ color: {ink}; text-decoration: none; }}
  section.part {{ break-before: page; }}
  h2, h3, h4 {{ break-after: avoid; }}
  tr, figure, .exception, .facts, details, table.breakdown {{ break-inside: avoid; }}
  thead {{ display: table-header-group; }}
  figure > svg {{ width: 170mm; max-width: 100%; }}
  details > summary {{ display: none; }}
  .scorecard {{ font-size: 8.5pt; }}
}}
</style>
)",
                     fmt::arg("ink", kInk), fmt::arg("page", kPage), fmt::arg("link", kLink), fmt::arg("focus", kFocus),
                     fmt::arg("muted", kMuted), fmt::arg("header", kHeaderFill), fmt::arg("mark", kMark),
                     fmt::arg("rags", RagStyles()), fmt::arg("page_rules", PageRules(p)));
}


// ---------------------------------------------------------------- cover and running marks

std::string PackTitle(const Pack& p) { return "Children's social care performance: " + EscapedMarkup(p.period_label); }

// The Part 2 mark atop a confidential pack; on screen it stays in view.
std::string Part2Banner(const Pack& p) {
  return p.confidential() ? fmt::format("<p class=\"part2\">{}</p>\n", Pack::kConfidentialMark) : "";
}

std::string Cover(const Pack& p) {
  std::string audience = p.confidential() ? fmt::format("{} (confidential: every figure is shown)", Pack::kConfidentialMark)
                                          : std::string("Public (Part 1): small numbers are suppressed");
  return fmt::format(
      "<header class=\"cover\">\n<p>{0}</p>\n<h1>{1}</h1>\n<dl>\n"
      "<dt>Committee</dt><dd>{2}</dd>\n<dt>Period</dt><dd>{3}</dd>\n<dt>Data as at</dt><dd>{4}</dd>\n"
      "<dt>Audience</dt><dd>{5}</dd>\n</dl>\n</header>\n",
      EscapedMarkup(p.council_name), PackTitle(p), EscapedMarkup(p.committee), EscapedMarkup(p.period_label), LongDate(p.as_at),
      audience);
}

std::string Contents(const Pack& p) {
  std::string items = "<li><a href=\"#headlines\">Headlines</a></li>\n<li><a href=\"#scorecard\">Scorecard</a></li>\n"
                      "<li><a href=\"#below-expectation\">Performing below expectation</a></li>\n"
                      "<li><a href=\"#good-performance\">Particularly good performance</a></li>\n";
  for (size_t i = 0; i < p.sections.size(); ++i)
    items += fmt::format("<li><a href=\"#{}\">{}</a></li>\n", AreaId(i), EscapedMarkup(p.sections[i].area));
  items += "<li><a href=\"#data-quality\">Data quality</a></li>\n<li><a href=\"#definitions\">Definitions</a></li>\n";
  return fmt::format("<nav aria-labelledby=\"contents-heading\">\n<h2 id=\"contents-heading\">Contents</h2>\n<ol>\n{}</ol>\n</nav>\n",
                     items);
}

std::string List(const std::vector<std::string>& lines, std::string_view css_class) {
  std::string items;
  for (const std::string& line : lines) items += "<li>" + EscapedMarkup(line) + "</li>\n";
  return fmt::format("<ul class=\"{}\">\n{}</ul>\n", css_class, items);
}

std::string Headlines(const Pack& p) {
  return "<section id=\"headlines\">\n<h2>Headlines</h2>\n" + List(p.headlines, "headlines") + "</section>\n";
}

// ---------------------------------------------------------------- scorecard cells

const RagColours* RagOf(const std::string& rag) {
  for (const RagColours& r : kRags)
    if (r.rag == rag) return &r;
  return nullptr;
}

// "Amber: within tolerance", in the RAG's colours.
std::string RagWords(const PackIndicator& ind) {
  const RagColours* r = RagOf(ind.rag);
  if (r == nullptr) return "-";
  return fmt::format("<span class=\"rag rag-{}\">{}: {}</span>", r->rag, r->name, EscapedMarkup(ind.rag_words));
}

std::string RagCell(const PackIndicator& ind) {
  const RagColours* r = RagOf(ind.rag);
  if (r == nullptr) return "<td>-</td>";
  return fmt::format("<td class=\"rag rag-{}\">{}: {}</td>", r->rag, r->name, EscapedMarkup(ind.rag_words));
}

std::string ChangeCell(const std::string& arrow, const std::string& words) {
  if (arrow.empty() && words.empty()) return "<td>-</td>";
  return fmt::format("<td><span class=\"arrow\" aria-hidden=\"true\">{}</span> {}</td>", EscapedMarkup(arrow), EscapedMarkup(words));
}

// The MDC icon's meaning in words, and its letter.
struct IconMeaning {
  std::string_view icon, words, letter;
};
constexpr IconMeaning kIconMeanings[] = {
    {"common_cause", "Common cause variation", ""},
    {"improvement_high", "Special cause improvement (higher values)", "H"},
    {"improvement_low", "Special cause improvement (lower values)", "L"},
    {"concern_high", "Special cause concern (higher values)", "H"},
    {"concern_low", "Special cause concern (lower values)", "L"},
    {"neither_high", "Special cause variation (higher values)", "H"},
    {"neither_low", "Special cause variation (lower values)", "L"},
    {"pass", "Target consistently met", "P"},
    {"fail", "Target consistently missed", "F"},
    {"hit_or_miss", "Target may be met or missed", "?"}};

const IconMeaning* MeaningOf(const std::string& icon) {
  for (const IconMeaning& m : kIconMeanings)
    if (m.icon == icon) return &m;
  return nullptr;
}

// An MDC icon: a circle in its colour, outlined in ink, with its letter.
std::string SpcIcon(const std::string& icon) {
  const IconMeaning* m = MeaningOf(icon);
  if (m == nullptr) return "";
  const SpcLook& look = LookOf(icon);
  return fmt::format(
      "<svg class=\"icon\" viewBox=\"0 0 24 24\" role=\"img\" aria-label=\"{0}\"><title>{0}</title>"
      "<circle cx=\"12\" cy=\"12\" r=\"10.5\" fill=\"{1}\" stroke=\"{2}\" stroke-width=\"1.5\"/>"
      "<text x=\"12\" y=\"16.6\" text-anchor=\"middle\" font-size=\"13\" font-weight=\"bold\" "
      "font-family=\"Arial, sans-serif\" fill=\"{3}\">{4}</text></svg>",
      m->words, look.fill, kInk, look.letter_colour, m->letter);
}

std::string SpcCell(const PackIndicator& ind) {
  std::string icons = SpcIcon(ind.spc_variation) + SpcIcon(ind.spc_assurance);
  if (icons.empty() && ind.spc_text.empty()) return "<td>-</td>";
  return fmt::format("<td>{}<span class=\"sub\">{}</span></td>", icons, EscapedMarkup(ind.spc_text));
}

// A tick, a dash or a cross: distinct shapes, so they need no colour.
std::string LikelihoodSymbol(const std::string& likelihood) {
  std::string_view path = likelihood == "likely"     ? "M2.5 8.5l3.5 3.5 7.5-8.5"
                          : likelihood == "unlikely" ? "M3.5 3.5l9 9M12.5 3.5l-9 9"
                                                     : "M2.5 8h11";
  return fmt::format("<svg viewBox=\"0 0 16 16\" aria-hidden=\"true\" focusable=\"false\"><path d=\"{}\" fill=\"none\" "
                     "stroke=\"{}\" stroke-width=\"2.5\" stroke-linecap=\"round\"/></svg>",
                     path, kInk);
}

std::string Likelihood(const PackIndicator& ind) {
  if (ind.likelihood.empty()) return "";
  return fmt::format("<span class=\"likelihood\">{}{}</span>", LikelihoodSymbol(ind.likelihood),
                     EscapedMarkup(ind.likelihood_words));
}

std::string ForecastCell(const PackIndicator& ind) {
  if (ind.forecast.empty() && ind.likelihood.empty()) return "<td>-</td>";
  return fmt::format("<td>{}<span class=\"sub\">{}</span></td>", EscapedMarkup(ind.forecast), Likelihood(ind));
}

std::string ValueCell(const PackIndicator& ind) {
  bool has_parts = !ind.denominator.shown.empty() && ind.denominator.shown != "-";
  std::string parts = has_parts ? fmt::format("<span class=\"sub\">{} of {}</span>", Figure(ind.numerator),
                                              Figure(ind.denominator))
                                : "";
  return fmt::format("<td class=\"figure\">{}{}</td>", Figure(ind.value), parts);
}

std::string ScorecardRow(const PackIndicator& ind) {
  return fmt::format("<tr><td>{}</td><th scope=\"row\">{}</th>{}<td>{}</td>{}{}{}{}{}<td>{}</td></tr>\n",
                     EscapedMarkup(ind.number), EscapedMarkup(ind.title), ValueCell(ind), OrDash(ind.target), RagCell(ind),
                     ChangeCell(ind.previous_arrow, ind.previous_words),
                     ChangeCell(ind.last_year_arrow, ind.last_year_words), SpcCell(ind), ForecastCell(ind),
                     OrDash(ind.benchmark));
}

// The scorecard of the indicators at `which`.
std::string Scorecard(const Pack& p, const std::vector<size_t>& which, const std::string& caption) {
  std::string rows;
  for (size_t i : which) rows += ScorecardRow(p.indicators.at(i));
  return fmt::format(
      "<table class=\"scorecard\">\n<caption>{}</caption>\n<thead><tr><th scope=\"col\">No.</th>"
      "<th scope=\"col\">Indicator</th><th scope=\"col\" class=\"figure\">Value</th><th scope=\"col\">Target</th>"
      "<th scope=\"col\">RAG rating</th><th scope=\"col\">Since previous period</th>"
      "<th scope=\"col\">Since same period last year</th><th scope=\"col\">Variation and assurance (SPC)</th>"
      "<th scope=\"col\">Year-end forecast</th><th scope=\"col\">Benchmark</th></tr></thead>\n<tbody>\n{}</tbody>\n"
      "</table>\n",
      caption, rows);
}

std::vector<size_t> AllIndicators(const Pack& p) {
  std::vector<size_t> all(p.indicators.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  return all;
}

std::string ScorecardSection(const Pack& p) {
  std::string caption = fmt::format("Every indicator for {}. Under each value: how many met the measure, of how many counted.",
                                    EscapedMarkup(p.period_label));
  return "<section id=\"scorecard\" class=\"part\">\n<h2>Scorecard</h2>\n" + Scorecard(p, AllIndicators(p), caption) +
         "</section>\n";
}

// ---------------------------------------------------------------- exceptions

std::string Commentary(const PackCommentary& c) {
  std::string actions = c.actions.empty() ? "" : "<h4>Actions</h4>\n<p>" + EscapedMarkup(c.actions) + "</p>\n";
  return fmt::format("<h4>Management commentary</h4>\n<p>{}</p>\n{}<p class=\"byline\">{}, {}</p>\n", EscapedMarkup(c.text),
                     actions, EscapedMarkup(c.author), LongDate(c.date));
}

std::string Fact(std::string_view term, const std::string& html) {
  return fmt::format("<div><dt>{}</dt><dd>{}</dd></div>", term, html);
}

// One indicator under "performing below expectation" or "good performance".
std::string ExceptionEntry(const PackIndicator& ind, bool with_commentary) {
  std::string facts = Fact("Value", Figure(ind.value)) + Fact("Target", OrDash(ind.target)) +
                      Fact("RAG rating", RagWords(ind));
  if (!ind.likelihood.empty()) facts += Fact("Year end", Likelihood(ind));
  std::string commentary;
  for (const PackCommentary& c : ind.commentary) commentary += Commentary(c);
  if (with_commentary && commentary.empty()) commentary = "<p>No management commentary was given.</p>\n";
  return fmt::format("<div class=\"exception\">\n<h3>{} {}</h3>\n<p>{}</p>\n<dl class=\"facts\">{}</dl>\n{}</div>\n",
                     EscapedMarkup(ind.number), EscapedMarkup(ind.title), EscapedMarkup(ind.headline), facts, commentary);
}

std::string ExceptionSection(const Pack& p, const std::vector<size_t>& which, std::string_view id,
                             std::string_view heading, bool with_commentary) {
  std::string entries;
  for (size_t i : which) entries += ExceptionEntry(p.indicators.at(i), with_commentary);
  if (entries.empty()) entries = "<p>None this period.</p>\n";
  return fmt::format("<section id=\"{}\" class=\"part\">\n<h2>{}</h2>\n{}</section>\n", id, heading, entries);
}

// ---------------------------------------------------------------- charts

constexpr double kChartWidth = 640, kChartHeight = 280;
constexpr double kCharWidth = 6.6;  // an average character at 12px

std::string Thousands(double v, int decimals) {
  std::string plain = fmt::format("{:.{}f}", std::fabs(v), decimals);
  size_t end = std::min(plain.find('.'), plain.size());
  std::string out = v < 0 ? "-" : "";
  for (size_t i = 0; i < end; ++i) {
    if (i > 0 && (end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out + plain.substr(end);
}

// A line value (mean, limit, target) in the chart's unit.
std::string LineValue(double v, const std::string& unit) {
  if (!std::isfinite(v)) return "-";
  if (unit == "percentage") return fmt::format("{:.1f}%", v);
  return Thousands(v, v == std::floor(v) ? 0 : 1);
}

std::string Coordinates(double x, double y) { return fmt::format("{:.1f},{:.1f}", x, y); }

// Polylines through the finite values, broken where a value is missing.
std::string Lines(const std::vector<double>& values, const ChartLayout& l, std::string_view attributes) {
  std::string out, points;
  size_t in_run = 0;
  auto finish = [&] {
    if (in_run > 1) out += fmt::format("<polyline points=\"{}\" fill=\"none\" {}/>\n", points, attributes);
    points.clear();
    in_run = 0;
  };
  for (size_t i = 0; i < values.size() && i < l.x.size(); ++i) {
    if (!std::isfinite(values[i])) {
      finish();
      continue;
    }
    if (in_run++) points += ' ';
    points += Coordinates(l.x[i], l.Y(values[i]));
  }
  finish();
  return out;
}

std::string ValueAxis(const ChartLayout& l) {
  std::string out;
  for (size_t i = 0; i < l.ticks.size(); ++i) {
    double y = l.Y(l.ticks[i]);
    out += fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n", l.box.left,
                       l.box.left + l.box.width, y, y, kGrid);
    out += fmt::format("<text class=\"chart-text\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\">{}</text>\n",
                       l.box.left - 8, y + 4, EscapedMarkup(l.tick_labels[i]));
  }
  return out;
}

std::string TimeAxis(const PackChart& c, const ChartLayout& l) {
  double bottom = l.box.top + l.box.height;
  std::string out = fmt::format("<line x1=\"{:.1f}\" x2=\"{:.1f}\" y1=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"{}\"/>\n",
                                l.box.left, l.box.left + l.box.width, bottom, bottom, kMuted);
  for (size_t i : l.label_every) {
    if (i >= c.labels.size()) continue;
    out += fmt::format("<line x1=\"{0:.1f}\" x2=\"{0:.1f}\" y1=\"{1:.1f}\" y2=\"{2:.1f}\" stroke=\"{3}\"/>\n", l.x[i],
                       bottom, bottom + 5, kMuted);
    out += fmt::format("<text class=\"chart-text\" x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\">{}</text>\n", l.x[i],
                       bottom + 20, EscapedMarkup(c.labels[i]));
  }
  return out;
}

// A point's marker: the MDC colour of its variation and a shape of its own.
std::string Marker(std::string_view shape, double x, double y, std::string_view fill) {
  std::string outline = fmt::format("fill=\"{}\" stroke=\"{}\" stroke-width=\"1.3\"", fill, kInk);
  if (shape == "square") return fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"9\" height=\"9\" {}/>", x - 4.5, y - 4.5, outline);
  if (shape == "diamond")
    return fmt::format("<polygon points=\"{} {} {} {}\" {}/>", Coordinates(x, y - 6.5), Coordinates(x + 6.5, y),
                       Coordinates(x, y + 6.5), Coordinates(x - 6.5, y), outline);
  if (shape == "triangle")
    return fmt::format("<polygon points=\"{} {} {}\" {}/>", Coordinates(x, y - 6.5), Coordinates(x + 6, y + 4.5),
                       Coordinates(x - 6, y + 4.5), outline);
  return fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"4.5\" {}/>", x, y, outline);
}

std::string PointVariation(const PackChart& c, size_t i) {
  return i < c.point_variation.size() ? c.point_variation[i] : "";
}

std::string Points(const PackChart& c, const ChartLayout& l) {
  std::string out;
  for (size_t i = 0; i < c.values.size() && i < l.x.size(); ++i) {
    if (!std::isfinite(c.values[i].value)) continue;
    std::string variation = PointVariation(c, i);
    bool judged = MeaningOf(variation) != nullptr;
    const SpcLook& look = LookOf(variation);
    std::string label = i < c.labels.size() ? c.labels[i] : "";
    out += fmt::format("<g><title>{}: {}</title>{}</g>\n", EscapedMarkup(label), EscapedMarkup(c.values[i].shown),
                       Marker(judged ? look.shape : "circle", l.x[i], l.Y(c.values[i].value), judged ? look.fill : kSeries));
  }
  return out;
}

std::vector<double> SeriesValues(const PackChart& c) {
  std::vector<double> values;
  for (const PackFigure& f : c.values) values.push_back(f.value);
  return values;
}

std::string TargetLine(const PackChart& c, const ChartLayout& l) {
  if (!std::isfinite(c.target)) return "";
  return Lines(std::vector<double>(l.x.size(), c.target), l,
               fmt::format("stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"14 4 3 4\"", kMark));
}

std::string SpcLines(const PackChart& c, const ChartLayout& l) {
  std::string limit = fmt::format("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"", kMuted);
  return Lines(c.mean, l, fmt::format("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"9 4\"", kMuted)) +
         Lines(c.upper_limit, l, limit) + Lines(c.lower_limit, l, limit);
}

double LabelWidth(const PackChart& c) {
  size_t longest = 0;
  for (const std::string& label : c.labels) longest = std::max(longest, label.size());
  return static_cast<double>(longest) * kCharWidth + 6;
}

std::string ChartSvg(const PackChart& c, const std::string& id) {
  ChartBox box{64, 14, kChartWidth - 64 - 14, kChartHeight - 14 - 40};
  ChartLayout l = LayOutChart(c, box, LabelWidth(c));
  return fmt::format(
      "<svg viewBox=\"0 0 {0} {1}\" role=\"img\" aria-labelledby=\"{2}-title {2}-desc\">\n<title id=\"{2}-title\">{3}"
      "</title>\n<desc id=\"{2}-desc\">{4}</desc>\n{5}{6}{7}{8}{9}{10}</svg>\n",
      kChartWidth, kChartHeight, id, EscapedMarkup(c.title), EscapedMarkup(c.alt), ValueAxis(l), TimeAxis(c, l), SpcLines(c, l),
      TargetLine(c, l), Lines(SeriesValues(c), l, fmt::format("stroke=\"{}\" stroke-width=\"2.5\"", kSeries)),
      Points(c, l));
}

// ---------------------------------------------------------------- chart legend and data table

std::string LegendLine(std::string_view attributes, const std::string& words) {
  return fmt::format("<li><svg viewBox=\"0 0 28 14\" aria-hidden=\"true\" focusable=\"false\"><line x1=\"1\" x2=\"27\" "
                     "y1=\"7\" y2=\"7\" {}/></svg>{}</li>\n",
                     attributes, words);
}

std::string LegendMarker(const SpcLook& look) {
  return fmt::format("<li><svg viewBox=\"0 0 28 14\" aria-hidden=\"true\" focusable=\"false\">{}</svg>Point: {}</li>\n",
                     Marker(look.shape, 14, 7, look.fill), look.name);
}

bool AnyFinite(const std::vector<double>& values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isfinite(v); });
}

std::string Legend(const PackChart& c) {
  std::string items = LegendLine(fmt::format("stroke=\"{}\" stroke-width=\"2.5\"", kSeries), "Value");
  if (AnyFinite(c.mean))
    items += LegendLine(fmt::format("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"9 4\"", kMuted), "Mean");
  if (AnyFinite(c.upper_limit) || AnyFinite(c.lower_limit))
    items += LegendLine(fmt::format("stroke=\"{}\" stroke-width=\"1.5\" stroke-dasharray=\"3 3\"", kMuted),
                        "Process limits");
  if (std::isfinite(c.target))
    items += LegendLine(fmt::format("stroke=\"{}\" stroke-width=\"2\" stroke-dasharray=\"14 4 3 4\"", kMark),
                        "Target (" + LineValue(c.target, c.unit) + ")");
  for (const SpcLook& look : kSpcLooks) {
    bool shown = std::any_of(c.point_variation.begin(), c.point_variation.end(), [&](const std::string& v) {
      return MeaningOf(v) != nullptr && &LookOf(v) == &look;
    });
    if (shown) items += LegendMarker(look);
  }
  return "<ul class=\"legend\">\n" + items + "</ul>\n";
}

double At(const std::vector<double>& values, size_t i) { return i < values.size() ? values[i] : NAN; }

std::string DataRow(const PackChart& c, size_t i, bool spc) {
  std::string label = i < c.labels.size() ? c.labels[i] : "";
  std::string cells = fmt::format("<th scope=\"row\">{}</th><td class=\"figure\">{}</td>", EscapedMarkup(label),
                                  i < c.values.size() ? Figure(c.values[i]) : "-");
  if (spc) {
    const IconMeaning* m = MeaningOf(PointVariation(c, i));
    cells += fmt::format("<td class=\"figure\">{}</td><td class=\"figure\">{}</td><td class=\"figure\">{}</td><td>{}</td>",
                         LineValue(At(c.mean, i), c.unit), LineValue(At(c.lower_limit, i), c.unit),
                         LineValue(At(c.upper_limit, i), c.unit), m ? m->words : "-");
  }
  return "<tr>" + cells + "</tr>\n";
}

std::string DataTable(const PackChart& c) {
  bool spc = AnyFinite(c.mean);
  std::string head = "<th scope=\"col\">Period</th><th scope=\"col\" class=\"figure\">Value</th>";
  if (spc)
    head += "<th scope=\"col\" class=\"figure\">Mean</th><th scope=\"col\" class=\"figure\">Lower process limit</th>"
            "<th scope=\"col\" class=\"figure\">Upper process limit</th><th scope=\"col\">Variation</th>";
  std::string rows;
  for (size_t i = 0; i < std::max(c.labels.size(), c.values.size()); ++i) rows += DataRow(c, i, spc);
  return fmt::format("<details open>\n<summary>Data table for this chart</summary>\n<table class=\"chart-data\">\n"
                     "<caption>Data for the chart: {}</caption>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n"
                     "</table>\n</details>\n",
                     EscapedMarkup(c.title), head, rows);
}

std::string SpcSummary(const PackChart& c) {
  std::string words = c.variation_text;
  if (!c.assurance_text.empty()) words += (words.empty() ? "" : "; ") + c.assurance_text;
  return words.empty() ? "" : "<p>Statistical process control: " + EscapedMarkup(words) + ".</p>\n";
}

std::string Chart(const PackChart& c, const std::string& id) {
  return fmt::format("<h3>{}</h3>\n<figure>\n{}{}{}</figure>\n{}", EscapedMarkup(c.title), ChartSvg(c, id), Legend(c),
                     SpcSummary(c), DataTable(c));
}

// ---------------------------------------------------------------- breakdown tables and areas

std::string BreakdownRow(const PackTable::Row& row) {
  std::string cells;
  for (const PackFigure& f : row.cells) cells += "<td class=\"figure\">" + Figure(f) + "</td>";
  return fmt::format("<tr{}><th scope=\"row\">{}</th>{}</tr>\n", row.total ? " class=\"total\"" : "", EscapedMarkup(row.label),
                     cells);
}

std::string Breakdown(const PackTable& t) {
  std::string head;
  for (size_t i = 0; i < t.columns.size(); ++i)
    head += fmt::format("<th scope=\"col\"{}>{}</th>", i > 0 ? " class=\"figure\"" : "", EscapedMarkup(t.columns[i]));
  std::string rows;
  for (const PackTable::Row& row : t.rows) rows += BreakdownRow(row);
  return fmt::format("<h3>{}</h3>\n<table class=\"breakdown\">\n<caption>{}</caption>\n<thead><tr>{}</tr></thead>\n<tbody>\n{}</tbody>\n"
                     "</table>\n",
                     EscapedMarkup(t.title), EscapedMarkup(t.caption), head, rows);
}

std::string AreaSection(const Pack& p, size_t i) {
  const PackSection& s = p.sections[i];
  std::string out = fmt::format("<section id=\"{}\" class=\"part\">\n<h2>{}</h2>\n", AreaId(i), EscapedMarkup(s.area));
  if (!s.headlines.empty()) out += "<h3>Headlines</h3>\n" + List(s.headlines, "headlines");
  if (!s.indicators.empty())
    out += "<h3>Indicators</h3>\n" + Scorecard(p, s.indicators, "Indicators for " + EscapedMarkup(s.area) + ".");
  for (size_t c = 0; c < s.charts.size(); ++c) out += Chart(s.charts[c], fmt::format("{}-chart-{}", AreaId(i), c + 1));
  for (const PackTable& t : s.tables) out += Breakdown(t);
  return out + "</section>\n";
}

// ---------------------------------------------------------------- quality, definitions, footer

std::string QualitySection(const Pack& p) {
  std::string rows;
  for (const PackQualityNote& q : p.quality)
    rows += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"figure\">{}</td></tr>\n",
                        q.indicator.empty() ? "All" : EscapedMarkup(q.indicator), EscapedMarkup(q.text), Figure(q.records));
  std::string body = rows.empty() ? "<p>No data-quality issues were found.</p>\n"
                                  : "<table>\n<caption>Records with faults and what they do to the indicators."
                                    "</caption>\n<thead><tr><th scope=\"col\">Indicator</th><th scope=\"col\">Note</th>"
                                    "<th scope=\"col\" class=\"figure\">Records</th></tr></thead>\n<tbody>\n" +
                                        rows + "</tbody>\n</table>\n";
  return "<section id=\"data-quality\" class=\"part\">\n<h2>Data quality</h2>\n" + body + "</section>\n";
}

std::string DefinitionsSection(const Pack& p) {
  std::string rows;
  for (const PackDefinition& d : p.definitions)
    rows += fmt::format("<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>\n", EscapedMarkup(d.number),
                        EscapedMarkup(d.title), EscapedMarkup(d.definition), EscapedMarkup(d.source));
  return "<section id=\"definitions\" class=\"part\">\n<h2>Appendix: definitions</h2>\n<table>\n"
         "<caption>How each indicator is counted, and where its definition comes from.</caption>\n<thead><tr>"
         "<th scope=\"col\">No.</th><th scope=\"col\">Indicator</th><th scope=\"col\">Definition</th>"
         "<th scope=\"col\">Source</th></tr></thead>\n<tbody>\n" +
         rows + "</tbody>\n</table>\n</section>\n";
}

std::string Footer(const Pack& p) {
  return fmt::format("<footer>\n<p><strong>Small numbers:</strong> {}</p>\n<p>{}. Data as at {}; generated on {}.</p>\n"
                     "</footer>\n",
                     EscapedMarkup(p.suppression_note), EscapedMarkup(p.council_name), LongDate(p.as_at), LongDate(p.generated));
}

std::string Body(const Pack& p) {
  std::string main = Headlines(p) + ScorecardSection(p) +
                     ExceptionSection(p, p.below_expectation, "below-expectation", "Performing below expectation", true) +
                     ExceptionSection(p, p.good_performance, "good-performance", "Particularly good performance", false);
  for (size_t i = 0; i < p.sections.size(); ++i) main += AreaSection(p, i);
  main += QualitySection(p) + DefinitionsSection(p);
  return "<a class=\"skip-link\" href=\"#main\">Skip to main content</a>\n" + Part2Banner(p) + Cover(p) + Contents(p) +
         "<main id=\"main\">\n" + main + "</main>\n" + Footer(p);
}

}  // namespace

std::string WritePackHtml(const Pack& pack) {
  std::string title = (pack.confidential() ? std::string(Pack::kConfidentialMark) + ": " : std::string()) +
                      EscapedMarkup(pack.council_name) + " - " + PackTitle(pack);
  return fmt::format("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n"
                     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n{}"
                     "</head>\n<body>\n{}</body>\n</html>\n",
                     title, Style(pack), Body(pack));
}

bool SavePackHtml(const Pack& pack, const std::string& path, std::string* error) {
  std::ofstream file(path, std::ios::binary);
  if (file) file << WritePackHtml(pack);
  if (file.flush()) return true;
  if (error != nullptr) *error = "could not write the HTML pack to " + path;
  return false;
}

const std::vector<HtmlColourUse>& HtmlColourUses() {
  static const std::vector<HtmlColourUse> uses = [] {
    auto s = [](std::string_view v) { return std::string(v); };
    std::vector<HtmlColourUse> u = {
        {"body text, chart labels", s(kInk), s(kPage), 4.5},
        {"table headings", s(kInk), s(kHeaderFill), 4.5},
        {"secondary text", s(kMuted), s(kPage), 4.5},
        {"links", s(kLink), s(kPage), 4.5},
        {"focused link", s(kInk), s(kFocus), 4.5},
        {"Part 2 mark", s(kMark), s(kPage), 4.5},
        {"value line", s(kSeries), s(kPage), 3},
        {"target line", s(kMark), s(kPage), 3},
        {"mean and limits, axis", s(kMuted), s(kPage), 3},
        {"icon and point outlines", s(kInk), s(kPage), 3}};
    for (const RagColours& r : kRags) u.push_back({std::string(r.name) + " RAG words", s(r.text), s(r.fill), 4.5});
    for (const SpcLook& look : kSpcLooks)
      u.push_back({"SPC letter on " + s(look.fill), s(look.letter_colour), s(look.fill), 4.5});
    return u;
  }();
  return uses;
}

}  // namespace scrutiny
