#pragma once
// PackBuilder turns a council's records into a committee Pack: the scorecard
// judged by src/assess, headlines in words, the exceptions with their
// management commentary, per-area trend and SPC charts and breakdown tables,
// data-quality notes and the definitions. For a public audience every figure
// then passes through small-number suppression (src/disclose).

#include <string>
#include <vector>

#include "assess/scorecard.h"
#include "report/pack.h"
#include "report/pack_config.h"
#include "store/store.h"

namespace scrutiny {

struct PackInputs {
  const Suite* suite = nullptr;
  const TargetBook* targets = nullptr;
  const Benchmarks* benchmarks = nullptr;
  const PackConfig* config = nullptr;
  std::vector<Comment> comments;  // current commentary for the council and period
  Audience audience = Audience::kPublic;
  std::string generated;          // date the pack is made, YYYY-MM-DD
};

class PackBuilder {
 public:
  // `data` holds the council's records (and possibly others').
  PackBuilder(const Dataset& data, PackInputs inputs);
  Result<Pack> Build(const std::string& council, const Period& period);

 private:
  void AddIndicators(const Scorecard& card, Pack& pack);
  Status AddSections(const Scorecard& card, Pack& pack);
  Status AddTable(const PackTableSpec& spec, const Period& period, PackSection& section);
  Status AddTrend(const Indicator& ind, const Period& period, PackSection& section);
  Status AddQualityNotes(const Scorecard& card, Pack& pack);

  PackInputs in_;
  ScorecardBuilder scorecard_;
};

}  // namespace scrutiny
