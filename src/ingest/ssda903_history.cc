#include "ingest/ssda903_history.h"

#include <algorithm>
#include <utility>
#include <variant>

#include <fmt/format.h>

#include "ingest/model_record.h"
#include "ingest/ssda903_codes.h"
#include "ingest/ssda903_row_check.h"

namespace scrutiny {
namespace {

using Key = std::pair<std::string_view, Date>;  // the child and the record's date

std::string DateText(const std::optional<Date>& d) { return d ? d->ToDmy() : ""; }

// Whether the code an earlier year gave is no code of the later year (PLACE H5 after 2024-25): the
// later return had to give another, which says nothing changed but the code list.
bool RetiredBy(std::string_view column, const std::string& code, int later_year) {
  return column == "PLACE" && !code.empty() &&
         std::holds_alternative<CodeRefusal>(ToModelCode(Ssda903Coded::kPlace, code, later_year));
}

// Field is one value of a record compared between years; a closing value (an
// end date, its reason) may be filled in when the earlier year left it open.
template <typename Record>
struct Field {
  std::string_view column;
  std::string (*text)(const Record&);
  bool closing = false;
};

// CombineRule says how one kind of record is matched and compared across years.
template <typename Record>
struct CombineRule {
  Key (*key)(const Record&);
  bool (*open)(const Record&);
  std::string_view kind;  // "the episode": what a change is reported of
  std::string (*which)(const Record&);  // which one of the child's: "starting 01/05/2021"
  std::vector<Field<Record>> fields;
};

const CombineRule<Ssda903Episode> kEpisodeRule{
    [](const Ssda903Episode& e) { return Key{e.child, e.decom}; },
    [](const Ssda903Episode& e) { return !e.dec.has_value(); },
    "the episode", [](const Ssda903Episode& e) { return "starting " + e.decom.ToDmy(); },
    {{"DEC", [](const Ssda903Episode& e) { return DateText(e.dec); }, true},
     {"REC", [](const Ssda903Episode& e) { return std::string(e.rec); }, true},
     {"REASON_PLACE_CHANGE", [](const Ssda903Episode& e) { return std::string(e.reason_place_change); }, true},
     {"RNE", [](const Ssda903Episode& e) { return std::string(e.rne); }},
     {"LS", [](const Ssda903Episode& e) { return std::string(e.ls); }},
     {"CIN", [](const Ssda903Episode& e) { return std::string(e.cin); }},
     {"PLACE", [](const Ssda903Episode& e) { return std::string(e.place); }},
     {"PLACE_PROVIDER", [](const Ssda903Episode& e) { return std::string(e.place_provider); }},
     {"HOME_POST", [](const Ssda903Episode& e) { return e.home_district; }},
     {"PL_POST", [](const Ssda903Episode& e) { return e.placement_district; }},
     {"URN", [](const Ssda903Episode& e) { return std::string(e.urn); }}}};

const CombineRule<Ssda903Review> kReviewRule{
    [](const Ssda903Review& r) { return Key{r.child, r.date}; },
    [](const Ssda903Review&) { return false; },
    "the review", [](const Ssda903Review& r) { return "of " + r.date.ToDmy(); },
    {{"REVIEW_CODE", [](const Ssda903Review& r) { return std::string(r.participation); }}}};

const CombineRule<Ssda903Missing> kMissingRule{
    [](const Ssda903Missing& m) { return Key{m.child, m.start}; },
    [](const Ssda903Missing& m) { return !m.end.has_value(); },
    "the missing episode", [](const Ssda903Missing& m) { return "starting " + m.start.ToDmy(); },
    {{"MIS_END", [](const Ssda903Missing& m) { return DateText(m.end); }, true},
     {"MISSING", [](const Ssda903Missing& m) { return std::string(m.type); }}}};

const CombineRule<Ssda903SocialWorkerEpisode> kSocialWorkerRule{
    [](const Ssda903SocialWorkerEpisode& w) { return Key{w.child, w.start}; },
    [](const Ssda903SocialWorkerEpisode& w) { return !w.end.has_value(); },
    "the social worker episode", [](const Ssda903SocialWorkerEpisode& w) { return "starting " + w.start.ToDmy(); },
    {{"SW_DEC", [](const Ssda903SocialWorkerEpisode& w) { return DateText(w.end); }, true},
     {"SW_REASON", [](const Ssda903SocialWorkerEpisode& w) { return std::string(w.reason); }, true},
     {"SW_ID", [](const Ssda903SocialWorkerEpisode& w) { return std::string(w.worker); }}}};

const CombineRule<Ssda903LibertyDeprivation> kLibertyRule{
    [](const Ssda903LibertyDeprivation& d) { return Key{d.child, d.start}; },
    [](const Ssda903LibertyDeprivation& d) { return !d.end.has_value(); },
    "the deprivation of liberty order",
    [](const Ssda903LibertyDeprivation& d) { return "starting " + d.start.ToDmy(); },
    {{"DOLO_END", [](const Ssda903LibertyDeprivation& d) { return DateText(d.end); }, true}}};

const std::vector<Field<Ssda903Child>> kChildFields{
    {"SEX", [](const Ssda903Child& c) { return std::string(c.sex); }},
    {"DOB", [](const Ssda903Child& c) { return c.dob.ToDmy(); }},
    {"ETHNIC", [](const Ssda903Child& c) { return std::string(c.ethnicity); }}};

// Combining adds the years' records to one history, earliest year first.
class Combining {
 public:
  Combining(const std::vector<Ssda903FileCount>& files, std::string_view la_code, Problems& problems)
      : files_(files), la_code_(la_code), problems_(problems) {}
  void Add(Ssda903Year& year);
  Ssda903History Finish() && { return std::move(history_); }

