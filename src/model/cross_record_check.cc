#include "model/cross_record_check.h"

#include <algorithm>
#include <array>
#include <numeric>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/validator.h"

namespace scrutiny {
namespace {

// True if some record type references this one.
bool IsReferenced(std::string_view type) {
  for (const RecordType& t : RecordTypes())
    for (const Field& f : t.fields)
      if (f.references == type) return true;
  return false;
}

}  // namespace

std::string KeyText(const Table& t, size_t row) {
  std::string key;
  for (size_t i = 0; i < t.type().key.size(); ++i) {
    if (i) key.push_back('\x1f');
    key += t.Format(t.type().IndexOf(t.type().key[i]), row);
  }
  return key;
}

CrossRecordCheck::RowFingerprints CrossRecordCheck::FingerprintsOf(const Table& t, size_t row) const {
  RowFingerprints f;
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    int c = reference_fields_[i];
    if (!t.IsNull(c, row)) f.references[i] = Fingerprint::Of(t.Text(c, row));
  }
  if (key_field_ >= 0) f.key = Fingerprint::Of(t.Text(key_field_, row));
  else if (!t.type().key.empty()) f.key = Fingerprint::Of(KeyText(t, row));
  return f;
}

namespace {

// Rows in the order of the slots their keys start from in map (a counting sort
// on the slot's top bits; rows with equal keys stay in row order), so that the
// lookups walk the map's memory forwards instead of jumping about it.
template <typename KeyOf>
void InSlotOrder(const FingerprintMap& map, size_t rows, KeyOf key_of, std::vector<uint32_t>& order,
                 std::vector<uint32_t>& starts) {
  order.resize(rows);
  size_t slots = map.capacity();
  if (slots == 0) {
    std::iota(order.begin(), order.end(), 0u);
    return;
  }
  int shift = 0;
  while ((slots >> shift) > (size_t{1} << 12)) ++shift;  // 4096 buckets: the counts stay in L1
  starts.assign((slots >> shift) + 1, 0);
  for (size_t r = 0; r < rows; ++r) ++starts[(map.Home(key_of(r)) >> shift) + 1];
  for (size_t b = 1; b < starts.size(); ++b) starts[b] += starts[b - 1];
  for (size_t r = 0; r < rows; ++r) order[starts[map.Home(key_of(r)) >> shift]++] = static_cast<uint32_t>(r);
}

}  // namespace

void CrossRecordCheck::Add(const Table& t, size_t row, const std::string& file, uint64_t line, Problems& problems) {
  if (resolved_ != &t.type()) ResolveReferences(t.type());
  RowFingerprints f = FingerprintsOf(t, row);
  uint32_t missing = 0;
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    int c = reference_fields_[i];
    int target = reference_of_field_[static_cast<size_t>(c)];
    if (!t.IsNull(c, row) && (target < 0 || !referenced_[static_cast<size_t>(target)].second.Find(f.references[i])))
      missing |= 1u << i;
  }
  bool fresh = true;
  uint32_t seen = t.type().key.empty() ? 0 : keys_.Insert(f.key, static_cast<uint32_t>(line), &fresh);
  Report(t, row, file, line, missing, fresh ? nullptr : &seen, problems);
}

void CrossRecordCheck::AddRows(const Table& t, std::span<const uint32_t> lines, const std::string& file,
                               Problems& problems) {
  if (resolved_ != &t.type()) ResolveReferences(t.type());
  const size_t n = t.size();
  chunk_.resize(n);
  for (size_t r = 0; r < n; ++r) chunk_[r] = FingerprintsOf(t, r);
  missing_.assign(n, 0);
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    int c = reference_fields_[i];
    int target = reference_of_field_[static_cast<size_t>(c)];
    if (target < 0) {
      for (size_t r = 0; r < n; ++r)
        if (!t.IsNull(c, r)) missing_[r] |= 1u << i;
      continue;
    }
    const FingerprintMap& map = referenced_[static_cast<size_t>(target)].second;
    InSlotOrder(map, n, [&](size_t r) { return chunk_[r].references[i]; }, order_, starts_);
    for (uint32_t r : order_)
      if (!t.IsNull(c, r) && !map.Find(chunk_[r].references[i])) missing_[r] |= 1u << i;
  }
  first_seen_.assign(n, 0);
  duplicate_.assign(n, 0);
  if (!t.type().key.empty()) {
    keys_.Reserve(keys_.size() + n);  // so the order below stays that of the slots
    InSlotOrder(keys_, n, [&](size_t r) { return chunk_[r].key; }, order_, starts_);
    for (uint32_t r : order_) {
      bool fresh = false;
      first_seen_[r] = keys_.Insert(chunk_[r].key, lines[r], &fresh);
      duplicate_[r] = !fresh;
    }
  }
  for (size_t r = 0; r < n; ++r)
    if (missing_[r] || duplicate_[r]) Report(t, r, file, lines[r], missing_[r], duplicate_[r] ? &first_seen_[r] : nullptr, problems);
}

void CrossRecordCheck::Report(const Table& t, size_t row, const std::string& file, uint64_t line, uint32_t missing,
                              const uint32_t* first_seen, Problems& problems) const {
  const RecordType& type = t.type();
  auto child_id = [&] {
    int child = type.IndexOf("child_id");
    return child >= 0 ? t.Format(child, row) : std::string();
  };
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    if (!(missing & (1u << i))) continue;
    int c = reference_fields_[i];
    const Field& field = type.field(c);
    const RecordType* referenced = FindRecordType(field.references);
    problems.Add({file, line, std::string(field.name), std::string(t.Text(c, row)),
                  fmt::format("no {} record has {} '{}'", field.references, referenced->key.front(), t.Text(c, row)),
                  child_id(), kUnknownReference});
  }
  if (!first_seen) return;
  std::string key = KeyText(t, row);
  std::string columns = fmt::format("{}", fmt::join(type.key, "+"));
  std::replace(key.begin(), key.end(), '\x1f', ' ');
  problems.Add({file, line, columns, key, fmt::format("duplicate {}: also on line {}", columns, *first_seen), child_id(),
                kDuplicateKey});
}

void CrossRecordCheck::ResolveReferences(const RecordType& type) {
  resolved_ = &type;
  reference_of_field_.assign(type.fields.size(), -1);
  reference_fields_.clear();
  for (size_t c = 0; c < type.fields.size(); ++c) {
    if (type.fields[c].references.empty()) continue;
    if (reference_fields_.size() == kMaxReferences) throw std::logic_error("a record type has too many references");
    reference_fields_.push_back(static_cast<int>(c));
    reference_of_field_[c] = -2;
    for (size_t i = 0; i < referenced_.size(); ++i)
      if (referenced_[i].first == type.fields[c].references) reference_of_field_[c] = static_cast<int>(i);
  }
  int single = type.key.size() == 1 ? type.IndexOf(type.key[0]) : -1;
  key_field_ = single >= 0 && type.field(single).type == FieldType::kId ? single : -1;
}

void CrossRecordCheck::FinishType(const RecordType& type) {
  if (IsReferenced(type.name)) referenced_.push_back({type.name, std::move(keys_)});
  keys_ = KeyLines();
  resolved_ = nullptr;
}

}  // namespace scrutiny
