#pragma once
// Records read from a return, added to Scrutiny's record model through the
// model's validator (AddRecord) with the file and line each came from. Shared
// by the readers of the SSDA903, CIN census and workforce returns.

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "ingest/return_file_size.h"
#include "model/table.h"
#include "model/validator.h"

namespace scrutiny {

// ReturnOptions says whose return is read, and for which year if not inferred.
struct ReturnOptions {
  std::string la_code;       // the council's DfE code
  std::string council_name;  // for councils.csv; "Council <la_code>" if empty
  // Financial year of the return, 2024 for 2024-25 (the CIN census of March 2025).
  std::optional<int> collection_year;
  uint64_t max_file_bytes = kMaxReturnFileBytes;  // a larger file is refused unread
};

// Whether the text can be part of a record identifier: letters, digits, - _ . /
bool IsIdText(std::string_view s);

// The model's child_id of the child a return identifies as `id`, <la_code>-<id>,
// for the problems of the child's rows; empty if the id could not be one.
std::string ChildIdOfReturn(std::string_view la_code, std::string_view id);

// The outward code of a postcode ("EG19" of "EG19 7TT", or of "EG19" alone):
// the model keeps districts, not addresses. Empty if the text is not a postcode.
std::string PostcodeDistrict(std::string_view postcode);

// Sources sized for every table of the dataset, none noted yet.
RowSources EmptySources(const Dataset& dataset);

// ModelRecord collects one record's values (text, or dates as dates) and adds
// it through the model's validator, noting the file and line it came from.
// Values are copied, so a temporary may be given. Clear() readies it for the
// next record of its type, reusing its memory.
class ModelRecord {
 public:
  ModelRecord(Dataset& dataset, RowSources& sources, std::string_view type);
  ModelRecord& Clear();
  ModelRecord& Set(std::string_view field, std::string_view value) { return Set(field, {value}); }
  // The pieces joined: Set("child_id", {la_code, "-", child}).
  ModelRecord& Set(std::string_view field, std::initializer_list<std::string_view> pieces);
  ModelRecord& Set(std::string_view field, std::optional<Date> d);
  // The pieces joined and interned in the dataset's string pool, for a value
  // many records share (a child's child_id): set with SetInterned, it is
  // neither copied nor hashed again.
  int32_t Intern(std::initializer_list<std::string_view> pieces);
  ModelRecord& SetInterned(std::string_view field, int32_t id);
  // Makes room in the table (and the sources) for `more` records.
  void Reserve(size_t more);
  // Adds the record; false (and problems) if the model refuses it.
  bool Add(const std::string& file, uint64_t line, Problems& problems);
  // Takes the record added last out of its table again (it must still be its table's last row).
  void Remove() const;
  std::string_view type() const { return type_->name; }

 private:
  size_t FieldIndex(std::string_view field);

  // A value: text at [offset, offset + size) of text_, a date's day number,
  // or a string of the pool.
  struct Value {
    uint32_t offset = 0, size = 0;
    int32_t day = kNull;
    int32_t pooled = -1;
  };
  Dataset& dataset_;
  RowSources& sources_;
  size_t index_ = 0;
  const RecordType* type_ = nullptr;  // of the catalogue, which never moves
  size_t next_field_ = 0;  // where the next field set is looked for first
  std::vector<Value> values_;
  std::vector<FieldValue> given_;  // the values as handed to the validator, reused
  static constexpr size_t kTextReserved = 128;  // bytes of text a record's values mostly fit in
  std::string text_;
};

// The councils.csv record of the council whose return is read.
bool AddCouncil(Dataset& dataset, RowSources& sources, const std::string& la_code, const std::string& name,
                Problems& problems);

// RecordGroup adds records that stand or fall together (a child and all that
// hangs on it): each is added, and if the model refuses any, those added are
// taken out again, so none is kept unless the model accepts every one. A group
// is used again and again (a row's records, then the next row's): its records'
// memory is reused when the next group makes records of the same types.
class RecordGroup {
 public:
  RecordGroup(Dataset& dataset, RowSources& sources) : dataset_(dataset), sources_(sources) {}
  // A new, empty record of the group, from the file and line given.
  ModelRecord& Record(std::string_view type, std::string_view file, uint64_t line);
  // Adds every record, or none; false (and the model's problems) if any is refused. The group is then empty.
  bool Commit(Problems& problems);
  // Empties the group, adding nothing.
  void Discard() { used_ = 0; }

 private:
  struct Pending {
    std::optional<ModelRecord> record;
    std::string file;
    uint64_t line = 0;
  };
  Dataset& dataset_;
  RowSources& sources_;
  std::vector<Pending> pending_;  // the group's records are the first used_; the rest wait to be reused
  size_t used_ = 0;
  std::vector<const ModelRecord*> added_;
};

}  // namespace scrutiny
