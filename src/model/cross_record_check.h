#pragma once
// CrossRecordCheck checks what no single record shows, as records stream past
// in catalogue order: that keys are unique and that every reference names a
// record already seen. It keeps a 128-bit fingerprint of each key, not the
// key itself, so a whole country's records can be checked in little memory.

#include <cstdint>
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
  // Before the rows of a record type, how many there will be at most (to make
  // room for their keys at once).
  void ExpectRows(size_t rows) { keys_.Reserve(rows); }
  // After the last row of a record type: keeps its keys if other types refer to them.
  void FinishType(const RecordType& type);
  // Whether a record of the type with this key has been seen.
  bool Has(std::string_view type, std::string_view key) const;

 private:
  using KeyLines = FingerprintMap;  // key -> line first seen
  // For each field of type, the position in referenced_ of the type it
  // references: -1 for none, -2 for one not (yet) read.
  void ResolveReferences(const RecordType& type);

  std::vector<std::pair<std::string_view, KeyLines>> referenced_;
  KeyLines keys_;  // keys of the type being read
  const RecordType* resolved_ = nullptr;
  std::vector<int> reference_of_field_;
  std::vector<Fingerprint> last_found_;  // by field: the last reference found
};

// The key of a row as text (fields joined by a unit separator).
std::string KeyText(const Table& table, size_t row);

}  // namespace scrutiny
