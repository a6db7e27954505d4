#pragma once
// Small-number suppression of a whole committee pack before it is published:
// every figure the pack prints (scorecard, earlier values quoted in words,
// chart points, breakdown tables, data-quality counts) becomes a figure of one
// Publication, equal figures printed twice are one, table totals are known
// sums of their rows, and src/disclose decides what is hidden. Words that
// quote a hidden figure (headlines, directions, forecasts) are rewritten, and
// SPC lines are dropped from a chart with a hidden point, since its mean would
// give the point away.

#include "core/status.h"
#include "disclose/suppression.h"
#include "report/pack.h"

namespace scrutiny {

struct PackSuppression {
  int figures = 0, suppressed = 0;
};

// Hides what must be hidden in `pack` for publication; refuses a pack whose
// figures do not add up (nothing is changed then).
Result<PackSuppression> SuppressPack(Pack& pack, const SuppressionRules& rules = SuppressionRules());

// Plays the reader of a public pack: from the figures `published` prints
// (a copy of `before` after SuppressPack) and the sums and ratios a reader
// knows, works out what it can of the figures it hides. For tests: a
// protected pack must give nothing away.
AttackReport AttackPublishedPack(Pack before, Pack published, int64_t threshold = 5);

}  // namespace scrutiny
