#include "model/table.h"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace scrutiny {

int32_t StringPool::Intern(std::string_view s) {
  auto it = index_.find(s);
  if (it != index_.end()) return it->second;
  int32_t id = static_cast<int32_t>(strings_.size());
  strings_.emplace_back(s);
  index_.emplace(strings_.back(), id);
  return id;
}

int32_t StringPool::Find(std::string_view s) const {
  auto it = index_.find(s);
  return it == index_.end() ? -1 : it->second;
}

Table::Table(const RecordType& type, std::shared_ptr<StringPool> pool)
    : type_(&type), cells_(type.fields.size()), decimals_(type.fields.size()),
      pool_(pool ? std::move(pool) : std::make_shared<StringPool>()) {}

void Table::AddRow() {
  for (size_t c = 0; c < cells_.size(); ++c) {
    cells_[c].push_back(kNull);
    if (type_->fields[c].type == FieldType::kDecimal) decimals_[c].push_back(NAN);
  }
  ++rows_;
}

void Table::PopRow() {
  for (size_t c = 0; c < cells_.size(); ++c) {
    cells_[c].pop_back();
    if (type_->fields[c].type == FieldType::kDecimal) decimals_[c].pop_back();
  }
  --rows_;
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
  if (pool_.use_count() == 1) *pool_ = StringPool();
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
