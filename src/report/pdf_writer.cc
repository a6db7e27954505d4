#include "report/pdf_writer.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/markup.h"

#include "report/chart_layout.h"

namespace scrutiny {
namespace {

// ---------------------------------------------------------------- page and type

constexpr double kPageWidth = 595.276;  // A4 portrait, in points
constexpr double kPageHeight = 841.890;
constexpr double kMargin = 40;
constexpr double kBodyWidth = kPageWidth - 2 * kMargin;
constexpr double kBodyTop = 62;
constexpr double kBodyBottom = kPageHeight - 52;
constexpr const char* kFontFamily = "DejaVu Sans";
constexpr double kBodySize = 9.5;
constexpr double kTableSize = 7.5;
constexpr double kScorecardSize = 7;
constexpr double kSmallSize = 7.5;
constexpr double kParagraphGap = 5;
constexpr double kKeepWithNext = 60;  // room wanted below a heading for what it introduces

// A colour as cairo takes it.
struct Rgb {
  double r = 0, g = 0, b = 0;
};

constexpr Rgb Hex(unsigned v) {
  return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

constexpr Rgb kInk = Hex(0x1A1A1A);
constexpr Rgb kMuted = Hex(0x4D4D4D);
constexpr Rgb kNavy = Hex(0x1F3864);
constexpr Rgb kWhite = Hex(0xFFFFFF);
constexpr Rgb kRule = Hex(0xB3B3B3);
constexpr Rgb kStripe = Hex(0xF2F2F2);
constexpr Rgb kGrid = Hex(0xE0E0E0);
constexpr Rgb kSeries = Hex(0x1F4E79);
constexpr Rgb kOutline = Hex(0x333333);
constexpr Rgb kConfidentialInk = Hex(0xA50F15);
constexpr Rgb kRagRed = Hex(0xD4351C);  // white text on it: 4.9:1
constexpr Rgb kRagAmber = Hex(0xFFBF00);
constexpr Rgb kRagGreen = Hex(0x00703C);
// SPC colours of the Making Data Count icons, and its target line.
constexpr Rgb kSpcGrey = Hex(0xA6A6A6);
constexpr Rgb kSpcBlue = Hex(0x00B0F0);
constexpr Rgb kSpcOrange = Hex(0xE46C0A);
constexpr Rgb kSpcPurple = Hex(0x490092);
constexpr Rgb kTargetRed = Hex(0xDE1B1B);
constexpr Rgb kLimitGrey = Hex(0x6E6E6E);

void SetColour(cairo_t* cr, Rgb c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// ---------------------------------------------------------------- words

// Pango markup built only from escaped text, so pack words print as written.
struct Markup {
  std::string text;
};


Markup Plain(std::string_view s) { return {EscapedMarkup(s)}; }
Markup Bold(std::string_view s) { return {"<b>" + EscapedMarkup(s) + "</b>"}; }
Markup Italic(std::string_view s) { return {"<i>" + EscapedMarkup(s) + "</i>"}; }
Markup Smaller(std::string_view s) { return {"<span size=\"smaller\">" + EscapedMarkup(s) + "</span>"}; }
Markup operator+(Markup a, const Markup& b) { return {a.text + b.text}; }

// `a` and `b` on separate lines, leaving out either when empty.
Markup Lines(const Markup& a, const Markup& b) {
  if (a.text.empty() || b.text.empty()) return a + b;
  return {a.text + "\n" + b.text};
}

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

std::string Capitalised(std::string_view s) {
  std::string out(s);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

// "2025-10-31" as "31 October 2025"; anything else as given.
std::string LongDate(const std::string& iso) {
  static constexpr const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                            "July",    "August",   "September", "October", "November", "December"};
  int year = 0, month = 0, day = 0;
  char tail = 0;
  if (std::sscanf(iso.c_str(), "%4d-%2d-%2d%c", &year, &month, &day, &tail) != 3) return iso;
  if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
  return fmt::format("{} {} {}", day, kMonths[month - 1], year);
}

// "Improvement (high)" for "improvement_high"; "-" for none.
std::string PointWords(std::string_view variation) {
  if (variation.empty() || variation == "none") return "-";
  if (variation == "common_cause") return "Common cause";
  size_t cut = variation.rfind('_');
  if (cut == std::string_view::npos) return Capitalised(variation);
  return fmt::format("{} ({})", Capitalised(variation.substr(0, cut)), variation.substr(cut + 1));
}

// An SPC line's value as a chart's values table prints it.
std::string LineValue(double value, const std::string& unit) {
  if (!std::isfinite(value)) return "-";
  return fmt::format("{:.1f}{}", value, unit == "percentage" ? "%" : "");
}

// ---------------------------------------------------------------- text

// How a piece of text is set: size, colour and alignment within its width.
struct TextStyle {
  double size = kBodySize;
  Rgb ink = kInk;
  PangoAlignment align = PANGO_ALIGN_LEFT;
};

struct GObjectUnref {
  void operator()(void* object) const { g_object_unref(object); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;

// Sets text with pango on a cairo context: wraps it to a width (never cutting
// it short), measures and draws it.
class Typesetter {
 public:
  explicit Typesetter(cairo_t* cr) : cr_(cr) {}

  // Height of `text` wrapped to `width` (0: one line per paragraph).
  double Height(const Markup& text, const TextStyle& style, double width) const {
    return Extent(*Lay(text, style, width)).second;
  }
  double Width(const Markup& text, const TextStyle& style) const { return Extent(*Lay(text, style, 0)).first; }

  // Draws `text` with its top left at (x, y); returns its height.
  double Draw(const Markup& text, const TextStyle& style, double x, double y, double width) const {
    LayoutPtr layout = Lay(text, style, width);
    SetColour(cr_, style.ink);
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, layout.get());
    cairo_new_path(cr_);  // no current point left for the next path to start from
    return Extent(*layout).second;
  }

 private:
  LayoutPtr Lay(const Markup& text, const TextStyle& style, double width) const {
    LayoutPtr layout(pango_cairo_create_layout(cr_));
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, kFontFamily);
    pango_font_description_set_absolute_size(font, style.size * PANGO_SCALE);
    pango_layout_set_font_description(layout.get(), font);
    pango_font_description_free(font);
    if (width > 0) {
      pango_layout_set_width(layout.get(), static_cast<int>(width * PANGO_SCALE));
      pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(layout.get(), style.align);
    pango_layout_set_markup(layout.get(), text.text.c_str(), -1);
    return layout;
  }

  static std::pair<double, double> Extent(PangoLayout& layout) {
    int width = 0, height = 0;
    pango_layout_get_size(&layout, &width, &height);
    return {static_cast<double>(width) / PANGO_SCALE, static_cast<double>(height) / PANGO_SCALE};
  }

  cairo_t* cr_;
};

// ---------------------------------------------------------------- pages

// The pages as they are drawn: a header and footer on each, and a cursor
// moving down the body that starts a new page when a block does not fit.
class Pages {
 public:
  Pages(cairo_t* cr, const Typesetter& text, const Pack& pack, int total)
      : cr_(cr), text_(text), pack_(pack), total_(total) {}

  void Start() { Header(); }
  void Break() {
    Footer();
    cairo_show_page(cr_);
    ++number_;
    y = kBodyTop;
    Header();
  }
  void End() {
    Footer();
    cairo_show_page(cr_);
  }
  bool Fits(double height) const { return y + height <= kBodyBottom; }
  // A new page unless `height` fits here (or the page is still empty).
  void Need(double height) {
    if (!Fits(height) && y > kBodyTop) Break();
  }
  int number() const { return number_; }

  double y = kBodyTop;

 private:
  void Header() {
    if (number_ > 1)
      text_.Draw(Plain(pack_.council_name + " - " + pack_.period_label + " performance"), {kSmallSize, kMuted},
                 kMargin, 24, kBodyWidth * 0.6);
    if (pack_.confidential()) ConfidentialMark();
  }

  void ConfidentialMark() {
    Markup mark = Bold(Pack::kConfidentialMark);
    TextStyle style{8.5, kConfidentialInk};
    double width = text_.Width(mark, style) + 12;
    double x = kPageWidth - kMargin - width;
    double height = text_.Height(mark, style, 0) + 5;
    cairo_rectangle(cr_, x, 19, width, height);
    SetColour(cr_, kConfidentialInk);
    cairo_set_line_width(cr_, 1.2);
    cairo_stroke(cr_);
    text_.Draw(mark, style, x + 6, 21.5, 0);
  }

  void Footer() {
    double top = kPageHeight - 40;
    cairo_move_to(cr_, kMargin, top - 5);
    cairo_line_to(cr_, kPageWidth - kMargin, top - 5);
    SetColour(cr_, kRule);
    cairo_set_line_width(cr_, 0.5);
    cairo_stroke(cr_);
    TextStyle style{kSmallSize, kMuted};
    text_.Draw(Plain("Data as at " + LongDate(pack_.as_at)), style, kMargin, top, kBodyWidth / 2);
    style.align = PANGO_ALIGN_RIGHT;
    text_.Draw(Plain(fmt::format("Page {} of {}", number_, total_ > 0 ? total_ : number_)), style,
               kMargin + kBodyWidth / 2, top, kBodyWidth / 2);
  }

  cairo_t* cr_;
  const Typesetter& text_;
  const Pack& pack_;
  int total_;
  int number_ = 1;
};

// ---------------------------------------------------------------- tables

// An SPC icon: a circle in Making Data Count colours with a letter (none for common cause).
struct Icon {
  Rgb fill;
  std::string letter;
};

std::optional<Icon> VariationIcon(std::string_view name) {
  std::string side = name.ends_with("_high") ? "H" : name.ends_with("_low") ? "L" : "";
  if (name == "common_cause") return Icon{kSpcGrey, ""};
  if (name.starts_with("improvement")) return Icon{kSpcBlue, side};
  if (name.starts_with("concern")) return Icon{kSpcOrange, side};
  if (name.starts_with("neither")) return Icon{kSpcPurple, side};
  return std::nullopt;
}

std::optional<Icon> AssuranceIcon(std::string_view name) {
  if (name == "pass") return Icon{kSpcBlue, "P"};
  if (name == "hit_or_miss") return Icon{kSpcGrey, "?"};
  if (name == "fail") return Icon{kSpcOrange, "F"};
  return std::nullopt;
}

// One cell of a printed table: its text, optionally on a coloured fill (RAG)
// and after a row of SPC icons.
struct Cell {
  Markup text;
  std::optional<Rgb> fill = std::nullopt;
  Rgb ink = kInk;
  std::vector<Icon> icons = {};
};

// A table as printed: headings, column widths as shares of the table's width,
// which columns hold numbers (set to the right), and rows.
struct PrintTable {
  struct Row {
    std::vector<Cell> cells;
    bool total = false;  // bold, under a heavier rule
  };
  std::vector<std::string> headings;  // none: no heading row
  std::vector<double> shares;
  std::vector<bool> numeric;
  std::vector<Row> rows;
  double width = kBodyWidth;
  double size = kTableSize;
};

constexpr double kCellPadX = 3;
constexpr double kCellPadY = 2.5;
constexpr double kIconSize = 11;

// Draws tables from the page cursor: rows are never split, and the heading
// row is repeated at the top of each page a table continues onto.
class TableDrawer {
 public:
  TableDrawer(cairo_t* cr, const Typesetter& text, Pages& pages) : cr_(cr), text_(text), pages_(pages) {}

  void Draw(const PrintTable& table) {
    std::vector<double> widths;
    for (double share : table.shares) widths.push_back(share * table.width);
    double heading = HeadingHeight(table, widths);
    for (size_t i = 0; i < table.rows.size(); ++i) {
      double height = RowHeight(table, table.rows[i], widths);
      if (i == 0) pages_.Need(heading + height);
      else if (!pages_.Fits(height)) pages_.Break();
      if (i == 0 || pages_.y == kBodyTop) DrawHeadings(table, widths, heading);
      DrawRow(table, table.rows[i], widths, height, i % 2 == 1);
    }
    pages_.y += 8;
  }

 private:
  TextStyle CellStyle(const PrintTable& table, size_t column, Rgb ink) const {
    bool right = column < table.numeric.size() && table.numeric[column];
    return {table.size, ink, right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT};
  }

  double HeadingHeight(const PrintTable& table, const std::vector<double>& widths) const {
    double height = 0;
    for (size_t c = 0; c < table.headings.size(); ++c)
      height = std::max(height, text_.Height(Bold(table.headings[c]), CellStyle(table, c, kWhite), widths[c] - 2 * kCellPadX));
    return height > 0 ? height + 2 * kCellPadY : 0;
  }

  double CellHeight(const PrintTable& table, const Cell& cell, size_t column, double width) const {
    double icons = cell.icons.empty() ? 0 : kIconSize + 2;
    if (cell.text.text.empty()) return icons;
    return icons + text_.Height(cell.text, CellStyle(table, column, cell.ink), width - 2 * kCellPadX);
  }

  double RowHeight(const PrintTable& table, const PrintTable::Row& row, const std::vector<double>& widths) const {
    double height = 0;
    for (size_t c = 0; c < row.cells.size() && c < widths.size(); ++c)
      height = std::max(height, CellHeight(table, row.cells[c], c, widths[c]));
    return height + 2 * kCellPadY;
  }

  void DrawHeadings(const PrintTable& table, const std::vector<double>& widths, double height) {
    if (height == 0) return;
    cairo_rectangle(cr_, kMargin, pages_.y, table.width, height);
    SetColour(cr_, kNavy);
    cairo_fill(cr_);
    double x = kMargin;
    for (size_t c = 0; c < table.headings.size(); ++c) {
      text_.Draw(Bold(table.headings[c]), CellStyle(table, c, kWhite), x + kCellPadX, pages_.y + kCellPadY,
                 widths[c] - 2 * kCellPadX);
      x += widths[c];
    }
    pages_.y += height;
  }

  void DrawRow(const PrintTable& table, const PrintTable::Row& row, const std::vector<double>& widths, double height,
               bool shaded) {
    if (shaded) Fill(kMargin, pages_.y, table.width, height, kStripe);
    double x = kMargin;
    for (size_t c = 0; c < row.cells.size() && c < widths.size(); ++c) {
      DrawCell(table, row.cells[c], c, x, widths[c], height);
      x += widths[c];
    }
    Rule(pages_.y + height, table.width, 0.5, kRule);
    if (row.total) Rule(pages_.y, table.width, 1.2, kInk);
    pages_.y += height;
  }

  void DrawCell(const PrintTable& table, const Cell& cell, size_t column, double x, double width, double height) {
    if (cell.fill) Fill(x + 1, pages_.y + 1, width - 2, height - 2, *cell.fill);
    double y = pages_.y + kCellPadY;
    if (!cell.icons.empty()) {
      DrawIcons(cell.icons, x + kCellPadX, y);
      y += kIconSize + 2;
    }
    text_.Draw(cell.text, CellStyle(table, column, cell.ink), x + kCellPadX, y, width - 2 * kCellPadX);
  }

  void DrawIcons(const std::vector<Icon>& icons, double x, double y) {
    for (const Icon& icon : icons) {
      double r = kIconSize / 2;
      cairo_new_path(cr_);
      cairo_arc(cr_, x + r, y + r, r, 0, 2 * M_PI);
      SetColour(cr_, icon.fill);
      cairo_fill_preserve(cr_);
      SetColour(cr_, kOutline);
      cairo_set_line_width(cr_, 0.6);
      cairo_stroke(cr_);
      TextStyle style{7, icon.fill.r < 0.5 && icon.fill.g < 0.5 ? kWhite : kInk};  // white on purple only
      Markup letter = Bold(icon.letter);
      text_.Draw(letter, style, x + r - text_.Width(letter, style) / 2, y + r - text_.Height(letter, style, 0) / 2, 0);
      x += kIconSize + 3;
    }
  }

  void Fill(double x, double y, double width, double height, Rgb colour) {
    cairo_rectangle(cr_, x, y, width, height);
    SetColour(cr_, colour);
    cairo_fill(cr_);
  }

  void Rule(double y, double width, double line, Rgb colour) {
    cairo_move_to(cr_, kMargin, y);
    cairo_line_to(cr_, kMargin + width, y);
    cairo_set_line_width(cr_, line);
    SetColour(cr_, colour);
    cairo_stroke(cr_);
  }

  cairo_t* cr_;
  const Typesetter& text_;
  Pages& pages_;
};

// ---------------------------------------------------------------- the pack's tables

Cell RagCell(const PackIndicator& ind) {
  std::optional<Rgb> fill = ind.rag == "red"     ? std::optional(kRagRed)
                            : ind.rag == "amber" ? std::optional(kRagAmber)
                            : ind.rag == "green" ? std::optional(kRagGreen)
                                                 : std::nullopt;
  if (!fill) return {Plain(OrDash(ind.rag_words))};
  return {Lines(Bold(Capitalised(ind.rag)), Plain(ind.rag_words)), fill, ind.rag == "amber" ? kInk : kWhite};
}

Cell SpcCell(const PackIndicator& ind) {
  Cell cell{Plain(OrDash(ind.spc_text))};
  if (auto icon = VariationIcon(ind.spc_variation)) cell.icons.push_back(*icon);
  if (auto icon = AssuranceIcon(ind.spc_assurance)) cell.icons.push_back(*icon);
  return cell;
}

Markup Change(const std::string& arrow, const std::string& words) {
  if (arrow.empty() && words.empty()) return Plain("-");
  return Bold(arrow) + Plain(arrow.empty() ? words : " " + words);
}

bool HasFigure(const PackFigure& f) { return f.shown != "-" && !f.shown.empty(); }

Markup ValueText(const PackIndicator& ind) {
  Markup value = Bold(ind.value.shown);
  if (!HasFigure(ind.numerator) || !HasFigure(ind.denominator)) return value;
  return Lines(value, Smaller(ind.numerator.shown + " of " + ind.denominator.shown));
}

Markup ForecastText(const PackIndicator& ind) {
  if (ind.forecast.empty() && ind.likelihood_words.empty()) return Plain("-");
  return Lines(Plain(ind.forecast), Italic(ind.likelihood_words));
}

PrintTable ScorecardTable(const Pack& pack) {
  PrintTable table{{"No.", "Indicator", "Value", "Target", "RAG", "Since last period", "Since same period last year",
                    "SPC variation and assurance", "Forecast", "Benchmark"},
                   {0.055, 0.145, 0.075, 0.065, 0.085, 0.11, 0.11, 0.13, 0.125, 0.10},
                   {false, false, true, true},
                   {}};
  table.size = kScorecardSize;
  for (const PackIndicator& ind : pack.indicators)
    table.rows.push_back({{{Plain(ind.number)},
                           {Plain(ind.title)},
                           {ValueText(ind)},
                           {Plain(OrDash(ind.target))},
                           RagCell(ind),
                           {Change(ind.previous_arrow, ind.previous_words)},
                           {Change(ind.last_year_arrow, ind.last_year_words)},
                           SpcCell(ind),
                           {ForecastText(ind)},
                           {Plain(OrDash(ind.benchmark))}}});
  return table;
}

// The SPC icons and what each means, two to a row.
PrintTable IconKey() {
  const std::vector<std::pair<Icon, const char*>> keys = {
      {{kSpcGrey, ""}, "Common cause variation: no significant change"},
      {{kSpcBlue, "P"}, "Assurance: the target is consistently met"},
      {{kSpcBlue, "H"}, "Special cause of improvement (higher values)"},
      {{kSpcGrey, "?"}, "Assurance: the target may be met or missed"},
      {{kSpcBlue, "L"}, "Special cause of improvement (lower values)"},
      {{kSpcOrange, "F"}, "Assurance: the target is consistently missed"},
      {{kSpcOrange, "H"}, "Special cause of concern (higher values)"},
      {{kSpcPurple, "H"}, "Special cause, neither improvement nor concern (higher values)"},
      {{kSpcOrange, "L"}, "Special cause of concern (lower values)"},
      {{kSpcPurple, "L"}, "Special cause, neither improvement nor concern (lower values)"}};
  PrintTable key{{}, {0.06, 0.44, 0.06, 0.44}, {}, {}};
  for (size_t i = 0; i + 1 < keys.size(); i += 2)
    key.rows.push_back({{{{}, std::nullopt, kInk, {keys[i].first}},
                         {Plain(keys[i].second)},
                         {{}, std::nullopt, kInk, {keys[i + 1].first}},
                         {Plain(keys[i + 1].second)}}});
  return key;
}

// An indicator's figures and judgements as label and value, leaving out what it lacks.
PrintTable FactsTable(const PackIndicator& ind) {
  PrintTable table{{}, {0.3, 0.7}, {}, {}};
  table.width = kBodyWidth * 0.8;
  auto add = [&table](const char* label, Cell value) {
    if (value.text.text.empty() && value.icons.empty()) return;
    table.rows.push_back({{{Bold(label)}, std::move(value)}});
  };
  add("Value", {ValueText(ind)});
  add("Target", {Plain(ind.target)});
  if (!ind.rag.empty()) add("RAG rating", RagCell(ind));
  add("Which way is better", {Plain(ind.polarity)});
  if (!ind.previous_words.empty()) add("Since last period", {Change(ind.previous_arrow, ind.previous_words)});
  if (!ind.last_year_words.empty()) add("Since same period last year", {Change(ind.last_year_arrow, ind.last_year_words)});
  if (!ind.spc_text.empty()) add("SPC", SpcCell(ind));
  add("Forecast", {Plain(ind.forecast)});
  add("Likelihood", {Plain(ind.likelihood_words)});
  add("Benchmark", {Plain(ind.benchmark)});
  return table;
}

// The figures a chart draws, for readers who cannot see it.
PrintTable ChartValuesTable(const PackChart& chart) {
  bool limits = !chart.mean.empty() || !chart.upper_limit.empty() || !chart.lower_limit.empty();
  bool variation = std::any_of(chart.point_variation.begin(), chart.point_variation.end(),
                               [](const std::string& v) { return !v.empty() && v != "none"; });
  bool target = std::isfinite(chart.target);
  PrintTable table{{"Period", "Value"}, {}, {false, true}, {}};
  if (limits) table.headings.insert(table.headings.end(), {"Mean", "Lower limit", "Upper limit"});
  if (target) table.headings.push_back("Target");
  if (variation) table.headings.push_back("Variation");
  table.numeric.resize(table.headings.size(), true);
  if (variation) table.numeric.back() = false;
  table.width = kBodyWidth * std::min(1.0, 0.16 * static_cast<double>(table.headings.size()));
  table.shares.assign(table.headings.size(), 1.0 / static_cast<double>(table.headings.size()));
  auto at = [](const std::vector<double>& line, size_t i) { return i < line.size() ? line[i] : NAN; };
  for (size_t i = 0; i < chart.labels.size(); ++i) {
    PrintTable::Row row{{{Plain(chart.labels[i])}, {Plain(i < chart.values.size() ? chart.values[i].shown : "-")}}};
    if (limits)
      for (const auto* line : {&chart.mean, &chart.lower_limit, &chart.upper_limit})
        row.cells.push_back({Plain(LineValue(at(*line, i), chart.unit))});
    if (target) row.cells.push_back({Plain(LineValue(chart.target, chart.unit))});
    if (variation) row.cells.push_back({Plain(PointWords(i < chart.point_variation.size() ? chart.point_variation[i] : ""))});
    table.rows.push_back(std::move(row));
  }
  return table;
}

PrintTable BreakdownTable(const PackTable& source) {
  constexpr double kLabelColumn = 170, kFigureColumn = 75;  // points, before fitting to the page
  PrintTable table{source.columns, {}, {}, {}};
  size_t columns = std::max<size_t>(source.columns.size(), 1);
  double natural = kLabelColumn + kFigureColumn * static_cast<double>(columns - 1);
  table.shares.assign(columns, kFigureColumn / natural);
  table.shares[0] = kLabelColumn / natural;
  table.numeric.assign(columns, true);
  table.numeric[0] = false;
  table.width = std::min(kBodyWidth, natural);
  for (const PackTable::Row& r : source.rows) {
    auto text = [&r](const std::string& s) { return r.total ? Bold(s) : Plain(s); };
    PrintTable::Row row{{{text(r.label)}}, r.total};
    for (const PackFigure& f : r.cells) row.cells.push_back({text(f.shown)});
    table.rows.push_back(std::move(row));
  }
  return table;
}

PrintTable QualityTable(const Pack& pack) {
  PrintTable table{{"Indicator", "Note", "Records"}, {0.12, 0.73, 0.15}, {false, false, true}, {}};
  for (const PackQualityNote& note : pack.quality)
    table.rows.push_back({{{Plain(note.indicator.empty() ? "General" : note.indicator)},
                           {Plain(note.text)},
                           {Plain(note.records.shown)}}});
  return table;
}

PrintTable DefinitionsTable(const Pack& pack) {
  PrintTable table{{"No.", "Indicator", "Definition", "Source"}, {0.07, 0.25, 0.46, 0.22}, {}, {}};
  for (const PackDefinition& d : pack.definitions)
    table.rows.push_back({{{Plain(d.number)}, {Bold(d.title)}, {Plain(d.definition)}, {Plain(d.source)}}});
  return table;
}

// ---------------------------------------------------------------- charts

// A line in a chart and its key: colour, width and dash pattern (none: solid).
struct LineStyle {
  Rgb colour;
  double width;
  std::vector<double> dash;
};

const LineStyle kValueLine{kSeries, 1.6, {}};
const LineStyle kMeanLine{kInk, 1.0, {6, 3}};
const LineStyle kLimitLine{kLimitGrey, 1.0, {2, 2}};
const LineStyle kTargetLine{kTargetRed, 1.3, {9, 2.5, 2, 2.5}};

enum class Shape { kDot, kCircle, kSquare, kDiamond, kTriangle };

// How a point is marked for its variation, in shape as well as colour, and its name in the key.
struct PointMark {
  Shape shape;
  Rgb colour;
  const char* words;
};

PointMark MarkFor(std::string_view variation) {
  if (variation == "common_cause") return {Shape::kCircle, kSpcGrey, "Common cause variation"};
  if (variation.starts_with("improvement")) return {Shape::kSquare, kSpcBlue, "Special cause: improvement"};
  if (variation.starts_with("concern")) return {Shape::kDiamond, kSpcOrange, "Special cause: concern"};
  if (variation.starts_with("neither"))
    return {Shape::kTriangle, kSpcPurple, "Special cause: neither improvement nor concern"};
  return {Shape::kDot, kSeries, "Value"};
}

// One entry of a chart's key: a line sample or a point marker, and its words.
struct KeyItem {
  std::string words;
  std::optional<LineStyle> line;
  std::optional<PointMark> mark;
};

std::vector<KeyItem> ChartKey(const PackChart& chart) {
  std::vector<KeyItem> key = {{"Value", kValueLine, std::nullopt}};
  if (!chart.mean.empty()) key.push_back({"Mean", kMeanLine, std::nullopt});
  if (!chart.upper_limit.empty() || !chart.lower_limit.empty()) key.push_back({"Process limits", kLimitLine, std::nullopt});
  if (std::isfinite(chart.target)) key.push_back({"Target", kTargetLine, std::nullopt});
  for (const std::string& v : chart.point_variation) {
    PointMark mark = MarkFor(v);
    bool listed = std::any_of(key.begin(), key.end(), [&](const KeyItem& k) { return k.words == mark.words; });
    if (mark.shape != Shape::kDot && !listed) key.push_back({mark.words, std::nullopt, mark});
  }
  return key;
}

constexpr double kPlotHeight = 180;
constexpr double kAxisSize = 7;
constexpr double kKeySwatch = 20;

// Draws a PackChart as a line chart from its ChartLayout: value gridlines and
// ticks, the dashed SPC mean and process limits, the target, the series with
// each point marked by its variation, period labels, a key and a description.
class ChartDrawer {
 public:
  ChartDrawer(cairo_t* cr, const Typesetter& text, Pages& pages) : cr_(cr), text_(text), pages_(pages) {}

  void Draw(const PackChart& chart) {
    std::vector<KeyItem> key = ChartKey(chart);
    Markup title = Bold(chart.title);
    Markup notes = Notes(chart);
    TextStyle title_style{10, kNavy}, note_style{kSmallSize, kMuted};
    double title_height = text_.Height(title, title_style, kBodyWidth);
    double notes_height = text_.Height(notes, note_style, kBodyWidth);
    double axis_line = text_.Height(Plain("0"), {kAxisSize}, 0);
    double key_height = Key(key, 0, false);
    pages_.Need(title_height + 2 * axis_line + kPlotHeight + key_height + notes_height + 30);
    pages_.y += text_.Draw(title, title_style, kMargin, pages_.y, kBodyWidth) + 4;
    text_.Draw(Plain(Capitalised(chart.unit)), {kAxisSize, kMuted}, kMargin, pages_.y, 0);
    ChartLayout layout = Place(chart, pages_.y + axis_line + 4);
    Plot(chart, layout);
    pages_.y = layout.box.top + layout.box.height + axis_line + 10;
    pages_.y += Key(key, pages_.y, true) + 4;
    pages_.y += text_.Draw(notes, note_style, kMargin, pages_.y, kBodyWidth) + 8;
  }

 private:
  static Markup Notes(const PackChart& chart) {
    Markup spc;
    std::string words = chart.variation_text;
    if (!chart.assurance_text.empty()) words += (words.empty() ? "" : "; ") + chart.assurance_text;
    if (!words.empty()) spc = Bold("SPC: ") + Plain(words);
    return Lines(spc, Italic(chart.alt));
  }

  // The plot area right of the value labels, laid out twice: the labels' width depends on the ticks.
  ChartLayout Place(const PackChart& chart, double top) const {
    double period_width = 0;
    for (const std::string& label : chart.labels)
      period_width = std::max(period_width, text_.Width(Plain(label), {kAxisSize}));
    ChartBox box{kMargin + 40, top, kBodyWidth - 46, kPlotHeight};
    ChartLayout first = LayOutChart(chart, box, period_width);
    double tick_width = 0;
    for (const std::string& label : first.tick_labels)
      tick_width = std::max(tick_width, text_.Width(Plain(label), {kAxisSize}));
    box.left = kMargin + tick_width + 6;
    box.width = kMargin + kBodyWidth - 6 - box.left;
    return LayOutChart(chart, box, period_width);
  }

  void Plot(const PackChart& chart, const ChartLayout& layout) {
    ValueAxis(layout);
    PeriodAxis(chart, layout);
    Steps(layout, chart.upper_limit, kLimitLine);
    Steps(layout, chart.lower_limit, kLimitLine);
    Steps(layout, chart.mean, kMeanLine);
    Steps(layout, std::vector<double>(layout.x.size(), chart.target), kTargetLine);
    Series(chart, layout);
  }

  void ValueAxis(const ChartLayout& layout) {
    const ChartBox& box = layout.box;
    TextStyle style{kAxisSize, kInk, PANGO_ALIGN_RIGHT};
    for (size_t i = 0; i < layout.ticks.size(); ++i) {
      double y = layout.Y(layout.ticks[i]);
      Stroke({{box.left, y}, {box.left + box.width, y}}, {kGrid, 0.6, {}});
      Markup label = Plain(i < layout.tick_labels.size() ? layout.tick_labels[i] : "");
      double height = text_.Height(label, style, 0);
      text_.Draw(label, style, kMargin, y - height / 2, box.left - kMargin - 5);
    }
    Stroke({{box.left, box.top}, {box.left, box.top + box.height}, {box.left + box.width, box.top + box.height}},
           {kInk, 0.8, {}});
  }

  void PeriodAxis(const PackChart& chart, const ChartLayout& layout) {
    double bottom = layout.box.top + layout.box.height;
    for (size_t i : layout.label_every) {
      if (i >= chart.labels.size() || i >= layout.x.size()) continue;
      Markup label = Plain(chart.labels[i]);
      Stroke({{layout.x[i], bottom}, {layout.x[i], bottom + 3}}, {kInk, 0.8, {}});
      text_.Draw(label, {kAxisSize}, layout.x[i] - text_.Width(label, {kAxisSize}) / 2, bottom + 4, 0);
    }
  }

  // A line through the finite values, broken where one is missing.
  void Line(const ChartLayout& layout, const std::vector<double>& values, const LineStyle& style) {
    std::vector<std::pair<double, double>> run;
    for (size_t i = 0; i <= values.size() && i <= layout.x.size(); ++i) {
      if (i < values.size() && i < layout.x.size() && std::isfinite(values[i])) {
        run.push_back({layout.x[i], layout.Y(values[i])});
        continue;
      }
      Stroke(run, style);
      run.clear();
    }
  }

  // An SPC or target line: level across each point's slot, stepping where it
  // changes (a recalculation), broken where it is missing.
  void Steps(const ChartLayout& layout, const std::vector<double>& values, const LineStyle& style) {
    double half = layout.x.empty() ? 0 : layout.box.width / static_cast<double>(layout.x.size()) / 2;
    std::vector<std::pair<double, double>> run;
    for (size_t i = 0; i <= values.size() && i <= layout.x.size(); ++i) {
      if (i < values.size() && i < layout.x.size() && std::isfinite(values[i])) {
        run.push_back({layout.x[i] - half, layout.Y(values[i])});
        run.push_back({layout.x[i] + half, layout.Y(values[i])});
        continue;
      }
      Stroke(run, style);
      run.clear();
    }
  }

  void Series(const PackChart& chart, const ChartLayout& layout) {
    std::vector<double> values;
    for (const PackFigure& f : chart.values) values.push_back(f.value);
    Line(layout, values, kValueLine);
    double bottom = layout.box.top + layout.box.height;
    for (size_t i = 0; i < values.size() && i < layout.x.size(); ++i) {
      if (std::isfinite(values[i])) {
        Mark(MarkFor(i < chart.point_variation.size() ? chart.point_variation[i] : ""), layout.x[i], layout.Y(values[i]));
      } else if (chart.values[i].suppressed) {
        Markup shown = Bold(chart.values[i].shown);
        text_.Draw(shown, {kAxisSize}, layout.x[i] - text_.Width(shown, {kAxisSize}) / 2, bottom - 12, 0);
      }
    }
  }

  void Mark(const PointMark& mark, double x, double y) {
    double r = mark.shape == Shape::kDot ? 2.2 : 3.6;
    cairo_new_path(cr_);
    switch (mark.shape) {
      case Shape::kDot:
      case Shape::kCircle: cairo_arc(cr_, x, y, r, 0, 2 * M_PI); break;
      case Shape::kSquare: cairo_rectangle(cr_, x - r, y - r, 2 * r, 2 * r); break;
      case Shape::kDiamond: Polygon({{x, y - r - 1}, {x + r + 1, y}, {x, y + r + 1}, {x - r - 1, y}}); break;
      case Shape::kTriangle: Polygon({{x, y - r - 1}, {x + r + 1, y + r}, {x - r - 1, y + r}}); break;
    }
    SetColour(cr_, mark.colour);
    cairo_fill_preserve(cr_);
    SetColour(cr_, kOutline);
    cairo_set_line_width(cr_, 0.6);
    cairo_stroke(cr_);
  }

  void Polygon(const std::vector<std::pair<double, double>>& corners) {
    for (const auto& [x, y] : corners) cairo_line_to(cr_, x, y);
    cairo_close_path(cr_);
  }

  void Stroke(const std::vector<std::pair<double, double>>& points, const LineStyle& style) {
    if (points.empty()) return;
    cairo_new_path(cr_);
    for (const auto& [x, y] : points) cairo_line_to(cr_, x, y);
    SetColour(cr_, style.colour);
    cairo_set_line_width(cr_, style.width);
    cairo_set_dash(cr_, style.dash.data(), static_cast<int>(style.dash.size()), 0);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0);
  }

  // The key, its items flowing in rows across the body; returns its height.
  double Key(const std::vector<KeyItem>& key, double top, bool draw) {
    TextStyle style{kAxisSize};
    double x = kMargin, y = top, row = text_.Height(Plain("Key"), style, 0) + 4;
    for (const KeyItem& item : key) {
      Markup words = Plain(item.words);
      double width = kKeySwatch + 4 + text_.Width(words, style) + 14;
      if (x + width > kMargin + kBodyWidth && x > kMargin) {
        x = kMargin;
        y += row;
      }
      if (draw) KeyEntry(item, words, style, x, y + row / 2 - 2);
      x += width;
    }
    return y + row - top;
  }

  void KeyEntry(const KeyItem& item, const Markup& words, const TextStyle& style, double x, double middle) {
    if (item.line) Stroke({{x, middle}, {x + kKeySwatch, middle}}, *item.line);
    if (item.mark) Mark(*item.mark, x + kKeySwatch / 2, middle);
    text_.Draw(words, style, x + kKeySwatch + 4, middle - text_.Height(words, style, 0) / 2, 0);
  }

  cairo_t* cr_;
  const Typesetter& text_;
  Pages& pages_;
};

// ---------------------------------------------------------------- the pack

constexpr const char* kHeadlines = "Headlines";
constexpr const char* kScorecard = "Summary scorecard";
constexpr const char* kBelowExpectation = "Performing below expectation";
constexpr const char* kGoodPerformance = "Particularly good performance";
constexpr const char* kDataQuality = "Data quality";
constexpr const char* kDefinitions = "Appendix: definitions";
constexpr const char* kAboutFigures = "About these figures";

// The sections listed in the contents, in the order they print.
std::vector<std::string> ContentsTitles(const Pack& pack) {
  std::vector<std::string> titles = {kHeadlines, kScorecard, kBelowExpectation, kGoodPerformance};
  for (const PackSection& section : pack.sections) titles.push_back(section.area);
  titles.insert(titles.end(), {kDataQuality, kDefinitions, kAboutFigures});
  return titles;
}

// Where the sections start and how many pages there are: learnt by a first
// pass, then printed by the second in the contents and every footer.
struct Plan {
  std::vector<int> section_pages;
  int pages = 0;
  bool operator==(const Plan&) const = default;
};

// Draws a whole pack onto a PDF surface, page by page, recording where each
// section starts.
class PackPrinter {
 public:
  PackPrinter(cairo_surface_t* surface, const Pack& pack, const Plan& known)
      : surface_(surface),
        cr_(cairo_create(surface)),
        pack_(pack),
        known_(known),
        text_(cr_),
        pages_(cr_, text_, pack, known.pages),
        tables_(cr_, text_, pages_),
        charts_(cr_, text_, pages_) {}
  ~PackPrinter() { cairo_destroy(cr_); }
  PackPrinter(const PackPrinter&) = delete;
  PackPrinter& operator=(const PackPrinter&) = delete;

  Plan Print() {
    pages_.Start();
    Cover();
    pages_.Break();
    Contents();
    pages_.Break();
    Summary();
    for (const PackSection& section : pack_.sections) {
      pages_.Break();
      Area(section);
    }
    pages_.Break();
    Appendices();
    pages_.End();
    plan_.pages = pages_.number();
    return plan_;
  }

  cairo_status_t status() const { return cairo_status(cr_); }

 private:
  void Cover() {
    pages_.y = 170;
    Paragraph(Bold(pack_.council_name), {26, kNavy});
    Paragraph(Plain(pack_.committee), {14, kMuted});
    pages_.y += 30;
    Paragraph(Plain("Children's social care performance report"), {18});
    Paragraph(Bold(pack_.period_label), {22, kNavy});
    pages_.y += 30;
    PrintTable details{{}, {0.3, 0.7}, {}, {}};
    details.width = kBodyWidth * 0.8;
    details.size = 9.5;
    details.rows = {{{{Bold("Data as at")}, {Plain(LongDate(pack_.as_at))}}},
                    {{{Bold("Produced")}, {Plain(LongDate(pack_.generated) + " by Scrutiny")}}},
                    {{{Bold("Audience")}, {AudienceWords()}}}};
    tables_.Draw(details);
  }

  Markup AudienceWords() const {
    if (pack_.confidential()) return Bold(std::string("Confidential: ") + Pack::kConfidentialMark);
    return Plain("Public");
  }

  void Contents() {
    pages_.y += text_.Draw(Bold("Contents"), {16, kNavy}, kMargin, pages_.y, kBodyWidth) + 12;
    std::vector<std::string> titles = ContentsTitles(pack_);
    for (size_t i = 0; i < titles.size(); ++i) ContentsLine(titles[i], i);
  }

  void ContentsLine(const std::string& title, size_t index) {
    TextStyle style{10.5};
    double number_width = 36, height = text_.Height(Plain(title), style, kBodyWidth - number_width - 20) + 9;
    pages_.Need(height);
    bool known = index < known_.section_pages.size();
    cairo_tag_begin(cr_, CAIRO_TAG_LINK, fmt::format("dest='{}'", Destination(index)).c_str());
    double x = kMargin + text_.Width(Plain(title), style) + 6;
    text_.Draw(Plain(title), style, kMargin, pages_.y, kBodyWidth - number_width - 20);
    double right = kMargin + kBodyWidth - number_width;
    if (x < right - 10) Leader(x, right - 4, pages_.y + height - 12);
    style.align = PANGO_ALIGN_RIGHT;
    text_.Draw(Plain(known ? std::to_string(known_.section_pages[index]) : "0"), style, right, pages_.y, number_width);
    cairo_tag_end(cr_, CAIRO_TAG_LINK);
    pages_.y += height;
  }

  void Leader(double from, double to, double y) {
    const double dots[] = {0.1, 3.5};
    cairo_move_to(cr_, from, y);
    cairo_line_to(cr_, to, y);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_ROUND);
    cairo_set_line_width(cr_, 1);
    cairo_set_dash(cr_, dots, 2, 0);
    SetColour(cr_, kMuted);
    cairo_stroke(cr_);
    cairo_set_dash(cr_, nullptr, 0, 0);
    cairo_set_line_cap(cr_, CAIRO_LINE_CAP_BUTT);
  }

  static std::string Destination(size_t index) { return fmt::format("section-{}", index + 1); }

  // A contents section's heading: a link target, a bookmark, and its page noted.
  void OpenSection(const std::string& title) {
    TextStyle style{16, kNavy};
    double height = text_.Height(Bold(title), style, kBodyWidth);
    pages_.Need(height + kKeepWithNext);
    std::string destination = Destination(plan_.section_pages.size());
    plan_.section_pages.push_back(pages_.number());
    cairo_tag_begin(cr_, CAIRO_TAG_DEST, fmt::format("name='{}'", destination).c_str());
    text_.Draw(Bold(title), style, kMargin, pages_.y, kBodyWidth);
    cairo_tag_end(cr_, CAIRO_TAG_DEST);
    cairo_pdf_surface_add_outline(surface_, CAIRO_PDF_OUTLINE_ROOT, title.c_str(),
                                  fmt::format("dest='{}'", destination).c_str(), CAIRO_PDF_OUTLINE_FLAG_OPEN);
    pages_.y += height + 3;
    cairo_move_to(cr_, kMargin, pages_.y);
    cairo_line_to(cr_, kMargin + kBodyWidth, pages_.y);
    SetColour(cr_, kNavy);
    cairo_set_line_width(cr_, 1);
    cairo_stroke(cr_);
    pages_.y += 10;
  }

  void Subheading(const std::string& title) {
    TextStyle style{11, kNavy};
    double height = text_.Height(Bold(title), style, kBodyWidth);
    pages_.Need(height + kKeepWithNext);
    pages_.y += text_.Draw(Bold(title), style, kMargin, pages_.y, kBodyWidth) + 5;
  }

  void Paragraph(const Markup& text, const TextStyle& style = {}, double indent = 0) {
    double width = kBodyWidth - indent;
    double height = text_.Height(text, style, width);
    pages_.Need(height);
    pages_.y += text_.Draw(text, style, kMargin + indent, pages_.y, width) + kParagraphGap;
  }

  void Bullet(const std::string& text) {
    double height = text_.Height(Plain(text), {}, kBodyWidth - 14);
    pages_.Need(height);
    text_.Draw(Plain("\u2022"), {}, kMargin + 3, pages_.y, 0);
    pages_.y += text_.Draw(Plain(text), {}, kMargin + 14, pages_.y, kBodyWidth - 14) + kParagraphGap;
  }

  void Summary() {
    OpenSection(kHeadlines);
    for (const std::string& headline : pack_.headlines) Bullet(headline);
    pages_.y += 10;
    OpenSection(kScorecard);
    tables_.Draw(ScorecardTable(pack_));
    Subheading("Key to the SPC icons");
    tables_.Draw(IconKey());
    pages_.y += 10;
    Exceptions(kBelowExpectation, pack_.below_expectation, "No indicator is performing below expectation.");
    Exceptions(kGoodPerformance, pack_.good_performance, "No indicator is reported for particularly good performance.");
  }

  void Exceptions(const char* title, const std::vector<size_t>& positions, const char* none) {
    OpenSection(title);
    if (positions.empty()) Paragraph(Plain(none));
    for (size_t i : positions)
      if (i < pack_.indicators.size()) Indicator(pack_.indicators[i]);
    pages_.y += 10;
  }

  void Indicator(const PackIndicator& ind) {
    Subheading(ind.number + " " + ind.title);
    if (!ind.headline.empty()) Paragraph(Plain(ind.headline));
    tables_.Draw(FactsTable(ind));
    for (const PackCommentary& c : ind.commentary) Commentary(c);
    pages_.y += 6;
  }

  // Commentary and actions beside a bar, signed and dated.
  void Commentary(const PackCommentary& c) {
    std::string signed_by = c.author;
    if (!c.date.empty()) signed_by += (signed_by.empty() ? "" : ", ") + LongDate(c.date);
    Markup text = Bold("Commentary: ") + Plain(c.text);
    if (!c.actions.empty()) text = Lines(text, Bold("Actions: ") + Plain(c.actions));
    text = Lines(text, Italic(signed_by));
    double height = text_.Height(text, {}, kBodyWidth - 12);
    pages_.Need(height);
    cairo_rectangle(cr_, kMargin, pages_.y, 3, height);
    SetColour(cr_, kNavy);
    cairo_fill(cr_);
    Paragraph(text, {}, 12);
  }

  void Area(const PackSection& section) {
    OpenSection(section.area);
    for (const std::string& headline : section.headlines) Bullet(headline);
    pages_.y += 6;
    for (size_t i : section.indicators)
      if (i < pack_.indicators.size()) Indicator(pack_.indicators[i]);
    for (const PackChart& chart : section.charts) {
      charts_.Draw(chart);
      tables_.Draw(ChartValuesTable(chart));
    }
    for (const PackTable& table : section.tables) {
      Subheading(table.title);
      if (!table.caption.empty()) Paragraph(Plain(table.caption), {kSmallSize, kMuted});
      tables_.Draw(BreakdownTable(table));
    }
  }

  void Appendices() {
    OpenSection(kDataQuality);
    if (pack_.quality.empty()) Paragraph(Plain("No data-quality notes for this period."));
    else tables_.Draw(QualityTable(pack_));
    pages_.y += 10;
    OpenSection(kDefinitions);
    tables_.Draw(DefinitionsTable(pack_));
    pages_.y += 10;
    OpenSection(kAboutFigures);
    Paragraph(Bold("Small numbers. ") + Plain(pack_.suppression_note));
    Paragraph(Bold("Symbols. ") + Plain("c: a figure suppressed to protect children's privacy; -: no figure."));
    Paragraph(Plain("Data as at " + LongDate(pack_.as_at) + "; produced on " + LongDate(pack_.generated) +
                    " by Scrutiny."));
  }

  cairo_surface_t* surface_;
  cairo_t* cr_;
  const Pack& pack_;
  const Plan& known_;
  Typesetter text_;
  Pages pages_;
  TableDrawer tables_;
  ChartDrawer charts_;
  Plan plan_;
};

// ---------------------------------------------------------------- the file

void SetMetadata(cairo_surface_t* surface, const Pack& pack) {
  std::string title = fmt::format("{}: children's social care performance, {}", pack.council_name, pack.period_label);
  std::string subject = fmt::format("Performance report for the {}, {}{}", pack.committee, pack.period_label,
                                    pack.confidential() ? fmt::format(" ({})", Pack::kConfidentialMark) : "");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, "Scrutiny");
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, subject.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Scrutiny");
}

// The file the second pass writes, keeping the first write error. Removed
// unless closed without error, so a failure leaves no partial pack.
class OutputFile {
 public:
  explicit OutputFile(std::string path) : path_(std::move(path)) {}
  ~OutputFile() {
    if (file_) std::fclose(file_);
    if (!kept_) std::remove(path_.c_str());
  }
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  bool Open(std::string* problem) {
    file_ = std::fopen(path_.c_str(), "wb");
    if (!file_) {
      *problem = std::strerror(errno);
      kept_ = true;  // not ours to remove
    }
    return file_ != nullptr;
  }

