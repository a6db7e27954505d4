#include "ingest/csv_loader.h"

#include <openssl/evp.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ingest/csv_reader.h"
#include "ingest/mapped_file.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;

// OpenSSL's SHA-256 uses the processor's SHA instructions where it has them
// (several times faster than libsodium's, which does not).
std::string Sha256Hex(std::string_view text) {
  unsigned char hash[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (!EVP_Digest(text.data(), text.size(), hash, &size, EVP_sha256(), nullptr)) return "";
  std::string hex;
  for (unsigned int i = 0; i < size; ++i) hex += fmt::format("{:02x}", hash[i]);
  return hex;
}

// The SHA-256 of a file that may be loaded. One that starts as binary data (a
// picture, 2 GB of zeros) is refused by the reader, so it is not hashed whole
// first (and never reaches the second pass).
std::string HashUnlessBinary(std::string_view text) {
  constexpr size_t kStart = 4096;
  return text.substr(0, kStart).find('\0') == std::string_view::npos ? Sha256Hex(text) : "";
}

// The lines of a text: at least its rows.
size_t LinesIn(std::string_view text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1;
}

// Maps each header name to its field; false (with problems) if the header is
// not that of the record type.
bool ReadHeader(const RecordType& type, const std::vector<std::string_view>& header, const std::string& file,
                std::vector<int>& field_of_column, Problems& problems) {
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

// Reads a record file row by row into table. After every chunk_rows rows kept,
// and at the end, calls on_chunk(lines of those rows), which may clear the table.
// A checked file (one read before, unchanged since) is converted without checks.
void ReadRecords(const std::string& file, std::string_view text, Table& table, Problems& problems, size_t chunk_rows,
                 bool checked,
                 const std::function<void(const std::vector<uint32_t>&)>& on_chunk,
                 const std::function<void(size_t)>& on_bytes) {
  CsvReader reader(text);
  reader.KeepQuotedFields();  // the table's pool may refer to them until on_chunk
  if (!checked && !reader.Check()) {
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
  std::vector<uint32_t> lines;
  while (reader.Next(fields)) {
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != field_of_column.size()) {
      problems.Add({file, reader.line(), "", "",
                    fmt::format("the row has {} fields but the header has {}", fields.size(), field_of_column.size())});
      continue;
    }
    std::fill(cells.begin(), cells.end(), std::string_view());
    for (size_t i = 0; i < fields.size(); ++i) cells[static_cast<size_t>(field_of_column[i])] = fields[i];
    if (checked) {
      if (!AddCheckedRecord(table, cells)) {
        problems.Add({file, reader.line(), "", "", "a value no longer converts"});
        continue;
      }
    } else if (!AddRecord(table, cells, file, reader.line(), problems)) {
      continue;
    }
    lines.push_back(static_cast<uint32_t>(reader.line()));
    if (lines.size() == chunk_rows) {
      on_chunk(lines);
      lines.clear();
      reader.ReleaseQuotedFields();
      if (on_bytes) on_bytes(reader.bytes_read());
    }
  }
  if (!reader.error().empty()) problems.Add({file, reader.line(), "", "", reader.error()});
  on_chunk(lines);
  if (on_bytes) on_bytes(reader.bytes_total());
}

}  // namespace

void ReadRecordFile(const std::string& file, std::string_view text, Table& table, std::vector<uint32_t>& lines,
                    Problems& problems) {
  ReadRecords(file, text, table, problems, SIZE_MAX, false,
              [&](const std::vector<uint32_t>& chunk) { lines.insert(lines.end(), chunk.begin(), chunk.end()); }, {});
}

Status ReadCsvFolder(const std::string& dir, Dataset& dataset, RowSources& sources) {
  sources.files.assign(dataset.tables().size(), "");
  sources.lines.assign(dataset.tables().size(), {});
  for (size_t i = 0; i < dataset.tables().size(); ++i) {
    Table& table = dataset.tables()[i];
    std::string path = (fs::path(dir) / (std::string(table.type().name) + ".csv")).string();
    std::error_code ec;
    if (!fs::exists(path, ec)) continue;
    auto file = MappedFile::Open(path);
    if (!file.ok()) return file.status();
    Problems left_out(0);
    sources.files[i] = path;
    ReadRecordFile(path, file->text(), table, sources.lines[i], left_out);
  }
  return Status::Ok();
}

FileIdentity FileIdentity::Of(const std::string& path) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return {};
  auto ns = [](const timespec& t) { return static_cast<int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec; };
  return {st.st_dev, st.st_ino, static_cast<uint64_t>(st.st_size), ns(st.st_mtim), ns(st.st_ctim)};
}

CsvFolderLoad::CsvFolderLoad(std::string dir, size_t chunk_rows) : dir_(std::move(dir)), chunk_rows_(chunk_rows) {}

uint64_t CsvFolderLoad::rows() const {
  uint64_t n = 0;
  for (const SourceFile& f : files_) n += f.rows;
  return n;
}

uint64_t CsvFolderLoad::TotalBytes() const {
  uint64_t n = 0;
  for (const SourceFile& f : files_) n += f.bytes;
  return n;
}

