#include "assess/direction.h"

#include <cmath>

#include <fmt/format.h>

#include "assess/rag.h"

namespace scrutiny {

std::string_view TravelName(Travel t) {
  switch (t) {
    case Travel::kImproved: return "improved";
    case Travel::kNoChange: return "no_change";
    case Travel::kDeclined: return "declined";
    case Travel::kRose: return "rose";
    case Travel::kFell: return "fell";
    case Travel::kNone: break;
  }
  return "none";
}

namespace {

bool WithinBand(double now, double before, Unit unit, const Judging& j) {
  double change = std::fabs(now - before);
  double band = unit == Unit::kPercentage ? j.no_change_points : std::fabs(before) * j.no_change_percent / 100.0;
  return change <= band + 1e-9;
}

}  // namespace

Direction JudgeDirection(double now, double before, Polarity polarity, Unit unit, const Judging& judging,
                         std::string (*format)(Unit, double)) {
  Direction d;
  if (std::isnan(now) || std::isnan(before)) return d;
  now = RoundAsShown(now, unit);
  before = RoundAsShown(before, unit);
  d.change = now - before;
  std::string span = fmt::format("{} to {}", format(unit, before), format(unit, now));
  if (WithinBand(now, before, unit, judging)) {
    d.travel = Travel::kNoChange;
    d.arrow = "→";
    d.words = "no real change (" + span + ")";
    return d;
  }
  bool up = d.change > 0;
  d.arrow = up ? "↑" : "↓";
  if (polarity == Polarity::kNeither) {
    d.travel = up ? Travel::kRose : Travel::kFell;
    d.words = (up ? "rose from " : "fell from ") + span;
    return d;
  }
  bool better = up == (polarity == Polarity::kHigher);
  d.travel = better ? Travel::kImproved : Travel::kDeclined;
  d.words = (better ? "improved from " : "declined from ") + span;
  return d;
}

}  // namespace scrutiny