  static cairo_status_t Write(void* closure, const unsigned char* data, unsigned int length) {
    auto* self = static_cast<OutputFile*>(closure);
    if (std::fwrite(data, 1, length, self->file_) == length) return CAIRO_STATUS_SUCCESS;
    if (self->error_.empty()) self->error_ = std::strerror(errno);
    return CAIRO_STATUS_WRITE_ERROR;
  }

  // Closes the file and keeps it when `complete` and every write succeeded; else sets `problem`.
  bool Close(bool complete, std::string* problem) {
    bool closed = std::fclose(file_) == 0;
    file_ = nullptr;
    if (!closed && error_.empty()) error_ = std::strerror(errno);
    if (!error_.empty()) *problem = error_;
    kept_ = complete && error_.empty();
    return error_.empty();
  }

 private:
  std::string path_;
  std::FILE* file_ = nullptr;
  std::string error_;
  bool kept_ = false;
};

cairo_status_t DiscardBytes(void*, const unsigned char*, unsigned int) { return CAIRO_STATUS_SUCCESS; }

// Draws the pack onto a PDF stream; returns where its sections fell, or nothing with `problem` set.
std::optional<Plan> Render(const Pack& pack, const Plan& known, cairo_write_func_t write, void* closure,
                           std::string* problem) {
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(write, closure, kPageWidth, kPageHeight);
  SetMetadata(surface, pack);
  Plan plan;
  cairo_status_t status = CAIRO_STATUS_SUCCESS;
  {
    PackPrinter printer(surface, pack, known);
    plan = printer.Print();
    status = printer.status();
  }
  cairo_surface_finish(surface);
  if (status == CAIRO_STATUS_SUCCESS) status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status == CAIRO_STATUS_SUCCESS) return plan;
  if (problem->empty()) *problem = cairo_status_to_string(status);
  return std::nullopt;
}

// Lays the pack out once to learn its page numbers, then writes it with them.
std::string WritePdf(const Pack& pack, const std::string& path) {
  std::string problem;
  std::optional<Plan> plan = Render(pack, Plan{}, DiscardBytes, nullptr, &problem);
  if (!plan) return "cannot lay out the pack: " + problem;
  OutputFile file(path);
  if (!file.Open(&problem)) return fmt::format("cannot write {}: {}", path, problem);
  std::optional<Plan> printed = Render(pack, *plan, &OutputFile::Write, &file, &problem);
  bool same = printed && *printed == *plan;
  if (!file.Close(same, &problem) || !printed) return fmt::format("cannot write {}: {}", path, problem);
  if (!same) return "the pack's page numbers changed between its two layout passes";
  return "";
}

}  // namespace

bool WritePackPdf(const Pack& pack, const std::string& path, std::string* error) {
  std::string failure;
  try {
    failure = WritePdf(pack, path);
  } catch (const std::exception& e) {
    failure = fmt::format("cannot write {}: {}", path, e.what());
  } catch (...) {
    failure = fmt::format("cannot write {}", path);
  }
  if (!failure.empty() && error) *error = failure;
  return failure.empty();
}

}  // namespace scrutiny
