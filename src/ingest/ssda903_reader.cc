#include "ingest/ssda903_reader.h"
#include "ingest/return_file_size.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include <fmt/format.h>

#include "ingest/episode_cleaning.h"
#include "ingest/model_record.h"
#include "ingest/ssda903_file.h"
#include "ingest/ssda903_row_check.h"

namespace scrutiny {
namespace {

namespace fs = std::filesystem;
using T = Ssda903Table;
using C = Ssda903Coded;

constexpr int kFirstCareLeaverAge = 17, kLastCareLeaverAge = 21;
constexpr size_t kPostcodeInwardLength = 3;  // "7TT" of "EG19 7TT"

// The outward code of a postcode ("EG19" of "EG19 7TT"): the model keeps districts, not addresses.
std::string PostcodeDistrict(std::string_view postcode) {
  std::string compact;
  for (char c : postcode)
    if (c != ' ') compact += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (compact.size() > kPostcodeInwardLength + 1) compact.resize(compact.size() - kPostcodeInwardLength);
  return compact;
}

// What header.csv and uasc.csv say of a child, and whether other records name it.
struct ChildInfo {
  uint64_t line = 0;
  std::string_view sex, ethnicity;
  Date dob;
  std::optional<Date> uasc_ceased;
  bool uasc = false;
  bool looked_after = false;  // has an episode kept
  bool has_records = false;
};

struct AdoptionDates {
  const Ssda903File* file = nullptr;
  uint64_t line = 0;
  std::optional<Date> decision, match, reversed;
  std::string_view reversal_reason;
};

// ReturnReading reads one return's files into an Ssda903Return, table by table.
class ReturnReading {
 public:
  ReturnReading(const Ssda903Options& options, Problems& problems) : options_(options), problems_(problems) {}
  Result<Ssda903Return> Run(const std::vector<Ssda903Text>& texts);

 private:
  Status ReadFiles(const std::vector<Ssda903Text>& texts);
  std::optional<int> InferYear() const;
  template <typename OnRow>
  void EachRow(T table, OnRow on_row);
  ChildInfo* KnownChild(Ssda903RowCheck& check);
  ChildInfo* LookedAfterChild(Ssda903RowCheck& check);
  std::string ChildId(std::string_view child) const { return options_.la_code + "-" + std::string(child); }
  bool ReadChild(Ssda903RowCheck& check);
  bool ReadUasc(Ssda903RowCheck& check);
  bool ReadEpisode(Ssda903RowCheck& check, std::map<std::string_view, std::vector<Ssda903Episode>>& episodes);
  void AddEpisodes(std::map<std::string_view, std::vector<Ssda903Episode>>& episodes);
  void AddChildEpisodes(std::string_view child, std::vector<Ssda903Episode>& episodes, const std::string& file);
  bool ReadReview(Ssda903RowCheck& check, std::map<std::string, uint64_t>& seen);
  bool ReadMissing(Ssda903RowCheck& check, int& number);
  bool ReadCareLeaver(Ssda903RowCheck& check);
  bool ReadAdoption(Ssda903RowCheck& check, T table, std::map<std::string_view, AdoptionDates>& adoptions);
  void AddAdoptions(const std::map<std::string_view, AdoptionDates>& adoptions);
  void AddChildren();
  Ssda903FileCount& CountOf(const Ssda903File& file);

