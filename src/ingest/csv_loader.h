#pragma once
// Loading a folder of scrutiny CSV files (one per record type, see
// docs/formats.md). CsvFolderLoad reads the folder twice: first to check every
// row against the case record model, keeping little more than fingerprints of
// keys; then, only if all is well, to hand the records on in chunks. So a
// load of any size needs memory for its keys, not for its records.

#include <cstdint>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/status.h"
#include "model/cross_record_check.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// A file read by a load, as the load record keeps it.
struct SourceFile {
  std::string path;
  std::string record_type;
  std::string sha256;  // hex
  uint64_t bytes = 0;
  uint64_t rows = 0;
};

// Called now and then with the bytes read so far and the bytes in all files.
using ReadProgress = std::function<void(uint64_t done, uint64_t total)>;

// What identifies a file's contents without reading them: any change to a
// file changes its size or its status-change time, which no one can set.
struct FileIdentity {
  uint64_t device = 0, inode = 0, size = 0;
  int64_t modified_ns = 0, changed_ns = 0;
  static FileIdentity Of(const std::string& path);
  friend bool operator==(const FileIdentity&, const FileIdentity&) = default;
};

class CsvFolderLoad {
 public:
  explicit CsvFolderLoad(std::string dir, size_t chunk_rows = 100'000);

  // First pass: checks every file and row. Not ok if any rule is broken
  // (problems says which, up to its limit) or a file cannot be read.
  Status Check(Problems& problems, const ReadProgress& progress = {});

  // Second pass, after a good Check: calls sink with chunks of rows, record
  // type by record type in catalogue order. Fails if a file changed meanwhile.
  Status Stream(const std::function<Status(const Table&)>& sink, const ReadProgress& progress = {});

  const std::string& dir() const { return dir_; }
  // What the load record names as the source: the folder, unless described
  // otherwise (the returns a folder was made from).
  const std::string& source() const { return source_.empty() ? dir_ : source_; }
  void Describe(std::string source) { source_ = std::move(source); }
  const std::vector<SourceFile>& files() const { return files_; }
  const std::vector<std::string>& councils() const { return councils_; }  // la_codes in councils.csv
  uint64_t rows() const;
  // The council of a row: its own la_code, or that of its child or worker.
  std::string_view CouncilOf(const Table& table, size_t row) const;

 private:
  void NoteCouncils(const Table& chunk);
  uint64_t TotalBytes() const;

  std::string dir_;
  std::string source_;
  size_t chunk_rows_;
  std::vector<SourceFile> files_;
  std::vector<FileIdentity> identities_;  // by file, as Check found it
  std::vector<std::string> councils_;
  std::unordered_map<std::string, uint32_t> council_index_;  // la_code -> position in councils_
  FingerprintMap council_of_child_, council_of_worker_;  // id -> position in councils_
  bool checked_ = false;
};

// Reads the text of one record type's CSV file into its table, noting the line
// of each row kept. Every broken rule goes to problems. (The whole file at once:
// for tests and fuzzing; loads use CsvFolderLoad.)
void ReadRecordFile(const std::string& file, std::string_view text, Table& table, std::vector<uint32_t>& lines,
                    Problems& problems);

// Reads every record file of a folder whole into a dataset, keeping the rows
// the model accepts and noting the file and line of each. Rows left out are
// not reported: CsvFolderLoad::Check says why. (For `scrutiny check`, which
// needs all records at once.)
Status ReadCsvFolder(const std::string& dir, Dataset& dataset, RowSources& sources);

}  // namespace scrutiny
