#pragma once
// The store's schema: hand-written migrations for its own tables, and record
// tables derived from the record catalogue (new types and fields are added as
// tables and columns; nothing is ever dropped).

#include <string>
#include <vector>

#include "model/record_type.h"

namespace scrutiny {

// SQL of migration i + 1, applied in order; PRAGMA user_version counts them.
const std::vector<std::string>& StoreMigrations();

// Column that names the council of every stored row.
inline constexpr std::string_view kCouncilColumn = "la_code";

std::string SqlType(FieldType t);
std::string CreateTableSql(const RecordType& type);
// The date field that best says when a record happened (e.g. referral_date), or -1.
int MainDateField(const RecordType& type);

}  // namespace scrutiny
