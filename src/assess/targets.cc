#include "assess/targets.h"

#include <cmath>
#include <fstream>
#include <regex>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/config_path.h"
#include "core/toml_document.h"
#include "core/toml_reader.h"

namespace scrutiny {

double Target::ToleranceAt(double reference) const {
  return tolerance_is_percent ? std::fabs(reference) * tolerance / 100.0 : tolerance;
}

namespace {

// "2025-26" -> 2025; a range "2024-25..2026-27" -> 2024..2026.
bool ParseYears(const std::string& text, int& first, int& last) {
  static const std::regex kYear(R"((\d{4})-(\d{2}))");
  static const std::regex kRange(R"((\d{4})-(\d{2})\.\.(\d{4})-(\d{2}))");
  auto valid = [](int start, int end2) { return (start + 1) % 100 == end2; };
  std::smatch m;
  if (std::regex_match(text, m, kYear)) {
    first = last = std::stoi(m[1]);
    return valid(first, std::stoi(m[2]));
  }
  if (std::regex_match(text, m, kRange)) {
    first = std::stoi(m[1]);
    last = std::stoi(m[3]);
    return valid(first, std::stoi(m[2])) && valid(last, std::stoi(m[4])) && first <= last;
  }
  return false;
}

bool IsMonth(const std::string& text) {
  static const std::regex kMonth(R"(\d{4}-(0[1-9]|1[0-2]))");
  return std::regex_match(text, kMonth);
}

void ReadJudging(TomlReader& r, Judging& j) {
  if (auto v = r.Number("no_change_points")) j.no_change_points = *v;
  if (auto v = r.Number("no_change_percent")) j.no_change_percent = *v;
  if (j.no_change_points < 0 || j.no_change_percent < 0) r.Fail("no_change_points", "no-change bands cannot be negative");
  auto whole = [&](std::string_view key, int& out, int least) {
    if (auto v = r.Integer(key)) {
      if (*v < least || *v > 1000) r.Fail(key, fmt::format("'{}' must be from {} to 1000", key, least));
      else out = static_cast<int>(*v);
    }
  };
  whole("spc_months", j.spc_months, 2);
  whole("spc_shift_points", j.spc_shift_points, 2);
  whole("spc_trend_points", j.spc_trend_points, 2);
  whole("spc_minimum_points", j.spc_minimum_points, 2);
  whole("forecast_recent_months", j.forecast_recent_months, 1);
  if (auto v = r.OptionalBool("spc_two_sigma_counts_beyond_three")) j.spc_two_sigma_counts_beyond_three = *v;
  if (auto v = r.OptionalBool("spc_rule_primacy")) j.spc_rule_primacy = *v;
  if (auto v = r.OptionalBool("spc_target_on_limit_decides")) j.spc_target_on_limit_decides = *v;
  for (const std::string& m : r.Strings("spc_recalculate")) {
    if (!IsMonth(m)) r.Fail("spc_recalculate", fmt::format("'{}' is not a month such as 2023-04", m));
    j.spc_recalculate.push_back(m);
  }
  j.spc_baseline_end = r.String("spc_baseline_end", false, j.spc_baseline_end);
  if (!j.spc_baseline_end.empty() && !IsMonth(j.spc_baseline_end))
    r.Fail("spc_baseline_end", fmt::format("'{}' is not a month such as 2023-03", j.spc_baseline_end));
}

Target ReadTarget(TomlReader& r, const Suite& suite, int& first, int& last) {
  Target t;
  t.line = r.line();
  t.indicator = r.String("indicator", true);
  if (!r.status().ok()) return t;
  const Indicator* ind = suite.Find(t.indicator);
  if (!ind) {
    r.Fail("indicator", fmt::format("the suite has no indicator '{}'", t.indicator));
    return t;
  }
  r.set_context(fmt::format("target for {}", t.indicator));
  std::string years = r.String("years", true);
  if (r.status().ok() && !ParseYears(years, first, last))
    r.Fail("years", fmt::format("'{}' is not a financial year such as 2025-26 or a range such as 2024-25..2026-27", years));
  t.value = r.Number("target");
  std::vector<double> range;
  if (const toml::array* a = r.Array("range")) {
    for (const toml::node& e : *a)
      if (auto d = e.value<double>()) range.push_back(*d);
    if (range.size() != 2 || range.size() != a->size() || range[0] > range[1])
      r.Fail("range", "'range' must be two numbers, lowest first: [lower, upper]");
    else t.lower = range[0], t.upper = range[1];
  }
  if (t.value.has_value() == t.lower.has_value()) r.Fail("target", "give either 'target' or 'range', not both or neither");
  if (t.value && ind->polarity == Polarity::kNeither)
    r.Fail("target", fmt::format("indicator {} has no better direction (polarity neither): give a 'range'", t.indicator));
  auto absolute = r.Number("tolerance"), relative = r.Number("tolerance_percent");
  if (absolute && relative) r.Fail("tolerance", "give 'tolerance' (in the indicator's units) or 'tolerance_percent', not both");
  t.tolerance = absolute ? *absolute : relative ? *relative : 0;
  t.tolerance_is_percent = relative.has_value();
  if (t.tolerance < 0) r.Fail(absolute ? "tolerance" : "tolerance_percent", "a tolerance cannot be negative");
  t.basis = r.String("basis", false);
  if (const toml::array* a = r.Array("trajectory")) {
    for (const toml::node& e : *a)
      if (auto d = e.value<double>()) t.trajectory.push_back(*d);
    if (t.trajectory.size() != 4 || a->size() != 4) r.Fail("trajectory", "'trajectory' must be four numbers: the values expected for Q1 to Q4");
  }
  r.CheckUnknownKeys();
  return t;
}

}  // namespace

Result<TargetBook> TargetBook::Parse(std::string_view text, const std::string& path, const Suite& suite) {
  auto parsed = ParseTomlDocument(text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  TargetBook book;
  TomlReader top(root, path, "targets file");
  if (const toml::table* d = top.Table("defaults")) {
    TomlReader r(*d, path, "[defaults]");
    ReadJudging(r, book.defaults_);
    r.CheckUnknownKeys();
    if (!r.status().ok()) return r.status();
  }
  if (const toml::array* list = top.Array("indicator")) {
    for (const toml::node& n : *list) {
      const toml::table* t = n.as_table();
      if (!t) return Status::InvalidInput(fmt::format("{}:{}: [[indicator]] must be a table", path, n.source().begin.line));
      TomlReader r(*t, path, "[[indicator]]");
      std::string number = r.String("number", true);
      if (r.status().ok() && !suite.Find(number)) r.Fail("number", fmt::format("the suite has no indicator '{}'", number));
      Judging j = book.defaults_;
      ReadJudging(r, j);
      r.CheckUnknownKeys();
      if (!r.status().ok()) return r.status();
      if (!book.judging_.emplace(number, j).second)
        return Status::InvalidInput(fmt::format("{}:{}: indicator {} is given twice", path, r.line(), number));
    }
  }
  if (const toml::array* list = top.Array("target")) {
    for (const toml::node& n : *list) {
      const toml::table* t = n.as_table();
      if (!t) return Status::InvalidInput(fmt::format("{}:{}: [[target]] must be a table", path, n.source().begin.line));
      TomlReader r(*t, path, "[[target]]");
      int first = 0, last = 0;
      Target target = ReadTarget(r, suite, first, last);
      if (!r.status().ok()) return r.status();
      for (int y = first; y <= last; ++y) {
        if (book.For(target.indicator, y))
          return Status::InvalidInput(fmt::format("{}:{}: indicator {} already has a target for {}-{:02}", path,
                                                  target.line, target.indicator, y, (y + 1) % 100));
        target.year = y;
        book.targets_.push_back(target);
      }
    }
  }
  top.CheckUnknownKeys();
  if (!top.status().ok()) return top.status();
  return book;
}

Result<TargetBook> TargetBook::Load(const std::string& path, const Suite& suite) {
  std::ifstream in(path);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the targets file", path));
  std::stringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path, suite);
}

const Target* TargetBook::For(std::string_view indicator, int year) const {
  for (const Target& t : targets_)
    if (t.indicator == indicator && t.year == year) return &t;
  return nullptr;
}

Judging TargetBook::JudgingOf(std::string_view indicator) const {
  auto it = judging_.find(indicator);
  return it == judging_.end() ? defaults_ : it->second;
}

std::string DefaultTargetsPath() { return ShippedConfigPath("targets.toml"); }

}  // namespace scrutiny
