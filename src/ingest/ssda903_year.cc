#include "ingest/ssda903_year.h"

#include <charconv>

#include <fmt/format.h>

#include "ingest/ssda903_row_check.h"

namespace scrutiny {
namespace {

using T = Ssda903Table;
using C = Ssda903Coded;

constexpr int kFirstCareLeaverAge = 17, kLastCareLeaverAge = 21;
constexpr int kLowestSdq = 0, kHighestSdq = 40;
constexpr size_t kMaxIdLength = 64;  // of child_id, <la_code>-<CHILD>

// YearReading reads one return's files into an Ssda903Year, table by table.
class YearReading {
 public:
  YearReading(const ReturnOptions& options, std::vector<Ssda903FileCount>& counts, Problems& problems)
      : options_(options), counts_(counts), problems_(problems) {}
  Result<Ssda903Year> Run(std::string input, std::vector<Ssda903File> files);

 private:
  Status TakeFiles(std::vector<Ssda903File> files);
  std::optional<int> InferYear() const;
  // The rows of the table's file; 0 if the return has none.
  size_t Rows(T table) const;
  // Makes room for the records of every table read.
  void Reserve();
  template <typename OnRow>
  void EachRow(T table, OnRow on_row);
  Ssda903Origin Origin(const Ssda903RowCheck& check) const { return {year_.collection_year, file_, check.line()}; }
  Ssda903Child* KnownChild(Ssda903RowCheck& check);
  Ssda903Child* LookedAfterChild(Ssda903RowCheck& check);
  bool ReadChild(Ssda903RowCheck& check);
  bool ReadUasc(Ssda903RowCheck& check);
  bool ReadEpisode(Ssda903RowCheck& check);
  // The line of each child's review on a day, in one flat table keyed by the
  // child's entry (one per CHILD: no need to hash its text) and the day.
  using ReviewLines = FingerprintMap;
  static Fingerprint ChildDay(const Ssda903Child* child, int32_t day) {
    auto at = reinterpret_cast<uint64_t>(child);  // never 0; the 96 bits kept tell any two days of a child apart
    return {at, at * 0x9E3779B97F4A7C15ULL + static_cast<uint32_t>(day)};
  }
  bool ReadReview(Ssda903RowCheck& check, ReviewLines& seen);
  bool ReadMissing(Ssda903RowCheck& check);
  bool ReadCareLeaver(Ssda903RowCheck& check);
  bool ReadOutcomes(Ssda903RowCheck& check);
  bool ReadAdoption(Ssda903RowCheck& check, T table);
  bool ReadPreviousPermanence(Ssda903RowCheck& check);
  bool ReadSocialWorker(Ssda903RowCheck& check);
  bool ReadLibertyDeprivation(Ssda903RowCheck& check);

