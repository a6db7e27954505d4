#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <set>

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/version.h"
#include "store/schema.h"

namespace scrutiny {
namespace {

void BindCell(SqliteStatement& s, int param, const Table& t, int col, size_t row) {
  if (t.IsNull(col, row)) return s.BindNull(param);
  switch (t.type().field(col).type) {
    case FieldType::kInteger:
    case FieldType::kFlag: return s.BindInt(param, t.Int(col, row));
    case FieldType::kDecimal: return s.BindDouble(param, t.Decimal(col, row));
    case FieldType::kDate: return s.BindText(param, t.DateAt(col, row).ToIso());
    default: return s.BindText(param, t.Text(col, row));
  }
}

std::string InsertSql(const RecordType& type) {
  bool extra = type.IndexOf(kCouncilColumn) < 0;
  std::string cols = extra ? std::string(kCouncilColumn) : "", params = extra ? "?" : "";
  for (const Field& f : type.fields) {
    cols += fmt::format("{}\"{}\"", cols.empty() ? "" : ", ", f.name);
    params += params.empty() ? "?" : ", ?";
  }
  return fmt::format("INSERT INTO \"{}\" ({}) VALUES ({})", type.name, cols, params);
}

Status InsertChunk(SqliteDatabase& db, const Table& t, const CsvFolderLoad& folder) {
  auto insert = db.Prepare(InsertSql(t.type()));
  if (!insert.ok()) return insert.status();
  bool extra = t.type().IndexOf(kCouncilColumn) < 0;
  int cols = static_cast<int>(t.type().fields.size());
  for (size_t r = 0; r < t.size(); ++r) {
    int p = 1;
    if (extra) insert->BindText(p++, folder.CouncilOf(t, r));
    for (int c = 0; c < cols; ++c) BindCell(*insert, p++, t, c, r);
    if (Status s = insert->Run(); !s.ok()) return s;
  }
  return Status::Ok();
}

std::string NowUtc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

}  // namespace

Result<Store> Store::Open(const std::string& path) {
  auto db = SqliteDatabase::Open(path);
  if (!db.ok()) return db.status();
  Store store(std::move(db).value());
  for (auto pragma : {"PRAGMA journal_mode=WAL", "PRAGMA synchronous=FULL", "PRAGMA cache_size=-65536"})
    if (Status s = store.db_.Execute(pragma); !s.ok()) return Status::IoError(fmt::format("{}: {}", path, s.message()));
  if (Status s = store.Migrate(); !s.ok()) return s;
  return store;
}

int Store::LatestSchemaVersion() { return static_cast<int>(StoreMigrations().size()); }

Result<int> Store::SchemaVersion() {
  auto q = db_.Prepare("PRAGMA user_version");
  if (!q.ok()) return q.status();
  if (!q->Step()) return q->status();
  return static_cast<int>(q->Int(0));
}

Status Store::Migrate() {
  if (Status s = db_.Execute("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto run = [&]() -> Status {
    auto version = SchemaVersion();
    if (!version.ok()) return version.status();
    if (*version > LatestSchemaVersion())
      return Status::InvalidInput(fmt::format("the store has schema version {}, newer than this scrutiny ({}): upgrade scrutiny",
                                              *version, LatestSchemaVersion()));
    for (int v = *version; v < LatestSchemaVersion(); ++v)
      if (Status s = db_.Execute(StoreMigrations()[static_cast<size_t>(v)]); !s.ok()) return s;
    for (const RecordType& t : RecordTypes()) {
      if (Status s = db_.Execute(CreateTableSql(t)); !s.ok()) return s;
      auto info = db_.Prepare(fmt::format("SELECT name FROM pragma_table_info('{}')", t.name));
      if (!info.ok()) return info.status();
      std::set<std::string, std::less<>> have;
      while (info->Step()) have.emplace(info->Text(0));
      for (const Field& f : t.fields)
        if (!have.count(f.name))
          if (Status s = db_.Execute(fmt::format("ALTER TABLE \"{}\" ADD COLUMN \"{}\" {}", t.name, f.name, SqlType(f.type))); !s.ok())
            return s;
    }
    return db_.Execute(fmt::format("PRAGMA user_version={}", LatestSchemaVersion()));
  };
  Status s = run();
  if (!s.ok()) {
    db_.Execute("ROLLBACK");
    return s;
  }
  return db_.Execute("COMMIT");
}

Result<int64_t> Store::Load(CsvFolderLoad& folder, const ReadProgress& progress) {
  if (Status s = db_.Execute("BEGIN IMMEDIATE"); !s.ok()) return s;
  auto run = [&]() -> Result<int64_t> {
    for (const RecordType& t : RecordTypes()) {
      auto del = db_.Prepare(fmt::format("DELETE FROM \"{}\" WHERE {} = ?", t.name, kCouncilColumn));
      if (!del.ok()) return del.status();
      for (const std::string& code : folder.councils()) {
        del->BindText(1, code);
        if (Status s = del->Run(); !s.ok()) return s;
      }
    }
    Status streamed = folder.Stream([&](const Table& chunk) { return InsertChunk(db_, chunk, folder); }, progress);
    if (!streamed.ok()) return streamed;
    auto load = db_.Prepare("INSERT INTO loads (loaded_at, source, councils, scrutiny_version) VALUES (?, ?, ?, ?)");
    if (!load.ok()) return load.status();
    load->BindText(1, NowUtc());
    load->BindText(2, folder.source());
    load->BindText(3, fmt::format("{}", fmt::join(folder.councils(), ",")));
    load->BindText(4, kScrutinyVersion);
    if (Status s = load->Run(); !s.ok()) return s;
    auto id = db_.Prepare("SELECT last_insert_rowid()");
    if (!id.ok() || !id->Step()) return Status::Internal("store: no load id");
    int64_t load_id = id->Int(0);
    auto file = db_.Prepare("INSERT INTO load_files VALUES (?, ?, ?, ?, ?, ?)");
    if (!file.ok()) return file.status();
    for (const SourceFile& f : folder.files()) {
      file->BindInt(1, load_id);
      file->BindText(2, f.path);
      file->BindText(3, f.record_type);
      file->BindText(4, f.sha256);
      file->BindInt(5, static_cast<int64_t>(f.bytes));
      file->BindInt(6, static_cast<int64_t>(f.rows));
      if (Status s = file->Run(); !s.ok()) return s;
    }
    return load_id;
  };
  auto result = run();
  if (!result.ok()) {
    db_.Execute("ROLLBACK");
    return result;
  }
  if (Status s = db_.Execute("COMMIT"); !s.ok()) return s;
  return result;
}

Result<std::vector<StoredRecordType>> Store::Summarise() {
  std::vector<StoredRecordType> out;
  for (const RecordType& t : RecordTypes()) {
    int date = MainDateField(t);
    std::string span = date < 0 ? "NULL, NULL" : fmt::format("MIN(\"{0}\"), MAX(\"{0}\")", t.fields[static_cast<size_t>(date)].name);
    auto q = db_.Prepare(fmt::format("SELECT COUNT(*), {} FROM \"{}\"", span, t.name));
    if (!q.ok()) return q.status();
    if (!q->Step()) return q->status();
    out.push_back({std::string(t.name), q->Int(0), std::string(q->Text(1)), std::string(q->Text(2))});
  }
  return out;
}

Result<std::vector<LoadRecord>> Store::Loads() {
  std::vector<LoadRecord> out;
  auto q = db_.Prepare("SELECT load_id, loaded_at, source, councils FROM loads ORDER BY load_id");
  if (!q.ok()) return q.status();
  while (q->Step()) out.push_back({q->Int(0), std::string(q->Text(1)), std::string(q->Text(2)), std::string(q->Text(3)), {}});
  auto f = db_.Prepare("SELECT path, record_type, sha256, bytes, rows FROM load_files WHERE load_id = ? ORDER BY rowid");
  if (!f.ok()) return f.status();
  for (LoadRecord& load : out) {
    f->BindInt(1, load.load_id);
    while (f->Step())
      load.files.push_back({std::string(f->Text(0)), std::string(f->Text(1)), std::string(f->Text(2)),
                            static_cast<uint64_t>(f->Int(3)), static_cast<uint64_t>(f->Int(4))});
    f->Reset();
  }
  return out;
}

namespace {

// True if some record type refers to records of `type` by this key field.
bool IsReferencedKey(const RecordType& type, const Field& f) {
  if (type.key.size() != 1 || type.key.front() != f.name) return false;
  for (const RecordType& other : RecordTypes())
    for (const Field& g : other.fields)
      if (g.references == type.name) return true;
  return false;
}

}  // namespace

namespace {

// Puts each child's records together, in stored order within a child, so that
// passes over a child's records read memory in sequence.
void GroupByChild(Table& t) {
  int child = t.type().IndexOf("child_id");
  if (child < 0 || t.type().name == "children") return;
  std::vector<uint32_t> order(t.size());
  std::iota(order.begin(), order.end(), 0u);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return t.Int(child, a) < t.Int(child, b); });
  t.Reorder(order);
}

}  // namespace

