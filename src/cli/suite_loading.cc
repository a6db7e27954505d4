#include "cli/suite_loading.h"

#include <cmath>

#include <fmt/format.h>

#include "store/store.h"

namespace scrutiny {

Status ReadStore(const std::string& db, const std::optional<std::string>& council, Dataset& data, bool record_ids) {
  auto store = Store::Open(db);
  if (!store.ok()) return store.status();
  return store->Read(data, council, record_ids);
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string q = "\"";
  for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

void JudgingFileOptions::AddTo(CLI::App* cmd) {
  cmd->add_option("--suite", suite, "Suite file (default config/suites/scrutiny-dataset.toml)");
  cmd->add_option("--targets", targets, "Targets file (default config/targets.toml)");
  cmd->add_option("--benchmarks", benchmarks, "Published benchmark figures (default config/benchmarks/published.csv)");
  cmd->add_option("--groups", groups, "Benchmark groups (default config/benchmarks/groups.toml)");
}

Result<JudgingFiles> JudgingFiles::Load(const JudgingFileOptions& o) {
  auto suite = LoadSuite(o.suite.empty() ? DefaultSuitePath() : o.suite);
  if (!suite.ok()) return suite.status();
  auto targets = TargetBook::Load(o.targets.empty() ? DefaultTargetsPath() : o.targets, *suite);
  if (!targets.ok()) return targets.status();
  auto benchmarks = Benchmarks::Load(o.benchmarks.empty() ? DefaultPublishedBenchmarksPath() : o.benchmarks,
                                     o.groups.empty() ? DefaultBenchmarkGroupsPath() : o.groups, *suite);
  if (!benchmarks.ok()) return benchmarks.status();
  return JudgingFiles{std::move(*suite), std::move(*targets), std::move(*benchmarks)};
}

}  // namespace scrutiny
