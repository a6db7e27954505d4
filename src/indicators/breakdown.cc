#include "indicators/breakdown.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace scrutiny {
namespace {

constexpr double kNoValue = -1e18;

// A breakdown name and the field paths that can give it, first that fits.
struct Standard {
  std::string_view name;
  std::vector<std::string_view> paths;
};

const std::vector<Standard>& Standards() {
  static const std::vector<Standard> kStandards = {
      {"council", {"la_code", "child.la_code"}},
      {"team", {"team_id", "worker.team_id", "personal_adviser.team_id"}},
      {"worker", {"worker_id", "personal_adviser_id"}},
      {"age_band", {"child.date_of_birth", "date_of_birth"}},
      {"sex", {"child.sex", "sex"}},
      {"ethnic_group", {"child.ethnicity", "ethnicity"}},
      {"disability", {"child.disability", "disability"}},
      {"uasc", {"child.uasc", "uasc"}},
  };
  return kStandards;
}

const char* const kAgeBands[] = {"Under 1", "1 to 4", "5 to 9", "10 to 15", "16 to 17", "18 and over"};

int AgeBand(double age) {
  if (age < 1) return 0;
  if (age < 5) return 1;
  if (age < 10) return 2;
  if (age < 16) return 3;
  if (age < 18) return 4;
  return 5;
}

std::string EthnicGroup(std::string_view code) {
  if (code == "REFU" || code == "NOBT") return "Refused or not obtained";
  switch (code.empty() ? ' ' : code[0]) {
    case 'W': return "White";
    case 'M': return "Mixed";
    case 'A': return "Asian";
    case 'B': return "Black";
    default: return "Other ethnic group";
  }
}

bool IsBreakdownField(const Field& f) {
  return f.type == FieldType::kCode || f.type == FieldType::kFlag || f.type == FieldType::kText;
}

}  // namespace

std::vector<std::string> Breakdown::Available(const Indicator& ind) {
  std::vector<std::string> out;
  for (const Standard& s : Standards())
    if (Make(s.name, ind, nullptr).ok()) out.emplace_back(s.name);
  for (const Field& f : ind.population.type->fields)
    if (IsBreakdownField(f) && f.references.empty()) out.emplace_back(f.name);
  for (const Bands& b : ind.bands) out.push_back(b.name);
  if (ind.breakdowns.empty()) return out;
  std::vector<std::string> offered;
  for (const std::string& b : ind.breakdowns)
    if (std::find(out.begin(), out.end(), b) != out.end()) offered.push_back(b);
  return offered;
}

Result<Breakdown> Breakdown::Make(std::string_view name, const Indicator& ind, CaseIndex* index) {
  Breakdown b;
  b.name_ = std::string(name);
  const RecordType& type = *ind.population.type;
  std::vector<std::string> paths;
  for (const Standard& s : Standards())
    if (s.name == name) paths.assign(s.paths.begin(), s.paths.end());
  if (name == "age_band") b.kind_ = Kind::kAgeBand;
  if (name == "ethnic_group") b.kind_ = Kind::kEthnicGroup;
  if (name == "disability") b.kind_ = Kind::kDisabled;
  for (const Bands& bands : ind.bands) {
    if (bands.name != name) continue;
    b.kind_ = Kind::kBands;
    b.bands_ = bands;
    paths = {bands.value};
  }
  if (paths.empty()) {
    int col = type.IndexOf(name);
    if (col < 0 || !IsBreakdownField(type.field(col)))
      return Status::InvalidInput(fmt::format("no breakdown '{}' for {} records", name, type.name));
    paths = {std::string(name)};
  }
  if (b.kind_ == Kind::kAgeBand) paths = {"age"};
  for (const std::string& path : paths) {
    auto e = Expression::Bind(path, type, index);
    if (!e.ok()) continue;
    b.values_.push_back(std::make_shared<Expression>(std::move(*e)));
    if (!b.table_) b.table_ = b.values_.back()->field_table();
    if (!b.field_) b.field_ = b.values_.back()->field();
  }
  if (b.values_.empty()) return Status::InvalidInput(fmt::format("no breakdown '{}' for {} records", name, type.name));
  b.by_string_ = b.table_ && b.field_ && b.field_->type != FieldType::kFlag && b.kind_ != Kind::kAgeBand &&
                 b.kind_ != Kind::kBands;
  if (b.kind_ == Kind::kBands && b.bands_.labels.size() != b.bands_.edges.size() + 1)
    return Status::InvalidInput(fmt::format("bands '{}' need one more label than edges", name));
  return b;
}

std::string Breakdown::SortKey(const std::string& label) const {
  if (label == "Not recorded") return "~";
  if (kind_ == Kind::kAgeBand)
    for (size_t i = 0; i < std::size(kAgeBands); ++i)
      if (label == kAgeBands[i]) return fmt::format("{:03}", i);
  if (kind_ == Kind::kBands)
    for (size_t i = 0; i < bands_.labels.size(); ++i)
      if (label == bands_.labels[i]) return fmt::format("{:03}", i);
  return label;
}

bool Breakdown::depends_on_period() const {
  return std::any_of(values_.begin(), values_.end(), [](const auto& v) { return v->depends_on_period(); });
}

std::string Breakdown::LabelOfValue(double v) const {
  if (v == kNoValue) return "Not recorded";
  switch (kind_) {
    case Kind::kAgeBand: return kAgeBands[static_cast<int>(v)];
    case Kind::kBands: return bands_.labels[static_cast<size_t>(v)];
    default: break;
  }
  if (field_ && field_->type == FieldType::kFlag) return v == 1 ? "Yes" : "No";
  std::string_view text = table_ ? table_->pool().Get(static_cast<int32_t>(v)) : std::string_view();
  if (kind_ == Kind::kEthnicGroup) return EthnicGroup(text);
  if (kind_ == Kind::kDisabled) return text == "NONE" ? "Not disabled" : "Disabled";
  return std::string(text);
}

int Breakdown::GroupOf(const EvalContext& c) {
  double v = NAN;
  for (const auto& value : values_)
    if (!std::isnan(v = value->Value(c))) break;
  if (std::isnan(v)) v = kNoValue;
  else if (kind_ == Kind::kAgeBand) v = AgeBand(v);
  else if (kind_ == Kind::kBands) {
    size_t band = 0;
    while (band < bands_.edges.size() && v >= bands_.edges[band]) ++band;
    v = static_cast<double>(band);
  }
  if (by_string_ && v != kNoValue) {
    // Sized by the largest id seen, not the pool: a field's values are few,
    // and those of early tables (teams, codes) have small ids.
    size_t id = static_cast<size_t>(v);
    if (id >= group_of_string_.size()) group_of_string_.resize(id + 1, -1);
    int& known = group_of_string_[id];
    if (known < 0) known = GroupOfNew(v);
    return known;
  }
  return GroupOfNew(v);
}

int Breakdown::GroupOfNew(double v) {
  auto [it, added] = group_of_value_.emplace(v, 0);
  if (!added) return it->second;
  std::string label = LabelOfValue(v);
  auto existing = std::find(labels_.begin(), labels_.end(), label);
  it->second = static_cast<int>(existing - labels_.begin());
  if (existing == labels_.end()) labels_.push_back(std::move(label));
  return it->second;
}

}  // namespace scrutiny