Status Store::Read(Dataset& out, const std::optional<std::string>& la_code, bool record_ids) {
  for (Table& t : out.tables()) {
    const RecordType& type = t.type();
    std::vector<char> skip(type.fields.size(), 0);
    for (size_t c = 0; c < type.fields.size() && !record_ids; ++c)
      skip[c] = type.fields[c].type == FieldType::kId && type.fields[c].references.empty() &&
                type.key.size() == 1 && type.key.front() == type.fields[c].name && !IsReferencedKey(type, type.fields[c]);
    std::vector<std::string> cols;
    for (const Field& f : type.fields) cols.push_back(fmt::format("\"{}\"", f.name));
    auto q = db_.Prepare(fmt::format("SELECT {} FROM \"{}\"{} ORDER BY rowid", fmt::join(cols, ", "), type.name,
                                     la_code ? fmt::format(" WHERE {} = ?", kCouncilColumn) : ""));
    if (!q.ok()) return q.status();
    if (la_code) q->BindText(1, *la_code);
    while (q->Step()) {
      t.AddRow();
      for (int c = 0; c < static_cast<int>(type.fields.size()); ++c) {
        if (skip[static_cast<size_t>(c)] || q->IsNull(c)) continue;
        switch (type.field(c).type) {
          case FieldType::kInteger: t.SetInt(c, static_cast<int32_t>(q->Int(c))); break;
          case FieldType::kFlag: t.SetFlag(c, q->Int(c) != 0); break;
          case FieldType::kDecimal: t.SetDecimal(c, q->Double(c)); break;
          case FieldType::kDate: {
            auto d = Date::ParseIso(q->Text(c));
            if (!d) return Status::Internal(fmt::format("store: {}.{} holds '{}', not a date", type.name, type.field(c).name, q->Text(c)));
            t.SetDate(c, *d);
            break;
          }
          default: t.SetText(c, q->Text(c));
        }
      }
    }
    if (!q->status().ok()) return q->status();
    GroupByChild(t);
  }
  return Status::Ok();
}

