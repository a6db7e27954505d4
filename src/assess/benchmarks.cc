#include "assess/benchmarks.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <toml++/toml.h>

#include "core/config_path.h"
#include "core/toml_document.h"
#include "core/toml_reader.h"
#include "ingest/csv_reader.h"

namespace scrutiny {

namespace {

const std::vector<std::string> kColumns = {"indicator", "year", "area_code", "area_name", "value", "source", "note"};

Result<std::string> ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the file", path));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

bool ParseYear(std::string_view text, int& year) {
  static const std::regex kYear(R"((\d{4})-(\d{2}))");
  std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, kYear)) return false;
  year = std::stoi(m[1]);
  return (year + 1) % 100 == std::stoi(m[2]);
}

Status ParseFigures(std::string_view csv, const std::string& path, const Suite& suite, std::vector<PublishedFigure>& out) {
  CsvReader reader(csv);
  if (!reader.Check()) return Status::InvalidInput(fmt::format("{}:{}: {}", path, reader.line(), reader.error()));
  std::vector<std::string_view> fields;
  if (!reader.Next(fields)) return Status::InvalidInput(fmt::format("{}:1: no header", path));
  if (std::vector<std::string>(fields.begin(), fields.end()) != kColumns)
    return Status::InvalidInput(fmt::format("{}:1: the header must be: {}", path, fmt::join(kColumns, ",")));
  while (reader.Next(fields)) {
    auto fail = [&](std::string_view field, std::string_view value, std::string_view rule) {
      return Status::InvalidInput(fmt::format("{}:{}: {} '{}': {}", path, reader.line(), field, value, rule));
    };
    if (fields.size() != kColumns.size()) return fail("row", "", fmt::format("has {} fields, not {}", fields.size(), kColumns.size()));
    PublishedFigure f;
    f.line = static_cast<int>(reader.line());
    f.indicator = fields[0];
    if (!suite.Find(f.indicator)) return fail("indicator", fields[0], "the suite has no such indicator");
    if (!ParseYear(fields[1], f.year)) return fail("year", fields[1], "must be a financial year such as 2022-23");
    f.area_code = fields[2];
    f.area_name = fields[3];
    if (f.area_code.empty() || f.area_name.empty()) return fail("area_code", fields[2], "an area needs a code and a name");
    std::string value(fields[4]);
    char* end = nullptr;
    f.value = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !std::isfinite(f.value)) return fail("value", fields[4], "must be a number");
    f.source = fields[5];
    if (f.source.empty()) return fail("source", fields[5], "every figure needs its source");
    f.note = fields[6];
    for (const PublishedFigure& g : out)
      if (g.indicator == f.indicator && g.year == f.year && g.area_code == f.area_code)
        return fail("year", fields[1], fmt::format("repeats the figure on line {}", g.line));
    out.push_back(std::move(f));
  }
  if (!reader.error().empty()) return Status::InvalidInput(fmt::format("{}:{}: {}", path, reader.line(), reader.error()));
  return Status::Ok();
}

Status ParseGroups(std::string_view text, const std::string& path, std::vector<BenchmarkGroup>& out) {
  if (text.empty()) return Status::Ok();
  auto parsed = ParseTomlDocument(text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  TomlReader top(root, path, "groups file");
  if (const toml::array* list = top.Array("group")) {
    for (const toml::node& n : *list) {
      const toml::table* t = n.as_table();
      if (!t) return Status::InvalidInput(fmt::format("{}:{}: [[group]] must be a table", path, n.source().begin.line));
      TomlReader r(*t, path, "[[group]]");
      BenchmarkGroup g{r.String("code", true), r.String("name", true), r.Strings("councils"), r.String("for", false)};
      if (r.status().ok() && g.councils.empty()) r.Fail("councils", "a group needs its councils' codes");
      r.CheckUnknownKeys();
      if (!r.status().ok()) return r.status();
      out.push_back(std::move(g));
    }
  }
  top.CheckUnknownKeys();
  return top.status();
}

}  // namespace

Result<Benchmarks> Benchmarks::Parse(std::string_view csv, const std::string& csv_path, std::string_view groups,
                                     const std::string& groups_path, const Suite& suite) {
  Benchmarks b;
  if (Status s = ParseFigures(csv, csv_path, suite, b.figures_); !s.ok()) return s;
  if (Status s = ParseGroups(groups, groups_path, b.groups_); !s.ok()) return s;
  return b;
}

Result<Benchmarks> Benchmarks::Load(const std::string& published_csv, const std::string& groups_toml, const Suite& suite) {
  auto csv = ReadText(published_csv);
  if (!csv.ok()) return csv.status();
  std::string groups;
  if (!groups_toml.empty()) {
    auto text = ReadText(groups_toml);
    if (!text.ok()) return text.status();
    groups = std::move(*text);
  }
  return Parse(*csv, published_csv, groups, groups_toml, suite);
}

std::vector<const PublishedFigure*> Benchmarks::Latest(std::string_view indicator, int year) const {
  std::vector<const PublishedFigure*> out;
  for (const PublishedFigure& f : figures_) {
    if (f.indicator != indicator || f.year > year) continue;
    auto same = std::find_if(out.begin(), out.end(), [&](const PublishedFigure* g) { return g->area_code == f.area_code; });
    if (same == out.end()) out.push_back(&f);
    else if ((*same)->year < f.year) *same = &f;
  }
  return out;
}

std::vector<const PublishedFigure*> Benchmarks::Series(std::string_view indicator, std::string_view area_code) const {
  std::vector<const PublishedFigure*> out;
  for (const PublishedFigure& f : figures_)
    if (f.indicator == indicator && f.area_code == area_code) out.push_back(&f);
  std::sort(out.begin(), out.end(), [](const PublishedFigure* a, const PublishedFigure* b) { return a->year < b->year; });
  return out;
}

double Quantile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return NAN;
  double h = (static_cast<double>(sorted.size()) - 1) * p;
  size_t lo = static_cast<size_t>(std::floor(h));
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

Standing StandingAmong(double value, std::vector<double> values, Polarity polarity) {
  Standing s;
  values.erase(std::remove_if(values.begin(), values.end(), [](double v) { return std::isnan(v); }), values.end());
  if (std::isnan(value) || values.empty()) return s;
  std::sort(values.begin(), values.end());
  s.of = static_cast<int>(values.size());
  s.lower_quartile = Quantile(values, 0.25);
  s.median = Quantile(values, 0.5);
  s.upper_quartile = Quantile(values, 0.75);
  if (polarity == Polarity::kNeither) return s;
  bool high = polarity == Polarity::kHigher;
  int better = 0;
  for (double v : values) better += high ? v > value : v < value;
  s.rank = better + 1;
  // LAIT: for lower-is-better A = [min, Q1], B = (Q1, Q2], C = (Q2, Q3], D = (Q3, max]; mirrored for higher.
  if (high) s.band = value >= s.upper_quartile ? 'A' : value >= s.median ? 'B' : value >= s.lower_quartile ? 'C' : 'D';
  else s.band = value <= s.lower_quartile ? 'A' : value <= s.median ? 'B' : value <= s.upper_quartile ? 'C' : 'D';
  return s;
}

std::string DefaultPublishedBenchmarksPath() { return ShippedConfigPath("benchmarks/published.csv"); }
std::string DefaultBenchmarkGroupsPath() { return ShippedConfigPath("benchmarks/groups.toml"); }

}  // namespace scrutiny
