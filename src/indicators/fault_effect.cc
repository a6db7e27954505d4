#include "indicators/fault_effect.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace scrutiny {
namespace {

// What one counted unit (a record, or a child when children are counted) adds up to.
struct CountedUnit {
  bool faulty = false;
  bool in_numerator = false;
  std::string child_id;
};

void NoteOnce(std::vector<std::string>& list, std::string item) {
  if (std::find(list.begin(), list.end(), item) == list.end()) list.push_back(std::move(item));
}

std::string InWords(std::string field) {
  std::replace(field.begin(), field.end(), '_', ' ');
  return field;
}

double Percentage(const Indicator& ind, double numerator, double denominator) {
  if (denominator <= 0) return NAN;
  double p = 100.0 * numerator / denominator;
  return ind.complement ? 100 - p : p;
}

// The value with the faulty units left out, and had they met the standard.
void WorkOutValues(const Indicator& ind, FaultEffect& e) {
  const Cell& c = e.cell;
  if (std::isnan(c.value) || ind.population.tally == Tally::kSum) return;
  if (ind.unit == Unit::kCount) e.without = c.value - e.faulty;
  if (ind.unit != Unit::kPercentage || ind.numerator.empty() || ind.denominator) return;
  e.without = Percentage(ind, c.numerator - e.faulty_in_numerator, c.denominator - e.faulty);
  e.if_met = Percentage(ind, c.numerator + (e.faulty - e.faulty_in_numerator), c.denominator);
}

}  // namespace

Result<FaultEffect> EffectOfFaults(Evaluator& evaluator, const Indicator& ind, const Period& period,
                                   const RecordFaults& faults) {
  auto drill = evaluator.Drill(ind, period);
  if (!drill.ok()) return drill.status();
  FaultEffect e;
  e.cell = drill->cell;
  bool by_child = ind.population.tally == Tally::kChildren;
  std::map<std::string, CountedUnit> units;
  for (const DrillRecord& r : drill->records) {
    if (r.role == "excluded") continue;
    CountedUnit& u = units[by_child && !r.child_id.empty() ? r.child_id : r.record_type + " " + r.key];
    u.child_id = r.child_id;
    u.in_numerator |= r.role == "numerator";
    for (std::string& field : faults(r)) {
      u.faulty = true;
      NoteOnce(e.fields, InWords(std::move(field)));
    }
  }
  for (const auto& entry : units) {
    const CountedUnit& u = entry.second;
    if (!u.faulty) continue;
    ++e.faulty;
    e.faulty_in_numerator += u.in_numerator;
    if (!u.child_id.empty()) NoteOnce(e.children, u.child_id);
  }
  WorkOutValues(ind, e);
  return e;
}

RecordFaults MissingNumeratorDates(const Indicator& ind) {
  return [&ind](const DrillRecord& r) {
    std::vector<std::string> missing;
    if (r.role != "denominator") return missing;
    for (const auto& [field, value] : r.fields) {
      const std::string& name = field;  // clang 14 cannot capture a structured binding
      bool used = std::any_of(ind.numerator.begin(), ind.numerator.end(),
                              [&](const std::string& n) { return n.find(name) != std::string::npos; });
      if (used && value.empty() && field.find('(') == std::string::npos) missing.push_back(field);
    }
    return missing;
  };
}

}  // namespace scrutiny
