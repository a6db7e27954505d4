#include "ingest/cin_census_reader.h"

#include <memory>
#include <optional>
#include <set>
#include <vector>

#include <fmt/format.h>

#include "core/return_years.h"
#include "ingest/xml_return.h"

namespace scrutiny {
namespace {

constexpr size_t kLongestChildId = 48;
constexpr double kMostPreviousPlans = 99;

using Node = pugi::xml_node;

// The model's fields the census's items become (a CINreferralDate is also the episode's start).
constexpr ItemField kCensusFields[] = {
    {"GenderCurrent", "children.sex"},
    {"Sex", "children.sex"},
    {"PersonBirthDate", "children.date_of_birth"},
    {"ExpectedPersonBirthDate", "children.expected_date_of_birth"},
    {"PersonDeathDate", "children.date_of_death"},
    {"Ethnicity", "children.ethnicity"},
    {"Disability", "children.disability"},
    {"CINreferralDate", "referrals.referral_date"},
    {"ReferralSource", "referrals.source"},
    {"PrimaryNeedCode", "cin_episodes.primary_need"},
    {"ReferralNFA", "referrals.nfa"},
    {"CINclosureDate", "cin_episodes.end_date"},
    {"ReasonForClosure", "cin_episodes.closure_reason"},
    {"AssessmentActualStartDate", "assessments.start_date"},
    {"AssessmentAuthorisationDate", "assessments.authorisation_date"},
    {"AssessmentFactors", "assessments.factors"},
    {"S47ActualStartDate", "section47_enquiries.s47_start_date"},
    {"DateOfInitialCPC", "section47_enquiries.icpc_date"},
    {"ICPCnotRequired", "section47_enquiries.icpc_not_required"},
    {"CINPlanStartDate", "cin_plans.start_date"},
    {"CINPlanEndDate", "cin_plans.end_date"},
    {"CPPstartDate", "cp_plans.start_date"},
    {"CPPendDate", "cp_plans.end_date"},
    {"InitialCategoryOfAbuse", "cp_plans.initial_category"},
    {"LatestCategoryOfAbuse", "cp_plans.latest_category"},
    {"NumberOfPreviousCPP", "cp_plans.previous_plans"},
    {"CPPreviewDate", "cp_reviews.review_date"},
};

// The model's sex code for GenderCurrent (to 2023-24) or Sex (from 2024-25).
std::string_view SexOf(XmlItemCheck& check, Node ids, int year) {
  std::string label = FinancialYear{year}.Label();
  bool letters = year >= kCinCensusSexFrom;
  const char* item = letters ? "Sex" : "GenderCurrent";
  const char* other = letters ? "GenderCurrent" : "Sex";
  if (ids.child(other) && !ids.child(item)) {
    check.Fail(ids, other, XmlItemCheck::Text(ids, other), fmt::format("the {} census gives {}, not {}", label, item, other));
    return {};
  }
  std::string_view v = XmlItemCheck::Text(ids, item);
  if (letters) {
    for (std::string_view code : {"M", "F", "U"})
      if (v == code) return code;
    check.Fail(ids, item, v, fmt::format("Sex in the {} census is M, F or U", label));
    return {};
  }
  if (v == "1") return "M";
  if (v == "2") return "F";
  if (v == "0" || v == "9") return "U";
  check.Fail(ids, item, v, fmt::format("GenderCurrent in the {} census is 1, 2, 0 or 9", label));
  return {};
}

// Span is the start and end items of a part of an episode, checked in order.
struct Span {
  std::optional<Date> start, end;
};

Span SpanOf(XmlItemCheck& check, Node part, const char* start_item, const char* end_item) {
  Span span{check.DateOf(part, start_item, true), check.DateOf(part, end_item, false)};
  check.InOrder(part, start_item, span.start, end_item, span.end);
  return span;
}

// CensusReading reads one census file child by child.
class CensusReading {
 public:
  CensusReading(const ReturnOptions& options, Problems& problems) : options_(options), problems_(problems) {}
  Result<CinCensusReturn> Run(const std::string& name, std::string_view text);

