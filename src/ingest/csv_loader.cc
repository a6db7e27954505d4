#include "ingest/csv_loader.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/csv_reader.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

std::string Sha256Hex(std::string_view text) {
  unsigned char hash[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(hash, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  std::string hex;
  for (unsigned char b : hash) hex += fmt::format("{:02x}", b);
  return hex;
}

Result<std::string> ReadWholeFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError(fmt::format("{}: cannot open", path.string()));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return Status::IoError(fmt::format("{}: read failed", path.string()));
  return std::move(text).str();
}

// Maps each header name to its field; returns false (with problems) if the
// header is not that of the record type.
bool ReadHeader(const RecordType& type, const std::vector<std::string_view>& header,
                const std::string& file, std::vector<int>& field_of_column, Problems& problems) {
  bool ok = true;
  std::set<std::string_view> seen;
  field_of_column.clear();
  for (std::string_view name : header) {
    int f = type.IndexOf(name);
    if (f < 0) {
      std::vector<std::string_view> expected;
      for (const Field& fd : type.fields) expected.push_back(fd.name);
      problems.Add({file, 1, std::string(name), std::string(name),
                    fmt::format("unknown column for {}; the columns are: {}", type.name, fmt::join(expected, ", "))});
      ok = false;
    } else if (!seen.insert(name).second) {
      problems.Add({file, 1, std::string(name), std::string(name), "the column appears twice in the header"});
      ok = false;
    }
    field_of_column.push_back(f);
  }
  for (const Field& f : type.fields) {
    if (f.required && !seen.count(f.name)) {
      problems.Add({file, 1, std::string(f.name), "", "required column is missing from the header"});
      ok = false;
    }
  }
  return ok;
}

}  // namespace

void ReadRecordFile(const std::string& file, std::string text, Table& table, std::vector<uint32_t>& lines,
                    Problems& problems, const std::function<void(size_t)>& on_bytes) {
  CsvReader reader(std::move(text));
  if (!reader.Check()) {
    problems.Add({file, reader.line(), "", "", reader.error()});
    return;
  }
  std::vector<std::string_view> fields;
  std::vector<int> field_of_column;
  if (!reader.Next(fields)) {
    problems.Add({file, 1, "", "", reader.error().empty() ? "no header line" : reader.error()});
    return;
  }
  if (!ReadHeader(table.type(), fields, file, field_of_column, problems)) return;
  std::vector<std::string_view> cells(table.type().fields.size());
  uint64_t count = 0;
  while (reader.Next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != field_of_column.size()) {
      problems.Add({file, reader.line(), "", "",
                    fmt::format("the row has {} fields but the header has {}", fields.size(), field_of_column.size())});
      continue;
    }
    std::fill(cells.begin(), cells.end(), std::string_view());
    for (size_t i = 0; i < fields.size(); ++i) cells[static_cast<size_t>(field_of_column[i])] = fields[i];
    if (AddRecord(table, cells, file, reader.line(), problems)) lines.push_back(static_cast<uint32_t>(reader.line()));
    if (++count % 65536 == 0 && on_bytes) on_bytes(reader.bytes_read());
  }
  if (!reader.error().empty()) problems.Add({file, reader.line(), "", "", reader.error()});
  if (on_bytes) on_bytes(reader.bytes_total());
}

Status ReadCsvFolder(const std::string& dir, CsvFolder& out, Problems& problems, const ReadProgress& progress) {
  if (sodium_init() < 0) return Status::Internal("libsodium failed to start");
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::IoError(fmt::format("{}: not a folder", dir));

  std::set<std::string> known;
  for (const RecordType& t : RecordTypes()) known.insert(std::string(t.name) + ".csv");
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    if (!known.count(name))
      problems.Add({entry.path().string(), 0, "", "",
                    fmt::format("not a scrutiny record file; the files are named after record types: {}",
                                fmt::join(known, ", "))});
    else
      total += entry.file_size(ec);
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));

  out.sources.files.clear();
  out.sources.lines.assign(out.dataset.tables().size(), {});
  uint64_t done = 0;
  for (size_t i = 0; i < out.dataset.tables().size(); ++i) {
    Table& table = out.dataset.tables()[i];
    fs::path path = fs::path(dir) / (std::string(table.type().name) + ".csv");
    out.sources.files.push_back(path.string());
    if (!fs::exists(path, ec)) {
      if (table.type().required_file)
        problems.Add({path.string(), 0, "", "", fmt::format("{} is required in every load", path.filename().string())});
      continue;
    }
    auto text = ReadWholeFile(path);
    if (!text.ok()) return text.status();
    SourceFile source{path.string(), std::string(table.type().name), Sha256Hex(*text), text->size(), 0};
    ReadRecordFile(path.string(), std::move(text).value(), table, out.sources.lines[i], problems, [&](size_t bytes) {
      if (progress) progress(done + bytes, total);
    });
    done += source.bytes;
    source.rows = table.size();
    out.files.push_back(std::move(source));
  }
  if (problems.empty()) CheckDataset(out.dataset, out.sources, problems);
  if (!problems.empty())
    return Status::InvalidInput(fmt::format("{}: {} problem{} found; nothing was loaded", dir, problems.total(),
                                            problems.total() == 1 ? "" : "s"));
  return Status::Ok();
}

}  // namespace scrutiny
