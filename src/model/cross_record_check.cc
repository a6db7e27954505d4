#include "model/cross_record_check.h"

#include <algorithm>
#include <cstring>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "model/validator.h"

namespace scrutiny {
namespace {

uint64_t Mix(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  return x ^ (x >> 33);
}

// True if some record type references this one.
bool IsReferenced(std::string_view type) {
  for (const RecordType& t : RecordTypes())
    for (const Field& f : t.fields)
      if (f.references == type) return true;
  return false;
}

}  // namespace

// Two independent lanes over 8-byte words.
Fingerprint Fingerprint::Of(std::string_view text) {
  uint64_t a = 0x243f6a8885a308d3ULL ^ text.size(), b = 0x13198a2e03707344ULL + text.size();
  const char* p = text.data();
  size_t n = text.size();
  while (true) {
    uint64_t word = 0;
    size_t take = std::min<size_t>(n, 8);
    std::memcpy(&word, p, take);
    a = Mix(a ^ word) + 0x9e3779b97f4a7c15ULL;
    b = Mix(b + word * 0xa0761d6478bd642fULL);
    if (n <= 8) break;
    p += 8;
    n -= 8;
  }
  return {Mix(a ^ (b >> 17)), Mix(b ^ (a << 13))};
}

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
  for (int c = 0; c < static_cast<int>(type.fields.size()); ++c) {
    const Field& f = type.field(c);
    if (f.references.empty() || t.IsNull(c, row) || Has(f.references, t.Text(c, row))) continue;
    const RecordType* target = FindRecordType(f.references);
    problems.Add({file, line, std::string(f.name), std::string(t.Text(c, row)),
                  fmt::format("no {} record has {} '{}'", f.references, target->key.front(), t.Text(c, row)), child_id(),
                  kUnknownReference});
  }
  if (type.key.empty()) return;
  int single = type.key.size() == 1 ? type.IndexOf(type.key[0]) : -1;
  bool textual = single >= 0 && type.field(single).type == FieldType::kId;
  Fingerprint fingerprint = textual ? Fingerprint::Of(t.Text(single, row)) : Fingerprint::Of(KeyText(t, row));
  auto [seen, fresh] = keys_.emplace(fingerprint, static_cast<uint32_t>(line));
  if (fresh) return;
  std::string key = KeyText(t, row);
  std::string columns = fmt::format("{}", fmt::join(type.key, "+"));
  std::replace(key.begin(), key.end(), '\x1f', ' ');
  problems.Add({file, line, columns, key, fmt::format("duplicate {}: also on line {}", columns, seen->second), child_id(),
                kDuplicateKey});
}

void CrossRecordCheck::FinishType(const RecordType& type) {
  if (IsReferenced(type.name)) referenced_.push_back({type.name, std::move(keys_)});
  keys_ = KeyLines();
}

bool CrossRecordCheck::Has(std::string_view type, std::string_view key) const {
  for (const auto& [name, keys] : referenced_)
    if (name == type) return keys.count(Fingerprint::Of(key)) > 0;
  return false;
}

}  // namespace scrutiny
