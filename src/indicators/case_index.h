#pragma once
// CaseIndex joins the tables of a loaded Dataset for the indicator engine: a
// record's child, worker, team or plan; the dated records related to a record
// (a child's visits, a plan's reviews, a worker's supervisions); and the
// derived dates of a looked-after episode. Every join is built on first use
// and shared by the indicators that follow, until some go by without using it.

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "core/working_calendar.h"
#include "model/table.h"

namespace scrutiny {

// The start and (optional) end date fields of a record type with a span, e.g.
// decom and dec of a looked-after episode; end is -1 for types without one.
struct RecordSpan {
  int start = -1;
  int end = -1;
};
RecordSpan SpanOf(const RecordType& type);

// Dated records of one type grouped by the record they relate to.
struct RelatedDates {
  std::vector<int32_t> key_of_row;  // population row -> key (-1: none)
  std::vector<int32_t> offsets;     // key -> [offsets[k], offsets[k+1]) in starts/ends
  std::vector<int32_t> starts;      // sorted ascending within a key
  std::vector<int32_t> ends;        // kNull when open or when the type has no end
};

// Rows of a related type grouped by key, each group in date order: the
// unfiltered order that RelatedDates of the same grouping filter.
struct DatedGroups {
  std::vector<int32_t> order;    // rows with a key and a date
  std::vector<int32_t> offsets;  // key -> [offsets[k], offsets[k+1]) in order
};

class CaseIndex {
 public:
  explicit CaseIndex(const Dataset& data) : data_(data) {}

  const Dataset& data() const { return data_; }
  const Table& table(const RecordType& type) const { return data_.table(type.name); }
  const WorkingCalendar& calendar() const { return calendar_; }

  // Starts a new use (one indicator computed).
  void NextUse() { ++use_; }
  // Frees what the last `keep` uses did not touch, so that its memory serves
  // what comes next rather than fresh memory being taken (see
  // docs/performance.md). References the index returned before are invalid.
  void FreeUnused(uint32_t keep);
  // The memory the index holds, roughly.
  size_t CachedBytes() const;

  // For each row of `from`, the row of the record its reference field `col`
  // names in the referenced table, or -1.
  const std::vector<int32_t>& Join(const RecordType& from, int col);

  // A column's raw values (string ids for identifiers) and 0..n-1, as row keys.
  const std::vector<int32_t>& Column(const RecordType& type, int col);
  const std::vector<int32_t>& Identity(const RecordType& type);
  // Rows of a type ordered so that equal keys are adjacent (rows with a
  // negative key left out); cached under `name`.
  const std::vector<int32_t>& GroupedRows(const RecordType& type, const std::vector<int32_t>& key, const std::string& name);

  // Derived date columns (kNull for none): for looked_after_episodes,
  // "care_start" (first day of the period of care) and "placement_start"
  // (first day of the current placement). nullptr for an unknown name.
  static bool IsDerived(const RecordType& type, std::string_view name);
  const std::vector<int32_t>* Derived(const RecordType& type, std::string_view name);

  // The records of `related` (rows passing `keep`, dated by `date_col`)
  // grouped by the row of `population` they belong to: through the first field
  // of `related` that references `population`, else through the child.
  // `cache_key` names the filter so that equal requests share one index;
  // `keep` (which related rows pass the filter) is called only to build one.
  const RelatedDates& Related(const RecordType& population, const RecordType& related, int date_col,
                              const std::string& cache_key, const std::function<std::vector<char>()>& keep);

 private:
  void DeriveLookedAfterDates();
  // The children of a population's rows numbered 0..n-1 in order of first
  // row, so that related records are gathered for those children only.
  struct DenseKeys {
    std::vector<int32_t> key_of_row;    // -1: no child
    std::vector<int32_t> child_of_key;  // the child's row
  };
  const DenseKeys& DenseChildKeys(const RecordType& population);
  // `related` rows grouped by rel_key and dated by date_col, built once per `name`.
  const DatedGroups& GroupsOf(const std::string& name, const std::vector<int32_t>& rel_key, size_t keys,
                              const Table& related, int date_col);
  // Row of each key value (by string id) of a type with a single-field key,
  // for ids from `first_id` on: only the ids of its keys, not the whole pool.
  struct KeyRows {
    int32_t first_id = 0;
    std::vector<int32_t> rows;  // id - first_id -> row, or -1
    int32_t RowOf(int32_t id) const {
      size_t i = static_cast<size_t>(static_cast<int64_t>(id) - first_id);
      return id >= first_id && i < rows.size() ? rows[i] : -1;
    }
  };
  const KeyRows& RowOfKey(const RecordType& type);

  // A cached value and the use that last touched it.
  template <typename T>
  struct Aged {
    T value;
    uint32_t used = 0;
  };
  // The entry of `cache` under `key`, marked as used now; `added` tells
  // whether it was made by this call (and is to be built).
  template <typename Map, typename Key>
  auto& Touch(Map& cache, Key&& key, bool& added) {
    auto [it, inserted] = cache.try_emplace(std::forward<Key>(key));
    it->second.used = use_;
    added = inserted;
    return it->second.value;
  }

  const Dataset& data_;
  WorkingCalendar calendar_;
  uint32_t use_ = 0;
  std::map<std::pair<std::string_view, int>, Aged<std::vector<int32_t>>> joins_;
  std::map<std::string_view, Aged<KeyRows>> row_of_key_;
  std::map<std::string, Aged<std::vector<int32_t>>> columns_;
  std::map<std::string, Aged<std::vector<int32_t>>> derived_;
  std::map<std::string, Aged<RelatedDates>> related_;
  std::map<std::string, Aged<DatedGroups>> dated_groups_;
  std::map<std::string_view, Aged<DenseKeys>> dense_keys_;
};

}  // namespace scrutiny
