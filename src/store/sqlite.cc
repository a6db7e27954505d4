#include "store/sqlite.h"

#include <fmt/format.h>

namespace scrutiny {

SqliteDatabase& SqliteDatabase::operator=(SqliteDatabase&& o) noexcept {
  std::swap(db_, o.db_);
  return *this;
}

SqliteDatabase::~SqliteDatabase() { sqlite3_close_v2(db_); }

Result<SqliteDatabase> SqliteDatabase::Open(const std::string& path) {
  SqliteDatabase d;
  int rc = sqlite3_open_v2(path.c_str(), &d.db_, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
  if (rc != SQLITE_OK)
    return Status::IoError(fmt::format("{}: cannot open the store: {}", path,
                                       d.db_ ? sqlite3_errmsg(d.db_) : sqlite3_errstr(rc)));
  sqlite3_busy_timeout(d.db_, 5000);
  return d;
}

Status SqliteDatabase::Execute(std::string_view sql) {
  char* message = nullptr;
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &message) == SQLITE_OK) return Status::Ok();
  Status s = Status::IoError(fmt::format("store: {} (in: {:.80})", message ? message : "?", text));
  sqlite3_free(message);
  return s;
}

Result<SqliteStatement> SqliteDatabase::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) != SQLITE_OK)
    return Status::Internal(fmt::format("store: {} (in: {:.80})", sqlite3_errmsg(db_), sql));
  return SqliteStatement(db_, stmt);
}

bool SqliteStatement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc != SQLITE_DONE) status_ = Status::IoError(fmt::format("store: {}", sqlite3_errmsg(db_)));
  return false;
}

Status SqliteStatement::Run() {
  Step();
  Reset();
  return status_;
}

std::string_view SqliteStatement::Text(int col) const {
  auto p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, col));
  return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, col))) : std::string_view();
}

}  // namespace scrutiny