 private:
  template <typename Record>
  void Compare(const Record& earlier, const Record& later, std::string_view child, const std::vector<Field<Record>>& fields,
               bool open, std::string_view kind, const std::string& which);
  // Reports a value a later year changes, of the child's record of that kind (and which, if it has several).
  void Changed(const Ssda903Origin& earlier, const Ssda903Origin& later, std::string_view column, std::string_view child,
               const std::string& before, const std::string& after, std::string_view kind, const std::string& which);
  template <typename Record>
  void Merge(std::vector<Record>& history, std::vector<Record>& records, const CombineRule<Record>& rule);
  // The child's header taken into the history (its episodes are merged apart).
  Ssda903Child& AddChild(std::string_view id, const Ssda903Child& child);
  void AddAdoption(std::string_view child, const Ssda903Adoption& adoption);
  // Points the year's records at their children's entries in the history.
  static void InHistory(Ssda903Records& records);
  void ReportOpenNotCarried(const Ssda903Year& year);

  const std::vector<Ssda903FileCount>& files_;
  std::string_view la_code_;  // of the council, for the child_id of the problems found
  Problems& problems_;
  Ssda903History history_;
};

void Combining::Add(Ssda903Year& year) {
  ReportOpenNotCarried(year);
  history_.years.push_back(year.collection_year);
  Ssda903Records& records = year.records;
  if (history_.years.size() == 1) {  // the first year: nothing to match, so taken whole
    history_.records = std::move(records);
    return;
  }
  auto children = ByChild(records.children);
  std::vector<Ssda903Child*> kept;  // each child's entry in the history
  kept.reserve(children.size());
  for (auto* entry : children) kept.push_back(entry->second.in_history = &AddChild(entry->first, entry->second));
  InHistory(records);
  for (size_t i = 0; i < children.size(); ++i)
    if (!children[i]->second.episodes.empty()) Merge(kept[i]->episodes, children[i]->second.episodes, kEpisodeRule);
  Merge(history_.records.reviews, records.reviews, kReviewRule);
  Merge(history_.records.missing, records.missing, kMissingRule);
  auto& leavers = history_.records.care_leavers;
  leavers.insert(leavers.end(), records.care_leavers.begin(), records.care_leavers.end());
  auto& outcomes = history_.records.outcomes;  // each year's at its own 31 March: none repeat
  outcomes.insert(outcomes.end(), records.outcomes.begin(), records.outcomes.end());
  for (const auto* entry : ByChild(records.adoptions)) AddAdoption(entry->first, entry->second);
  auto& permanence = history_.records.previous_permanence;  // each year's at its own 31 March
  permanence.insert(permanence.end(), records.previous_permanence.begin(), records.previous_permanence.end());
  Merge(history_.records.social_workers, records.social_workers, kSocialWorkerRule);
  Merge(history_.records.liberty_deprivations, records.liberty_deprivations, kLibertyRule);
}

void Combining::Changed(const Ssda903Origin& earlier, const Ssda903Origin& later, std::string_view column,
                        std::string_view child, const std::string& before, const std::string& after,
                        std::string_view kind, const std::string& which) {
  const Ssda903FileCount& file = files_[later.file];
  std::string record = which.empty() ? "" : fmt::format(", {} {}", kind, which);
  Problem problem{file.name, later.line, std::string(file.Label(column)),
                  fmt::format("CHILD {}{}: {} (was {} in {}:{})", child, record, after.empty() ? "blank" : after,
                              before.empty() ? "blank" : before, files_[earlier.file].name, earlier.line),
                  fmt::format("{} differs from the {} return; the latest year's value is kept", kind,
                              FinancialYear{earlier.year}.Label()),
                  ChildIdOfReturn(la_code_, child)};
  problem.model_field = file.ModelField(column);
  problems_.Add(std::move(problem));
}

template <typename Record>
void Combining::Compare(const Record& earlier, const Record& later, std::string_view child,
                        const std::vector<Field<Record>>& fields, bool open, std::string_view kind,
                        const std::string& which) {
  for (const Field<Record>& field : fields) {
    std::string before = field.text(earlier), after = field.text(later);
    if (before != after && !(field.closing && open) && !RetiredBy(field.column, before, later.from.year))
      Changed(earlier.from, later.from, field.column, child, before, after, kind, which);
  }
}

// A year's record with the key of an earlier year's replaces it.
template <typename Record>
void Combining::Merge(std::vector<Record>& history, std::vector<Record>& records, const CombineRule<Record>& rule) {
  std::map<Key, size_t> earlier;
  for (size_t i = 0; i < history.size(); ++i) earlier.emplace(rule.key(history[i]), i);
  std::vector<bool> replaced(history.size());
  for (const Record& r : records) {
    auto it = earlier.find(rule.key(r));
    if (it == earlier.end()) continue;
    const Record& before = history[it->second];
    Compare(before, r, it->first.first, rule.fields, rule.open(before), rule.kind, rule.which(r));
    if (!replaced[it->second]) ++history_.combined;
    replaced[it->second] = true;
  }
  size_t i = 0;
  std::erase_if(history, [&](const Record&) { return replaced[i++]; });
  history.insert(history.end(), records.begin(), records.end());
}

Ssda903Child& Combining::AddChild(std::string_view id, const Ssda903Child& child) {
  auto [entry, first] = history_.records.children.Add(id);
  Ssda903Child& kept = entry->second;
  if (!first) {
    Compare(kept, child, id, kChildFields, false, "the child's header", "");
    ++history_.combined;
  }
  kept.from = child.from;
  kept.sex = child.sex;
  kept.ethnicity = child.ethnicity;
  kept.dob = child.dob;
  kept.uasc = kept.uasc || child.uasc;
  if (child.uasc_ceased) kept.uasc_ceased = child.uasc_ceased;
  return kept;
}

void Combining::InHistory(Ssda903Records& records) {
  auto repoint = [](auto& rows) {
    for (auto& row : rows) row.of = row.of->in_history;
  };
  repoint(records.reviews);
  repoint(records.missing);
  repoint(records.care_leavers);
  repoint(records.outcomes);
  repoint(records.previous_permanence);
  repoint(records.social_workers);
  repoint(records.liberty_deprivations);
}

void Combining::AddAdoption(std::string_view child, const Ssda903Adoption& adoption) {
  auto [entry, first] = history_.records.adoptions.Add(child, adoption);
  if (first) return;
  Ssda903Adoption& kept = entry->second;
  ++history_.combined;
  const Ssda903FileCount& file = files_[adoption.from.file];
  std::string_view decision = file.table == "ad1.csv" ? "DATE_INT" : "DATE_PLACED";
  auto take = [&](std::optional<Date>& into, const std::optional<Date>& later, std::string_view column) {
    if (!later) return;
    if (into && *into != *later)
      Changed(kept.from, adoption.from, column, child, into->ToDmy(), later->ToDmy(), "the adoption", "");
    into = later;
  };
  take(kept.decision, adoption.decision, decision);
  take(kept.match, adoption.match, "DATE_MATCH");
  if (adoption.reversed) kept.reversal_reason = adoption.reversal_reason;
  take(kept.reversed, adoption.reversed, "DATE_PLACED_CEASED");
  kept.from = adoption.from;
}

// An episode open at the end of the year before `year` should be in its return.
void Combining::ReportOpenNotCarried(const Ssda903Year& year) {
  if (history_.years.empty() || history_.years.back() != year.collection_year - 1) return;
  for (const auto* entry : ByChild(history_.records.children)) {
    const auto& [child, earlier] = *entry;
    const auto* now = year.records.children.Find(child);
    for (const Ssda903Episode& e : earlier.episodes) {
      if (e.dec || e.from.year != year.collection_year - 1) continue;
      if (now && std::any_of(now->second.episodes.begin(), now->second.episodes.end(),
                      [&](const Ssda903Episode& n) { return n.decom == e.decom; }))
        continue;
      const Ssda903FileCount& file = files_[e.from.file];
      Problem problem{file.name, e.from.line, "DEC", fmt::format("CHILD {}: open", child),
                      fmt::format("the episode is open at the end of {} but not in the {} return ({}); kept as this "
                                  "return gives it",
                                  FinancialYear{e.from.year}.Label(), FinancialYear{year.collection_year}.Label(),
                                  year.input),
                      ChildIdOfReturn(la_code_, child)};
      problem.model_field = file.ModelField("DEC");
      problems_.Add(std::move(problem));
    }
  }
}

// Reports each year missing between two given.
void ReportGaps(const std::vector<Ssda903Year>& years, Problems& problems) {
  for (size_t i = 1; i < years.size(); ++i)
    for (int y = years[i - 1].collection_year + 1; y < years[i].collection_year; ++y)
      problems.Add({years[i].input, 0, "collection year", FinancialYear{y}.Label(),
                    fmt::format("no return of this year is given, between {} ({}) and {} ({}): what only its return "
                                "records (episodes begun and ended in it, its reviews) is missing from the history",
                                years[i - 1].input, FinancialYear{years[i - 1].collection_year}.Label(),
                                years[i].input, FinancialYear{years[i].collection_year}.Label())});
}

}  // namespace

Result<Ssda903History> CombineSsda903Years(std::vector<Ssda903Year>& years, const std::vector<Ssda903FileCount>& files,
                                           std::string_view la_code, Problems& problems) {
  std::stable_sort(years.begin(), years.end(),
                   [](const Ssda903Year& a, const Ssda903Year& b) { return a.collection_year < b.collection_year; });
  for (size_t i = 1; i < years.size(); ++i)
    if (years[i].collection_year == years[i - 1].collection_year)
      return Status::InvalidInput(fmt::format(
          "{} and {} are both the {} return (a return's year is that of its latest DECOM): give one return per year",
          years[i - 1].input, years[i].input, FinancialYear{years[i].collection_year}.Label()));
  ReportGaps(years, problems);
  Combining combining(files, la_code, problems);
  for (Ssda903Year& year : years) combining.Add(year);
  return std::move(combining).Finish();
}

}  // namespace scrutiny
