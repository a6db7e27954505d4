#pragma once
// CrossRecordCheck checks what no single record shows, as records stream past
// in catalogue order: that keys are unique and that every reference names a
// record already seen. It keeps a fingerprint of each key (model/fingerprint.h),
// not the key itself, so a whole country's records can be checked in little memory.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "model/fingerprint.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

class CrossRecordCheck {
 public:
  // Checks one row's references and that its key is new, then notes the key.
  // Rows of a type must all come after the rows of the types it references.
  void Add(const Table& table, size_t row, const std::string& file, uint64_t line, Problems& problems);
  // Adds every row of a table (lines[r] is the line of row r): the same checks
  // as Add row by row, with problems in row order, but each map's lookups made
  // in the order of its slots (several times fewer cache misses).
  void AddRows(const Table& table, std::span<const uint32_t> lines, const std::string& file, Problems& problems);
  // Before the rows of a record type, how many there will be at most (to make
  // room for their keys at once).
  void ExpectRows(size_t rows) { keys_.Reserve(rows); }
  // After the last row of a record type: keeps its keys if other types refer to them.
  void FinishType(const RecordType& type);

 private:
  static constexpr size_t kMaxReferences = 8;
  // The fingerprints of a row's references (by position in reference_fields_) and key.
  struct RowFingerprints {
    std::array<Fingerprint, kMaxReferences> references;
    Fingerprint key;
  };
  using KeyLines = FingerprintMap;  // key -> line first seen

  // Works out, for the type about to be read, which fields reference which
  // types read before: reference_of_field_ holds the position in referenced_,
  // -1 for a field that references none, -2 for a type not (yet) read.
  void ResolveReferences(const RecordType& type);
  RowFingerprints FingerprintsOf(const Table& table, size_t row) const;
  // Reports a row's references not found (bit i: reference_fields_[i]) and,
  // if first_seen, that its key was already seen on that line.
  void Report(const Table& table, size_t row, const std::string& file, uint64_t line, uint32_t missing,
              const uint32_t* first_seen, Problems& problems) const;

  std::vector<std::pair<std::string_view, KeyLines>> referenced_;
  KeyLines keys_;  // keys of the type being read
  const RecordType* resolved_ = nullptr;
  std::vector<int> reference_of_field_;
  std::vector<int> reference_fields_;  // the fields that reference another type
  int key_field_ = -1;                 // the key's field if it is a single identifier
  // AddRows's working space, kept between chunks.
  std::vector<RowFingerprints> chunk_;
  std::vector<uint32_t> missing_, first_seen_, order_, starts_;
  std::vector<char> duplicate_;
};

// The key of a row as text (fields joined by a unit separator).
std::string KeyText(const Table& table, size_t row);

}  // namespace scrutiny