 private:
  Status ReadYear();
  void ReadChild(Node child);
  // Checks the child's own items and puts its children record in the group.
  void ReadChildItems(XmlItemCheck& check, Node child, RecordGroup& record);
  // Reads the child's LAchildID into child_id_ (the model's, <council>-<LAchildID>), and names it in the problems.
  void ReadChildId(XmlItemCheck& check, Node ids);
  // A check of the census's items, its problems naming the fields they become.
  XmlItemCheck ItemCheck() {
    XmlItemCheck check(*file_, last_day_, problems_);
    check.ItemsBecome(kCensusFields);
    return check;
  }
  // The child its problems name: child_id_, or none if its LAchildID could be no child_id.
  std::string_view ProblemChild() const { return child_id_valid_ ? std::string_view(child_id_) : std::string_view(); }
  std::optional<RecordGroup> ReadEpisode(Node details, int number);
  void ReadAssessments(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode);
  void ReadSection47s(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode);
  void ReadCinPlans(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode);
  void ReadCpPlans(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode);
  void ReadReviews(XmlItemCheck& check, RecordGroup& group, Node plan, const std::string& plan_id, Span span);
  ModelRecord& Record(RecordGroup& group, std::string_view type, Node at) {
    return group.Record(type, file_->name(), file_->LineOf(at));
  }

