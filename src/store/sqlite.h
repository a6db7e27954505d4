#pragma once
// Thin owners of a SQLite connection and a prepared statement, reporting
// failures as Status values.

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace scrutiny {

class SqliteStatement;

// SqliteDatabase owns one connection.
class SqliteDatabase {
 public:
  SqliteDatabase() = default;
  SqliteDatabase(SqliteDatabase&& o) noexcept : db_(o.db_) { o.db_ = nullptr; }
  SqliteDatabase& operator=(SqliteDatabase&& o) noexcept;
  SqliteDatabase(const SqliteDatabase&) = delete;
  ~SqliteDatabase();

  static Result<SqliteDatabase> Open(const std::string& path);
  Status Execute(std::string_view sql);
  Result<SqliteStatement> Prepare(std::string_view sql);
  std::string LastError() const { return sqlite3_errmsg(db_); }

 private:
  sqlite3* db_ = nullptr;
};

// SqliteStatement owns one prepared statement.
class SqliteStatement {
 public:
  SqliteStatement(sqlite3* db, sqlite3_stmt* s) : db_(db), stmt_(s) {}
  SqliteStatement(SqliteStatement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  SqliteStatement(const SqliteStatement&) = delete;
  ~SqliteStatement() { sqlite3_finalize(stmt_); }

  void BindNull(int i) { sqlite3_bind_null(stmt_, i); }
  void BindInt(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void BindDouble(int i, double v) { sqlite3_bind_double(stmt_, i, v); }
  void BindText(int i, std::string_view v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  // Runs to the next row: true if there is one. Errors end in status().
  bool Step();
  // Runs a statement that returns no rows, then resets it for reuse.
  Status Run();
  const Status& status() const { return status_; }
  void Reset() { sqlite3_reset(stmt_); sqlite3_clear_bindings(stmt_); }

  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  double Double(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string_view Text(int col) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  Status status_;
};

}  // namespace scrutiny
