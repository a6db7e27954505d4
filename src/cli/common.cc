#include <cstdlib>
#include <iostream>

#include "cli/commands.h"

namespace scrutiny {

ExitCode Report(const Status& s) {
  if (s.ok()) return ExitCode::kOk;
  std::cerr << "scrutiny: " << s.message() << "\n";
  return s.exit_code();
}

std::string DefaultStorePath() {
  const char* env = std::getenv("SCRUTINY_DB");
  return env && *env ? env : "scrutiny.db";
}

}  // namespace scrutiny
