#include "ingest/model_record.h"

#include <algorithm>
#include <cctype>

namespace scrutiny {

RowSources EmptySources(const Dataset& dataset) {
  RowSources sources;
  sources.files.assign(dataset.tables().size(), "");
  sources.lines.assign(dataset.tables().size(), {});
  return sources;
}

bool IsIdText(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), IsIdChar); }

std::string ChildIdOfReturn(std::string_view la_code, std::string_view id) {
  constexpr size_t kLongestChildId = 64;  // the model's identifiers
  if (!IsIdText(id) || la_code.size() + 1 + id.size() > kLongestChildId) return "";
  std::string child_id(la_code);
  child_id += '-';
  child_id += id;
  return child_id;
}

ModelRecord::ModelRecord(Dataset& dataset, RowSources& sources, std::string_view type)
    : dataset_(dataset), sources_(sources) {
  auto& tables = dataset.tables();
  while (tables[index_].type().name != type) ++index_;
  type_ = &tables[index_].type();
  values_.resize(type_->fields.size());
  given_.resize(values_.size());
  text_.reserve(kTextReserved);
}

ModelRecord& ModelRecord::Clear() {
  std::fill(values_.begin(), values_.end(), Value{});
  text_.clear();
  next_field_ = 0;
  return *this;
}

size_t ModelRecord::FieldIndex(std::string_view field) {
  // Fields are mostly set in order, so the search starts after the last one set, and each is named
  // by the literal that names it in the catalogue, so most match by address.
  const std::vector<Field>& fields = type_->fields;
  size_t i = next_field_ < fields.size() ? next_field_ : 0;
  for (size_t n = 0; n < fields.size(); ++n, i = i + 1 < fields.size() ? i + 1 : 0) {
    std::string_view name = fields[i].name;
    if (name.size() == field.size() && (name.data() == field.data() || name == field)) return (next_field_ = i + 1) - 1;
  }
  return static_cast<size_t>(type_->IndexOf(field));  // -1: not a field, as before
}

ModelRecord& ModelRecord::Set(std::string_view field, std::initializer_list<std::string_view> pieces) {
  Value& v = values_[FieldIndex(field)];
  v = {static_cast<uint32_t>(text_.size()), 0, kNull, -1};
  for (std::string_view piece : pieces) text_.append(piece);
  v.size = static_cast<uint32_t>(text_.size() - v.offset);
  return *this;
}

ModelRecord& ModelRecord::Set(std::string_view field, std::optional<Date> d) {
  values_[FieldIndex(field)] = {0, 0, d ? d->days() : kNull, -1};
  return *this;
}

int32_t ModelRecord::Intern(std::initializer_list<std::string_view> pieces) {
  std::string joined;
  for (std::string_view piece : pieces) joined.append(piece);
  return dataset_.tables()[index_].Intern(joined);
}

ModelRecord& ModelRecord::SetInterned(std::string_view field, int32_t id) {
  values_[FieldIndex(field)] = {0, 0, kNull, id};
  return *this;
}

void ModelRecord::Reserve(size_t more) {
  Table& table = dataset_.tables()[index_];
  table.Reserve(table.size() + more);
  if (index_ < sources_.lines.size()) sources_.lines[index_].reserve(sources_.lines[index_].size() + more);
}

bool ModelRecord::Add(const std::string& file, uint64_t line, Problems& problems) {
  Table& table = dataset_.tables()[index_];
  for (size_t i = 0; i < values_.size(); ++i) {
    const Value& v = values_[i];
    bool pooled = v.pooled >= 0 && static_cast<size_t>(v.pooled) < table.pool().size();
    std::string_view text = pooled ? table.pool().Get(v.pooled) : std::string_view(text_).substr(v.offset, v.size);
    given_[i] = {text, v.day, pooled ? v.pooled : -1};
  }
  if (!AddRecord(table, given_, file, line, problems)) return false;
  size_t tables = dataset_.tables().size();
  if (sources_.files.size() < tables) sources_.files.resize(tables), sources_.lines.resize(tables);
  sources_.lines[index_].push_back(static_cast<uint32_t>(line));
  if (sources_.files[index_] != file) sources_.files[index_] = file;
  return true;
}

namespace {

constexpr size_t kPostcodeInwardLength = 3;  // "7TT" of "EG19 7TT"
constexpr size_t kLongestPostcode = 7;       // "EG19 7TT" without its space

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// An outward code: one or two letters, a digit, then a letter or digit or nothing.
bool IsDistrict(std::string_view s) {
  size_t letters = 0;
  while (letters < s.size() && IsUpper(s[letters])) ++letters;
  if (letters < 1 || letters > 2 || letters >= s.size() || !IsDigit(s[letters])) return false;
  std::string_view rest = s.substr(letters + 1);
  return rest.empty() || (rest.size() == 1 && (IsUpper(rest[0]) || IsDigit(rest[0])));
}

bool IsInward(std::string_view s) {
  return s.size() == kPostcodeInwardLength && IsDigit(s[0]) && IsUpper(s[1]) && IsUpper(s[2]);
}

}  // namespace

std::string PostcodeDistrict(std::string_view postcode) {
  char letters[kLongestPostcode];  // without spaces, upper case
  size_t n = 0;
  for (char c : postcode) {
    if (c == ' ') continue;
    if (n == sizeof letters) return "";  // too long to be a postcode
    letters[n++] = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  std::string_view compact(letters, n);
  if (IsDistrict(compact)) return std::string(compact);
  if (compact.size() <= kPostcodeInwardLength) return "";
  std::string_view outward = compact.substr(0, compact.size() - kPostcodeInwardLength);
  if (!IsDistrict(outward) || !IsInward(compact.substr(outward.size()))) return "";
  return std::string(outward);
}

void ModelRecord::Remove() const {
  dataset_.tables()[index_].PopRow();
  sources_.lines[index_].pop_back();
}

bool AddCouncil(Dataset& dataset, RowSources& sources, const std::string& la_code, const std::string& name,
                Problems& problems) {
  return ModelRecord(dataset, sources, "councils")
      .Set("la_code", la_code)
      .Set("name", name.empty() ? "Council " + la_code : name)
      .Add("(council)", 0, problems);
}

ModelRecord& RecordGroup::Record(std::string_view type, std::string_view file, uint64_t line) {
  if (used_ == pending_.size()) pending_.emplace_back();
  Pending& p = pending_[used_++];
  if (p.record && p.record->type() == type) p.record->Clear();
  else p.record.emplace(dataset_, sources_, type);
  p.file.assign(file);
  p.line = line;
  return *p.record;
}

bool RecordGroup::Commit(Problems& problems) {
  added_.clear();
  for (size_t i = 0; i < used_; ++i)
    if (pending_[i].record->Add(pending_[i].file, pending_[i].line, problems)) added_.push_back(&*pending_[i].record);
  bool all = added_.size() == used_;
  if (!all)  // newest first, so each is its table's last row
    for (auto it = added_.rbegin(); it != added_.rend(); ++it) (*it)->Remove();
  used_ = 0;
  return all;
}

}  // namespace scrutiny
