#include "report/xlsx_writer.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <map>
#include <optional>
#include <tuple>

namespace scrutiny {
namespace {

constexpr size_t kMaxSheetName = 31;
constexpr const char* kContents = "Contents";
constexpr const char* kScorecard = "Scorecard";
constexpr const char* kQuality = "Data quality";
constexpr const char* kDefinitions = "Definitions";
constexpr const char* kSuppressed = "[c]";
constexpr const char* kMissing = "[x]";

// ---- Sheet names ----------------------------------------------------------

bool IsUtf8Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return !IsUtf8Continuation(c); }));
}

// The first `n` code points of `s`.
std::string FirstCodePoints(std::string_view s, size_t n) {
  size_t end = 0;
  for (size_t seen = 0; end < s.size(); ++end) {
    if (!IsUtf8Continuation(s[end]) && seen++ == n) break;
  }
  return std::string(s.substr(0, end));
}

bool IsForbiddenInSheetName(char c) {
  return static_cast<unsigned char>(c) < 0x20 || c == ' ' || std::strchr("[]:*?/\\", c) != nullptr;
}

// `s` without leading and trailing characters from `chars`.
std::string Trim(std::string_view s, const char* chars) {
  size_t first = s.find_first_not_of(chars);
  if (first == std::string_view::npos) return "";
  return std::string(s.substr(first, s.find_last_not_of(chars) - first + 1));
}

