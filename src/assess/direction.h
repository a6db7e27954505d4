#pragma once
// Direction of travel: how a value moved against an earlier one (the previous
// period, or the same period a year before), judged by the indicator's
// polarity. Changes inside the no-change band are "no real change".

#include <string>
#include <string_view>

#include "assess/targets.h"

namespace scrutiny {

enum class Travel {
  kNone,      // nothing to compare with
  kImproved,
  kNoChange,
  kDeclined,
  kRose,      // polarity neither: moved, with no judgement
  kFell,
};

struct Direction {
  Travel travel = Travel::kNone;
  double change = 0;   // now minus before, as shown
  std::string arrow;   // "↑", "↓" or "→" (the raw movement); empty for none
  std::string words;   // "improved from 85.0% to 88.2%"
};

std::string_view TravelName(Travel t);  // "improved", "no_change", ...

// `now` against `before` for an indicator of this unit and polarity; values
// are compared as shown. `format` turns a value into its shown text.
Direction JudgeDirection(double now, double before, Polarity polarity, Unit unit, const Judging& judging,
                         std::string (*format)(Unit, double));

}  // namespace scrutiny
