#include "synth/cin_census_writer.h"

#include <algorithm>
#include <map>
#include <vector>

#include <fmt/format.h>

#include "core/date.h"
#include "core/markup.h"
#include "core/return_years.h"
#include "synth/record_fields.h"
#include "synth/return_file.h"

namespace scrutiny {
namespace {

constexpr std::string_view kUnknownSource = "10";  // an episode of need with no referral in the records

using RowsOf = std::map<std::string_view, std::vector<size_t>>;

RowsOf Group(const RecordFields& t, std::string_view field) {
  RowsOf rows;
  for (size_t r = 0; r < t.size(); ++r)
    if (std::string_view key = t.Text(r, field); !key.empty()) rows[key].push_back(r);
  return rows;
}

// CensusWriting writes one year's census from one council's tables.
class CensusWriting {
 public:
  CensusWriting(const Dataset& d, int year, ReturnFile& out)
      : year_(year), first_(FinancialYear{year}.first_day()), last_(FinancialYear{year}.last_day()), out_(out),
        children_(d, "children"), referrals_(d, "referrals"), episodes_(d, "cin_episodes"),
        assessments_(d, "assessments"), enquiries_(d, "section47_enquiries"), cin_plans_(d, "cin_plans"),
        cp_plans_(d, "cp_plans"), reviews_(d, "cp_reviews"), referral_rows_(referrals_.RowsBy("referral_id")),
        assessments_of_(Group(assessments_, "referral_id")), enquiries_of_(Group(enquiries_, "referral_id")),
        cin_plans_of_(Group(cin_plans_, "cin_episode_id")), cp_plans_of_(Group(cp_plans_, "cin_episode_id")),
        reviews_of_(Group(reviews_, "cp_plan_id")) {
    la_code_ = RecordFields(d, "councils").Text(0, "la_code");
  }
  void Run();

 private:
  // The item if it has a value.
  void Item(const char* name, std::string_view value, int indent) {
    if (!value.empty()) out_.Append(fmt::format("{:{}}<{}>{}</{}>\n", "", indent, name, EscapedMarkup(value), name));
  }
  void DateItem(const char* name, std::optional<Date> d, int indent) {
    if (d && *d <= last_) Item(name, d->ToIso(), indent);
  }
  // A group of one item per code of the model's set ("MOB;LD"), if there is any.
  void CodeItems(const char* group, const char* item, std::string_view set, int indent) {
    if (set.empty()) return;
    out_.Append(fmt::format("{:{}}<{}>\n", "", indent, group));
    for (size_t from = 0; from <= set.size();) {
      size_t to = std::min(set.find(';', from), set.size());
      Item(item, set.substr(from, to - from), indent + 2);
      from = to + 1;
    }
    out_.Append(fmt::format("{:{}}</{}>\n", "", indent, group));
  }
  // Opens the element of a part of an episode that started by the census day, with its start and end
  // items; false (nothing written) for a part started after it.
  bool Opened(const char* element, const RecordFields& t, size_t r, const char* start_item, const char* end_item,
              std::string_view end_field) {
    auto start = t.DateOf(r, "start_date");
    if (*start > last_) return false;
    out_.Append(fmt::format("        <{}>\n", element));
    DateItem(start_item, start, 10);
    DateItem(end_item, t.DateOf(r, end_field), 10);
    return true;
  }
  void Child(size_t child, const std::vector<size_t>& episodes);
  void Details(size_t episode);
  void Assessments(std::string_view referral);
  void Section47s(std::string_view referral);
  void Plans(std::string_view episode);

