#include "store/schema.h"

#include <fmt/format.h>

namespace scrutiny {

const std::vector<std::string>& StoreMigrations() {
  static const std::vector<std::string> migrations = {
      // 1: the record of loads.
      "CREATE TABLE loads (load_id INTEGER PRIMARY KEY, loaded_at TEXT NOT NULL, source TEXT NOT NULL,"
      " councils TEXT NOT NULL, scrutiny_version TEXT NOT NULL);"
      "CREATE TABLE load_files (load_id INTEGER NOT NULL REFERENCES loads(load_id), path TEXT NOT NULL,"
      " record_type TEXT NOT NULL, sha256 TEXT NOT NULL, bytes INTEGER NOT NULL, rows INTEGER NOT NULL);",
      // 2: management commentary, append-only: a change is a new row, the newest is current.
      "CREATE TABLE commentary (comment_id INTEGER PRIMARY KEY, la_code TEXT NOT NULL, indicator TEXT NOT NULL,"
      " period TEXT NOT NULL, text TEXT NOT NULL, actions TEXT NOT NULL, author TEXT NOT NULL,"
      " written_at TEXT NOT NULL);"
      "CREATE INDEX commentary_by_period ON commentary (la_code, period, indicator);",
  };
  return migrations;
}

std::string SqlType(FieldType t) {
  switch (t) {
    case FieldType::kInteger:
    case FieldType::kFlag: return "INTEGER";
    case FieldType::kDecimal: return "REAL";
    default: return "TEXT";
  }
}

std::string CreateTableSql(const RecordType& type) {
  std::string sql = fmt::format("CREATE TABLE IF NOT EXISTS \"{}\" (", type.name);
  if (type.IndexOf(kCouncilColumn) < 0) sql += fmt::format("{} TEXT NOT NULL, ", kCouncilColumn);
  for (size_t i = 0; i < type.fields.size(); ++i)
    sql += fmt::format("{}\"{}\" {}", i ? ", " : "", type.fields[i].name, SqlType(type.fields[i].type));
  sql += fmt::format(");CREATE INDEX IF NOT EXISTS \"{0}_council\" ON \"{0}\" ({1});", type.name, kCouncilColumn);
  return sql;
}

int MainDateField(const RecordType& type) {
  for (size_t i = 0; i < type.fields.size(); ++i)
    if (type.fields[i].type == FieldType::kDate && type.fields[i].required) return static_cast<int>(i);
  for (size_t i = 0; i < type.fields.size(); ++i)
    if (type.fields[i].type == FieldType::kDate) return static_cast<int>(i);
  return -1;
}

}  // namespace scrutiny
