#include "check/case_teams.h"

namespace scrutiny {
namespace {

// Whether a record of the dataset (not a team's or worker's own) names a team or worker.
bool AnyRecordNamesATeam(const Dataset& data) {
  for (const Table& t : data.tables()) {
    if (t.type().name == "teams" || t.type().name == "workers") continue;
    for (std::string_view field : {"team_id", "worker_id"}) {
      int col = t.type().IndexOf(field);
      if (col < 0) continue;
      for (size_t r = 0; r < t.size(); ++r)
        if (!t.IsNull(col, r)) return true;
    }
  }
  return false;
}

}  // namespace

CaseTeams::CaseTeams(const Dataset& data, Date as_at) {
  const Table& workers = data.table("workers");
  for (size_t r = 0; r < workers.size(); ++r)
    worker_team_.emplace(workers.Text(0, r), workers.Text(workers.type().IndexOf("team_id"), r));
  const Table& a = data.table("allocations");
  const RecordType& t = a.type();
  int child = t.IndexOf("child_id"), worker = t.IndexOf("worker_id"), team = t.IndexOf("team_id");
  int start = t.IndexOf("start_date"), end = t.IndexOf("end_date");
  // The allocation that decides: one open on the as-at date, else the latest to start.
  std::unordered_map<std::string, std::pair<bool, int32_t>> best;
  for (size_t r = 0; r < a.size(); ++r) {
    bool open = a.DateAt(start, r) <= as_at && (a.IsNull(end, r) || a.DateAt(end, r) >= as_at);
    std::pair<bool, int32_t> rank{open, a.Int(start, r)};
    std::string id(a.Text(child, r));
    auto [it, fresh] = best.emplace(id, rank);
    if (!fresh && rank <= it->second) continue;
    it->second = rank;
    child_team_[id] = a.IsNull(team, r) ? TeamOfWorker(a.Text(worker, r)) : std::string(a.Text(team, r));
  }
  recorded_ = a.size() > 0 || AnyRecordNamesATeam(data);
}

std::string CaseTeams::TeamOfWorker(std::string_view worker_id) const {
  auto it = worker_team_.find(std::string(worker_id));
  return it == worker_team_.end() ? "" : it->second;
}

std::string CaseTeams::OfRecord(const Table& table, size_t row) const {
  const RecordType& t = table.type();
  if (int team = t.IndexOf("team_id"); team >= 0 && !table.IsNull(team, row)) return std::string(table.Text(team, row));
  if (int worker = t.IndexOf("worker_id"); worker >= 0 && !table.IsNull(worker, row))
    return TeamOfWorker(table.Text(worker, row));
  if (int child = t.IndexOf("child_id"); child >= 0) return OfChild(table.Text(child, row));
  return "";
}

std::string CaseTeams::OfChild(std::string_view child_id) const {
  auto it = child_team_.find(std::string(child_id));
  return it == child_team_.end() ? "" : it->second;
}

}  // namespace scrutiny
