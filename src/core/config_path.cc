#include "core/config_path.h"

#include <filesystem>

namespace scrutiny {

std::string ShippedConfigPath(std::string_view relative) {
  namespace fs = std::filesystem;
  fs::path wanted = fs::path("config") / relative;
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  for (fs::path dir = exe.parent_path(); !ec && !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    fs::path candidate = dir / wanted;
    if (fs::exists(candidate)) return candidate.string();
  }
  return wanted.string();
}

}  // namespace scrutiny
