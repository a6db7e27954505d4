#include "model/csv_writer.h"

#include <filesystem>

#include <fmt/format.h>

namespace scrutiny {

void AppendCsvField(std::string& line, std::string_view v) {
  if (v.find_first_of(",\"\r\n") == std::string_view::npos) {
    line.append(v);
    return;
  }
  line.push_back('"');
  for (char c : v) {
    if (c == '"') line.push_back('"');
    line.push_back(c);
  }
  line.push_back('"');
}

CsvWriter::~CsvWriter() { Close(); }

Status CsvWriter::Open(const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) return Status::IoError(fmt::format("{}: cannot create folder: {}", dir, ec.message()));
  dir_ = dir;
  for (const RecordType& t : RecordTypes()) {
    std::string path = fmt::format("{}/{}.csv", dir, t.name);
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return Status::IoError(fmt::format("{}: cannot write", path));
    buffers_.emplace_back(1 << 16);
    std::setvbuf(f, buffers_.back().data(), _IOFBF, buffers_.back().size());
    files_.push_back(f);
    std::string header;
    for (size_t i = 0; i < t.fields.size(); ++i) {
      if (i) header.push_back(',');
      header.append(t.fields[i].name);
    }
    header.push_back('\n');
    std::fwrite(header.data(), 1, header.size(), f);
  }
  return Status::Ok();
}

Status CsvWriter::Append(const Dataset& dataset) {
  std::string line;
  for (size_t t = 0; t < dataset.tables().size(); ++t) {
    const Table& table = dataset.tables()[t];
    int cols = static_cast<int>(table.type().fields.size());
    for (size_t r = 0; r < table.size(); ++r) {
      line.clear();
      for (int c = 0; c < cols; ++c) {
        if (c) line.push_back(',');
        AppendCsvField(line, table.Format(c, r));
      }
      line.push_back('\n');
      if (std::fwrite(line.data(), 1, line.size(), files_[t]) != line.size())
        return Status::IoError(fmt::format("{}/{}.csv: write failed", dir_, table.type().name));
    }
  }
  return Status::Ok();
}

Status CsvWriter::Close() {
  Status s;
  for (std::FILE* f : files_)
    if (std::fclose(f) != 0) s = Status::IoError(fmt::format("{}: write failed on close", dir_));
  files_.clear();
  buffers_.clear();
  return s;
}

}  // namespace scrutiny
