#include "assess/rag.h"

#include <cmath>

namespace scrutiny {

namespace {
constexpr double kTie = 1e-9;  // differences this small are ties (values are rounded decimals)
}  // namespace

std::string_view RagName(Rag r) {
  switch (r) {
    case Rag::kGreen: return "green";
    case Rag::kAmber: return "amber";
    case Rag::kRed: return "red";
    case Rag::kNone: break;
  }
  return "none";
}

std::string_view RagWords(Rag r) {
  switch (r) {
    case Rag::kGreen: return "on target";
    case Rag::kAmber: return "within tolerance";
    case Rag::kRed: return "off target";
    case Rag::kNone: break;
  }
  return "no target";
}

double RoundAsShown(double value, Unit unit) {
  if (std::isnan(value)) return value;
  double scale = unit == Unit::kCount || unit == Unit::kDays ? 1 : 10;
  return std::round(value * scale) / scale;
}

Rag JudgeRag(double value, const Target& target, Polarity polarity, Unit unit, double pro_rata) {
  if (std::isnan(value)) return Rag::kNone;
  double shown = RoundAsShown(value, unit);
  if (target.value) {
    if (polarity == Polarity::kNeither) return Rag::kNone;
    double goal = *target.value * pro_rata;
    double tolerance = target.tolerance_is_percent ? target.ToleranceAt(goal) : target.tolerance * pro_rata;
    double gap = (polarity == Polarity::kHigher ? 1 : -1) * (shown - goal);  // >= 0: met
    if (gap >= -kTie) return Rag::kGreen;
    return gap >= -tolerance - kTie ? Rag::kAmber : Rag::kRed;
  }
  double lower = *target.lower * pro_rata, upper = *target.upper * pro_rata;
  if (shown >= lower - kTie && shown <= upper + kTie) return Rag::kGreen;
  double edge = shown < lower ? lower : upper;
  double tolerance = target.tolerance_is_percent ? target.ToleranceAt(edge) : target.tolerance * pro_rata;
  return std::fabs(shown - edge) <= tolerance + kTie ? Rag::kAmber : Rag::kRed;
}

}  // namespace scrutiny