  const ReturnOptions& options_;
  Problems& problems_;
  std::unique_ptr<XmlReturn> file_;
  Date last_day_;
  std::string child_id_;  // of the child being read
  bool child_id_valid_ = false;  // whether its LAchildID could be a child_id, which its problems then name
  std::set<std::string> seen_;
  CinCensusReturn out_;
};

Result<CinCensusReturn> CensusReading::Run(const std::string& name, std::string_view text) {
  if (!IsIdText(options_.la_code))
    return Status::InvalidInput(fmt::format("'{}' is not a council code (letters, digits, - _ . /)", options_.la_code));
  file_ = XmlReturn::Parse(name, text, "CIN", problems_);
  if (!file_) return Status::InvalidInput(fmt::format("{}: not a CIN census return (see the problems)", name));
  if (Status s = ReadYear(); !s.ok()) return s;
  AddCouncil(out_.dataset, out_.sources, options_.la_code, options_.council_name, problems_);
  for (Node child : file_->message().child("Children").children("Child")) ReadChild(child);
  return std::move(out_);
}

Status CensusReading::ReadYear() {
  auto year = file_->CollectionYear(options_.collection_year, 1);  // census of March 2023: 2022-23
  if (!year.ok()) return year.status();
  out_.collection_year = *year;
  out_.years = {*year};
  last_day_ = FinancialYear{out_.collection_year}.last_day();
  auto reference = Date::ParseIso(file_->HeaderItem("CollectionDetails", "ReferenceDate"));
  if (reference && *reference > last_day_) last_day_ = *reference;
  return Status::Ok();
}

void CensusReading::ReadChildId(XmlItemCheck& check, Node ids) {
  std::string_view local = XmlItemCheck::Text(ids, "LAchildID");
  child_id_ = options_.la_code + "-" + std::string(local);
  child_id_valid_ = IsIdText(local) && child_id_.size() <= kLongestChildId;
  check.AboutChild(ProblemChild());
  if (!child_id_valid_) {
    check.Fail(ids, "LAchildID", local, fmt::format("LAchildID is letters, digits or - _ . /, at most {} with the council code", kLongestChildId));
  } else if (!seen_.insert(child_id_).second) {
    check.Fail(ids, "LAchildID", local, "a second Child with this LAchildID");
  }
}

void CensusReading::ReadChild(Node child) {
  ++out_.children;
  XmlItemCheck check = ItemCheck();
  RecordGroup record(out_.dataset, out_.sources);
  ReadChildItems(check, child, record);
  std::vector<RecordGroup> episodes;
  int number = 0;
  for (Node details : child.children("CINdetails"))
    if (auto group = ReadEpisode(details, ++number)) episodes.push_back(std::move(*group));
  out_.episodes += static_cast<uint64_t>(number);
  out_.episodes_left_out += static_cast<uint64_t>(number) - episodes.size();
  if (check.ok() && episodes.empty())
    check.Fail(child, "CINdetails", child_id_, "the child has no CINdetails that could be read");
  if (!check.ok() || !record.Commit(problems_)) {
    ++out_.children_left_out;
    out_.episodes_left_out += episodes.size();
    return;
  }
  for (RecordGroup& episode : episodes)
    if (!episode.Commit(problems_)) ++out_.episodes_left_out;
}

void CensusReading::ReadChildItems(XmlItemCheck& check, Node child, RecordGroup& record) {
  Node ids = child.child("ChildIdentifiers"), traits = child.child("ChildCharacteristics");
  if (!ids) ids = child;
  if (!traits) traits = child;
  ReadChildId(check, ids);
  std::string_view sex = SexOf(check, ids, out_.collection_year);
  auto birth = check.DateOf(ids, "PersonBirthDate", false);
  auto expected = check.ProspectiveDateOf(ids, "ExpectedPersonBirthDate", false);  // a child due after the census
  if (!birth && !expected && check.ok())
    check.Fail(ids, "PersonBirthDate", "", "PersonBirthDate or ExpectedPersonBirthDate is required");
  if (birth && expected)
    check.Fail(ids, "ExpectedPersonBirthDate", XmlItemCheck::Text(ids, "ExpectedPersonBirthDate"),
               "ExpectedPersonBirthDate is for an unborn child, who has no PersonBirthDate");
  auto death = check.DateOf(ids, "PersonDeathDate", false);
  check.InOrder(ids, "PersonBirthDate", birth, "PersonDeathDate", death);
  std::string_view ethnicity = check.Code(traits, "Ethnicity", "ethnicity", true);
  std::string disabilities = check.CodeSet(traits.child("Disabilities"), "Disability", "disability");
  Record(record, "children", child)
      .Set("child_id", child_id_).Set("la_code", options_.la_code).Set("sex", sex).Set("date_of_birth", birth)
      .Set("expected_date_of_birth", expected).Set("ethnicity", ethnicity).Set("disability", disabilities)
      .Set("uasc", "N").Set("date_of_death", death);
}

std::optional<RecordGroup> CensusReading::ReadEpisode(Node details, int number) {
  XmlItemCheck check = ItemCheck();
  check.AboutChild(ProblemChild());
  auto referral = check.DateOf(details, "CINreferralDate", true);
  std::string_view source = check.Code(details, "ReferralSource", "referral_source", true);
  std::string_view need = check.Code(details, "PrimaryNeedCode", "primary_need", true);
  std::string_view nfa = check.Flag(details, "ReferralNFA", true);
  auto closure = check.DateOf(details, "CINclosureDate", false);
  std::string_view reason = check.Code(details, "ReasonForClosure", "cin_closure_reason", closure.has_value());
  if (XmlItemCheck::Text(details, "CINclosureDate").empty() && !reason.empty())
    check.Fail(details, "ReasonForClosure", reason, "ReasonForClosure is given only with CINclosureDate");
  check.InOrder(details, "CINreferralDate", referral, "CINclosureDate", closure);
  std::string episode = fmt::format("{}-C{}", child_id_, number);
  RecordGroup group(out_.dataset, out_.sources);
  Record(group, "referrals", details)
      .Set("referral_id", episode + "-R").Set("child_id", child_id_).Set("referral_date", referral)
      .Set("source", source).Set("nfa", nfa).Set("primary_need", need);
  Record(group, "cin_episodes", details)
      .Set("cin_episode_id", episode).Set("child_id", child_id_).Set("referral_id", episode + "-R")
      .Set("start_date", referral).Set("end_date", closure).Set("primary_need", need).Set("closure_reason", reason);
  ReadAssessments(check, group, details, episode);
  ReadSection47s(check, group, details, episode);
  ReadCinPlans(check, group, details, episode);
  ReadCpPlans(check, group, details, episode);
  if (!check.ok()) return std::nullopt;
  return group;
}

void CensusReading::ReadAssessments(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode) {
  int number = 0;
  for (Node a : details.children("Assessments")) {
    auto [start, authorised] = SpanOf(check, a, "AssessmentActualStartDate", "AssessmentAuthorisationDate");
    std::string factors = check.CodeSet(a.child("FactorsIdentifiedAtAssessment"), "AssessmentFactors", "assessment_factor");
    Record(group, "assessments", a)
        .Set("assessment_id", fmt::format("{}-A{}", episode, ++number)).Set("child_id", child_id_)
        .Set("referral_id", episode + "-R").Set("start_date", start).Set("authorisation_date", authorised)
        .Set("factors", factors);
  }
}

void CensusReading::ReadSection47s(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode) {
  int number = 0;
  for (Node s : details.children("Section47")) {
    auto [start, icpc] = SpanOf(check, s, "S47ActualStartDate", "DateOfInitialCPC");
    std::string_view not_required = check.Flag(s, "ICPCnotRequired", false);
    if (icpc && not_required == "Y")
      check.Fail(s, "ICPCnotRequired", XmlItemCheck::Text(s, "ICPCnotRequired"),
                 "ICPCnotRequired is true but DateOfInitialCPC gives a conference");
    Record(group, "section47_enquiries", s)
        .Set("s47_id", fmt::format("{}-S{}", episode, ++number)).Set("child_id", child_id_)
        .Set("referral_id", episode + "-R").Set("s47_start_date", start).Set("icpc_date", icpc)
        .Set("icpc_not_required", not_required);
  }
}

void CensusReading::ReadCinPlans(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode) {
  int number = 0;
  for (Node p : details.children("CINPlanDates")) {
    auto [start, end] = SpanOf(check, p, "CINPlanStartDate", "CINPlanEndDate");
    Record(group, "cin_plans", p)
        .Set("cin_plan_id", fmt::format("{}-P{}", episode, ++number)).Set("child_id", child_id_)
        .Set("cin_episode_id", episode).Set("start_date", start).Set("end_date", end);
  }
}

void CensusReading::ReadCpPlans(XmlItemCheck& check, RecordGroup& group, Node details, const std::string& episode) {
  int number = 0;
  for (Node p : details.children("ChildProtectionPlans")) {
    Span span = SpanOf(check, p, "CPPstartDate", "CPPendDate");
    std::string_view initial = check.Code(p, "InitialCategoryOfAbuse", "abuse_category", true);
    std::string_view latest = check.Code(p, "LatestCategoryOfAbuse", "abuse_category", false);
    auto previous = check.Number(p, "NumberOfPreviousCPP", 0, kMostPreviousPlans, false);
    if (previous && *previous != static_cast<int>(*previous))
      check.Fail(p, "NumberOfPreviousCPP", XmlItemCheck::Text(p, "NumberOfPreviousCPP"), "NumberOfPreviousCPP is a whole number");
    std::string plan = fmt::format("{}-CP{}", episode, ++number);
    Record(group, "cp_plans", p)
        .Set("cp_plan_id", plan).Set("child_id", child_id_).Set("cin_episode_id", episode)
        .Set("start_date", span.start).Set("end_date", span.end).Set("initial_category", initial)
        .Set("latest_category", latest)
        .Set("previous_plans", previous ? fmt::format("{}", static_cast<int>(*previous)) : "");
    ReadReviews(check, group, p, plan, span);
  }
}

void CensusReading::ReadReviews(XmlItemCheck& check, RecordGroup& group, Node plan, const std::string& plan_id,
                                Span span) {
  std::set<Date> held;
  for (Node review : plan.child("Reviews").children("CPPreviewDate")) {
    auto date = check.DateIn(review);
    if (!date) continue;
    if ((span.start && *date < *span.start) || (span.end && *date > *span.end)) {
      check.Fail(plan, "CPPreviewDate", date->ToIso(), "CPPreviewDate is within the plan, from CPPstartDate to CPPendDate");
    } else if (!held.insert(*date).second) {
      check.Note(plan, "CPPreviewDate", date->ToIso(), "a second review of the plan that day: kept once");
    } else {
      Record(group, "cp_reviews", review).Set("cp_plan_id", plan_id).Set("child_id", child_id_).Set("review_date", date);
    }
  }
}

}  // namespace

std::span<const ItemField> CinCensusFields() { return kCensusFields; }

Result<CinCensusReturn> ReadCinCensus(const std::string& name, std::string_view text, const ReturnOptions& options,
                                      Problems& problems) {
  return CensusReading(options, problems).Run(name, text);
}

}  // namespace scrutiny
