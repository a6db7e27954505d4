#include "ingest/workforce_years.h"

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "ingest/return_history.h"

namespace scrutiny {
namespace {

ReturnRow RowOf(const WorkforceReturn& r, std::string_view table, size_t row) {
  return ReturnRow::Of(r.dataset, r.sources, table, row, r.collection_year);
}

std::string WhereOf(const ReturnRow& row) { return fmt::format("{}:{}", row.file, row.line); }

// Combining adds the returns, earliest first, to one history.
class Combining {
 public:
  explicit Combining(Problems& problems) : problems_(problems) {}
  void Add(const WorkforceReturn& r);
  WorkforceReturn Finish() &&;

 private:
  // The worker of a later return, who is in an earlier one too.
  void AddAgain(ReturnRow& earlier, ReturnRow later);
  // Reports each year missing between the last return added and r.
  void ReportGap(const WorkforceReturn& r) const;
  void ReportUnknownLeaving() const;
  void ReportFundedPosts() const;
  // Reports a problem of the record of model_field's type whose key is `key`.
  void Report(const ReturnRow& row, std::string_view column, std::string value, std::string rule,
              std::string_view model_field, std::string key) const;
  void Emit(const ReturnRow& row) { row.AddTo(out_.dataset, out_.sources, problems_); }

  Problems& problems_;
  std::optional<ReturnRow> council_;
  std::vector<ReturnRow> teams_;  // each return's, earliest first
  std::map<std::string, ReturnRow> workers_;
  std::vector<ReturnRow> caseloads_;  // every return's: each of its own census day
  WorkforceReturn out_;
};

void Combining::Report(const ReturnRow& row, std::string_view column, std::string value, std::string rule,
                       std::string_view model_field, std::string key) const {
  Problem p{row.file, row.line, std::string(column), std::move(value), std::move(rule)};
  p.model_field = model_field;
  p.record_key = std::move(key);
  problems_.Add(std::move(p));
}

void Combining::Add(const WorkforceReturn& r) {
  ReportGap(r);
  out_.years.push_back(r.collection_year);
  out_.collection_year = r.collection_year;
  out_.workers += r.workers, out_.workers_left_out += r.workers_left_out;
  if (!council_ && r.dataset.table("councils").size() > 0) council_ = RowOf(r, "councils", 0);
  if (r.dataset.table("teams").size() > 0) teams_.push_back(RowOf(r, "teams", 0));
  for (size_t w = 0; w < r.dataset.table("workers").size(); ++w) {
    ReturnRow worker = RowOf(r, "workers", w);
    auto [it, first] = workers_.try_emplace(worker["worker_id"], worker);
    if (!first) AddAgain(it->second, std::move(worker));
  }
  for (size_t c = 0; c < r.dataset.table("worker_caseloads").size(); ++c)
    caseloads_.push_back(RowOf(r, "worker_caseloads", c));
}

void Combining::ReportGap(const WorkforceReturn& r) const {
  if (out_.years.empty() || r.dataset.table("teams").size() == 0) return;
  std::string file = RowOf(r, "teams", 0).file;
  for (int year = out_.years.back() + 1; year < r.collection_year; ++year)
    problems_.Add({file, 0, "Year", std::to_string(year),
                   fmt::format("no return of 30 September {} is given, between those of {} and {}: workers who "
                               "started and left between them are missing, and those who left then are reported as "
                               "in post in no later return",
                               year, out_.years.back(), r.collection_year)});
}

// Dates are compared as their ISO text, which sorts as they do.
void Combining::AddAgain(ReturnRow& earlier, ReturnRow later) {
  ++out_.combined;
  const std::string &left = earlier["leave_date"], &start = later["start_date"];
  if (!left.empty() && start > left) {
    Report(later, "RoleStartDate",
           fmt::format("{}: started {} (left {}, {})", later["worker_id"], start, left, WhereOf(earlier)),
           "the worker left and started again; the model keeps one period a worker, the latest",
           "workers.start_date", later["worker_id"]);
  } else if (!left.empty() && later["leave_date"].empty()) {
    Report(later, "RoleEndDate",
           fmt::format("{}: in post on 30 September {} (left {}, {})", later["worker_id"], later.year, left,
                       WhereOf(earlier)),
           "the worker left in an earlier return but is in post in a later one with no new start; the latest "
           "return's is kept",
           "workers.leave_date", later["worker_id"]);
  } else {
    later["start_date"] = std::min(earlier["start_date"], start);  // a new role's start: in post throughout
  }
  earlier = std::move(later);
}

void Combining::ReportUnknownLeaving() const {
  for (const auto& [id, worker] : workers_)
    if (worker.year < out_.collection_year && worker["leave_date"].empty())
      Report(worker, "RoleEndDate", fmt::format("{}: in post on 30 September {}", id, worker.year),
             "in post in one return and in no later one, which gives no RoleEndDate: the leaving date is unknown "
             "and left blank, so the worker counts as in post after",
             "workers.leave_date", id);
}

void Combining::ReportFundedPosts() const {
  if (teams_.size() < 2) return;
  const ReturnRow& latest = teams_.back();
  std::string by_year;
  bool differ = false;
  for (const ReturnRow& team : teams_) {
    differ = differ || team["funded_fte"] != latest["funded_fte"];
    by_year += fmt::format("{}{}: {}", by_year.empty() ? "" : ", ", team.year,
                           team["funded_fte"].empty() ? "none" : team["funded_fte"]);
  }
  if (differ)
    Report(latest, "NumberOfVacancies", fmt::format("funded FTE by year: {}", by_year),
           "funded posts differ by year; the model keeps one figure a team, the latest return's, so vacancy rates "
           "of earlier periods use it",
           "teams.funded_fte", latest["team_id"]);
}

WorkforceReturn Combining::Finish() && {
  ReportUnknownLeaving();
  ReportFundedPosts();
  if (council_) Emit(*council_);
  if (!teams_.empty()) Emit(teams_.back());
  for (const auto& [id, worker] : workers_) Emit(worker);
  for (const ReturnRow& caseload : caseloads_) Emit(caseload);
  return std::move(out_);
}

}  // namespace

Result<WorkforceReturn> CombineWorkforceYears(std::vector<WorkforceReturn> years, Problems& problems) {
  if (years.size() == 1) return std::move(years.front());
  if (auto twice = SortByYear(years))
    return Status::InvalidInput(
        fmt::format("two workforce returns of 30 September {} are given: give one return per year", *twice));
  Combining combining(problems);
  for (const WorkforceReturn& r : years) combining.Add(r);
  return std::move(combining).Finish();
}

}  // namespace scrutiny
