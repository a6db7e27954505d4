#include "model/cross_record_check.h"

#include <algorithm>
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

void CrossRecordCheck::Add(const Table& t, size_t row, const std::string& file, uint64_t line, Problems& problems) {
  const RecordType& type = t.type();
  auto child_id = [&] {
    int child = type.IndexOf("child_id");
    return child >= 0 ? t.Format(child, row) : std::string();
  };
  if (resolved_ != &type) ResolveReferences(type);
  for (int c = 0; c < static_cast<int>(type.fields.size()); ++c) {
    int target = reference_of_field_[static_cast<size_t>(c)];
    if (target == -1 || t.IsNull(c, row)) continue;
    Fingerprint value = Fingerprint::Of(t.Text(c, row));
    Fingerprint& last = last_found_[static_cast<size_t>(c)];
    if (target >= 0 && (value == last || referenced_[static_cast<size_t>(target)].second.Find(value))) {
      last = value;  // rows often come child by child: the next may name the same one
      continue;
    }
    const Field& f = type.field(c);
    const RecordType* referenced = FindRecordType(f.references);
    problems.Add({file, line, std::string(f.name), std::string(t.Text(c, row)),
                  fmt::format("no {} record has {} '{}'", f.references, referenced->key.front(), t.Text(c, row)), child_id(),
                  kUnknownReference});
  }
  if (type.key.empty()) return;
  int single = type.key.size() == 1 ? type.IndexOf(type.key[0]) : -1;
  bool textual = single >= 0 && type.field(single).type == FieldType::kId;
  Fingerprint fingerprint = textual ? Fingerprint::Of(t.Text(single, row)) : Fingerprint::Of(KeyText(t, row));
  bool fresh = false;
  uint32_t seen = keys_.Insert(fingerprint, static_cast<uint32_t>(line), &fresh);
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
  last_found_.assign(type.fields.size(), Fingerprint::Of("\x1f(none)"));
  for (size_t c = 0; c < type.fields.size(); ++c) {
    if (type.fields[c].references.empty()) continue;
    reference_of_field_[c] = -2;
    for (size_t i = 0; i < referenced_.size(); ++i)
      if (referenced_[i].first == type.fields[c].references) reference_of_field_[c] = static_cast<int>(i);
  }
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
