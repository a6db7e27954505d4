#pragma once
// RAG rating of an indicator value against its target: Green meets the target
// or lies inside the range, Amber misses by no more than the tolerance, Red
// misses by more; no target, no rating. Values are rounded as they are shown
// before they are judged, so 79.96% shown as 80.0% meets a target of 80%.

#include <string_view>

#include "assess/targets.h"

namespace scrutiny {

enum class Rag { kNone, kGreen, kAmber, kRed };

std::string_view RagName(Rag r);   // "none", "green", "amber", "red"
std::string_view RagWords(Rag r);  // "no target", "on target", "within tolerance", "off target"

// The value as shown: whole numbers for counts and days, one decimal place otherwise.
double RoundAsShown(double value, Unit unit);

// Rates `value` against `target`, whose values and absolute tolerance are
// first multiplied by `pro_rata` (a month's count against a year's target: 1/12).
Rag JudgeRag(double value, const Target& target, Polarity polarity, Unit unit, double pro_rata = 1.0);

}  // namespace scrutiny
