#include "indicators/case_index.h"

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>

namespace scrutiny {

RecordSpan SpanOf(const RecordType& type) {
  RecordSpan span;
  for (size_t i = 0; i < type.fields.size() && span.start < 0; ++i)
    if (type.fields[i].type == FieldType::kDate && type.fields[i].required) span.start = static_cast<int>(i);
  for (size_t i = 0; i < type.fields.size() && span.start < 0; ++i)
    if (type.fields[i].type == FieldType::kDate) span.start = static_cast<int>(i);
  for (std::string_view end : {"end_date", "dec", "leave_date", "deregistration_date"})
    if (int i = type.IndexOf(end); i >= 0) span.end = i;
  return span;
}

void CaseIndex::FreeUnused(uint32_t keep) {
  auto stale = [&](const auto& entry) { return entry.second.used + keep < use_; };
  std::erase_if(joins_, stale);
  std::erase_if(row_of_key_, stale);
  std::erase_if(columns_, stale);
  std::erase_if(derived_, stale);
  std::erase_if(related_, stale);
  std::erase_if(dated_groups_, stale);
  std::erase_if(dense_keys_, stale);
}

namespace {

size_t BytesOf(const std::vector<int32_t>& v) { return v.capacity() * sizeof(int32_t); }
size_t BytesOf(const RelatedDates& d) {
  return BytesOf(d.key_of_row) + BytesOf(d.offsets) + BytesOf(d.starts) + BytesOf(d.ends);
}
size_t BytesOf(const DatedGroups& g) { return BytesOf(g.order) + BytesOf(g.offsets); }

template <typename Map, typename Size>
size_t SumOf(const Map& cache, Size size) {
  size_t sum = 0;
  for (const auto& entry : cache) sum += size(entry.second.value);
  return sum;
}

}  // namespace

size_t CaseIndex::CachedBytes() const {
  auto vector = [](const std::vector<int32_t>& v) { return BytesOf(v); };
  return SumOf(joins_, vector) + SumOf(columns_, vector) + SumOf(derived_, vector) +
         SumOf(row_of_key_, [](const KeyRows& k) { return BytesOf(k.rows); }) +
         SumOf(related_, [](const RelatedDates& d) { return BytesOf(d); }) +
         SumOf(dated_groups_, [](const DatedGroups& g) { return BytesOf(g); }) +
         SumOf(dense_keys_, [](const DenseKeys& k) { return BytesOf(k.key_of_row) + BytesOf(k.child_of_key); });
}

const std::vector<int32_t>& CaseIndex::Join(const RecordType& from, int col) {
  bool added = false;
  std::vector<int32_t>& rows = Touch(joins_, std::make_pair(from.name, col), added);
  if (!added) return rows;
  const Table& src = table(from);
  const RecordType* target = FindRecordType(from.field(col).references);
  rows.assign(src.size(), -1);
  if (target != nullptr) {
    const Table& dst = table(*target);
    if (!src.SharesPoolWith(dst)) throw std::logic_error("CaseIndex needs a Dataset whose tables share one string pool");
    const KeyRows& row_of_key = RowOfKey(*target);
    for (size_t r = 0; r < src.size(); ++r) {
      int32_t id = src.Int(col, r);
      if (id != kNull) rows[r] = row_of_key.RowOf(id);
    }
  }
  return rows;
}

const CaseIndex::KeyRows& CaseIndex::RowOfKey(const RecordType& type) {
  bool added = false;
  KeyRows& keys = Touch(row_of_key_, type.name, added);
  if (!added || table(type).empty()) return keys;
  const Table& t = table(type);
  int key_col = type.IndexOf(type.key.front());
  int32_t first = INT32_MAX, last = INT32_MIN;
  for (size_t r = 0; r < t.size(); ++r) {
    first = std::min(first, t.Int(key_col, r));
    last = std::max(last, t.Int(key_col, r));
  }
  keys.first_id = first;
  keys.rows.assign(static_cast<size_t>(static_cast<int64_t>(last) - first + 1), -1);
  for (size_t r = 0; r < t.size(); ++r) keys.rows[static_cast<size_t>(t.Int(key_col, r) - first)] = static_cast<int32_t>(r);
  return keys;
}

const std::vector<int32_t>& CaseIndex::Column(const RecordType& type, int col) {
  bool added = false;
  std::vector<int32_t>& values = Touch(columns_, fmt::format("column:{}.{}", type.name, col), added);
  if (added) {
    const Table& t = table(type);
    values.resize(t.size());
    for (size_t r = 0; r < t.size(); ++r) values[r] = t.IsNull(col, r) ? -1 : t.Int(col, r);
  }
  return values;
}

const std::vector<int32_t>& CaseIndex::Identity(const RecordType& type) {
  bool added = false;
  std::vector<int32_t>& rows = Touch(columns_, fmt::format("identity:{}", type.name), added);
  if (added) {
    rows.resize(table(type).size());
    std::iota(rows.begin(), rows.end(), 0);
  }
  return rows;
}

namespace {

// Rows whose keys never decrease (the store puts each child's records
// together, in the children's order) are grouped by one scan.
bool KeysAscend(const std::vector<int32_t>& key_of) {
  int32_t last = -1;
  for (int32_t k : key_of) {
    if (k >= 0 && k < last) return false;
    last = std::max(last, k);
  }
  return true;
}

}  // namespace

const std::vector<int32_t>& CaseIndex::GroupedRows(const RecordType& type, const std::vector<int32_t>& key,
                                                   const std::string& name) {
  bool added = false;
  std::vector<int32_t>& rows = Touch(columns_, fmt::format("grouped:{}.{}", type.name, name), added);
  if (!added) return rows;
  if (KeysAscend(key)) {
    for (size_t r = 0; r < key.size(); ++r)
      if (key[r] >= 0) rows.push_back(static_cast<int32_t>(r));
    return rows;
  }
  int32_t max_key = -1;
  for (int32_t k : key) max_key = std::max(max_key, k);
  std::vector<int32_t> offsets(static_cast<size_t>(max_key) + 2, 0);
  for (int32_t k : key)
    if (k >= 0) ++offsets[static_cast<size_t>(k) + 1];
  std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
  rows.resize(static_cast<size_t>(offsets.back()));
  for (size_t r = 0; r < key.size(); ++r)
    if (key[r] >= 0) rows[static_cast<size_t>(offsets[static_cast<size_t>(key[r])]++)] = static_cast<int32_t>(r);
  return rows;
}

bool CaseIndex::IsDerived(const RecordType& type, std::string_view name) {
  return type.name == "looked_after_episodes" && (name == "care_start" || name == "placement_start");
}

const std::vector<int32_t>* CaseIndex::Derived(const RecordType& type, std::string_view name) {
  if (!IsDerived(type, name)) return nullptr;
  if (derived_.empty()) DeriveLookedAfterDates();
  for (auto& [derived_name, dates] : derived_) dates.used = use_;  // made together, kept together
  return &derived_.at(std::string(name)).value;
}

namespace {

// Sorts one group of rows by date (the store reads a child's records in date order mostly).
void SortByDate(std::vector<int32_t>::iterator first, std::vector<int32_t>::iterator last, const Table& t, int date_col) {
  auto earlier = [&](int32_t a, int32_t b) {
    return t.Int(date_col, static_cast<size_t>(a)) < t.Int(date_col, static_cast<size_t>(b));
  };
  if (last - first > 1 && !std::is_sorted(first, last, earlier)) std::sort(first, last, earlier);
}

void SortEachGroupByDate(std::vector<int32_t>& order, const std::vector<int32_t>& offsets, const Table& t, int date_col) {
  for (size_t k = 0; k + 1 < offsets.size(); ++k)
    SortByDate(order.begin() + offsets[k], order.begin() + offsets[k + 1], t, date_col);
}

// Room for every related record the filter keeps, so the dates are not
// copied as they grow (england: tens of millions of visits).
void ReserveKept(RelatedDates& out, const std::vector<char>& kept) {
  size_t n = static_cast<size_t>(std::count_if(kept.begin(), kept.end(), [](char k) { return k != 0; }));
  out.starts.reserve(n);
  out.ends.reserve(n);
}

// Related records by child when the population's rows and the related rows
// are both in child order: a merge of the two, with no index over every child.
// Each child's rows are taken in table order and sorted by date before the
// filter, as GroupRows does, so equal dates keep the same order either way.
void MergeByChild(RelatedDates& out, const std::vector<int32_t>& pop_child, const std::vector<int32_t>& rel_child,
                  const Table& rel, int date_col, const std::vector<char>& kept) {
  int end_col = SpanOf(rel.type()).end;
  ReserveKept(out, kept);
  out.key_of_row.resize(pop_child.size());
  out.offsets.assign(1, 0);
  std::vector<int32_t> rows;
  size_t j = 0;
  int32_t child = -1;
  for (size_t r = 0; r < pop_child.size(); ++r) {
    int32_t c = pop_child[r];
    if (c < 0) { out.key_of_row[r] = -1; continue; }
    if (c != child) {
      child = c;
      while (j < rel_child.size() && rel_child[j] < c) ++j;
      rows.clear();
      for (; j < rel_child.size() && (rel_child[j] == c || rel_child[j] < 0); ++j)
        if (rel_child[j] == c && !rel.IsNull(date_col, j)) rows.push_back(static_cast<int32_t>(j));
      SortByDate(rows.begin(), rows.end(), rel, date_col);
      for (int32_t i : rows) {
        size_t u = static_cast<size_t>(i);
        if (!kept[u]) continue;
        out.starts.push_back(rel.Int(date_col, u));
        out.ends.push_back(end_col >= 0 ? rel.Int(end_col, u) : kNull);
      }
      out.offsets.push_back(static_cast<int32_t>(out.starts.size()));
    }
    out.key_of_row[r] = static_cast<int32_t>(out.offsets.size()) - 2;
  }
}

// Rows grouped by key (counting sort), each group ordered by `date`. Rows
// left out (no key, no date) go to a bucket of their own before the
// others, so that no step branches on them.
std::vector<int32_t> GroupRows(const std::vector<int32_t>& key_of, size_t keys, const Table& t, int date_col,
                               std::vector<int32_t>& offsets) {
  if (KeysAscend(key_of)) {
    std::vector<int32_t> order;
    offsets.assign(keys + 1, 0);
    for (size_t r = 0; r < key_of.size(); ++r) {
      if (key_of[r] < 0 || t.IsNull(date_col, r)) continue;
      order.push_back(static_cast<int32_t>(r));
      ++offsets[static_cast<size_t>(key_of[r]) + 1];
    }
    std::partial_sum(offsets.begin(), offsets.end(), offsets.begin());
    SortEachGroupByDate(order, offsets, t, date_col);
    return order;
  }
  std::vector<int32_t> bucket(key_of.size());  // key + 1, or 0 when left out
  for (size_t r = 0; r < key_of.size(); ++r) {
    int kept = static_cast<int>(key_of[r] >= 0) & static_cast<int>(!t.IsNull(date_col, r));
    bucket[r] = kept ? key_of[r] + 1 : 0;
  }
  std::vector<int32_t> next(keys + 2, 0);
  for (int32_t b : bucket) ++next[static_cast<size_t>(b) + 1];
  std::partial_sum(next.begin(), next.end(), next.begin());
  std::vector<int32_t> order(key_of.size());
  for (size_t r = 0; r < key_of.size(); ++r) order[static_cast<size_t>(next[static_cast<size_t>(bucket[r])]++)] = static_cast<int32_t>(r);
  int32_t left_out = next[0];  // now each bucket's end
  order.erase(order.begin(), order.begin() + left_out);
  offsets.resize(keys + 1);
  offsets[0] = 0;
  for (size_t k = 1; k <= keys; ++k) offsets[k] = next[k] - left_out;
  SortEachGroupByDate(order, offsets, t, date_col);
  return order;
}

}  // namespace

void CaseIndex::DeriveLookedAfterDates() {
  const RecordType& type = *FindRecordType("looked_after_episodes");
  const Table& t = table(type);
  int decom = type.IndexOf("decom"), dec = type.IndexOf("dec"), rne = type.IndexOf("rne");
  const std::vector<int32_t>& child = Join(type, type.IndexOf("child_id"));
  std::vector<int32_t> offsets;
  std::vector<int32_t> order = GroupRows(child, table(*FindRecordType("children")).size(), t, decom, offsets);
  std::vector<int32_t> period(t.size(), kNull), placement(t.size(), kNull);
  for (size_t k = 0; k + 1 < offsets.size(); ++k) {
    for (int32_t i = offsets[k]; i < offsets[k + 1]; ++i) {
      size_t r = static_cast<size_t>(order[static_cast<size_t>(i)]);
      std::string_view reason = t.Text(rne, r);
      bool continues = false;
      size_t prev = 0;
      if (i > offsets[k]) {
        prev = static_cast<size_t>(order[static_cast<size_t>(i - 1)]);
        continues = reason != "S" && (t.IsNull(dec, prev) || t.Int(dec, prev) >= t.Int(decom, r));
      }
      period[r] = continues ? period[prev] : t.Int(decom, r);
      placement[r] = continues && reason == "L" ? placement[prev] : t.Int(decom, r);
    }
  }
  derived_["care_start"] = {std::move(period), use_};
  derived_["placement_start"] = {std::move(placement), use_};
}

const DatedGroups& CaseIndex::GroupsOf(const std::string& name, const std::vector<int32_t>& rel_key, size_t keys,
                                       const Table& related, int date_col) {
  bool added = false;
  DatedGroups& groups = Touch(dated_groups_, name, added);
  if (added) groups.order = GroupRows(rel_key, keys, related, date_col, groups.offsets);
  return groups;
}

const CaseIndex::DenseKeys& CaseIndex::DenseChildKeys(const RecordType& population) {
  bool added = false;
  DenseKeys& out = Touch(dense_keys_, population.name, added);
  if (!added) return out;
  const std::vector<int32_t>& child = Join(population, population.IndexOf("child_id"));
  std::vector<int32_t> key_of_child(table(*FindRecordType("children")).size(), -1);
  out.key_of_row.resize(child.size());
  for (size_t r = 0; r < child.size(); ++r) {
    int32_t c = child[r];
    if (c < 0) { out.key_of_row[r] = -1; continue; }
    int32_t& k = key_of_child[static_cast<size_t>(c)];
    if (k < 0) k = static_cast<int32_t>(out.child_of_key.size()), out.child_of_key.push_back(c);
    out.key_of_row[r] = k;
  }
  return out;
}

const RelatedDates& CaseIndex::Related(const RecordType& population, const RecordType& related, int date_col,
                                       const std::string& cache_key, const std::function<std::vector<char>()>& keep) {
  std::string key = std::string(population.name) + "|" + cache_key;
  bool added = false;
  RelatedDates* out = &Touch(related_, key, added);
  if (!added) return *out;
  const Table& pop = table(population);
  const Table& rel = table(related);
  int via = -1;
  for (size_t i = 0; i < related.fields.size() && via < 0; ++i)
    if (related.fields[i].references == population.name) via = static_cast<int>(i);
  if (via < 0) {
    const std::vector<int32_t>& pop_child = Join(population, population.IndexOf("child_id"));
    const std::vector<int32_t>& rel_child = Join(related, related.IndexOf("child_id"));
    if (KeysAscend(pop_child) && KeysAscend(rel_child)) {
      MergeByChild(*out, pop_child, rel_child, rel, date_col, keep());
      return *out;
    }
  }
  size_t keys = 0;
  const std::vector<int32_t>* rel_key = nullptr;
  std::string grouping;
  std::vector<int32_t> group_of_key;  // key -> group of `groups` (a child's row)
  if (via >= 0) {
    keys = pop.size();
    out->key_of_row.resize(pop.size());
    std::iota(out->key_of_row.begin(), out->key_of_row.end(), 0);
    group_of_key = out->key_of_row;
    rel_key = &Join(related, via);
    grouping = fmt::format("{}:{}:{}", related.name, population.name, date_col);
  } else {
    keys = table(*FindRecordType("children")).size();
    const DenseKeys& dense = DenseChildKeys(population);
    out->key_of_row = dense.key_of_row;
    group_of_key = dense.child_of_key;
    rel_key = &Join(related, related.IndexOf("child_id"));
    grouping = fmt::format("{}:child:{}", related.name, date_col);
  }
  const DatedGroups& groups = GroupsOf(grouping, *rel_key, keys, rel, date_col);
  std::vector<char> kept = keep();
  ReserveKept(*out, kept);
  int end_col = SpanOf(related).end;
  out->offsets.assign(group_of_key.size() + 1, 0);
  for (size_t k = 0; k < group_of_key.size(); ++k) {
    size_t g = static_cast<size_t>(group_of_key[k]);
    for (int32_t i = groups.offsets[g]; i < groups.offsets[g + 1]; ++i) {
      size_t r = static_cast<size_t>(groups.order[static_cast<size_t>(i)]);
      if (!kept[r]) continue;
      out->starts.push_back(rel.Int(date_col, r));
      out->ends.push_back(end_col >= 0 ? rel.Int(end_col, r) : kNull);
    }
    out->offsets[k + 1] = static_cast<int32_t>(out->starts.size());
  }
  return *out;
}

}  // namespace scrutiny
