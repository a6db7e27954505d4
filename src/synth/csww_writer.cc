#include "synth/csww_writer.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "core/date.h"
#include "core/markup.h"
#include "synth/record_fields.h"
#include "synth/return_file.h"

namespace scrutiny {
namespace {

constexpr int kCensusMonth = 9, kCensusDay = 30;

// Each worker's caseload on the census day, as the council's records give it.
std::map<std::string_view, int> CasesOn(const Dataset& d, Date day) {
  RecordFields c(d, "worker_caseloads");
  std::map<std::string_view, int> cases;
  for (size_t r = 0; r < c.size(); ++r)
    if (*c.DateOf(r, "census_date") == day) cases[c.Text(r, "worker_id")] = c.Int(r, "cases");
  return cases;
}

// One CSWWWorker element; adds the FTE of an employed worker still in post to in_post.
void WriteWorker(const RecordFields& w, size_t r, Date census, std::string_view la_code, int cases, ReturnFile& out,
                 double& in_post) {
  auto leave = w.DateOf(r, "leave_date");
  bool left = leave && *leave <= census;
  bool agency = w.Flag(r, "agency");
  double fte = w.Decimal(r, "fte");
  if (!agency && !left) in_post += fte;
  out.Append(fmt::format("  <CSWWWorker>\n    <AgencyWorker>{}</AgencyWorker>\n    <SWENo>{}</SWENo>\n"
                         "    <FTE>{:g}</FTE>\n    <OrgRole>{}</OrgRole>\n    <RoleStartDate>{}</RoleStartDate>\n",
                         agency ? 1 : 0, EscapedMarkup(LocalId(w.Text(r, "worker_id"), la_code)), fte,
                         EscapedMarkup(w.Text(r, "role")), w.DateOf(r, "start_date")->ToIso()));
  if (left)
    out.Append(fmt::format("    <RoleEndDate>{}</RoleEndDate>\n    <ReasonLeave>{}</ReasonLeave>\n", leave->ToIso(),
                           EscapedMarkup(w.Text(r, "leave_reason"))));
  else if (cases)
    out.Append(fmt::format("    <Cases30>{}</Cases30>\n", cases));
  out.Append("  </CSWWWorker>\n");
}

}  // namespace

Status WriteCsww(const Dataset& council, int year, const std::string& path) {
  Date census = Date::FromCivil(year, kCensusMonth, kCensusDay);
  Date year_start = census.AddYears(-1).AddDays(1);
  std::string_view la_code = RecordFields(council, "councils").Text(0, "la_code");
  ReturnFile out(path);
  RecordFields w(council, "workers"), teams(council, "teams");
  std::map<std::string_view, int> cases = CasesOn(council, census);
  double in_post = 0, funded = 0;
  for (size_t r = 0; r < teams.size(); ++r)
    if (!teams.Format(r, "funded_fte").empty()) funded += teams.Decimal(r, "funded_fte");
  ReturnFile body(path);
  for (size_t r = 0; r < w.size(); ++r) {
    auto leave = w.DateOf(r, "leave_date");
    if (!w.Flag(r, "qualified_social_worker") || *w.DateOf(r, "start_date") > census || (leave && *leave < year_start))
      continue;
    WriteWorker(w, r, census, la_code, cases[w.Text(r, "worker_id")], body, in_post);
  }
  out.Append(fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n"
      "      <Collection>CSWW</Collection>\n      <Year>{}</Year>\n      <ReferenceDate>{}</ReferenceDate>\n"
      "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{}</LEA>\n"
      "      <SoftwareCode>scrutiny generate</SoftwareCode>\n    </Source>\n  </Header>\n"
      "  <LALevelVacancies>\n    <NumberOfVacancies>{:.2f}</NumberOfVacancies>\n  </LALevelVacancies>\n",
      year, census.ToIso(), EscapedMarkup(la_code), std::max(0.0, funded - in_post)));
  out.Append(body.text());
  out.Append("</Message>\n");
  return out.Write();
}

}  // namespace scrutiny