// Forbidden characters as single spaces; no apostrophe or space at either end.
std::string CleanSheetName(std::string_view wanted) {
  std::string out;
  for (char c : wanted) {
    if (!IsForbiddenInSheetName(c)) {
      out += c;
    } else if (!out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  std::string trimmed = Trim(out, "' ");
  return trimmed.empty() ? "Sheet" : trimmed;
}

// `name` in at most `limit` code points, cut after a whole word when that keeps at least half of it.
std::string Shorten(const std::string& name, size_t limit) {
  if (CodePoints(name) <= limit) return name;
  std::string cut = FirstCodePoints(name, limit);
  size_t space = cut.rfind(' ');
  bool ends_a_word = name[cut.size()] == ' ';
  if (!ends_a_word && space != std::string::npos && space >= cut.size() / 2) cut.resize(space);
  std::string trimmed = Trim(cut, "' ,-");
  return trimmed.empty() ? "Sheet" : trimmed;
}

bool SameSheetName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Excel reserves "History"; other names clash ignoring case.
bool IsTaken(std::string_view name, const std::vector<std::string>& taken) {
  return SameSheetName(name, "History") ||
         std::any_of(taken.begin(), taken.end(), [&](const std::string& t) { return SameSheetName(name, t); });
}

// ---- Formats --------------------------------------------------------------

// The decimal places printed in a figure's text ("86.4%" has 1, "1,234" none).
int DecimalsShown(const std::string& shown) {
  size_t point = shown.find('.');
  if (point == std::string::npos) return 0;
  size_t digits = 0;
  while (point + 1 + digits < shown.size() && std::isdigit(static_cast<unsigned char>(shown[point + 1 + digits])))
    ++digits;
  return static_cast<int>(digits);
}

// An Excel number format: counts with thousands separators, percentages as
// their 0-100 value followed by "%".
std::string NumberFormat(int decimals, bool percentage) {
  std::string format = percentage ? "0" : "#,##0";
  if (decimals > 0) format.append(".").append(static_cast<size_t>(decimals), '0');
  if (percentage) format.append("\"%\"");
  return format;
}

// The cell formats of a workbook, made once and shared by every sheet.
class Styles {
 public:
  explicit Styles(lxw_workbook* workbook) : workbook_(workbook) {
    title = Bold(Add());
    format_set_font_size(title, 14);
    heading = Bold(Add());
    format_set_font_size(heading, 12);
    mark = Bold(Add());
    format_set_font_color(mark, 0x9C0006);
    header = Bold(Wrapped(Add()));
    format_set_bottom(header, LXW_BORDER_THIN);
    format_set_bg_color(header, 0xD9D9D9);
    text = Wrapped(Add());
    bold_text = Bold(Wrapped(Add()));
    symbol = Top(Add());
    format_set_align(symbol, LXW_ALIGN_RIGHT);
    // Excel's "Good", "Neutral" and "Bad" colours; the cell also holds the word.
    AddRag("green", 0xC6EFCE, 0x006100);
    AddRag("amber", 0xFFEB9C, 0x9C5700);
    AddRag("red", 0xFFC7CE, 0x9C0006);
  }

  lxw_format* Rag(const std::string& rag) const {
    auto found = rags_.find(rag);
    return found == rags_.end() ? text : found->second;
  }

  // The number format for a figure with `decimals` places, made on first use.
  lxw_format* Number(int decimals, bool percentage, bool bold) {
    lxw_format*& f = numbers_[{decimals, percentage, bold}];
    if (!f) {
      f = Top(Add());
      format_set_num_format(f, NumberFormat(decimals, percentage).c_str());
      if (bold) Bold(f);
    }
    return f;
  }

  lxw_format* title;
  lxw_format* heading;    // of a table within a sheet
  lxw_format* mark;       // the confidential mark
  lxw_format* header;     // a table's header row
  lxw_format* text;       // wrapped text in a table
  lxw_format* bold_text;  // wrapped text in a total row or a label
  lxw_format* symbol;     // [c] and [x], aligned with numbers

 private:
  lxw_format* Add() { return workbook_add_format(workbook_); }
  static lxw_format* Bold(lxw_format* f) {
    format_set_bold(f);
    return f;
  }
  static lxw_format* Top(lxw_format* f) {
    format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    return f;
  }
  static lxw_format* Wrapped(lxw_format* f) {
    format_set_text_wrap(f);
    return Top(f);
  }

  void AddRag(const std::string& rag, lxw_color_t background, lxw_color_t font) {
    lxw_format* f = rags_[rag] = Bold(Top(Add()));
    format_set_bg_color(f, background);
    format_set_font_color(f, font);
  }

  lxw_workbook* workbook_;
  std::map<std::string, lxw_format*> rags_;
  std::map<std::tuple<int, bool, bool>, lxw_format*> numbers_;
};

// ---- One sheet ------------------------------------------------------------

// A worksheet filled from the top down, row by row. It keeps the first
// libxlsxwriter error met, so that a failed write is reported, not ignored.
class SheetWriter {
 public:
  SheetWriter(lxw_worksheet* sheet, Styles& styles, lxw_error& error) : sheet_(sheet), styles_(styles), error_(error) {}

  lxw_row_t row() const { return row_; }
  void EndRow(lxw_row_t rows = 1) { row_ += rows; }

  // A line of text in column A, not wrapped, so it reads across the empty cells to its right.
  void Line(const std::string& text, lxw_format* format = nullptr) {
    Check(worksheet_write_string(sheet_, row_, 0, text.c_str(), format));
    EndRow();
  }

  void Header(const std::vector<std::string>& columns) {
    for (size_t col = 0; col < columns.size(); ++col) Text(Col(col), columns[col], styles_.header);
    EndRow();
  }

  void Text(lxw_col_t col, const std::string& text, lxw_format* format) {
    Check(worksheet_write_string(sheet_, row_, col, text.c_str(), format));
  }

  // Wrapped text cells from `first` rightwards.
  void Texts(lxw_col_t first, const std::vector<std::string>& texts) {
    for (size_t i = 0; i < texts.size(); ++i) Text(Col(first + i), texts[i], styles_.text);
  }

  void Figures(lxw_col_t first, const std::vector<PackFigure>& figures) {
    for (size_t i = 0; i < figures.size(); ++i) Figure(Col(first + i), figures[i]);
  }

  // A figure as a number, or "[c]" when suppressed and "[x]" when missing.
  void Figure(lxw_col_t col, const PackFigure& figure, bool bold = false) {
    if (figure.suppressed) return Text(col, kSuppressed, styles_.symbol);
    Number(col, figure.value, styles_.Number(DecimalsShown(figure.shown), figure.percentage, bold));
  }

  void Number(lxw_col_t col, double value, lxw_format* format) {
    if (!std::isfinite(value)) return Text(col, kMissing, styles_.symbol);
    Check(worksheet_write_number(sheet_, row_, col, value, format));
  }

  void Link(lxw_col_t col, const std::string& sheet_name) {
    std::string quoted;
    for (char c : sheet_name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
    std::string url = "internal:'" + quoted + "'!A1";
    Check(worksheet_write_url_opt(sheet_, row_, col, url.c_str(), nullptr, sheet_name.c_str(), nullptr));
  }

  void Widths(const std::vector<double>& widths) {
    for (size_t col = 0; col < widths.size(); ++col)
      Check(worksheet_set_column(sheet_, Col(col), Col(col), widths[col], nullptr));
  }

  // Freezes the rows above the current one and the first `columns` columns.
  void Freeze(lxw_col_t columns) { worksheet_freeze_panes(sheet_, row_, columns); }

  void Autofilter(lxw_row_t header_row, lxw_col_t last_col) {
    Check(worksheet_autofilter(sheet_, header_row, 0, std::max(header_row, row_ - 1), last_col));
  }

  void RepeatWhenPrinted(lxw_row_t header_row) { Check(worksheet_repeat_rows(sheet_, header_row, header_row)); }

  static lxw_col_t Col(size_t col) { return static_cast<lxw_col_t>(col); }

 private:
  void Check(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }

  lxw_worksheet* sheet_;
  Styles& styles_;
  lxw_error& error_;
  lxw_row_t row_ = 0;
};

// ---- The pack -------------------------------------------------------------

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// The commentary with the latest date (the last given when dates tie), or none.
const PackCommentary* LatestCommentary(const PackIndicator& indicator) {
  const PackCommentary* latest = nullptr;
  for (const PackCommentary& c : indicator.commentary)
    if (!latest || c.date >= latest->date) latest = &c;
  return latest;
}

std::string CommentaryBy(const PackCommentary* c) {
  if (!c) return "";
  return c->author.empty() ? c->date : c->date.empty() ? c->author : c->author + ", " + c->date;
}

// The workbook of one pack: its sheet names and formats, and its sheets written in order.
class PackWorkbook {
 public:
  PackWorkbook(const Pack& pack, lxw_workbook* workbook) : pack_(pack), workbook_(workbook), styles_(workbook) {
    std::vector<std::string> taken = {kContents, kScorecard, kQuality, kDefinitions};
    for (const PackSection& section : pack.sections) {
      section_names_.push_back(ExcelSheetName(section.area, taken));
      taken.push_back(section_names_.back());
    }
  }

  lxw_error Write() {
    SetProperties();
    WriteContents();
    WriteScorecard();
    for (size_t i = 0; i < pack_.sections.size(); ++i) WriteSection(pack_.sections[i], section_names_[i]);
    WriteQuality();
    WriteDefinitions();
    return error_;
  }

 private:
  void SetProperties() {
    std::string title = fmt::format("{} performance pack, {}", pack_.council_name, pack_.period_label);
    std::string author = "Scrutiny", subject = pack_.committee, company = pack_.council_name;
    std::string status = pack_.confidential() ? Pack::kConfidentialMark : "";
    lxw_doc_properties properties = {};
    properties.title = title.data();
    properties.subject = subject.data();
    properties.author = author.data();
    properties.company = company.data();
    properties.status = status.data();
    Check(workbook_set_properties(workbook_, &properties));
  }

  // A new sheet headed by the confidential mark (when confidential) and its title.
  std::optional<SheetWriter> AddSheet(const std::string& name, const std::string& title) {
    lxw_worksheet* sheet = workbook_add_worksheet(workbook_, name.c_str());
    if (!sheet) {
      const lxw_error invalid_name = workbook_validate_sheet_name(workbook_, name.c_str());
      Check(invalid_name != LXW_NO_ERROR ? invalid_name : LXW_ERROR_MEMORY_MALLOC_FAILED);
      return std::nullopt;
    }
    SetPrinting(sheet);
    SheetWriter writer(sheet, styles_, error_);
    if (pack_.confidential()) writer.Line(Pack::kConfidentialMark, styles_.mark);
    writer.Line(title, styles_.title);
    return writer;
  }

  // Landscape, one page wide, numbered; a confidential pack's mark in the header and footer.
  void SetPrinting(lxw_worksheet* sheet) {
    const std::string page_number = "&RPage &P of &N";
    if (pack_.confidential()) {
      const std::string mark = fmt::format("&C&\"-,Bold\"{}", Pack::kConfidentialMark);
      Check(worksheet_set_header(sheet, mark.c_str()));
      Check(worksheet_set_footer(sheet, (mark + page_number).c_str()));
    } else {
      Check(worksheet_set_footer(sheet, page_number.c_str()));
    }
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
  }

  // What [c] and [x] mean, on every sheet that holds figures.
  void SymbolNote(SheetWriter& s) {
    s.Line(
        fmt::format("{} means a figure is not shown, to protect children's confidentiality. {} means not available. "
                    "{}",
                    kSuppressed, kMissing, pack_.suppression_note));
  }

  void WriteContents() {
    auto s = AddSheet(kContents, fmt::format("{}: {} performance pack", pack_.council_name, pack_.committee));
    if (!s) return;
    s->Widths({24, 100});
    const std::string audience =
        pack_.confidential() ? fmt::format("Confidential ({})", Pack::kConfidentialMark) : "Public";
    const std::vector<std::pair<std::string, std::string>> facts = {
        {"Council", fmt::format("{} ({})", pack_.council_name, pack_.council)},
        {"Committee", pack_.committee},
        {"Period", pack_.period_label},
        {"Data as at", pack_.as_at},
        {"Produced", pack_.generated},
        {"Audience", audience},
        {"Small numbers", pack_.suppression_note},
        {"Symbols", fmt::format("{} not shown, to protect confidentiality; {} not available", kSuppressed, kMissing)}};
    s->EndRow();
    for (const auto& [label, value] : facts) {
      s->Text(0, label, styles_.bold_text);
      s->Text(1, value, styles_.text);
      s->EndRow();
    }
    WriteHeadlines(*s);
    WriteSheetList(*s);
  }

  void WriteHeadlines(SheetWriter& s) {
    if (pack_.headlines.empty()) return;
    s.EndRow();
    s.Line("Headlines", styles_.heading);
    for (const std::string& headline : pack_.headlines) s.Line(headline);
  }

  void WriteSheetList(SheetWriter& s) {
    std::vector<std::pair<std::string, std::string>> sheets = {
        {kScorecard,
         "Every indicator on one line: value, target, RAG rating, direction, SPC, forecast, benchmark and "
         "commentary"}};
    for (size_t i = 0; i < pack_.sections.size(); ++i)
      sheets.emplace_back(section_names_[i],
                          fmt::format("{}: indicators, trend data and breakdown tables", pack_.sections[i].area));
    sheets.emplace_back(kQuality, "Faulty records and what they do to the indicators");
    sheets.emplace_back(kDefinitions, "What each indicator counts and where it is defined");
    s.EndRow();
    s.Header({"Sheet", "What it holds"});
    for (const auto& [name, about] : sheets) {
      s.Link(0, name);
      s.Text(1, about, styles_.text);
      s.EndRow();
    }
  }

  void WriteScorecard() {
    auto s = AddSheet(kScorecard, fmt::format("Scorecard, {}", pack_.period_label));
    if (!s) return;
    SymbolNote(*s);
    s->EndRow();
    const std::vector<std::string> columns = {"Number",
                                              "Indicator",
                                              "Area",
                                              "Value",
                                              "Numerator",
                                              "Denominator",
                                              "Target",
                                              "RAG",
                                              "Against target",
                                              "Compared with the previous period",
                                              "Compared with the same period last year",
                                              "SPC variation and assurance",
                                              "Forecast",
                                              "Likelihood of meeting the target",
                                              "Benchmark",
                                              "Headline",
                                              "Latest commentary",
                                              "Actions",
                                              "Commentary by"};
    s->Widths({9, 40, 20, 11, 12, 13, 11, 9, 18, 32, 32, 36, 26, 24, 30, 50, 50, 40, 20});
    const lxw_row_t header_row = s->row();
    s->Header(columns);
    s->RepeatWhenPrinted(header_row);
    s->Freeze(2);
    for (const PackIndicator& indicator : pack_.indicators) WriteScorecardRow(*s, indicator);
    s->Autofilter(header_row, SheetWriter::Col(columns.size() - 1));
  }

  void WriteScorecardRow(SheetWriter& s, const PackIndicator& i) {
    const PackCommentary* latest = LatestCommentary(i);
    s.Texts(0, {i.number, i.title, i.area});
    s.Figures(3, {i.value, i.numerator, i.denominator});
    s.Texts(6, {i.target});
    s.Text(7, Capitalised(i.rag), styles_.Rag(i.rag));
    s.Texts(8,
            {i.rag_words, i.previous_words, i.last_year_words, i.spc_text, i.forecast, i.likelihood_words, i.benchmark,
             i.headline, latest ? latest->text : "", latest ? latest->actions : "", CommentaryBy(latest)});
    s.EndRow();
  }

  void WriteSection(const PackSection& section, const std::string& name) {
    auto s = AddSheet(name, section.area);
    if (!s) return;
    for (const std::string& headline : section.headlines) s->Line(headline);
    SymbolNote(*s);
    s->EndRow();
    s->Widths({40, 11, 12, 13, 13, 12, 11, 18, 60});
    s->Header(
        {"Indicator", "Number", "Value", "Numerator", "Denominator", "Target", "RAG", "Against target", "Headline"});
    s->Freeze(1);
    for (size_t position : section.indicators)
      if (position < pack_.indicators.size()) WriteSectionIndicator(*s, pack_.indicators[position]);
    for (const PackChart& chart : section.charts) WriteChartData(*s, chart);
    for (const PackTable& table : section.tables) WriteTable(*s, table);
  }

  void WriteSectionIndicator(SheetWriter& s, const PackIndicator& i) {
    s.Texts(0, {i.title, i.number});
    s.Figures(2, {i.value, i.numerator, i.denominator});
    s.Texts(5, {i.target});
    s.Text(6, Capitalised(i.rag), styles_.Rag(i.rag));
    s.Texts(7, {i.rag_words, i.headline});
    s.EndRow();
  }

  // A chart as a table: each period's value with the SPC mean and limits and the target, where the chart has them.
  void WriteChartData(SheetWriter& s, const PackChart& chart) {
    s.EndRow();
    s.Line(chart.title, styles_.heading);
    s.Line(chart.alt);
    const std::string spc_words = chart.variation_text.empty() || chart.assurance_text.empty()
                                      ? chart.variation_text + chart.assurance_text
                                      : chart.variation_text + "; " + chart.assurance_text;
    if (!spc_words.empty()) s.Line(fmt::format("SPC: {}.", spc_words));
    std::vector<std::string> columns = {"Period", "Value"};
    const bool spc = !chart.mean.empty(), target = std::isfinite(chart.target);
    if (spc) columns.insert(columns.end(), {"Mean", "Upper limit", "Lower limit"});
    if (target) columns.push_back("Target");
    s.Header(columns);
    for (size_t point = 0; point < chart.labels.size(); ++point) WriteChartPoint(s, chart, point, spc, target);
  }

  void WriteChartPoint(SheetWriter& s, const PackChart& chart, size_t point, bool spc, bool target) {
    const PackFigure value = point < chart.values.size() ? chart.values[point] : PackFigure{};
    const bool percentage = value.percentage || chart.unit == "percentage";
    lxw_format* line = styles_.Number(std::max(1, DecimalsShown(value.shown)), percentage, false);
    auto at = [point](const std::vector<double>& v) { return point < v.size() ? v[point] : NAN; };
    s.Text(0, chart.labels[point], styles_.text);
    s.Figure(1, value);
    lxw_col_t col = 2;
    if (spc) {
      for (const std::vector<double>* spc_line : {&chart.mean, &chart.upper_limit, &chart.lower_limit})
        s.Number(col++, at(*spc_line), line);
    }
    if (target) s.Number(col, chart.target, line);
    s.EndRow();
  }

  void WriteTable(SheetWriter& s, const PackTable& table) {
    s.EndRow();
    s.Line(table.title, styles_.heading);
    if (!table.caption.empty()) s.Line(table.caption);
    s.Header(table.columns);
    for (const PackTable::Row& row : table.rows) {
      s.Text(0, row.label, row.total ? styles_.bold_text : styles_.text);
      for (size_t cell = 0; cell < row.cells.size(); ++cell)
        s.Figure(SheetWriter::Col(cell + 1), row.cells[cell], row.total);
      s.EndRow();
    }
  }

  void WriteQuality() {
    auto s = AddSheet(kQuality, "Data quality");
    if (!s) return;
    SymbolNote(*s);
    s->EndRow();
    s->Widths({12, 90, 10});
    s->Header({"Indicator", "Note", "Records"});
    s->Freeze(0);
    for (const PackQualityNote& note : pack_.quality) {
      s->Text(0, note.indicator.empty() ? "General" : note.indicator, styles_.text);
      s->Text(1, note.text, styles_.text);
      s->Figure(2, note.records);
      s->EndRow();
    }
  }

  void WriteDefinitions() {
    auto s = AddSheet(kDefinitions, "Definitions");
    if (!s) return;
    s->EndRow();
    s->Widths({9, 40, 80, 40});
    s->Header({"Number", "Indicator", "Definition", "Source"});
    s->Freeze(1);
    for (const PackDefinition& d : pack_.definitions) {
      s->Texts(0, {d.number, d.title, d.definition, d.source});
      s->EndRow();
    }
  }

  void Check(lxw_error error) {
    if (error_ == LXW_NO_ERROR) error_ = error;
  }

  const Pack& pack_;
  lxw_workbook* workbook_;
  Styles styles_;
  lxw_error error_ = LXW_NO_ERROR;
  std::vector<std::string> section_names_;
};

}  // namespace

std::string ExcelSheetName(std::string_view wanted, const std::vector<std::string>& taken) {
  const std::string base = CleanSheetName(wanted);
  std::string name = Shorten(base, kMaxSheetName);
  for (int n = 2; IsTaken(name, taken); ++n) {
    const std::string suffix = fmt::format(" ({})", n);
    name = Shorten(base, kMaxSheetName - suffix.size()) + suffix;
  }
  return name;
}

Status WritePackXlsx(const Pack& pack, const std::string& path) {
  lxw_workbook* workbook = workbook_new(path.c_str());
  if (!workbook) return Status::IoError(fmt::format("cannot start the workbook {}", path));
  const lxw_error written = PackWorkbook(pack, workbook).Write();
  const lxw_error closed = workbook_close(workbook);
  if (written != LXW_NO_ERROR) {
    std::remove(path.c_str());
    return Status::Internal(fmt::format("cannot lay out the workbook {}: {}", path, lxw_strerror(written)));
  }
  if (closed != LXW_NO_ERROR) return Status::IoError(fmt::format("cannot write {}: {}", path, lxw_strerror(closed)));
  return Status::Ok();
}

}  // namespace scrutiny
