#pragma once
// RecordFields reads one table of a dataset by field name, the reverse of
// RecordWriter, so the writers of the returns read like the return they write.

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "model/table.h"

namespace scrutiny {

class RecordFields {
 public:
  RecordFields(const Dataset& d, std::string_view type) : table_(&d.table(type)) {}

  size_t size() const { return table_->size(); }
  // The value as text (codes, identifiers); empty if none.
  std::string_view Text(size_t row, std::string_view field) const {
    int c = Column(field);
    return table_->IsNull(c, row) ? std::string_view() : table_->Text(c, row);
  }
  std::optional<Date> DateOf(size_t row, std::string_view field) const {
    int c = Column(field);
    if (table_->IsNull(c, row)) return std::nullopt;
    return table_->DateAt(c, row);
  }
  bool Flag(size_t row, std::string_view field) const { return table_->Flag(Column(field), row); }
  // The value as a scrutiny CSV file writes it (numbers, decimals); empty if none.
  std::string Format(size_t row, std::string_view field) const { return table_->Format(Column(field), row); }
  double Decimal(size_t row, std::string_view field) const { return table_->Decimal(Column(field), row); }
  int Int(size_t row, std::string_view field) const { return table_->Int(Column(field), row); }

  // The row of each value of a key field (e.g. child_id), for joins.
  std::unordered_map<std::string_view, size_t> RowsBy(std::string_view field) const {
    std::unordered_map<std::string_view, size_t> rows;
    for (size_t r = 0; r < size(); ++r) rows.emplace(Text(r, field), r);
    return rows;
  }

 private:
  int Column(std::string_view field) const { return table_->type().IndexOf(field); }
  const Table* table_;
};

}  // namespace scrutiny
