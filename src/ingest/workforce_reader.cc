#include "ingest/workforce_reader.h"

#include <charconv>
#include <memory>
#include <set>

#include <fmt/format.h>

#include "ingest/xml_return.h"

namespace scrutiny {
namespace {

constexpr int kCensusMonth = 9, kCensusDay = 30;  // the census is of 30 September
constexpr double kMostVacancies = 100000;
constexpr size_t kLongestWorkerId = 48;
constexpr int kMostCases = 1000;  // more on one worker is a slip of the keyboard

using Node = pugi::xml_node;

// WorkforceReading reads one CSWW file worker by worker.
class WorkforceReading {
 public:
  WorkforceReading(const ReturnOptions& options, Problems& problems) : options_(options), problems_(problems) {}
  Result<WorkforceReturn> Run(const std::string& name, std::string_view text);

 private:
  Status ReadYear();
  bool ReadWorker(Node worker);
  std::string WorkerIdOf(XmlItemCheck& check, Node worker);
  // The worker's caseload on the census day (Cases30), if the return gives one for a worker in post.
  void AddCaseload(XmlItemCheck& check, Node worker, const std::string& id, double fte, bool in_post);
  void AddTeam();

  const ReturnOptions& options_;
  Problems& problems_;
  std::unique_ptr<XmlReturn> file_;
  Date census_day_;
  std::string team_id_;
  std::set<std::string> seen_;
  double employed_fte_in_post_ = 0;
  WorkforceReturn out_;
  ModelRecord worker_{out_.dataset, out_.sources, "workers"};  // reused for each worker
  ModelRecord caseload_{out_.dataset, out_.sources, "worker_caseloads"};
};

Result<WorkforceReturn> WorkforceReading::Run(const std::string& name, std::string_view text) {
  if (!IsIdText(options_.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options_.la_code));
  file_ = XmlReturn::Parse(name, text, "CSWW", problems_);
  if (!file_) return Status::InvalidInput(fmt::format("{}: not a CSWW return (see the problems)", name));
  if (Status s = ReadYear(); !s.ok()) return s;
  team_id_ = options_.la_code + "-CSWW";
  AddCouncil(out_.dataset, out_.sources, options_.la_code, options_.council_name, problems_);
  for (Node worker : file_->message().children("CSWWWorker"))
    if (!ReadWorker(worker)) ++out_.workers_left_out;
  AddTeam();
  return std::move(out_);
}

Status WorkforceReading::ReadYear() {
  auto year = file_->CollectionYear(options_.collection_year, 0);
  if (!year.ok()) return year.status();
  out_.collection_year = *year;
  out_.years = {*year};
  census_day_ = Date::FromCivil(out_.collection_year, kCensusMonth, kCensusDay);
  return Status::Ok();
}

std::string WorkforceReading::WorkerIdOf(XmlItemCheck& check, Node worker) {
  std::string_view number = XmlItemCheck::Text(worker, "SWENo");
  std::string id = options_.la_code + "-" + std::string(number);
  if (!IsIdText(number) || id.size() > kLongestWorkerId)
    check.Fail(worker, "SWENo", number, fmt::format("SWENo is letters, digits or - _ . /, at most {} with the council code", kLongestWorkerId));
  else if (!seen_.insert(id).second)
    check.Fail(worker, "SWENo", number, "a second CSWWWorker with this SWENo");
  return id;
}

bool WorkforceReading::ReadWorker(Node worker) {
  ++out_.workers;
  XmlItemCheck check(*file_, census_day_, problems_);
  std::string id = WorkerIdOf(check, worker);
  std::string_view agency = check.Flag(worker, "AgencyWorker", true);
  auto fte = check.Number(worker, "FTE", 0, 1, true);
  std::string_view role = check.Code(worker, "OrgRole", "worker_role", true);
  auto start = check.DateOf(worker, "RoleStartDate", true);
  auto end = check.DateOf(worker, "RoleEndDate", false);
  std::string_view reason = check.Code(worker, "ReasonLeave", "leave_reason", end.has_value());
  if (XmlItemCheck::Text(worker, "RoleEndDate").empty() && !reason.empty()) check.Fail(worker, "ReasonLeave", reason, "ReasonLeave is given only with RoleEndDate");
  check.InOrder(worker, "RoleStartDate", start, "RoleEndDate", end);
  if (!check.ok()) return false;
  bool kept = worker_.Clear()
                  .Set("worker_id", id).Set("la_code", options_.la_code).Set("team_id", team_id_).Set("role", role)
                  .Set("qualified_social_worker", "Y").Set("fte", fmt::format("{}", *fte)).Set("agency", agency)
                  .Set("start_date", start).Set("leave_date", end).Set("leave_reason", reason)
                  .Add(file_->name(), file_->LineOf(worker), problems_);
  if (kept && agency == "N" && !end) employed_fte_in_post_ += *fte;
  if (kept) AddCaseload(check, worker, id, *fte, !end);
  return kept;
}

void WorkforceReading::AddCaseload(XmlItemCheck& check, Node worker, const std::string& id, double fte,
                                   bool in_post) {
  std::string_view text = XmlItemCheck::Text(worker, "Cases30");
  if (text.empty()) return;
  if (!in_post) {
    check.Note(worker, "Cases30", text, "a caseload is of a worker in post on the census day; left out for a leaver");
    return;
  }
  int cases = -1;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), cases);
  if (error != std::errc() || end != text.data() + text.size() || cases < 0 || cases > kMostCases) {
    check.Note(worker, "Cases30", text,
               fmt::format("a whole number of cases, 0 to {}; the worker's caseload is left out", kMostCases));
    return;
  }
  caseload_.Clear()
      .Set("worker_id", id).Set("census_date", census_day_).Set("cases", std::to_string(cases))
      .Set("fte", fmt::format("{}", fte))
      .Add(file_->name(), file_->LineOf(worker.child("Cases30")), problems_);
}

void WorkforceReading::AddTeam() {
  Node vacancies = file_->message().child("LALevelVacancies");
  XmlItemCheck check(*file_, census_day_, problems_);
  auto open_posts = check.Number(vacancies, "NumberOfVacancies", 0, kMostVacancies, false);
  std::string funded = open_posts ? fmt::format("{:.2f}", employed_fte_in_post_ + *open_posts) : "";
  ModelRecord(out_.dataset, out_.sources, "teams")
      .Set("team_id", team_id_).Set("la_code", options_.la_code).Set("name", "Social workers (CSWW return)")
      .Set("funded_fte", funded)
      .Add(file_->name(), file_->LineOf(vacancies ? vacancies : file_->message()), problems_);
}

}  // namespace

Result<WorkforceReturn> ReadWorkforce(const std::string& name, std::string_view text, const ReturnOptions& options,
                                      Problems& problems) {
  return WorkforceReading(options, problems).Run(name, text);
}

}  // namespace scrutiny
