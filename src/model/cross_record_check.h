#pragma once
// CrossRecordCheck checks what no single record shows, as records stream past
// in catalogue order: that keys are unique and that every reference names a
// record already seen. It keeps a 128-bit fingerprint of each key, not the
// key itself, so a whole country's records can be checked in little memory.

#include <cstdint>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// A 128-bit fingerprint of some text; two different texts share one with a
// chance of about 1 in 10^38.
struct Fingerprint {
  uint64_t high = 0, low = 0;
  static Fingerprint Of(std::string_view text);
  friend bool operator==(const Fingerprint&, const Fingerprint&) = default;
  friend auto operator<=>(const Fingerprint&, const Fingerprint&) = default;
};

struct FingerprintHash {
  size_t operator()(const Fingerprint& f) const { return f.low; }
};

class CrossRecordCheck {
 public:
  // Checks one row's references and that its key is new, then notes the key.
  // Rows of a type must all come after the rows of the types it references.
  void Add(const Table& table, size_t row, const std::string& file, uint64_t line, Problems& problems);
  // After the last row of a record type: keeps its keys if other types refer to them.
  void FinishType(const RecordType& type);
  // Whether a record of the type with this key has been seen.
  bool Has(std::string_view type, std::string_view key) const;

 private:
  using KeyLines = std::unordered_map<Fingerprint, uint32_t, FingerprintHash>;  // key -> line first seen
  std::vector<std::pair<std::string_view, KeyLines>> referenced_;
  KeyLines keys_;  // keys of the type being read
};

// The key of a row as text (fields joined by a unit separator).
std::string KeyText(const Table& table, size_t row);

}  // namespace scrutiny
