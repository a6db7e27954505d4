#pragma once
// The size limit on a return file read whole into memory (an XML return, an
// SSDA903 CSV file, an Annex A workbook or CSV list): a larger file is refused
// before it is read, so a wrong or damaged file of gigabytes costs neither the
// memory nor the time. `scrutiny convert --max-file-mb` raises it.

#include <cstdint>
#include <string>

#include "core/status.h"

namespace scrutiny {

// 1 GiB: about ten times the CIN census of the largest council.
constexpr uint64_t kMaxReturnFileBytes = uint64_t{1} << 30;

// Refuses a file larger than max_bytes, naming it, its size and the limit.
Status CheckReturnFileSize(const std::string& path, uint64_t max_bytes);

}  // namespace scrutiny
