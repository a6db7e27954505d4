#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "cli/commands.h"
#include "model/csv_writer.h"

namespace scrutiny {
namespace {

constexpr size_t kProblemsShown = 20;

}  // namespace


ExitCode Report(const Status& s) {
  if (s.ok()) return ExitCode::kOk;
  std::cerr << "scrutiny: " << s.message() << "\n";
  return s.exit_code();
}

ExitCode UsageError(std::string_view message) {
  std::cerr << "scrutiny: " << message << "\n";
  return ExitCode::kUsage;
}

std::string DefaultStorePath() {
  const char* env = std::getenv("SCRUTINY_DB");
  return env && *env ? env : "scrutiny.db";
}

void PrintProblems(const Problems& problems) {
  if (problems.empty()) {
    std::cout << "No problems found.\n";
    return;
  }
  std::map<std::string, size_t> by_rule;
  for (const Problem& p : problems.kept()) ++by_rule[p.rule];
  std::cout << fmt::format("{} problems, by rule:\n", problems.total());
  for (const auto& [rule, n] : by_rule) std::cout << fmt::format("  {:>7}  {}\n", n, rule);
  for (size_t i = 0; i < problems.kept().size() && i < kProblemsShown; ++i)
    std::cout << "  " << problems.kept()[i].ToString() << "\n";
  if (problems.total() > kProblemsShown)
    std::cout << fmt::format("  ... and {} more (--problems FILE lists them all)\n", problems.total() - kProblemsShown);
}

Status WriteDataset(const Dataset& dataset, const std::string& dir) {
  CsvWriter writer;
  Status s = writer.Open(dir);
  if (s.ok()) s = writer.Append(dataset);
  if (s.ok()) s = writer.Close();
  return s;
}

Status WriteProblems(const Problems& problems, const std::string& path) {
  std::ofstream out(path);
  for (const Problem& p : problems.kept()) out << p.ToString() << "\n";
  if (!out) return Status::IoError(fmt::format("{}: cannot be written", path));
  return Status::Ok();
}

}  // namespace scrutiny
