#include "report/chart_layout.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

namespace scrutiny {
namespace {

constexpr int kWantedTicks = 5;         // about this many intervals on the value axis
constexpr double kHeadroom = 0.05;      // share of the data's span added above and below
constexpr double kLabelGap = 1.15;      // x labels need this much more room than their width

// The lowest and highest finite values among those a chart draws.
struct DataRange {
  double low = std::numeric_limits<double>::infinity();
  double high = -std::numeric_limits<double>::infinity();

  void Cover(double v) {
    if (!std::isfinite(v)) return;
    low = std::min(low, v);
    high = std::max(high, v);
  }
  void Cover(const std::vector<double>& vs) {
    for (double v : vs) Cover(v);
  }
  bool Empty() const { return low > high; }
};

DataRange RangeOf(const PackChart& chart) {
  DataRange r;
  for (const PackFigure& f : chart.values) r.Cover(f.value);
  r.Cover(chart.mean);
  r.Cover(chart.upper_limit);
  r.Cover(chart.lower_limit);
  r.Cover(chart.target);
  return r;
}

bool IsPercentage(const PackChart& chart) { return chart.unit == "percentage"; }
bool IsCount(const PackChart& chart) { return chart.unit == "count" || chart.unit == "number"; }

// The range to draw: the data with a little headroom, kept to what the unit
// allows (no negative counts, no percentage above 100).
DataRange PaddedRange(const PackChart& chart) {
  DataRange r = RangeOf(chart);
  if (r.Empty()) return IsPercentage(chart) ? DataRange{0, 100} : DataRange{0, 1};
  double span = r.high - r.low;
  if (span == 0) span = std::max(std::fabs(r.high) * 0.2, 1.0);
  DataRange padded{r.low - span * kHeadroom, r.high + span * kHeadroom};
  if (r.low >= 0) padded.low = std::max(padded.low, 0.0);
  if (IsPercentage(chart) && r.high <= 100) padded.high = std::min(padded.high, 100.0);
  if (padded.high <= padded.low) padded.high = padded.low + 1;
  return padded;
}

// Decimal places needed to print multiples of `step` exactly.
int DecimalsFor(double step) {
  int places = 0;
  while (places < 6 && std::fabs(step * std::pow(10.0, places) - std::round(step * std::pow(10.0, places))) > 1e-6)
    ++places;
  return places;
}

// The smallest step of 1, 2, 2.5 or 5 x 10^n giving about kWantedTicks
// intervals. 2.5 is passed over where it would add a decimal place to the
// labels ("82.5%"), and counts step by whole numbers.
double NiceStep(double span, bool whole) {
  double raw = span / kWantedTicks;
  double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    double step = m * power;
    if (m == 2.5 && DecimalsFor(step) > DecimalsFor(power)) continue;
    if (whole && step < 1) continue;
    if (step >= raw * 0.999) return step;
  }
  return whole ? std::max(10 * power, 1.0) : 10 * power;
}

// "1234567" as "1,234,567"; keeps a leading minus and any decimals.
std::string WithThousands(const std::string& plain) {
  size_t start = plain[0] == '-' ? 1 : 0;
  size_t point = plain.find('.');
  size_t end = point == std::string::npos ? plain.size() : point;
  std::string out = plain.substr(0, start);
  for (size_t i = start; i < end; ++i) {
    if (i > start && (end - i) % 3 == 0) out += ',';
    out += plain[i];
  }
  return out + plain.substr(end);
}

std::string TickLabel(double value, int decimals, bool percentage) {
  if (std::fabs(value) < 1e-9) value = 0;  // no "-0"
  std::string number = WithThousands(fmt::format("{:.{}f}", value, decimals));
  return percentage ? number + "%" : number;
}

void PlaceTicks(const PackChart& chart, ChartLayout& layout) {
  DataRange r = PaddedRange(chart);
  double step = NiceStep(r.high - r.low, IsCount(chart));
  layout.low = std::floor(r.low / step + 1e-9) * step;
  layout.high = std::ceil(r.high / step - 1e-9) * step;
  int decimals = DecimalsFor(step);
  int intervals = static_cast<int>(std::lround((layout.high - layout.low) / step));
  for (int i = 0; i <= intervals; ++i) {
    double tick = layout.low + i * step;
    layout.ticks.push_back(tick);
    layout.tick_labels.push_back(TickLabel(tick, decimals, IsPercentage(chart)));
  }
}

// Each point sits in the middle of an equal slot, so end labels stay inside.
void PlacePoints(size_t count, ChartLayout& layout) {
  double slot = count == 0 ? 0 : layout.box.width / static_cast<double>(count);
  for (size_t i = 0; i < count; ++i) layout.x.push_back(layout.box.left + slot * (static_cast<double>(i) + 0.5));
}

// Labels every k-th point, counting back from the latest so it is always labelled.
void ChooseLabels(size_t count, double label_width, ChartLayout& layout) {
  if (count == 0) return;
  double slot = layout.box.width / static_cast<double>(count);
  size_t every = slot > 0 ? static_cast<size_t>(std::ceil(label_width * kLabelGap / slot)) : count;
  every = std::max<size_t>(every, 1);
  for (size_t i = 0; i < count; ++i)
    if ((count - 1 - i) % every == 0) layout.label_every.push_back(i);
}

}  // namespace

double ChartLayout::Y(double value) const {
  return box.top + box.height * (high - value) / (high - low);
}

ChartLayout LayOutChart(const PackChart& chart, ChartBox box, double label_width) {
  ChartLayout layout;
  layout.box = box;
  PlaceTicks(chart, layout);
  size_t count = std::max(chart.values.size(), chart.labels.size());
  PlacePoints(count, layout);
  ChooseLabels(count, label_width, layout);
  return layout;
}

}  // namespace scrutiny
