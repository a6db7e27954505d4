#include "model/table.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>

#include <fmt/format.h>

#include "core/code_lists.h"
#include "core/short_load.h"
#include "model/fingerprint.h"

namespace scrutiny {

namespace {

constexpr size_t kBlockBytes = 1 << 16;

// The pool's hash: the low half of the text's fingerprint, one hash for the model.
uint64_t HashOf(std::string_view s) { return Fingerprint::Of(s).low; }

}  // namespace

size_t StringPool::SlotOf(std::string_view s, uint64_t hash) const {
  size_t mask = slots_.size() - 1;
  uint64_t tag = hash & 0xffffffff00000000ULL;
  for (size_t i = hash & mask;; i = (i + 1) & mask) {
    uint64_t slot = slots_[i];
    if (slot == 0) return i;
    if ((slot & 0xffffffff00000000ULL) == tag && views_[(slot & 0xffffffffULL) - 1] == s) return i;
  }
}

std::shared_ptr<StringPool> StringPool::Referencing() {
  auto pool = std::make_shared<StringPool>();
  pool->referencing_ = true;
  return pool;
}

int32_t StringPool::Intern(std::string_view s) {
  if (referencing_) {
    views_.push_back(s);
    return static_cast<int32_t>(views_.size() - 1);
  }
  Recent& recent = recent_[RecentOf(s)];
  uint64_t tail = TailOf(s);
  if (recent.id && recent.tail == tail) {
    std::string_view seen = views_[static_cast<size_t>(recent.id - 1)];
    if (seen.size() == s.size() && (s.size() <= sizeof tail || seen == s)) return recent.id - 1;
  }
  if (2 * (views_.size() + 1) > slots_.size()) Grow();
  uint64_t hash = HashOf(s);
  size_t i = SlotOf(s, hash);
  if (slots_[i] != 0) {
    recent = {static_cast<int32_t>(slots_[i] & 0xffffffffULL), tail};
    return recent.id - 1;
  }
  auto id = static_cast<int32_t>(views_.size());
  views_.push_back(Store(s));
  slots_[i] = (hash & 0xffffffff00000000ULL) | static_cast<uint64_t>(id + 1);
  recent = {id + 1, tail};
  return id;
}

uint64_t StringPool::TailOf(std::string_view s) {
  size_t n = std::min<size_t>(s.size(), 8);
  return LoadShort(s.data() + s.size() - n, n);
}

size_t StringPool::RecentOf(std::string_view s) {
  if (s.empty()) return 0;
  auto byte = [&](size_t i) { return static_cast<size_t>(static_cast<unsigned char>(s[i])); };
  return (s.size() * 0x9E37 ^ byte(0) * 0x3B ^ byte(s.size() - 1) * 0x61 ^ byte(s.size() / 2) * 0x1F) & (kRecent - 1);
}

int32_t StringPool::Find(std::string_view s) const {
  if (referencing_) {
    for (size_t id = 0; id < views_.size(); ++id)
      if (views_[id] == s) return static_cast<int32_t>(id);
    return -1;
  }
  if (slots_.empty()) return -1;
  uint64_t slot = slots_[SlotOf(s, HashOf(s))];
  return slot == 0 ? -1 : static_cast<int32_t>((slot & 0xffffffffULL) - 1);
}

std::string_view StringPool::Store(std::string_view s) {
  while (block_ < blocks_.size() && used_ + s.size() > block_sizes_[block_]) {
    ++block_;
    used_ = 0;
  }
  if (block_ == blocks_.size()) {
    block_sizes_.push_back(std::max(kBlockBytes, s.size()));
    blocks_.push_back(std::make_unique<char[]>(block_sizes_.back()));
    used_ = 0;
  }
  char* at = blocks_[block_].get() + used_;
  if (!s.empty()) std::memcpy(at, s.data(), s.size());
  used_ += s.size();
  return {at, s.size()};
}

void StringPool::Grow() {
  size_t size = std::max<size_t>(64, slots_.size() * 2);
  slots_.assign(size, 0);
  size_t mask = size - 1;
  for (size_t id = 0; id < views_.size(); ++id) {
    uint64_t hash = HashOf(views_[id]);
    size_t i = hash & mask;
    while (slots_[i] != 0) i = (i + 1) & mask;
    slots_[i] = (hash & 0xffffffff00000000ULL) | (id + 1);
  }
}

void StringPool::Clear() {
  ++generation_;
  recent_.fill({});
  views_.clear();
  std::fill(slots_.begin(), slots_.end(), 0);
  block_ = 0;
  used_ = 0;
}

Table::Table(const RecordType& type, std::shared_ptr<StringPool> pool)
    : type_(&type), cells_(type.fields.size()), decimals_(type.fields.size()),
      pool_(pool ? std::move(pool) : std::make_shared<StringPool>()) {
  for (size_t c = 0; c < type.fields.size(); ++c)
    if (type.fields[c].type == FieldType::kDecimal) decimal_columns_.push_back(c);
}

void Table::AddRow() {
  for (auto& column : cells_) column.push_back(kNull);
  for (size_t c : decimal_columns_) decimals_[c].push_back(NAN);
  ++rows_;
}

void Table::Reserve(size_t rows) {
  for (auto& column : cells_) column.reserve(rows);
  for (size_t c : decimal_columns_) decimals_[c].reserve(rows);
}

void Table::PopRow() {
  for (auto& column : cells_) column.pop_back();
  for (size_t c : decimal_columns_) decimals_[c].pop_back();
  --rows_;
}

void Table::SetCode(int col, size_t index) {
  if (code_generation_ != pool_->generation() || code_ids_.empty()) {
    code_ids_.assign(cells_.size(), {});
    code_generation_ = pool_->generation();
  }
  std::vector<int32_t>& ids = code_ids_[static_cast<size_t>(col)];
  const CodeList& list = *type_->field(col).codes;
  if (ids.empty()) ids.assign(list.codes.size(), -1);
  int32_t& id = ids[index];
  if (id < 0) id = pool_->Intern(list.codes[index].code);
  last(col) = id;
}

void Table::SetNull(int col) {
  last(col) = kNull;
  if (type_->field(col).type == FieldType::kDecimal) decimals_[static_cast<size_t>(col)].back() = NAN;
}

void Table::SetDecimal(int col, double v) {
  last(col) = 0;
  decimals_[static_cast<size_t>(col)].back() = v;
}

void Table::Reorder(const std::vector<uint32_t>& order) {
  auto permute = [&](auto& column) {
    if (column.empty()) return;
    std::remove_reference_t<decltype(column)> moved(column.size());
    for (size_t i = 0; i < order.size(); ++i) moved[i] = column[order[i]];
    column.swap(moved);
  };
  for (auto& column : cells_) permute(column);
  for (auto& column : decimals_) permute(column);
}

std::string Table::KeyText(size_t row) const {
  std::string key;
  for (std::string_view k : type().key) {
    if (!key.empty()) key += " ";
    key += Format(type().IndexOf(k), row);
  }
  return key;
}

std::string Table::Format(int col, size_t row) const {
  if (IsNull(col, row)) return {};
  switch (type_->field(col).type) {
    case FieldType::kDate: return DateAt(col, row).ToIso();
    case FieldType::kInteger: return std::to_string(Int(col, row));
    case FieldType::kFlag: return Flag(col, row) ? "Y" : "N";
    case FieldType::kDecimal: return fmt::format("{:g}", Decimal(col, row));
    default: return std::string(Text(col, row));
  }
}

void Table::Clear() {
  for (auto& c : cells_) c.clear();
  for (auto& d : decimals_) d.clear();
  rows_ = 0;
  if (pool_.use_count() == 1) pool_->Clear();
}

Dataset::Dataset() {
  auto pool = std::make_shared<StringPool>();
  for (const RecordType& t : RecordTypes()) tables_.emplace_back(t, pool);
}

Table& Dataset::table(std::string_view name) {
  for (Table& t : tables_)
    if (t.type().name == name) return t;
  throw std::out_of_range(fmt::format("no record type {}", name));
}

const Table& Dataset::table(std::string_view name) const {
  return const_cast<Dataset*>(this)->table(name);
}

size_t Dataset::TotalRows() const {
  size_t n = 0;
  for (const Table& t : tables_) n += t.size();
  return n;
}

void Dataset::Clear() { *this = Dataset(); }

}  // namespace scrutiny