  int year_;
  Date first_, last_;
  std::string_view la_code_;
  ReturnFile& out_;
  RecordFields children_, referrals_, episodes_, assessments_, enquiries_, cin_plans_, cp_plans_, reviews_;
  std::unordered_map<std::string_view, size_t> referral_rows_;
  RowsOf assessments_of_, enquiries_of_, cin_plans_of_, cp_plans_of_, reviews_of_;
};

void CensusWriting::Run() {
  out_.Append(fmt::format(
      "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<Message>\n  <Header>\n    <CollectionDetails>\n"
      "      <Collection>CIN</Collection>\n      <Year>{}</Year>\n      <ReferenceDate>{}</ReferenceDate>\n"
      "    </CollectionDetails>\n    <Source>\n      <SourceLevel>L</SourceLevel>\n      <LEA>{}</LEA>\n"
      "      <SoftwareCode>scrutiny generate</SoftwareCode>\n    </Source>\n  </Header>\n  <Children>\n",
      year_ + 1, last_.ToIso(), EscapedMarkup(la_code_)));
  std::map<std::string_view, std::vector<size_t>> open;  // episodes open in the year, by child
  for (size_t e = 0; e < episodes_.size(); ++e) {
    auto end = episodes_.DateOf(e, "end_date");
    if (*episodes_.DateOf(e, "start_date") <= last_ && (!end || *end >= first_)) open[episodes_.Text(e, "child_id")].push_back(e);
  }
  auto child_rows = children_.RowsBy("child_id");
  for (const auto& [child, episodes] : open) Child(child_rows.at(child), episodes);
  out_.Append("  </Children>\n</Message>\n");
}

void CensusWriting::Child(size_t c, const std::vector<size_t>& episodes) {
  out_.Append("    <Child>\n      <ChildIdentifiers>\n");
  Item("LAchildID", LocalId(children_.Text(c, "child_id"), la_code_), 8);
  // A child born after the census day is, for the census, still to be born.
  auto birth = children_.DateOf(c, "date_of_birth"), expected = children_.DateOf(c, "expected_date_of_birth");
  if (birth && *birth > last_) expected = birth, birth.reset();
  DateItem("PersonBirthDate", birth, 8);
  if (expected) Item("ExpectedPersonBirthDate", expected->ToIso(), 8);
  std::string_view sex = children_.Text(c, "sex");
  if (year_ >= kCinCensusSexFrom) Item("Sex", sex, 8);
  else Item("GenderCurrent", sex == "M" ? "1" : sex == "F" ? "2" : "0", 8);
  DateItem("PersonDeathDate", children_.DateOf(c, "date_of_death"), 8);
  out_.Append("      </ChildIdentifiers>\n      <ChildCharacteristics>\n");
  Item("Ethnicity", children_.Text(c, "ethnicity"), 8);
  CodeItems("Disabilities", "Disability", children_.Text(c, "disability"), 8);
  out_.Append("      </ChildCharacteristics>\n");
  for (size_t e : episodes) Details(e);
  out_.Append("    </Child>\n");
}

void CensusWriting::Details(size_t e) {
  std::string_view referral = episodes_.Text(e, "referral_id");
  auto r = referral_rows_.find(referral);
  bool known = r != referral_rows_.end();
  out_.Append("      <CINdetails>\n");
  DateItem("CINreferralDate", episodes_.DateOf(e, "start_date"), 8);
  Item("ReferralSource", known ? referrals_.Text(r->second, "source") : kUnknownSource, 8);
  Item("PrimaryNeedCode", episodes_.Text(e, "primary_need"), 8);
  auto closed = episodes_.DateOf(e, "end_date");
  if (closed && *closed <= last_) {
    DateItem("CINclosureDate", closed, 8);
    Item("ReasonForClosure", episodes_.Text(e, "closure_reason"), 8);
  }
  Item("ReferralNFA", known && referrals_.Flag(r->second, "nfa") ? "true" : "false", 8);
  if (known) {
    Assessments(referral);
    Section47s(referral);
  }
  Plans(episodes_.Text(e, "cin_episode_id"));
  out_.Append("      </CINdetails>\n");
}

void CensusWriting::Assessments(std::string_view referral) {
  for (size_t a : assessments_of_[referral]) {
    if (!Opened("Assessments", assessments_, a, "AssessmentActualStartDate", "AssessmentAuthorisationDate",
                "authorisation_date"))
      continue;
    auto authorised = assessments_.DateOf(a, "authorisation_date");
    if (authorised && *authorised <= last_)
      CodeItems("FactorsIdentifiedAtAssessment", "AssessmentFactors", assessments_.Text(a, "factors"), 10);
    out_.Append("        </Assessments>\n");
  }
}

void CensusWriting::Section47s(std::string_view referral) {
  for (size_t s : enquiries_of_[referral]) {
    auto start = enquiries_.DateOf(s, "s47_start_date");
    if (!start) start = enquiries_.DateOf(s, "strategy_discussion_date");
    if (*start > last_) continue;
    out_.Append("        <Section47>\n");
    DateItem("S47ActualStartDate", start, 10);
    auto icpc = enquiries_.DateOf(s, "icpc_date");
    DateItem("DateOfInitialCPC", icpc, 10);
    if (enquiries_.Format(s, "icpc_not_required") == "Y") Item("ICPCnotRequired", "true", 10);
    else if (icpc && *icpc <= last_) Item("ICPCnotRequired", "false", 10);
    out_.Append("        </Section47>\n");
  }
}

void CensusWriting::Plans(std::string_view episode) {
  for (size_t p : cin_plans_of_[episode])
    if (Opened("CINPlanDates", cin_plans_, p, "CINPlanStartDate", "CINPlanEndDate", "end_date"))
      out_.Append("        </CINPlanDates>\n");
  for (size_t p : cp_plans_of_[episode]) {
    if (!Opened("ChildProtectionPlans", cp_plans_, p, "CPPstartDate", "CPPendDate", "end_date")) continue;
    Item("InitialCategoryOfAbuse", cp_plans_.Text(p, "initial_category"), 10);
    Item("LatestCategoryOfAbuse", cp_plans_.Text(p, "latest_category"), 10);
    Item("NumberOfPreviousCPP", cp_plans_.Format(p, "previous_plans"), 10);
    out_.Append("          <Reviews>\n");
    for (size_t r : reviews_of_[cp_plans_.Text(p, "cp_plan_id")])
      if (Date on = *reviews_.DateOf(r, "review_date"); on >= first_) DateItem("CPPreviewDate", on, 12);
    out_.Append("          </Reviews>\n        </ChildProtectionPlans>\n");
  }
}

}  // namespace

Status WriteCinCensus(const Dataset& council, int year, const std::string& path) {
  ReturnFile file(path);
  CensusWriting(council, year, file).Run();
  return file.Write();
}

}  // namespace scrutiny
