#pragma once
// Store is the embedded store: one SQLite file in WAL mode holding the case
// records of any number of councils, with a versioned schema and a record of
// every load. A load replaces everything held for the councils it contains in
// one transaction, so a failure, kill or power cut leaves the previous data.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/csv_loader.h"
#include "store/sqlite.h"

namespace scrutiny {

// Rows held for one record type and the span of its main date.
struct StoredRecordType {
  std::string record_type;
  int64_t rows = 0;
  std::string first_date, last_date;  // empty when the type has no dates or no rows
};

// One completed load, as recorded in the store.
struct LoadRecord {
  int64_t load_id = 0;
  std::string loaded_at;  // UTC, ISO 8601
  std::string source;
  std::string councils;   // la_codes, comma-separated
  std::vector<SourceFile> files;
};

// Management commentary on one indicator's value for a council and period.
// Entries are never changed: a new entry supersedes the older ones.
struct Comment {
  int64_t comment_id = 0;
  std::string la_code, indicator, period;  // period label, e.g. 2025-10 or 2025-26-Q3
  std::string text, actions, author;
  std::string written_at;                  // UTC, ISO 8601
};

class Store {
 public:
  // Opens or creates the store, bringing its schema up to date.
  static Result<Store> Open(const std::string& path);

  // The schema version this build writes and the one the file has.
  static int LatestSchemaVersion();
  Result<int> SchemaVersion();

  // Stores the records of a checked folder, replacing the data of its councils
  // in one transaction. Returns the load's number.
  Result<int64_t> Load(CsvFolderLoad& folder, const ReadProgress& progress = {});

  Result<std::vector<StoredRecordType>> Summarise();
  Result<std::vector<LoadRecord>> Loads();
  // Reads the stored records back (of every council, or of one). With
  // `record_ids` false, identifiers that no other record refers to (visit_id,
  // contact_id...) are left empty: computing indicators never needs them, and
  // for millions of records they are most of the memory.
  Status Read(Dataset& out, const std::optional<std::string>& la_code = std::nullopt, bool record_ids = true);

  // The councils (la_codes) the store holds.
  Result<std::vector<std::string>> Councils();
  // Adds a comment (stamped with the time now); returns its number.
  Result<int64_t> AddComment(const Comment& comment);
  // The current comment on each indicator of a council's period, by indicator.
  Result<std::vector<Comment>> CurrentComments(const std::string& la_code, const std::string& period);
  // Every comment ever written on one indicator's period, oldest first.
  Result<std::vector<Comment>> CommentHistory(const std::string& la_code, const std::string& indicator,
                                              const std::string& period);

 private:
  explicit Store(SqliteDatabase db) : db_(std::move(db)) {}
  Status Migrate();

  SqliteDatabase db_;
};

}  // namespace scrutiny
