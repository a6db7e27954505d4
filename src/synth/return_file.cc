#include "synth/return_file.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>

#include "model/csv_writer.h"

namespace scrutiny {

void ReturnFile::CsvRow(const std::vector<std::string_view>& fields) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) text_ += ',';
    AppendCsvField(text_, fields[i]);
  }
  text_ += '\n';
}

Status ReturnFile::Write() const {
  std::error_code ec;
  std::filesystem::create_directories(std::filesystem::path(path_).parent_path(), ec);
  if (ec) return Status::IoError(fmt::format("{}: {}", path_, ec.message()));
  std::ofstream out(path_, std::ios::binary);
  out.write(text_.data(), static_cast<std::streamsize>(text_.size()));
  out.close();
  if (!out) return Status::IoError(fmt::format("{}: cannot be written", path_));
  return Status::Ok();
}

std::string_view LocalId(std::string_view id, std::string_view la_code) {
  if (id.size() > la_code.size() + 1 && id.substr(0, la_code.size()) == la_code && id[la_code.size()] == '-')
    id.remove_prefix(la_code.size() + 1);
  return id;
}

}  // namespace scrutiny
