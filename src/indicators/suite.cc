#include "indicators/suite.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <toml++/toml.h>

#include "core/config_path.h"
#include "core/toml_document.h"
#include "core/toml_reader.h"

#include "indicators/breakdown.h"
#include "indicators/case_index.h"
#include "indicators/expression.h"

namespace scrutiny {

std::string_view UnitName(Unit u) {
  switch (u) {
    case Unit::kCount: return "count";
    case Unit::kPercentage: return "percentage";
    case Unit::kRate: return "rate per 10,000";
    case Unit::kDays: return "days";
    case Unit::kAverage: return "average";
  }
  return "";
}

std::string_view PolarityName(Polarity p) {
  switch (p) {
    case Polarity::kHigher: return "higher is better";
    case Polarity::kLower: return "lower is better";
    case Polarity::kNeither: return "neither";
  }
  return "";
}

std::string_view MeasureName(Measure m) {
  switch (m) {
    case Measure::kEvents: return "events";
    case Measure::kRolling12: return "rolling12";
    case Measure::kRolling36: return "rolling36";
    case Measure::kYearToDate: return "ytd";
    case Measure::kSnapshot: return "snapshot";
    case Measure::kCohort: return "cohort";
    case Measure::kAll: return "all";
  }
  return "";
}

const Indicator* Suite::Find(std::string_view number) const {
  for (const Indicator& i : indicators)
    if (i.number == number) return &i;
  return nullptr;
}

namespace {

template <typename E>
bool Choose(std::string_view text, std::initializer_list<std::pair<std::string_view, E>> options, E& out) {
  for (auto [name, value] : options)
    if (text == name) { out = value; return true; }
  return false;
}

void CheckDateField(TomlReader& r, const RecordType& type, std::string_view key, const std::string& name) {
  if (name.empty()) return;
  int col = type.IndexOf(name);
  if (CaseIndex::IsDerived(type, name)) return;
  if (col < 0 || type.field(col).type != FieldType::kDate)
    r.Fail(key, fmt::format("{} has no date field '{}'", type.name, name));
}

void CheckExpression(TomlReader& r, std::string_view key, const std::string& text, const RecordType& type, bool condition) {
  auto e = Expression::Bind(text, type, nullptr);
  if (!e.ok()) { r.Fail(key, fmt::format("'{}': {}", text, e.status().message())); return; }
  if (condition && !e->is_condition()) r.Fail(key, fmt::format("'{}' is a value, not a condition", text));
  if (!condition && e->is_condition()) r.Fail(key, fmt::format("'{}' is a condition, not a value", text));
}

Population ReadPopulation(TomlReader& r) {
  Population p;
  p.line = r.line();
  std::string records = r.String("records", true);
  p.type = FindRecordType(records);
  if (!records.empty() && !p.type) { r.Fail("records", fmt::format("no record type '{}' (see docs/formats.md)", records)); return p; }
  if (!p.type) return p;
  std::string measure = r.String("measure", true);
  if (!measure.empty() && !Choose<Measure>(measure, {{"events", Measure::kEvents}, {"rolling12", Measure::kRolling12},
        {"rolling36", Measure::kRolling36}, {"ytd", Measure::kYearToDate}, {"snapshot", Measure::kSnapshot},
        {"cohort", Measure::kCohort}, {"all", Measure::kAll}}, p.measure))
    r.Fail("measure", fmt::format("measure '{}' is not events, rolling12, rolling36, ytd, snapshot, cohort or all", measure));
  RecordSpan span = SpanOf(*p.type);
  bool dated = p.measure != Measure::kSnapshot && p.measure != Measure::kCohort && p.measure != Measure::kAll;
  p.date = r.String("date", dated);
  std::string default_start = span.start >= 0 ? std::string(p.type->field(span.start).name) : "";
  std::string default_end = span.end >= 0 ? std::string(p.type->field(span.end).name) : "";
  p.start = r.String("start", false, dated ? "" : default_start);
  p.end = r.String("end", false, dated ? "" : default_end);
  if (!dated && p.measure != Measure::kAll && p.start.empty()) r.Fail("measure", fmt::format("{} records have no dates to take a snapshot of", p.type->name));
  if (dated && (!p.start.empty() || !p.end.empty())) r.Fail("start", "'start' and 'end' are for snapshot and cohort measures; events use 'date'");
  CheckDateField(r, *p.type, "date", p.date);
  CheckDateField(r, *p.type, "start", p.start);
  CheckDateField(r, *p.type, "end", p.end);
  if (auto months = r.Integer("cohort_months")) p.cohort_months = static_cast<int>(*months);
  if (p.measure == Measure::kCohort && p.cohort_months <= 0) r.Fail("cohort_months", "a cohort measure needs cohort_months > 0");
  p.where = r.Strings("where");
  for (const std::string& w : p.where) CheckExpression(r, "where", w, *p.type, true);
  std::string count = r.String("count", false, "records");
  if (count == "records") p.tally = Tally::kRecords;
  else if (count == "children") p.tally = Tally::kChildren;
  else if (count.starts_with("sum ")) {
    p.tally = Tally::kSum;
    p.sum = count.substr(4);
    int col = p.type->IndexOf(p.sum);
    if (col < 0 || (p.type->field(col).type != FieldType::kDecimal && p.type->field(col).type != FieldType::kInteger))
      r.Fail("count", fmt::format("'{}': {} has no number field '{}'", count, p.type->name, p.sum));
  } else {
    r.Fail("count", fmt::format("count '{}' is not records, children or sum FIELD", count));
  }
  if (p.tally == Tally::kChildren && p.type->IndexOf("child_id") < 0 && p.type->name != "children")
    r.Fail("count", fmt::format("{} records are not about a child", p.type->name));
  return p;
}

void ReadYears(TomlReader& r, Indicator& ind) {
  std::string years = r.String("years", false);
  if (years.empty()) return;
  int first = 0, last = 0;
  char dash = 0;
  std::istringstream in(years);
  in >> first >> dash;
  if (!(in >> last)) last = 9999;
  if (dash != '-' || first < 1990 || last < first) r.Fail("years", fmt::format("years '{}' is not FIRST- or FIRST-LAST (financial years by their starting year)", years));
  ind.first_year = first;
  ind.last_year = last;
}

void ReadBands(TomlReader& r, Indicator& ind) {
  const toml::array* bands = r.Array("bands");
  if (!bands) return;
  for (const toml::node& n : *bands) {
    const toml::table* t = n.as_table();
    if (!t) { r.Fail("bands", "bands is a list of tables"); return; }
    Bands b;
    b.name = (*t)["name"].value_or(std::string());
    b.value = (*t)["value"].value_or(std::string());
    b.edges = r.Numbers(*t, "edges");
    if (const toml::array* labels = (*t)["labels"].as_array())
      for (const toml::node& l : *labels) b.labels.push_back(l.value_or(std::string()));
    if (b.name.empty() || b.value.empty()) r.Fail("bands", "each band set needs a name, a value, edges and labels");
    else CheckExpression(r, "bands", b.value, *ind.population.type, false);
    if (b.labels.size() != b.edges.size() + 1) r.Fail("bands", fmt::format("bands '{}' need one more label than edges", b.name));
    ind.bands.push_back(std::move(b));
  }
}

Indicator ReadIndicator(TomlReader& r) {
  Indicator ind;
  ind.line = r.line();
  ind.number = r.String("number", true);
  r.set_context(fmt::format("indicator {}", ind.number.empty() ? "?" : ind.number));
  ind.title = r.String("title", true);
  ind.area = r.String("area", true);
  ind.definition = r.String("definition", true);
  ind.source = r.String("source", true);
  std::string unit = r.String("unit", true);
  if (!unit.empty() && !Choose<Unit>(unit, {{"count", Unit::kCount}, {"percentage", Unit::kPercentage}, {"rate", Unit::kRate},
        {"days", Unit::kDays}, {"average", Unit::kAverage}}, ind.unit))
    r.Fail("unit", fmt::format("unit '{}' is not count, percentage, rate, days or average", unit));
  std::string polarity = r.String("polarity", true);
  if (!polarity.empty() && !Choose<Polarity>(polarity, {{"higher", Polarity::kHigher}, {"lower", Polarity::kLower},
        {"neither", Polarity::kNeither}}, ind.polarity))
    r.Fail("polarity", fmt::format("polarity '{}' is not higher, lower or neither", polarity));
  ind.population = ReadPopulation(r);
  ReadYears(r, ind);
  ind.numerator = r.Strings("numerator");
  ind.value = r.String("value", false);
  ind.per = r.String("per", false);
  ind.statistic = r.String("statistic", false, "mean");
  ind.breakdowns = r.Strings("breakdowns");
  ind.complement = r.Bool("complement");
  if (!ind.population.type) return ind;
  const RecordType& type = *ind.population.type;
  for (const std::string& c : ind.numerator) CheckExpression(r, "numerator", c, type, true);
  if (!ind.value.empty()) CheckExpression(r, "value", ind.value, type, false);
  bool averaged = ind.unit == Unit::kDays || ind.unit == Unit::kAverage;
  if (averaged && ind.value.empty() && ind.per.empty()) r.Fail("unit", "days and average indicators need a 'value' (or 'per' for counts per record)");
  if (!averaged && (!ind.value.empty() || !ind.per.empty())) r.Fail("value", "'value' and 'per' are for days and average indicators");
  if (ind.unit != Unit::kPercentage && !ind.numerator.empty()) r.Fail("numerator", "'numerator' is for percentage indicators");
  if (!ind.per.empty() && type.IndexOf(ind.per) < 0) r.Fail("per", fmt::format("{} has no field '{}'", type.name, ind.per));
  if (ind.statistic != "mean" && ind.statistic != "median" && ind.statistic != "min" && ind.statistic != "max")
    r.Fail("statistic", fmt::format("statistic '{}' is not mean, median, min or max", ind.statistic));
  ReadBands(r, ind);
  for (const std::string& b : ind.breakdowns)
    if (!Breakdown::Make(b, ind, nullptr).ok()) r.Fail("breakdowns", fmt::format("no breakdown '{}' for {} records", b, type.name));
  return ind;
}

}  // namespace

Result<Suite> ParseSuite(std::string_view text, const std::string& path) {
  auto parsed = ParseTomlDocument(text, path);
  if (!parsed.ok()) return parsed.status();
  const toml::table& root = *parsed;
  Suite suite;
  suite.path = path;
  suite.name = root["name"].value_or(std::string());
  suite.description = root["description"].value_or(std::string());
  for (auto&& [k, v] : root)
    if (k != "name" && k != "description" && k != "indicator")
      return Status::InvalidInput(fmt::format("{}:{}: unknown key '{}'", path, v.source().begin.line, k.str()));
  const toml::array* list = root["indicator"].as_array();
  if (!list || list->empty()) return Status::InvalidInput(fmt::format("{}: no [[indicator]] tables", path));
  std::set<std::string> numbers;
  for (const toml::node& n : *list) {
    const toml::table* t = n.as_table();
    if (!t) return Status::InvalidInput(fmt::format("{}:{}: indicator must be a table", path, n.source().begin.line));
    TomlReader r(*t, path, "indicator");
    Indicator ind = ReadIndicator(r);
    if (const toml::table* d = r.Table("denominator")) {
      TomlReader dr(*d, path, fmt::format("indicator {} denominator", ind.number));
      ind.denominator = ReadPopulation(dr);
      dr.CheckUnknownKeys();
      if (!dr.status().ok()) return dr.status();
      if (ind.unit != Unit::kPercentage) r.Fail("denominator", "a separate denominator is for percentage indicators");
    }
    r.CheckUnknownKeys();
    if (!r.status().ok()) return r.status();
    if (!numbers.insert(ind.number).second)
      return Status::InvalidInput(fmt::format("{}:{}: indicator {}: number used twice", path, ind.line, ind.number));
    suite.indicators.push_back(std::move(ind));
  }
  return suite;
}

Result<Suite> LoadSuite(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot read the suite file", path));
  std::stringstream text;
  text << in.rdbuf();
  return ParseSuite(text.str(), path);
}

std::string DefaultSuitePath() { return ShippedConfigPath("suites/scrutiny-dataset.toml"); }

}  // namespace scrutiny
