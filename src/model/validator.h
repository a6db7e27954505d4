#pragma once
// The invariants of the case record model, checked in one place: each value's
// type and code list, the rules between fields of a record (an end is not
// before its start), unique keys, and references between records.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/table.h"

namespace scrutiny {

// The short stable names of the rules the model checks (Problem::kind).
inline constexpr std::string_view kMissingValue = "missing-value";
inline constexpr std::string_view kInvalidValue = "invalid-value";
inline constexpr std::string_view kDatesOutOfOrder = "dates-out-of-order";
inline constexpr std::string_view kDuplicateKey = "duplicate-key";
inline constexpr std::string_view kUnknownReference = "unknown-reference";

// Whether a character may be part of an identifier: a letter, a digit or - _ . /
inline bool IsIdChar(char c) {
  static constexpr auto kIdChars = [] {
    std::array<bool, 256> ok{};
    for (int i = 0; i < 256; ++i)
      ok[static_cast<size_t>(i)] = (i >= 'A' && i <= 'Z') || (i >= 'a' && i <= 'z') || (i >= '0' && i <= '9') ||
                                   i == '-' || i == '_' || i == '.' || i == '/';
    return ok;
  }();
  return kIdChars[static_cast<unsigned char>(c)];
}

// One broken rule, located as precisely as the input allows.
struct Problem {
  Problem() = default;
  Problem(std::string file, uint64_t line, std::string column, std::string value, std::string rule,
          std::string child_id = {}, std::string_view kind = {})
      : file(std::move(file)), line(line), column(std::move(column)), value(std::move(value)), rule(std::move(rule)),
        child_id(std::move(child_id)), kind(kind) {}

  std::string file;
  uint64_t line = 0;  // 0 when the problem is not on one line
  std::string column;
  std::string value;
  std::string rule;
  std::string child_id;   // the child the record is about, when known
  // The model's field ("looked_after_reviews.review_date") a reader's bad or changed value was for,
  // when the reader knows it: `scrutiny check` counts the problem against the indicators that use it.
  std::string model_field;
  std::string team_id;  // the team the row names, when a reader knows it (Annex A's Allocated Team)
  // The key of the record of model_field's type the problem is about, when a reader kept that record
  // (a worker's worker_id): `scrutiny check` counts it against the indicators that count the record.
  std::string record_key;
  std::string_view kind;  // the rule's short stable name (e.g. "missing-value"); empty when a reader, not the model, found it
  // file:line: column 'name', value 'v': rule
  std::string ToString() const;
};

// Problems collects broken rules, keeping the first `limit` and counting the rest.
class Problems {
 public:
  explicit Problems(size_t limit = 100) : limit_(limit) {}
  void Add(Problem p);
  bool empty() const { return total_ == 0; }
  size_t total() const { return total_; }
  const std::vector<Problem>& kept() const { return kept_; }
  bool full() const { return total_ >= limit_; }
  size_t limit() const { return limit_; }
  // Adds the other's problems after these, as if each had been added here.
  void Append(const Problems& other);

 private:
  size_t limit_;
  size_t total_ = 0;
  std::vector<Problem> kept_;
};

// Where each row of a dataset came from, for reporting problems found across rows.
struct RowSources {
  std::vector<std::string> files;              // per table, in Dataset order
  std::vector<std::vector<uint32_t>> lines;    // per table, per row
};

// Parses one record given as text, one cell per field in catalogue order, into
// a new last row of the table. On any broken rule the row is dropped, the
// problems are added and false is returned.
bool AddRecord(Table& table, std::span<const std::string_view> cells, const std::string& file,
               uint64_t line, Problems& problems);

// FieldValue is one value of a record given to AddRecord: text as a scrutiny
// CSV file writes it, or for a date field the date itself (a reader that has
// read the date need not write it out for the validator to read again). Text
// the reader has interned in the table's pool (an id it gives many records)
// may come with its id: it is checked as text is, and stored without hashing.
struct FieldValue {
  std::string_view text;
  int32_t day = kNull;     // a date's day number, or kNull for text
  int32_t pooled = -1;     // the text's id in the table's pool, or -1
  bool empty() const { return day == kNull && text.empty(); }
};

// AddRecord of values, one per field in catalogue order, checked by the same rules.
bool AddRecord(Table& table, std::span<const FieldValue> values, const std::string& file, uint64_t line,
               Problems& problems);

// Adds a record that AddRecord has already accepted (the second reading of a
// load's files): converts each cell without checking it again. False, with the
// row dropped, if a cell does not convert (the text changed).
bool AddCheckedRecord(Table& table, std::span<const std::string_view> cells);

// Checks what no single record shows: unique keys and references that resolve.
void CheckDataset(const Dataset& dataset, const RowSources& sources, Problems& problems);

}  // namespace scrutiny