namespace {

std::vector<Comment> ReadComments(SqliteStatement& q) {
  std::vector<Comment> out;
  while (q.Step())
    out.push_back({q.Int(0), std::string(q.Text(1)), std::string(q.Text(2)), std::string(q.Text(3)),
                   std::string(q.Text(4)), std::string(q.Text(5)), std::string(q.Text(6)), std::string(q.Text(7))});
  return out;
}

constexpr const char* kCommentColumns = "comment_id, la_code, indicator, period, text, actions, author, written_at";

}  // namespace

Result<std::vector<std::string>> Store::Councils() {
  auto q = db_.Prepare("SELECT la_code FROM councils ORDER BY la_code");
  if (!q.ok()) return q.status();
  std::vector<std::string> out;
  while (q->Step()) out.emplace_back(q->Text(0));
  if (!q->status().ok()) return q->status();
  return out;
}

Result<int64_t> Store::AddComment(const Comment& c) {
  auto q = db_.Prepare(
      "INSERT INTO commentary (la_code, indicator, period, text, actions, author, written_at)"
      " VALUES (?, ?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%SZ', 'now')) RETURNING comment_id");
  if (!q.ok()) return q.status();
  std::string_view values[] = {c.la_code, c.indicator, c.period, c.text, c.actions, c.author};
  for (int i = 0; i < 6; ++i) q->BindText(i + 1, values[i]);
  if (!q->Step()) return q->status().ok() ? Status::Internal("store: the comment was not added") : q->status();
  return q->Int(0);
}

Result<std::vector<Comment>> Store::CurrentComments(const std::string& la_code, const std::string& period) {
  auto q = db_.Prepare(fmt::format(
      "SELECT {} FROM commentary WHERE comment_id IN (SELECT max(comment_id) FROM commentary"
      " WHERE la_code = ? AND period = ? GROUP BY indicator) ORDER BY indicator",
      kCommentColumns));
  if (!q.ok()) return q.status();
  q->BindText(1, la_code);
  q->BindText(2, period);
  auto out = ReadComments(*q);
  if (!q->status().ok()) return q->status();
  return out;
}

Result<std::vector<Comment>> Store::CommentHistory(const std::string& la_code, const std::string& indicator,
                                                   const std::string& period) {
  auto q = db_.Prepare(fmt::format(
      "SELECT {} FROM commentary WHERE la_code = ? AND indicator = ? AND period = ? ORDER BY comment_id", kCommentColumns));
  if (!q.ok()) return q.status();
  q->BindText(1, la_code);
  q->BindText(2, indicator);
  q->BindText(3, period);
  auto out = ReadComments(*q);
  if (!q->status().ok()) return q->status();
  return out;
}

}  // namespace scrutiny