  const Ssda903Options& options_;
  Problems& problems_;
  int year_ = 0;
  std::vector<Ssda903File> files_;
  std::map<T, size_t> file_of_table_;
  std::map<std::string_view, ChildInfo> children_;
  Ssda903Return out_;
};

Result<Ssda903Return> ReturnReading::Run(const std::vector<Ssda903Text>& texts) {
  if (!IsIdText(options_.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options_.la_code));
  if (Status s = ReadFiles(texts); !s.ok()) return s;
  auto year = options_.collection_year ? options_.collection_year : InferYear();
  if (!year)
    return Status::InvalidInput("the collection year cannot be inferred (no episode with a good DECOM); give it");
  year_ = out_.collection_year = *year;
  AddCouncil(out_.dataset, out_.sources, options_.la_code, options_.council_name, problems_);
  EachRow(T::kHeader, [&](Ssda903RowCheck& c) { return ReadChild(c); });
  EachRow(T::kUasc, [&](Ssda903RowCheck& c) { return ReadUasc(c); });
  std::map<std::string_view, std::vector<Ssda903Episode>> episodes;
  EachRow(T::kEpisodes, [&](Ssda903RowCheck& c) { return ReadEpisode(c, episodes); });
  AddEpisodes(episodes);
  std::map<std::string, uint64_t> reviews;
  EachRow(T::kReviews, [&](Ssda903RowCheck& c) { return ReadReview(c, reviews); });
  int missing = 0;
  EachRow(T::kMissing, [&](Ssda903RowCheck& c) { return ReadMissing(c, missing); });
  EachRow(T::kOc3, [&](Ssda903RowCheck& c) { return ReadCareLeaver(c); });
  std::map<std::string_view, AdoptionDates> adoptions;
  EachRow(T::kAd1, [&](Ssda903RowCheck& c) { return ReadAdoption(c, T::kAd1, adoptions); });
  EachRow(T::kPlacedForAdoption, [&](Ssda903RowCheck& c) { return ReadAdoption(c, T::kPlacedForAdoption, adoptions); });
  AddAdoptions(adoptions);
  AddChildren();
  return std::move(out_);
}

Status ReturnReading::ReadFiles(const std::vector<Ssda903Text>& texts) {
  for (const Ssda903Text& text : texts) {
    auto read = Ssda903File::Read(text.name, text.text, problems_);
    if (!read.ok()) return read.status();
    std::optional<Ssda903File>& file = *read;
    if (!file) continue;
    const Ssda903TableSpec& spec = file->spec();
    out_.files.push_back({file->name(), std::string(spec.usual_file), file->rows().size() + file->rows_refused(),
                          file->rows_refused(), false});
    if (!spec.read) {
      problems_.Add({file->name(), 1, "header", std::string(spec.usual_file),
                     "Scrutiny does not read this table of the return yet; file skipped"});
    } else if (auto held = file_of_table_.find(spec.table); held != file_of_table_.end()) {
      return Status::InvalidInput(fmt::format(
          "{} and {} both hold the {} table; a return has one file of each (files of two years in one folder?); "
          "nothing read", files_[held->second].name(), file->name(), spec.usual_file));
    } else {
      out_.files.back().read = true;
      file_of_table_[spec.table] = files_.size();
      files_.push_back(std::move(*file));
    }
  }
  return Status::Ok();
}

std::optional<int> ReturnReading::InferYear() const {
  auto it = file_of_table_.find(T::kEpisodes);
  if (it == file_of_table_.end()) return std::nullopt;
  const Ssda903File& file = files_[it->second];
  std::optional<Date> latest;
  for (const Ssda903Row& row : file.rows())
    if (auto d = Date::ParseDmy(file.Cell(row, "DECOM")); d && (!latest || *d > *latest)) latest = d;
  if (!latest) return std::nullopt;
  return FinancialYear::Of(*latest).start_year;
}

Ssda903FileCount& ReturnReading::CountOf(const Ssda903File& file) {
  return *std::find_if(out_.files.begin(), out_.files.end(),
                       [&](const Ssda903FileCount& c) { return c.read && c.name == file.name(); });
}

template <typename OnRow>
void ReturnReading::EachRow(T table, OnRow on_row) {
  auto it = file_of_table_.find(table);
  if (it == file_of_table_.end()) return;
  const Ssda903File& file = files_[it->second];
  Ssda903FileCount& count = CountOf(file);
  for (const Ssda903Row& row : file.rows()) {
    Ssda903RowCheck check(file, row, year_, problems_);
    if (!on_row(check)) ++count.left_out;
  }
}

ChildInfo* ReturnReading::KnownChild(Ssda903RowCheck& check) {
  auto it = children_.find(check.Text("CHILD"));
  if (it != children_.end()) return &it->second;
  check.Fail("CHILD", check.Text("CHILD"), "the child is not in the header file (or was left out of it)");
  return nullptr;
}

ChildInfo* ReturnReading::LookedAfterChild(Ssda903RowCheck& check) {
  ChildInfo* child = KnownChild(check);
  if (!child || child->looked_after) return child;
  check.Fail("CHILD", check.Text("CHILD"), "the child has no episode in the episodes file: not looked after");
  return nullptr;
}

bool ReturnReading::ReadChild(Ssda903RowCheck& check) {
  std::string_view id = check.Text("CHILD");
  if (!IsIdText(id) || ChildId(id).size() > 64) check.Fail("CHILD", id, "CHILD is 1 to 60 letters, digits or - _ . /");
  ChildInfo child{check.line(), check.Code("SEX", C::kSex, true), check.Code("ETHNIC", C::kEthnic, true), {}, {}};
  auto dob = check.DateIn("DOB", true);
  if (check.ok() && children_.count(id)) check.Fail("CHILD", id, "the child appears twice in the header file");
  if (!check.ok()) return false;
  child.dob = *dob;
  children_.emplace(id, child);
  return true;
}

bool ReturnReading::ReadUasc(Ssda903RowCheck& check) {
  ChildInfo* child = KnownChild(check);
  auto ceased = check.AnyDate("DUC", false);
  if (!check.ok()) return false;
  child->uasc = true;
  child->uasc_ceased = ceased;
  return true;
}

bool ReturnReading::ReadEpisode(Ssda903RowCheck& check,
                                std::map<std::string_view, std::vector<Ssda903Episode>>& episodes) {
  ChildInfo* child = KnownChild(check);
  Ssda903Episode e;
  e.line = check.line();
  e.child = check.Text("CHILD");
  auto decom = check.DateIn("DECOM", true);
  e.dec = check.AnyDate("DEC", false);
  e.rne = check.Code("RNE", C::kRne, true);
  e.ls = check.Code("LS", C::kLs, true);
  e.cin = check.Code("CIN", C::kCin, true);
  e.place = check.Code("PLACE", C::kPlace, true);
  e.place_provider = check.Code("PLACE_PROVIDER", C::kPlaceProvider, false);
  e.rec = check.Code("REC", C::kRec, e.dec.has_value());
  e.reason_place_change = check.Code("REASON_PLACE_CHANGE", C::kReasonPlaceChange, false);
  if (check.ok() && e.dec && *e.dec < *decom) check.Fail("DEC", check.Text("DEC"), "DEC is not before DECOM");
  if (check.ok() && *decom < child->dob) check.Fail("DECOM", check.Text("DECOM"), "DECOM is not before the child's DOB");
  if (!check.ok()) return false;
  e.decom = *decom;
  e.home_district = PostcodeDistrict(check.Text("HOME_POST"));
  e.placement_district = PostcodeDistrict(check.Text("PL_POST"));
  e.urn = check.Text("URN");
  if (FinancialYear year{year_}; e.dec && *e.dec > year.last_day()) {
    check.Note("DEC", fmt::format("CHILD {}: {}", e.child, DmyText(*e.dec)),
               "DEC is after the end of the collection year: the episode is taken as open at the year end");
    e.dec.reset();
    e.rec = {};
    ++out_.fixed;
  }
  episodes[e.child].push_back(std::move(e));
  return true;
}

void ReturnReading::AddEpisodes(std::map<std::string_view, std::vector<Ssda903Episode>>& episodes) {
  if (episodes.empty()) return;
  const Ssda903File& file = files_[file_of_table_.at(T::kEpisodes)];
  for (auto& [child, list] : episodes) {
    out_.fixed += CleanEpisodes(list, file.name(), problems_);
    AddChildEpisodes(child, list, file.name());
  }
}

void ReturnReading::AddChildEpisodes(std::string_view child, std::vector<Ssda903Episode>& episodes,
                                     const std::string& file) {
  Ssda903Episode& last = episodes.back();
  if (!last.dec && !last.rec.empty()) {
    problems_.Add({file, last.line, "REC", fmt::format("CHILD {}: {}", child, last.rec),
                   "REC without DEC on the child's last episode: the episode is open at the year end; REC dropped"});
    last.rec = {};
    ++out_.fixed;
  }
  size_t number = 0;
  for (const Ssda903Episode& e : episodes) {
    bool kept = ModelRecord(out_.dataset, out_.sources, "looked_after_episodes")
                    .Set("episode_id", fmt::format("{}-E{}", ChildId(child), ++number))
                    .Set("child_id", ChildId(child))
                    .Set("decom", e.decom).Set("rne", e.rne).Set("ls", e.ls).Set("cin", e.cin).Set("place", e.place)
                    .Set("place_provider", e.place_provider).Set("dec", e.dec).Set("rec", e.rec)
                    .Set("reason_place_change", e.reason_place_change).Set("home_postcode_district", e.home_district)
                    .Set("placement_postcode_district", e.placement_district).Set("urn", e.urn)
                    .Add(file, e.line, problems_);
    children_.at(child).looked_after |= kept;
    children_.at(child).has_records |= kept;
    if (!kept) ++CountOf(files_[file_of_table_.at(T::kEpisodes)]).left_out;
  }
}

bool ReturnReading::ReadReview(Ssda903RowCheck& check, std::map<std::string, uint64_t>& seen) {
  ChildInfo* child = LookedAfterChild(check);
  auto date = check.DateIn("REVIEW", true);
  std::string_view participation = check.Code("REVIEW_CODE", C::kReviewCode, false);
  if (check.ok() && *date < child->dob) check.Fail("REVIEW", check.Text("REVIEW"), "REVIEW is not before the child's DOB");
  std::string key = fmt::format("{}\x1f{}", check.Text("CHILD"), check.Text("REVIEW"));
  if (check.ok() && seen.count(key))
    check.Fail("REVIEW", fmt::format("{} (first on line {})", check.Text("REVIEW"), seen[key]),
               "a second review of the child that day");
  if (!check.ok()) return false;
  seen[key] = check.line();
  return ModelRecord(out_.dataset, out_.sources, "looked_after_reviews")
      .Set("child_id", ChildId(check.Text("CHILD"))).Set("review_date", date).Set("participation", participation)
      .Add(check.file(), check.line(), problems_);
}

bool ReturnReading::ReadMissing(Ssda903RowCheck& check, int& number) {
  LookedAfterChild(check);
  auto start = check.DateIn("MIS_START", true);
  auto end = check.DateIn("MIS_END", false);
  std::string_view type = check.Code("MISSING", C::kMissing, true);
  if (check.ok() && end && *end < *start) check.Fail("MIS_END", check.Text("MIS_END"), "MIS_END is not before MIS_START");
  if (!check.ok()) return false;
  return ModelRecord(out_.dataset, out_.sources, "missing_episodes")
      .Set("missing_id", fmt::format("{}-M{}", options_.la_code, ++number))
      .Set("child_id", ChildId(check.Text("CHILD"))).Set("start_date", start).Set("end_date", end)
      .Set("missing_type", type)
      .Add(check.file(), check.line(), problems_);
}

bool ReturnReading::ReadCareLeaver(Ssda903RowCheck& check) {
  ChildInfo* child = KnownChild(check);
  std::string_view in_touch = check.Code("IN_TOUCH", C::kInTouch, true);
  std::string_view activity = check.Code("ACTIV", C::kActiv, false);
  std::string_view accommodation = check.Code("ACCOM", C::kAccom, false);
  if (!check.ok()) return false;
  Date first = FinancialYear{year_}.first_day();
  int age = first.year() - child->dob.year();
  if (child->dob.AddYears(age) < first) ++age;
  if (age < kFirstCareLeaverAge || age > kLastCareLeaverAge) {
    check.Fail("CHILD", check.Text("CHILD"), "a care leaver in OC3 is 17 to 21 on their birthday in the collection year");
    return false;
  }
  bool kept = ModelRecord(out_.dataset, out_.sources, "care_leavers")
                  .Set("child_id", ChildId(check.Text("CHILD"))).Set("as_at_date", child->dob.AddYears(age))
                  .Set("eligibility", age == kFirstCareLeaverAge ? "RELEVANT" : "FORMER_RELEVANT")
                  .Set("in_touch", in_touch).Set("activity", activity).Set("accommodation", accommodation)
                  .Add(check.file(), check.line(), problems_);
  child->has_records |= kept;
  return kept;
}

bool ReturnReading::ReadAdoption(Ssda903RowCheck& check, T table, std::map<std::string_view, AdoptionDates>& adoptions) {
  KnownChild(check);
  AdoptionDates& a = adoptions[check.Text("CHILD")];
  AdoptionDates read;
  if (table == T::kAd1) {
    read.decision = check.DateIn("DATE_INT", true);
    read.match = check.DateIn("DATE_MATCH", false);
  } else {
    read.decision = check.DateIn("DATE_PLACED", true);
    read.reversed = check.DateIn("DATE_PLACED_CEASED", false);
    read.reversal_reason = check.Code("REASON_PLACED_CEASED", C::kReasonPlacedCeased, read.reversed.has_value());
  }
  if (!check.ok()) return false;
  if (!a.file) a.file = &files_[file_of_table_.at(table)], a.line = check.line();
  if (!a.decision) a.decision = read.decision;
  if (!a.match) a.match = read.match;
  if (!a.reversed) a.reversed = read.reversed, a.reversal_reason = read.reversal_reason;
  return true;
}

void ReturnReading::AddAdoptions(const std::map<std::string_view, AdoptionDates>& adoptions) {
  for (const auto& [child, a] : adoptions) {
    if (!a.file) continue;
    bool kept = ModelRecord(out_.dataset, out_.sources, "adoptions")
                    .Set("adoption_id", ChildId(child) + "-A").Set("child_id", ChildId(child))
                    .Set("decision_date", a.decision).Set("match_date", a.match)
                    .Set("decision_reversed_date", a.reversed).Set("reversal_reason", a.reversal_reason)
                    .Add(a.file->name(), a.line, problems_);
    if (kept) children_.at(child).has_records = true;
    else ++CountOf(*a.file).left_out;
  }
}

void ReturnReading::AddChildren() {
  if (!file_of_table_.count(T::kHeader)) return;
  const Ssda903File& file = files_[file_of_table_.at(T::kHeader)];
  for (const auto& [id, child] : children_) {
    if (!child.has_records) {
      problems_.Add({file.name(), child.line, "CHILD", std::string(id),
                     "the child has no episode, care leaver or adoption record; left out"});
      ++CountOf(file).left_out;
      continue;
    }
    ModelRecord(out_.dataset, out_.sources, "children")
        .Set("child_id", ChildId(id)).Set("la_code", options_.la_code).Set("sex", child.sex)
        .Set("date_of_birth", child.dob).Set("ethnicity", child.ethnicity).Set("uasc", child.uasc ? "Y" : "N")
        .Set("uasc_ceased_date", child.uasc_ceased)
        .Add(file.name(), child.line, problems_);
  }
}

}  // namespace

uint64_t Ssda903Return::left_out() const {
  uint64_t n = 0;
  for (const Ssda903FileCount& f : files)
    if (f.read) n += f.left_out;
  return n;
}

Result<std::vector<Ssda903Text>> ReadSsda903Folder(const std::string& dir, uint64_t max_file_bytes) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::IoError(fmt::format("{}: not a folder", dir));
  std::vector<Ssda903Text> files;
  for (const auto& entry : fs::directory_iterator(dir, ec)) {
    std::string extension = entry.path().extension().string();
    std::transform(extension.begin(), extension.end(), extension.begin(), [](unsigned char c) { return std::tolower(c); });
    if (extension != ".csv") continue;
    if (Status s = CheckReturnFileSize(entry.path().string(), max_file_bytes); !s.ok()) return s;
    std::ifstream in(entry.path(), std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    if (!in) return Status::IoError(fmt::format("{}: cannot be read", entry.path().string()));
    files.push_back({entry.path().string(), std::move(text).str()});
  }
  if (ec) return Status::IoError(fmt::format("{}: {}", dir, ec.message()));
  std::sort(files.begin(), files.end(), [](const Ssda903Text& a, const Ssda903Text& b) { return a.name < b.name; });
  return files;
}

Result<Ssda903Return> ReadSsda903(const std::vector<Ssda903Text>& files, const Ssda903Options& options,
                                  Problems& problems) {
  return ReturnReading(options, problems).Run(files);
}

}  // namespace scrutiny
