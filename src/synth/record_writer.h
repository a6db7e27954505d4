#pragma once
// RecordWriter appends records to one table of a dataset by field name, so
// the generator reads like the record it writes.

#include <optional>
#include <string_view>

#include "model/table.h"

namespace scrutiny {

class RecordWriter {
 public:
  RecordWriter(Dataset& d, std::string_view type) : table_(&d.table(type)) {}

  RecordWriter& Add() {
    table_->AddRow();
    return *this;
  }
  RecordWriter& Text(std::string_view field, std::string_view v) {
    table_->SetText(Column(field), v);
    return *this;
  }
  RecordWriter& Date(std::string_view field, scrutiny::Date d) {
    table_->SetDate(Column(field), d);
    return *this;
  }
  RecordWriter& Date(std::string_view field, std::optional<scrutiny::Date> d) {
    if (d) table_->SetDate(Column(field), *d);
    return *this;
  }
  RecordWriter& Flag(std::string_view field, bool v) {
    table_->SetFlag(Column(field), v);
    return *this;
  }
  RecordWriter& Int(std::string_view field, int v) {
    table_->SetInt(Column(field), v);
    return *this;
  }
  RecordWriter& Decimal(std::string_view field, double v) {
    table_->SetDecimal(Column(field), v);
    return *this;
  }
  size_t size() const { return table_->size(); }

 private:
  int Column(std::string_view field) const { return table_->type().IndexOf(field); }
  Table* table_;
};

}  // namespace scrutiny
