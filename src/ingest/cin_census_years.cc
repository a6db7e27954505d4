#include "ingest/cin_census_years.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <tuple>
#include <utility>

#include <fmt/format.h>

#include "ingest/return_history.h"

namespace scrutiny {
namespace {

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
  ReturnRow referral, episode;
  std::map<DatedKey, ReturnRow> parts;    // (table, date, n) -> row
  std::map<DatedKey, ReturnRow> reviews;  // (plan's start, review date, n) -> row
};

using EpisodeKey = std::tuple<std::string, std::string, int>;  // child_id, referral date, n

ReturnRow RowOf(const CinCensusReturn& census, std::string_view table, size_t row) {
  return ReturnRow::Of(census.dataset, census.sources, table, row, census.collection_year);
}

// Combining adds the censuses, earliest first, to one history.
class Combining {
 public:
  explicit Combining(Problems& problems) : problems_(problems) {}
  void Add(const CinCensusReturn& census);
  CinCensusReturn Finish() &&;

 private:
  // Reports each value `later` changes of `earlier`, a record of the child of that kind (and which, if the
  // child has several): not one the earlier left empty, nor `closing` fields when the earlier was open.
  void Compare(const ReturnRow& earlier, const ReturnRow& later, const std::vector<std::string_view>& fields,
               bool open, const std::vector<std::string_view>& closing, std::string_view kind,
               const std::string& which);
  void AddChildren(const CinCensusReturn& census);
  void AddEpisodes(const CinCensusReturn& census);
  void Emit(const ReturnRow& row) { row.AddTo(out_.dataset, out_.sources, problems_); }

  Problems& problems_;
  std::optional<ReturnRow> council_;
  std::map<std::string, ReturnRow> children_;
  std::map<EpisodeKey, Episode> episodes_;
  CinCensusReturn out_;
};

void Combining::Compare(const ReturnRow& earlier, const ReturnRow& later, const std::vector<std::string_view>& fields,
                        bool open, const std::vector<std::string_view>& closing, std::string_view kind,
                        const std::string& which) {
  std::string record = which.empty() ? "" : fmt::format(", {} {}", kind, which);
  for (std::string_view field : fields) {
    const std::string &before = earlier[field], &after = later[field];
    if (before == after || before.empty()) continue;  // filled in: a child born since, a death
    if (open && std::find(closing.begin(), closing.end(), field) != closing.end()) continue;
    problems_.Add({later.file, later.line, std::string(field),
                   fmt::format("{}{}: {} (was {} in {}:{})", later["child_id"], record, after.empty() ? "blank" : after,
                               before, earlier.file, earlier.line),
                   fmt::format("{} differs from the {} census; the latest census's value is kept", kind,
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
    ReturnRow child = RowOf(census, "children", r);
    auto [it, first] = children_.try_emplace(child["child_id"], child);
    if (first) continue;
    ++out_.combined;
    Compare(it->second, child, {"sex", "date_of_birth", "ethnicity", "date_of_death"}, false, {}, "the child", "");
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
    ReturnRow episode = RowOf(census, "cin_episodes", r);
    EpisodeKey key{episode["child_id"], episode["start_date"], nth(episode["child_id"], episode["start_date"])};
    of_episode[episode["cin_episode_id"]] = key;
    of_referral[episode["referral_id"]] = key;
    auto [it, first] = episodes_.try_emplace(key);
    if (!first) {
      ++out_.combined;
      Compare(it->second.episode, episode, {"end_date", "primary_need", "closure_reason"},
              it->second.episode["end_date"].empty(), {"end_date", "closure_reason"},
              "the episode of need", "referred on " + std::get<1>(key));
    }
    it->second.episode = std::move(episode);
  }
  const Table& referrals = census.dataset.table("referrals");
  for (size_t r = 0; r < referrals.size(); ++r) {
    ReturnRow referral = RowOf(census, "referrals", r);
    if (auto k = of_referral.find(referral["referral_id"]); k != of_referral.end())
      episodes_[k->second].referral = std::move(referral);
  }
  std::map<std::string, std::pair<EpisodeKey, std::string>> of_plan;  // cp_plan_id -> episode, plan start
  for (const Part& part : kParts) {
    const Table& t = census.dataset.table(part.table);
    for (size_t r = 0; r < t.size(); ++r) {
      ReturnRow row = RowOf(census, part.table, r);
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
    ReturnRow review = RowOf(census, "cp_reviews", r);
    auto p = of_plan.find(review["cp_plan_id"]);
    if (p == of_plan.end()) continue;
    episodes_[p->second.first].reviews[{p->second.second, review["review_date"], 0}] = std::move(review);
  }
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
  if (auto twice = SortByYear(years))
    return Status::InvalidInput(
        fmt::format("two CIN censuses of {} are given: give one census per year", FinancialYear{*twice}.Label()));
  Combining combining(problems);
  for (const CinCensusReturn& census : years) combining.Add(census);
  return std::move(combining).Finish();
}

}  // namespace scrutiny
