#pragma once
// What the compute, drill and indicators commands share: reading a suite and
// the stored records, and writing indicator values as text.

#include <optional>
#include <string>

#include <CLI/CLI.hpp>

#include "assess/benchmarks.h"
#include "assess/targets.h"
#include "indicators/evaluator.h"
#include "indicators/suite.h"
#include "indicators/value_format.h"
#include "model/table.h"

namespace scrutiny {

// Reads the stored records (of one council, or all) into `data`; see
// Store::Read for `record_ids`.
Status ReadStore(const std::string& db, const std::optional<std::string>& council, Dataset& data, bool record_ids = true);

// The files a judgement reads: the suite, the targets and the benchmarks,
// each defaulting to the one shipped in config/.
struct JudgingFileOptions {
  std::string suite, targets, benchmarks, groups;
  void AddTo(CLI::App* cmd);
};

struct JudgingFiles {
  Suite suite;
  TargetBook targets;
  Benchmarks benchmarks;
  static Result<JudgingFiles> Load(const JudgingFileOptions& o);
};

// A field for a CSV line, quoted when it holds a comma, quote or line break.
std::string CsvField(const std::string& s);

}  // namespace scrutiny
