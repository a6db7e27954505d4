#include "model/cross_record_check.h"

#include <algorithm>
#include <array>
#include <stdexcept>
#include <cstring>

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

void CrossRecordCheck::Prefetch(const RowFingerprints& f) const {
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    int target = reference_of_field_[static_cast<size_t>(reference_fields_[i])];
    if (target >= 0) referenced_[static_cast<size_t>(target)].second.Prefetch(f.references[i]);
  }
  keys_.Prefetch(f.key);
}

void CrossRecordCheck::Add(const Table& t, size_t row, const std::string& file, uint64_t line, Problems& problems) {
  if (resolved_ != &t.type()) ResolveReferences(t.type());
  Check(t, row, FingerprintsOf(t, row), file, line, problems);
}

void CrossRecordCheck::AddRows(const Table& t, std::span<const uint32_t> lines, const std::string& file,
                               Problems& problems) {
  if (resolved_ != &t.type()) ResolveReferences(t.type());
  constexpr size_t kAhead = 16;  // rows whose slots are fetched while earlier rows are checked
  std::array<RowFingerprints, kAhead> ahead;
  for (size_t r = 0; r < std::min(kAhead, t.size()); ++r) {
    ahead[r] = FingerprintsOf(t, r);
    Prefetch(ahead[r]);
  }
  for (size_t r = 0; r < t.size(); ++r) {
    RowFingerprints now = ahead[r % kAhead];
    if (r + kAhead < t.size()) {
      ahead[r % kAhead] = FingerprintsOf(t, r + kAhead);
      Prefetch(ahead[r % kAhead]);
    }
    Check(t, r, now, file, lines[r], problems);
  }
}

void CrossRecordCheck::Check(const Table& t, size_t row, const RowFingerprints& f, const std::string& file,
                             uint64_t line, Problems& problems) {
  const RecordType& type = t.type();
  auto child_id = [&] {
    int child = type.IndexOf("child_id");
    return child >= 0 ? t.Format(child, row) : std::string();
  };
  for (size_t i = 0; i < reference_fields_.size(); ++i) {
    int c = reference_fields_[i];
    int target = reference_of_field_[static_cast<size_t>(c)];
    if (t.IsNull(c, row)) continue;
    Fingerprint& last = last_found_[i];
    if (target >= 0 && (f.references[i] == last || referenced_[static_cast<size_t>(target)].second.Find(f.references[i]))) {
      last = f.references[i];  // rows often come child by child: the next may name the same one
      continue;
    }
    const Field& field = type.field(c);
    const RecordType* referenced = FindRecordType(field.references);
    problems.Add({file, line, std::string(field.name), std::string(t.Text(c, row)),
                  fmt::format("no {} record has {} '{}'", field.references, referenced->key.front(), t.Text(c, row)),
                  child_id(), kUnknownReference});
  }
  if (type.key.empty()) return;
  bool fresh = false;
  uint32_t seen = keys_.Insert(f.key, static_cast<uint32_t>(line), &fresh);
  if (fresh) return;
  std::string key = KeyText(t, row);
  std::string columns = fmt::format("{}", fmt::join(type.key, "+"));
  std::replace(key.begin(), key.end(), '\x1f', ' ');
  problems.Add({file, line, columns, key, fmt::format("duplicate {}: also on line {}", columns, seen), child_id(),
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
  last_found_.fill(Fingerprint::Of("\x1f(none)"));
}

void CrossRecordCheck::FinishType(const RecordType& type) {
  if (IsReferenced(type.name)) referenced_.push_back({type.name, std::move(keys_)});
  keys_ = KeyLines();
  resolved_ = nullptr;
}

bool CrossRecordCheck::Has(std::string_view type, std::string_view key) const {
  for (const auto& [name, keys] : referenced_)
    if (name == type) return keys.Find(Fingerprint::Of(key)) != nullptr;
  return false;
}

}  // namespace scrutiny
