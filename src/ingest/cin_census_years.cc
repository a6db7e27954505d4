#include "ingest/cin_census_years.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include <fmt/format.h>

namespace scrutiny {
namespace {

// A record of one census as text, with where it came from.
struct SourceRow {
  const RecordType* type = nullptr;
  std::vector<std::string> cells;
  std::string file;
  uint64_t line = 0;
  int year = 0;

  std::string& operator[](std::string_view field) { return cells[static_cast<size_t>(type->IndexOf(field))]; }
  const std::string& operator[](std::string_view field) const {
    return cells[static_cast<size_t>(type->IndexOf(field))];
  }
};

// The parts of an episode and how each is told apart within it: by its date.
struct Part {
  std::string_view table, id_field, parent_field, date_field, id_suffix;
};
const Part kParts[] = {
    {"assessments", "assessment_id", "referral_id", "start_date", "-A"},
    {"section47_enquiries", "s47_id", "referral_id", "s47_start_date", "-S"},
    {"cin_plans", "cin_plan_id", "cin_episode_id", "start_date", "-P"},
    {"cp_plans", "cp_plan_id", "cin_episode_id", "start_date", "-CP"},
};

// An episode of need and its parts, as the latest census giving each had them.
// Records of one date are told apart by their order in the census (the second
// assessment started that day is the second in the next census too).
using DatedKey = std::tuple<std::string, std::string, int>;

struct Episode {
  SourceRow referral, episode;
  std::map<DatedKey, SourceRow> parts;    // (table, date, n) -> row
  std::map<DatedKey, SourceRow> reviews;  // (plan's start, review date, n) -> row
};

using EpisodeKey = std::tuple<std::string, std::string, int>;  // child_id, referral date, n

// Combining adds the censuses, earliest first, to one history.
class Combining {
 public:
  explicit Combining(Problems& problems) : problems_(problems) {}
  void Add(const CinCensusReturn& census);
  CinCensusReturn Finish() &&;

 private:
  static SourceRow RowOf(const CinCensusReturn& census, std::string_view table, size_t row);
  // Reports each value `later` changes of `earlier`: not one the earlier left
// empty, nor `closing` fields when the earlier was open.
  void Compare(const SourceRow& earlier, const SourceRow& later, const std::vector<std::string_view>& fields,
               bool open, const std::vector<std::string_view>& closing, const std::string& what);
  void AddChildren(const CinCensusReturn& census);
  void AddEpisodes(const CinCensusReturn& census);
  void Emit(const SourceRow& row);

