#include "ingest/return_file_size.h"

#include <filesystem>

#include <fmt/format.h>

namespace scrutiny {

Status CheckReturnFileSize(const std::string& path, uint64_t max_bytes) {
  std::error_code ec;
  uint64_t size = std::filesystem::file_size(path, ec);
  if (ec) return Status::IoError(fmt::format("{}: cannot be read: {}", path, ec.message()));
  if (size <= max_bytes) return Status::Ok();
  constexpr uint64_t kMiB = uint64_t{1} << 20;
  return Status::InvalidInput(fmt::format(
      "{}: {} MB is more than the {} MB a return file may be (it is read whole into memory); nothing read. "
      "If it is one council's return, raise the limit with --max-file-mb",
      path, (size + kMiB - 1) / kMiB, max_bytes / kMiB));
}

}  // namespace scrutiny
