#pragma once
// ChartLayout places a PackChart in a plot area: the value axis range with
// round tick values, and the position of every point and line, in the units
// of the drawing (pixels for SVG, points for PDF). The SVG and PDF writers
// both draw from it, so charts look the same in HTML and PDF.

#include <string>
#include <vector>

#include "report/pack.h"

namespace scrutiny {

struct ChartBox {
  double left = 0, top = 0, width = 0, height = 0;  // the plot area, y growing downwards
};

struct ChartLayout {
  ChartBox box;
  double low = 0, high = 1;           // value axis range
  std::vector<double> ticks;          // round values on the value axis, low to high
  std::vector<std::string> tick_labels;
  std::vector<double> x;              // x position of each point
  std::vector<size_t> label_every;    // indices of points whose x label is printed (not crowded)

  double Y(double value) const;       // y position of a value
};

// Lays out `chart` in `box`; the range covers values, SPC lines and target.
ChartLayout LayOutChart(const PackChart& chart, ChartBox box, double label_width);

}  // namespace scrutiny