  Problems& problems_;
  std::optional<SourceRow> council_;
  std::map<std::string, SourceRow> children_;
  std::map<EpisodeKey, Episode> episodes_;
  CinCensusReturn out_;
};

SourceRow Combining::RowOf(const CinCensusReturn& census, std::string_view table, size_t row) {
  const auto& tables = census.dataset.tables();
  size_t index = 0;
  while (tables[index].type().name != table) ++index;
  const Table& t = tables[index];
  SourceRow out{&t.type(), {}, census.sources.files[index], census.sources.lines[index][row], census.collection_year};
  for (size_t c = 0; c < t.type().fields.size(); ++c) out.cells.push_back(t.Format(static_cast<int>(c), row));
  return out;
}

void Combining::Compare(const SourceRow& earlier, const SourceRow& later, const std::vector<std::string_view>& fields,
                        bool open, const std::vector<std::string_view>& closing, const std::string& what) {
  for (std::string_view field : fields) {
    const std::string &before = earlier[field], &after = later[field];
    if (before == after || before.empty()) continue;  // filled in: a child born since, a death
    if (open && std::find(closing.begin(), closing.end(), field) != closing.end()) continue;
    problems_.Add({later.file, later.line, std::string(field),
                   fmt::format("{}: {} (was {} in {}:{})", later["child_id"], after.empty() ? "blank" : after, before,
                               earlier.file, earlier.line),
                   fmt::format("{} differs from the {} census; the latest census's value is kept", what,
                               FinancialYear{earlier.year}.Label()),
                   later["child_id"]});
  }
}

void Combining::Add(const CinCensusReturn& census) {
  out_.years.push_back(census.collection_year);
  out_.collection_year = census.collection_year;
  out_.children += census.children, out_.children_left_out += census.children_left_out;
  out_.episodes += census.episodes, out_.episodes_left_out += census.episodes_left_out;
  if (!council_ && census.dataset.table("councils").size() > 0) council_ = RowOf(census, "councils", 0);
  AddChildren(census);
  AddEpisodes(census);
}

void Combining::AddChildren(const CinCensusReturn& census) {
  for (size_t r = 0; r < census.dataset.table("children").size(); ++r) {
    SourceRow child = RowOf(census, "children", r);
    auto [it, first] = children_.try_emplace(child["child_id"], child);
    if (first) continue;
    ++out_.combined;
    Compare(it->second, child, {"sex", "date_of_birth", "ethnicity", "date_of_death"}, false, {}, "the child");
    if (child["disability"].empty()) child["disability"] = it->second["disability"];
    it->second = std::move(child);
  }
}

void Combining::AddEpisodes(const CinCensusReturn& census) {
  const Table& episodes = census.dataset.table("cin_episodes");
  std::map<std::string, EpisodeKey> of_episode, of_referral;  // this census's identifiers -> episode
  std::map<std::pair<std::string, std::string>, int> same_day;  // how many before on that day
  auto nth = [&](std::string a, std::string b) { return same_day[{std::move(a), std::move(b)}]++; };
  for (size_t r = 0; r < episodes.size(); ++r) {
    SourceRow episode = RowOf(census, "cin_episodes", r);
    EpisodeKey key{episode["child_id"], episode["start_date"], nth(episode["child_id"], episode["start_date"])};
    of_episode[episode["cin_episode_id"]] = key;
    of_referral[episode["referral_id"]] = key;
    auto [it, first] = episodes_.try_emplace(key);
    if (!first) {
      ++out_.combined;
      Compare(it->second.episode, episode, {"end_date", "primary_need", "closure_reason"},
              it->second.episode["end_date"].empty(), {"end_date", "closure_reason"},
              "the episode of need referred on " + std::get<1>(key));
    }
    it->second.episode = std::move(episode);
  }
  const Table& referrals = census.dataset.table("referrals");
  for (size_t r = 0; r < referrals.size(); ++r) {
    SourceRow referral = RowOf(census, "referrals", r);
    if (auto k = of_referral.find(referral["referral_id"]); k != of_referral.end())
      episodes_[k->second].referral = std::move(referral);
  }
  std::map<std::string, std::pair<EpisodeKey, std::string>> of_plan;  // cp_plan_id -> episode, plan start
  for (const Part& part : kParts) {
    const Table& t = census.dataset.table(part.table);
    for (size_t r = 0; r < t.size(); ++r) {
      SourceRow row = RowOf(census, part.table, r);
      const auto& parents = part.parent_field == "referral_id" ? of_referral : of_episode;
      auto k = parents.find(row[part.parent_field]);
      if (k == parents.end()) continue;
      std::string date = row[part.date_field];
      int n = nth(fmt::format("{}|{}|{}", std::get<0>(k->second), std::get<1>(k->second), part.table), date);
      if (part.table == "cp_plans") of_plan[row["cp_plan_id"]] = {k->second, fmt::format("{}|{}", date, n)};
      episodes_[k->second].parts[{std::string(part.table), date, n}] = std::move(row);
    }
  }
  const Table& reviews = census.dataset.table("cp_reviews");
  for (size_t r = 0; r < reviews.size(); ++r) {
    SourceRow review = RowOf(census, "cp_reviews", r);
    auto p = of_plan.find(review["cp_plan_id"]);
    if (p == of_plan.end()) continue;
    episodes_[p->second.first].reviews[{p->second.second, review["review_date"], 0}] = std::move(review);
  }
}

void Combining::Emit(const SourceRow& row) {
  ModelRecord record(out_.dataset, out_.sources, row.type->name);
  for (size_t c = 0; c < row.cells.size(); ++c) record.Set(row.type->fields[c].name, row.cells[c]);
  record.Add(row.file, row.line, problems_);
}

CinCensusReturn Combining::Finish() && {
  if (council_) Emit(*council_);
  for (const auto& [id, child] : children_) Emit(child);
  std::string child;
  int number = 0;
  for (auto& [key, e] : episodes_) {
    if (e.referral.cells.empty()) continue;  // never without its referral in a census read
    number = std::get<0>(key) == child ? number + 1 : 1;
    child = std::get<0>(key);
    std::string id = fmt::format("{}-C{}", child, number), referral = id + "-R";
    e.referral["referral_id"] = referral;
    e.episode["cin_episode_id"] = id;
    e.episode["referral_id"] = referral;
    Emit(e.referral);
    Emit(e.episode);
    std::map<std::string, std::string> plan_ids;  // plan start -> its new identifier
    for (const Part& part : kParts) {
      int n = 0;
      for (auto& [part_key, row] : e.parts) {
        const auto& [table, date, nth_that_day] = part_key;
        if (table != part.table) continue;
        row[part.id_field] = fmt::format("{}{}{}", id, part.id_suffix, ++n);
        row[part.parent_field] = part.parent_field == "referral_id" ? referral : id;
        if (part.table == "cp_plans") plan_ids[fmt::format("{}|{}", date, nth_that_day)] = row[part.id_field];
        Emit(row);
      }
    }
    for (auto& [review_key, row] : e.reviews) {
      row["cp_plan_id"] = plan_ids[std::get<0>(review_key)];
      Emit(row);
    }
  }
  return std::move(out_);
}

}  // namespace

Result<CinCensusReturn> CombineCinCensusYears(std::vector<CinCensusReturn> years, Problems& problems) {
  if (years.size() == 1) return std::move(years.front());
  std::stable_sort(years.begin(), years.end(),
                   [](const CinCensusReturn& a, const CinCensusReturn& b) { return a.collection_year < b.collection_year; });
  for (size_t i = 1; i < years.size(); ++i)
    if (years[i].collection_year == years[i - 1].collection_year)
      return Status::InvalidInput(fmt::format("two CIN censuses of {} are given: give one census per year",
                                              FinancialYear{years[i].collection_year}.Label()));
  Combining combining(problems);
  for (const CinCensusReturn& census : years) combining.Add(census);
  return std::move(combining).Finish();
}

}  // namespace scrutiny