  const ReturnOptions& options_;
  std::vector<Ssda903FileCount>& counts_;
  Problems& problems_;
  std::map<T, size_t> file_of_table_;   // in year_.files
  std::map<T, size_t> count_of_table_;  // in counts_
  size_t file_ = 0;                     // in counts_, of the rows being read
  // The child of the last row of the table that named a known one: a table's
  // rows mostly come child by child, so most rows need no search.
  struct {
    std::string_view id;
    Ssda903Child* child = nullptr;
  } last_;
  Ssda903Year year_;
};

Result<Ssda903Year> YearReading::Run(std::string input, std::vector<Ssda903File> files) {
  year_.input = std::move(input);
  if (Status s = TakeFiles(std::move(files)); !s.ok()) return s;
  auto year = options_.collection_year ? options_.collection_year : InferYear();
  std::string of = year_.input.empty() ? "" : year_.input + ": ";
  if (!year) return Status::InvalidInput(of + "the collection year cannot be inferred (no episode with a good DECOM); give it");
  year_.collection_year = *year;
  Reserve();
  EachRow(T::kHeader, [&](Ssda903RowCheck& c) { return ReadChild(c); });
  EachRow(T::kUasc, [&](Ssda903RowCheck& c) { return ReadUasc(c); });
  EachRow(T::kEpisodes, [&](Ssda903RowCheck& c) { return ReadEpisode(c); });
  ReviewLines reviews;
  reviews.Reserve(Rows(T::kReviews));
  EachRow(T::kReviews, [&](Ssda903RowCheck& c) { return ReadReview(c, reviews); });
  EachRow(T::kMissing, [&](Ssda903RowCheck& c) { return ReadMissing(c); });
  EachRow(T::kOc3, [&](Ssda903RowCheck& c) { return ReadCareLeaver(c); });
  EachRow(T::kOc2, [&](Ssda903RowCheck& c) { return ReadOutcomes(c); });
  EachRow(T::kAd1, [&](Ssda903RowCheck& c) { return ReadAdoption(c, T::kAd1); });
  EachRow(T::kPlacedForAdoption, [&](Ssda903RowCheck& c) { return ReadAdoption(c, T::kPlacedForAdoption); });
  EachRow(T::kPreviousPermanence, [&](Ssda903RowCheck& c) { return ReadPreviousPermanence(c); });
  EachRow(T::kSwEpisodes, [&](Ssda903RowCheck& c) { return ReadSocialWorker(c); });
  EachRow(T::kDoLo, [&](Ssda903RowCheck& c) { return ReadLibertyDeprivation(c); });
  return std::move(year_);
}

Status YearReading::TakeFiles(std::vector<Ssda903File> files) {
  std::vector<Ssda903File>& kept = year_.files;
  kept.reserve(files.size());  // the files never move once rows are read
  for (Ssda903File& file : files) {
    const Ssda903TableSpec& spec = file.spec();
    counts_.push_back({file.name(), std::string(spec.usual_file), file.rows().size() + file.rows_refused(),
                       file.rows_refused(), !file.element().empty()});
    if (auto held = file_of_table_.find(spec.table); held != file_of_table_.end())
      return Status::InvalidInput(fmt::format(
          "{} and {} both hold the {} table; a return has one file of each (files of two years in one folder?); "
          "nothing read", kept[held->second].name(), file.name(), spec.usual_file));
    file_of_table_[spec.table] = kept.size();
    count_of_table_[spec.table] = counts_.size() - 1;
    kept.push_back(std::move(file));
  }
  return Status::Ok();
}

size_t YearReading::Rows(T table) const {
  auto it = file_of_table_.find(table);
  return it == file_of_table_.end() ? 0 : year_.files[it->second].rows().size();
}

void YearReading::Reserve() {
  Ssda903Records& r = year_.records;
  r.children.Reserve(Rows(T::kHeader));
  r.reviews.reserve(Rows(T::kReviews));
  r.missing.reserve(Rows(T::kMissing));
  r.care_leavers.reserve(Rows(T::kOc3));
  r.outcomes.reserve(Rows(T::kOc2));
  r.previous_permanence.reserve(Rows(T::kPreviousPermanence));
  r.social_workers.reserve(Rows(T::kSwEpisodes));
  r.liberty_deprivations.reserve(Rows(T::kDoLo));
}

std::optional<int> YearReading::InferYear() const {
  auto it = file_of_table_.find(T::kEpisodes);
  if (it == file_of_table_.end()) return std::nullopt;
  const Ssda903File& file = year_.files[it->second];
  std::optional<Date> latest;
  for (const Ssda903Row& row : file.rows())
    if (auto d = Date::ParseDmy(file.Cell(row, "DECOM")); d && (!latest || *d > *latest)) latest = d;
  if (!latest) return std::nullopt;
  return FinancialYear::Of(*latest).start_year;
}

template <typename OnRow>
void YearReading::EachRow(T table, OnRow on_row) {
  auto it = file_of_table_.find(table);
  if (it == file_of_table_.end()) return;
  const Ssda903File& file = year_.files[it->second];
  file_ = count_of_table_.at(table);
  last_ = {};
  Date last_day = FinancialYear{year_.collection_year}.last_day();
  for (const Ssda903Row& row : file.rows()) {
    Ssda903RowCheck check(file, row, year_.collection_year, last_day, options_.la_code, problems_);
    if (!on_row(check)) ++counts_[file_].left_out;
  }
}

Ssda903Child* YearReading::KnownChild(Ssda903RowCheck& check) {
  std::string_view id = check.Text("CHILD");
  if (last_.child && id == last_.id) return last_.child;
  auto& children = year_.records.children;
  if (auto* entry = children.Find(id)) {
    last_ = {id, &entry->second};
    return &entry->second;
  }
  check.Fail("CHILD", id, "the child is not in the header file (or was left out of it)");
  return nullptr;
}

Ssda903Child* YearReading::LookedAfterChild(Ssda903RowCheck& check) {
  Ssda903Child* child = KnownChild(check);
  if (!child) return nullptr;
  if (!child->episodes.empty()) return child;
  check.Fail("CHILD", check.Text("CHILD"), "the child has no episode in the episodes file: not looked after");
  return nullptr;
}

bool YearReading::ReadChild(Ssda903RowCheck& check) {
  std::string_view id = check.Text("CHILD");
  if (!IsIdText(id) || options_.la_code.size() + 1 + id.size() > kMaxIdLength) check.Fail("CHILD", id, "CHILD is 1 to 60 letters, digits or - _ . /");
  Ssda903Child child;
  child.from = Origin(check);
  child.sex = check.Code("SEX", C::kSex, true);
  child.ethnicity = check.Code("ETHNIC", C::kEthnic, true);
  auto dob = check.DateIn("DOB", true);
  if (!check.ok()) return false;
  child.dob = *dob;
  if (year_.records.children.Add(id, std::move(child)).second) return true;
  check.Fail("CHILD", id, "the child appears twice in the header file");
  return false;
}

bool YearReading::ReadUasc(Ssda903RowCheck& check) {
  Ssda903Child* child = KnownChild(check);
  auto ceased = check.AnyDate("DUC", false);
  if (!check.ok()) return false;
  child->uasc = true;
  child->uasc_ceased = ceased;
  return true;
}

bool YearReading::ReadEpisode(Ssda903RowCheck& check) {
  Ssda903Child* child = KnownChild(check);
  Ssda903Episode e;
  e.from = Origin(check);
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
  if (FinancialYear year{year_.collection_year}; e.dec && *e.dec > year.last_day()) {
    check.Note("DEC", fmt::format("CHILD {}: {}", e.child, e.dec->ToDmy()),
               "DEC is after the end of the collection year: the episode is taken as open at the year end");
    e.dec.reset();
    e.rec = {};
    ++year_.fixed;
  }
  child->episodes.push_back(std::move(e));
  return true;
}

bool YearReading::ReadReview(Ssda903RowCheck& check, ReviewLines& seen) {
  Ssda903Child* child = LookedAfterChild(check);
  auto date = check.DateIn("REVIEW", true);
  std::string_view participation = check.Code("REVIEW_CODE", C::kReviewCode, false);
  if (check.ok() && *date < child->dob) check.Fail("REVIEW", check.Text("REVIEW"), "REVIEW is not before the child's DOB");
  if (!check.ok()) return false;
  bool added = false;
  uint32_t first = seen.Insert(ChildDay(child, date->days()), static_cast<uint32_t>(check.line()), &added);
  if (!added) {
    check.Fail("REVIEW", fmt::format("{} (first on line {})", check.Text("REVIEW"), first),
               "a second review of the child that day");
    return false;
  }
  year_.records.reviews.push_back({Origin(check), check.Text("CHILD"), child, *date, participation});
  return true;
}

bool YearReading::ReadMissing(Ssda903RowCheck& check) {
  Ssda903Child* child = LookedAfterChild(check);
  auto start = check.DateIn("MIS_START", true);
  auto end = check.DateIn("MIS_END", false);
  std::string_view type = check.Code("MISSING", C::kMissing, true);
  if (check.ok() && end && *end < *start) check.Fail("MIS_END", check.Text("MIS_END"), "MIS_END is not before MIS_START");
  if (!check.ok()) return false;
  year_.records.missing.push_back({Origin(check), check.Text("CHILD"), child, *start, end, type});
  return true;
}

bool YearReading::ReadCareLeaver(Ssda903RowCheck& check) {
  Ssda903Child* child = KnownChild(check);
  std::string_view in_touch = check.Code("IN_TOUCH", C::kInTouch, true);
  std::string_view activity = check.Code("ACTIV", C::kActiv, false);
  std::string_view accommodation = check.Code("ACCOM", C::kAccom, false);
  if (!check.ok()) return false;
  Date first = FinancialYear{year_.collection_year}.first_day();
  int age = first.year() - child->dob.year();
  if (child->dob.AddYears(age) < first) ++age;
  if (age < kFirstCareLeaverAge || age > kLastCareLeaverAge) {
    check.Fail("CHILD", check.Text("CHILD"), "a care leaver in OC3 is 17 to 21 on their birthday in the collection year");
    return false;
  }
  year_.records.care_leavers.push_back({Origin(check), check.Text("CHILD"), child, child->dob.AddYears(age),
                                        age == kFirstCareLeaverAge, in_touch, activity, accommodation});
  return true;
}

// An OC2 flag: 1 or 0 (or empty, not given), as "Y", "N" or "".
std::string_view OutcomeFlag(Ssda903RowCheck& check, std::string_view column) {
  std::string_view v = check.Text(column);
  if (v.empty()) return {};
  if (v == "1") return "Y";
  if (v == "0") return "N";
  check.Fail(column, v, "1 (yes) or 0 (no)");
  return {};
}

bool YearReading::ReadOutcomes(Ssda903RowCheck& check) {
  Ssda903Child* child = LookedAfterChild(check);
  Ssda903Outcomes read{Origin(check), check.Text("CHILD"), child, check.last_day(),
                       OutcomeFlag(check, "HEALTH_CHECK"), OutcomeFlag(check, "TEETH_CHECK"),
                       OutcomeFlag(check, "IMMUNISATIONS"), OutcomeFlag(check, "CONVICTED"),
                       OutcomeFlag(check, "SUBSTANCE_MISUSE"), std::nullopt};
  if (std::string_view sdq = check.Text("SDQ_SCORE"); !sdq.empty()) {
    int score = -1;
    auto [end, ec] = std::from_chars(sdq.data(), sdq.data() + sdq.size(), score);
    if (ec != std::errc() || end != sdq.data() + sdq.size() || score < kLowestSdq || score > kHighestSdq)
      check.Fail("SDQ_SCORE", sdq, "a whole number from 0 to 40");
    else
      read.sdq_score = score;
  }
  if (!check.ok()) return false;
  year_.records.outcomes.push_back(read);
  return true;
}

bool YearReading::ReadAdoption(Ssda903RowCheck& check, T table) {
  KnownChild(check);
  Ssda903Adoption read{Origin(check), {}, {}, {}, {}};
  if (table == T::kAd1) {
    read.decision = check.DateIn("DATE_INT", true);
    read.match = check.DateIn("DATE_MATCH", false);
  } else {
    read.decision = check.DateIn("DATE_PLACED", true);
    read.reversed = check.DateIn("DATE_PLACED_CEASED", false);
    read.reversal_reason = check.Code("REASON_PLACED_CEASED", C::kReasonPlacedCeased, read.reversed.has_value());
  }
  if (!check.ok()) return false;
  auto [entry, first] = year_.records.adoptions.Add(check.Text("CHILD"), read);
  if (first) return true;
  Ssda903Adoption& a = entry->second;
  if (!a.decision) a.decision = read.decision;
  if (!a.match) a.match = read.match;
  if (!a.reversed) a.reversed = read.reversed, a.reversal_reason = read.reversal_reason;
  return true;
}

// DATE_PERM: DD/MM/YYYY, or with ZZ for a day or month not known.
void PermanenceDate(Ssda903RowCheck& check, Ssda903PreviousPermanence& read) {
  std::string_view v = check.Text("DATE_PERM");
  if (v.empty()) return;
  std::string text(v);
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  int year = 0;
  auto [end, ec] = std::from_chars(text.data() + std::min<size_t>(text.size(), 6), text.data() + text.size(), year);
  bool shaped = text.size() == 10 && text[2] == '/' && text[5] == '/' && ec == std::errc() && end == text.data() + 10;
  std::optional<Date> earliest;  // the first day the date can be
  if (shaped && text.substr(0, 6) == "ZZ/ZZ/") earliest = Date::ParseDmy("01/01/" + text.substr(6));
  else if (shaped && text.substr(0, 3) == "ZZ/") earliest = Date::ParseDmy("01" + text.substr(2));
  else if ((read.date = Date::ParseDmy(v))) earliest = read.date;
  if (!earliest) {
    read.date.reset();
    check.Fail("DATE_PERM", v, "DATE_PERM is DD/MM/YYYY, with ZZ for a day or month not known");
    return;
  }
  read.year = earliest->year();
  if (*read.year < 1900 || *earliest > read.as_at)
    check.Fail("DATE_PERM", v, "DATE_PERM is after 1900 and not after the end of the collection year");
}

bool YearReading::ReadPreviousPermanence(Ssda903RowCheck& check) {
  Ssda903Child* child = LookedAfterChild(check);
  Ssda903PreviousPermanence read{Origin(check), check.Text("CHILD"), child, check.last_day(),
                                 check.Code("PREV_PERM", C::kPrevPerm, true), check.Text("LA_PERM"), {}, {}};
  PermanenceDate(check, read);
  if (!check.ok()) return false;
  year_.records.previous_permanence.push_back(read);
  return true;
}

bool YearReading::ReadSocialWorker(Ssda903RowCheck& check) {
  Ssda903Child* child = LookedAfterChild(check);
  std::string_view worker = check.Text("SW_ID");
  if (worker.empty()) check.Fail("SW_ID", worker, "a value is required");
  else if (!IsIdText(worker)) check.Fail("SW_ID", worker, "SW_ID is letters, digits or - _ . /");
  auto start = check.DateIn("SW_DECOM", true);
  auto end = check.DateIn("SW_DEC", false);
  std::string_view reason = check.Code("SW_REASON", C::kSwReason, false);
  if (check.ok() && end && *end < *start) check.Fail("SW_DEC", check.Text("SW_DEC"), "SW_DEC is not before SW_DECOM");
  if (!check.ok()) return false;
  year_.records.social_workers.push_back({Origin(check), check.Text("CHILD"), child, worker, *start, end, reason});
  return true;
}

bool YearReading::ReadLibertyDeprivation(Ssda903RowCheck& check) {
  Ssda903Child* child = LookedAfterChild(check);
  auto start = check.DateIn("DOLO_START", true);
  auto end = check.DateIn("DOLO_END", false);
  if (check.ok() && end && *end < *start) check.Fail("DOLO_END", check.Text("DOLO_END"), "DOLO_END is not before DOLO_START");
  if (!check.ok()) return false;
  year_.records.liberty_deprivations.push_back({Origin(check), check.Text("CHILD"), child, *start, end});
  return true;
}

}  // namespace

uint64_t ChildPrefix(std::string_view child) {
  uint64_t prefix = 0;
  for (size_t i = 0; i < 8; ++i)
    prefix = prefix << 8 | (i < child.size() ? static_cast<unsigned char>(child[i]) : 0u);
  return prefix;
}

Result<Ssda903Year> ReadSsda903Year(std::string input, std::vector<Ssda903File> files, const ReturnOptions& options,
                                    std::vector<Ssda903FileCount>& counts, Problems& problems) {
  return YearReading(options, counts, problems).Run(std::move(input), std::move(files));
}

}  // namespace scrutiny