void CsvFolderLoad::NoteCouncils(const Table& chunk) {
  std::string_view type = chunk.type().name;
  int la = chunk.type().IndexOf("la_code");
  if (type == "councils") {
    for (size_t r = 0; r < chunk.size(); ++r) {
      council_index_.emplace(chunk.Text(la, r), static_cast<uint32_t>(councils_.size()));
      councils_.emplace_back(chunk.Text(la, r));
    }
    return;
  }
  auto* index = type == "children" ? &council_of_child_ : type == "workers" ? &council_of_worker_ : nullptr;
  if (!index) return;
  int key = chunk.type().IndexOf(chunk.type().key.front());
  for (size_t r = 0; r < chunk.size(); ++r) {
    auto council = council_index_.find(std::string(chunk.Text(la, r)));
    if (council != council_index_.end()) index->Insert(Fingerprint::Of(chunk.Text(key, r)), council->second);
  }
}

std::string_view CsvFolderLoad::CouncilOf(const Table& t, size_t row) const {
  const RecordType& type = t.type();
  if (int c = type.IndexOf("la_code"); c >= 0) return t.Text(c, row);
  if (int c = type.IndexOf("child_id"); c >= 0) return councils_[*council_of_child_.Find(Fingerprint::Of(t.Text(c, row)))];
  return councils_[*council_of_worker_.Find(Fingerprint::Of(t.Text(type.IndexOf("worker_id"), row)))];
}

Status CsvFolderLoad::Check(Problems& problems, const ReadProgress& progress) {
  std::error_code ec;
  if (!fs::is_directory(dir_, ec)) return Status::IoError(fmt::format("{}: not a folder", dir_));
  std::set<std::string> known;
  for (const RecordType& t : RecordTypes()) known.insert(std::string(t.name) + ".csv");
  uint64_t total = 0;
  for (const auto& entry : fs::directory_iterator(dir_, ec)) {
    std::string name = entry.path().filename().string();
    if (entry.path().extension() != ".csv") continue;
    if (!known.count(name))
      problems.Add({entry.path().string(), 0, "", "",
                    fmt::format("not a scrutiny record file; the files are named after record types: {}", fmt::join(known, ", "))});
    else
      total += entry.file_size(ec);
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir_, ec.message()));

  CrossRecordCheck cross;
  auto pool = StringPool::Referencing();  // one for every file's chunks: its memory is reused
  files_.clear();
  identities_.clear();
  councils_.clear();
  council_index_.clear();
  council_of_child_ = FingerprintMap();
  council_of_worker_ = FingerprintMap();
  uint64_t done = 0;
  for (const RecordType& type : RecordTypes()) {
    std::string path = (fs::path(dir_) / (std::string(type.name) + ".csv")).string();
    if (!fs::exists(path, ec)) {
      if (type.required_file)
        problems.Add({path, 0, "", "", fmt::format("{}.csv is required in every load", type.name)});
      continue;
    }
    FileIdentity identity = FileIdentity::Of(path);
    auto file = MappedFile::Open(path);
    if (!file.ok()) return file.status();
    SourceFile source{path, std::string(type.name), HashUnlessBinary(file->text()), file->text().size(), 0};
    Table chunk(type, pool);
    if (!type.key.empty()) cross.ExpectRows(LinesIn(file->text()));
    ReadRecords(path, file->text(), chunk, problems, chunk_rows_, false, [&](const std::vector<uint32_t>& lines) {
      cross.AddRows(chunk, lines, path, problems);
      NoteCouncils(chunk);
      source.rows += chunk.size();
      chunk.Clear();
      pool->Clear();
    }, [&](size_t bytes) { if (progress) progress(done + bytes, total); });
    cross.FinishType(type);
    done += source.bytes;
    files_.push_back(std::move(source));
    identities_.push_back(identity);
  }
  if (!problems.empty())
    return Status::InvalidInput(fmt::format("{}: {} problem{} found; nothing was loaded", dir_, problems.total(),
                                            problems.total() == 1 ? "" : "s"));
  checked_ = true;
  return Status::Ok();
}

Status CsvFolderLoad::Stream(const std::function<Status(const Table&)>& sink, const ReadProgress& progress) {
  if (!checked_) return Status::Internal("CsvFolderLoad::Stream before a good Check");
  uint64_t done = 0, total = TotalBytes();
  auto pool = StringPool::Referencing();  // one for every file's chunks: its memory is reused
  for (size_t i = 0; i < files_.size(); ++i) {
    const SourceFile& source = files_[i];
    auto file = MappedFile::Open(source.path);
    if (!file.ok()) return file.status();
    // Not hashed again (a SHA-256 of every byte): a change since Check shows in its identity.
    if (FileIdentity::Of(source.path) != identities_[i])
      return Status::InvalidInput(fmt::format("{}: the file changed while it was being loaded; nothing was loaded", source.path));
    Table chunk(*FindRecordType(source.record_type), pool);
    Problems problems(1);
    Status status;
    ReadRecords(source.path, file->text(), chunk, problems, chunk_rows_, true, [&](const std::vector<uint32_t>&) {
      if (status.ok() && !chunk.empty()) status = sink(chunk);
      chunk.Clear();
      pool->Clear();
    }, [&](size_t bytes) { if (progress) progress(done + bytes, total); });
    if (!problems.empty()) return Status::Internal(fmt::format("second reading found a problem the first did not: {}", problems.kept()[0].ToString()));
    if (!status.ok()) return status;
    done += source.bytes;
  }
  return Status::Ok();
}

}  // namespace scrutiny
