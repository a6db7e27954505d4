#pragma once
// Table holds the records of one record type column by column: dates as day
// numbers, flags as 0/1, identifiers, codes and text as indexes into the
// table's string pool. Columnar storage keeps loading and counting fast.

#include <array>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "model/record_type.h"

namespace scrutiny {

inline constexpr int32_t kNull = std::numeric_limits<int32_t>::min();

// StringPool stores each distinct string once and names it by a small integer.
// Strings live in large blocks and are found through one flat, open-addressed
// array of slots, so interning a cell costs a hash and usually one cache line.
class StringPool {
 public:
  StringPool() = default;
  // A pool that neither copies nor compares: it keeps a view of every string
  // it is given, which the caller keeps alive while the pool is used. For a
  // load's chunks, which are only passed on and whose ids are never compared.
  static std::shared_ptr<StringPool> Referencing();

  StringPool(const StringPool&) = delete;  // views into blocks_ would dangle
  StringPool& operator=(const StringPool&) = delete;
  StringPool(StringPool&&) = default;
  StringPool& operator=(StringPool&&) = default;

  int32_t Intern(std::string_view s);
  std::string_view Get(int32_t id) const { return views_[static_cast<size_t>(id)]; }
  // -1 if the string has never been interned.
  int32_t Find(std::string_view s) const;
  // Whether `id` names the string s in this pool.
  bool Has(int32_t id, std::string_view s) const {
    return id >= 0 && static_cast<size_t>(id) < views_.size() && views_[static_cast<size_t>(id)] == s;
  }
  size_t size() const { return views_.size(); }
  // Forgets every string but keeps the memory, for the next chunk of rows.
  void Clear();
  // How many times the pool has been cleared: ids kept from an earlier
  // generation name nothing.
  uint64_t generation() const { return generation_; }

 private:
  // A slot holds 0 (empty) or the string's id + 1 in its low half and the
  // high half of its hash in its high half.
  size_t SlotOf(std::string_view s, uint64_t hash) const;
  std::string_view Store(std::string_view s);
  void Grow();

  // Where a string may have been interned lately, by a hash of its length and
  // three of its bytes: a value just seen again (a code, the same child's id)
  // is found without computing its fingerprint. Each place holds the id + 1
  // (or 0) and the last eight bytes of its string, which tell most others
  // apart without comparing the text.
  struct Recent {
    int32_t id = 0;
    uint64_t tail = 0;
  };
  static size_t RecentOf(std::string_view s);
  static uint64_t TailOf(std::string_view s);
  static constexpr size_t kRecent = 256;
  std::array<Recent, kRecent> recent_{};

  std::vector<std::string_view> views_;  // by id
  std::vector<uint64_t> slots_;          // size a power of two, at most half full
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::vector<size_t> block_sizes_;
  size_t block_ = 0, used_ = 0;  // the block being filled and the bytes used in it
  bool referencing_ = false;     // see Referencing()
  uint64_t generation_ = 0;
};

class Table {
 public:
  // A table with its own string pool, or one sharing `pool` with others (a
  // Dataset's tables share one, so equal strings have equal ids across tables).
  explicit Table(const RecordType& type, std::shared_ptr<StringPool> pool = nullptr);

  const RecordType& type() const { return *type_; }
  size_t size() const { return rows_; }
  bool empty() const { return rows_ == 0; }

  // Appends a row with every field empty; the setters then fill the last row.
  void AddRow();
  // Makes room for `rows` rows in all, so that adding that many moves nothing.
  void Reserve(size_t rows);
  void SetNull(int col);
  void SetInt(int col, int32_t v) { last(col) = v; }
  void SetFlag(int col, bool v) { last(col) = v ? 1 : 0; }
  void SetDate(int col, Date d) { last(col) = d.days(); }
  void SetText(int col, std::string_view s) { last(col) = pool_->Intern(s); }
  // Sets a text field to a string interned in this table's pool (Intern).
  void SetPooled(int col, int32_t id) { last(col) = id; }
  int32_t Intern(std::string_view s) { return pool_->Intern(s); }
  // Sets a code field to the code at `index` of its code list, as SetText of
  // the code's text would, but interning each code once per table.
  void SetCode(int col, size_t index);
  void SetDecimal(int col, double v);
  // Drops the last row (after a validation failure).
  void PopRow();
  // Puts row order[i] at position i (order is a permutation of the rows).
  void Reorder(const std::vector<uint32_t>& order);

  bool IsNull(int col, size_t row) const { return Int(col, row) == kNull; }
  int32_t Int(int col, size_t row) const { return cells_[static_cast<size_t>(col)][row]; }
  bool Flag(int col, size_t row) const { return Int(col, row) == 1; }
  Date DateAt(int col, size_t row) const { return Date::FromDays(Int(col, row)); }
  std::string_view Text(int col, size_t row) const { return pool_->Get(Int(col, row)); }
  double Decimal(int col, size_t row) const { return decimals_[static_cast<size_t>(col)][row]; }
  // The value as written in a scrutiny CSV file; empty for no value.
  std::string Format(int col, size_t row) const;
  // The record's key values as written, separated by spaces.
  std::string KeyText(size_t row) const;

  const StringPool& pool() const { return *pool_; }
  bool SharesPoolWith(const Table& other) const { return pool_ == other.pool_; }
  void Clear();

 private:
  int32_t& last(int col) { return cells_[static_cast<size_t>(col)].back(); }

  const RecordType* type_;
  size_t rows_ = 0;
  std::vector<std::vector<int32_t>> cells_;   // every column; unused for decimals
  std::vector<std::vector<double>> decimals_; // decimal columns only (NaN = empty)
  std::vector<size_t> decimal_columns_;
  std::shared_ptr<StringPool> pool_;
  // Per code column, the pool id of each code of its list once interned (-1
  // before), valid for the pool's generation code_generation_.
  std::vector<std::vector<int32_t>> code_ids_;
  uint64_t code_generation_ = 0;
};

// Dataset is one table per record type, in catalogue order, sharing one string pool.
class Dataset {
 public:
  Dataset();
  Table& table(std::string_view type_name);
  const Table& table(std::string_view type_name) const;
  std::vector<Table>& tables() { return tables_; }
  const std::vector<Table>& tables() const { return tables_; }
  size_t TotalRows() const;
  void Clear();

 private:
  std::vector<Table> tables_;
};

}  // namespace scrutiny
