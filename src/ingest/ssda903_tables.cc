#include "ingest/ssda903_tables.h"

#include <algorithm>
#include <cctype>

namespace scrutiny {
namespace {

using T = Ssda903Table;

std::vector<Ssda903TableSpec> Build() {
  return {
      {T::kHeader, "header.csv", {"CHILD", "SEX", "DOB", "ETHNIC", "UPN", "MOTHER", "MC_DOB"}},
      {T::kEpisodes, "episodes.csv",
       {"CHILD", "DECOM", "RNE", "LS", "CIN", "PLACE", "PLACE_PROVIDER", "DEC", "REC", "REASON_PLACE_CHANGE",
        "HOME_POST", "PL_POST", "URN"}},
      {T::kReviews, "reviews.csv", {"CHILD", "DOB", "REVIEW", "REVIEW_CODE"}},
      {T::kMissing, "missing.csv", {"CHILD", "DOB", "MISSING", "MIS_START", "MIS_END"}},
      {T::kOc3, "oc3.csv", {"CHILD", "DOB", "IN_TOUCH", "ACTIV", "ACCOM"}},
      {T::kAd1, "ad1.csv",
       {"CHILD", "DOB", "DATE_INT", "DATE_MATCH", "FOSTER_CARE", "NB_ADOPTR", "SEX_ADOPTR", "LS_ADOPTR"}},
      {T::kPlacedForAdoption, "placed_for_adoption.csv",
       {"CHILD", "DOB", "DATE_PLACED", "DATE_PLACED_CEASED", "REASON_PLACED_CEASED"}},
      {T::kUasc, "uasc.csv", {"CHILD", "SEX", "DOB", "DUC"}},
      {T::kOc2, "oc2.csv",
       {"CHILD", "DOB", "SDQ_SCORE", "SDQ_REASON", "CONVICTED", "HEALTH_CHECK", "IMMUNISATIONS", "TEETH_CHECK",
        "HEALTH_ASSESSMENT", "SUBSTANCE_MISUSE", "INTERVENTION_RECEIVED", "INTERVENTION_OFFERED"}},
      {T::kPreviousPermanence, "previous_permanence.csv", {"CHILD", "DOB", "PREV_PERM", "LA_PERM", "DATE_PERM"}},
      {T::kSwEpisodes, "sw_episodes.csv", {"CHILD", "DOB", "SW_ID", "SW_DECOM", "SW_DEC", "SW_REASON"}},
      {T::kDoLo, "DoLo.csv", {"CHILD", "DOB", "DOLO_START", "DOLO_END"}},
  };
}

}  // namespace

const std::vector<Ssda903TableSpec>& Ssda903Tables() {
  static const std::vector<Ssda903TableSpec> tables = Build();
  return tables;
}

std::string_view ModelFieldOf(Ssda903Table table, std::string_view column) {
  struct Feeds {
    Ssda903Table table;
    std::string_view column, field;
  };
  static constexpr Feeds kFeeds[] = {
      {T::kHeader, "SEX", "children.sex"},
      {T::kHeader, "DOB", "children.date_of_birth"},
      {T::kHeader, "ETHNIC", "children.ethnicity"},
      {T::kEpisodes, "DECOM", "looked_after_episodes.decom"},
      {T::kEpisodes, "RNE", "looked_after_episodes.rne"},
      {T::kEpisodes, "LS", "looked_after_episodes.ls"},
      {T::kEpisodes, "CIN", "looked_after_episodes.cin"},
      {T::kEpisodes, "PLACE", "looked_after_episodes.place"},
      {T::kEpisodes, "PLACE_PROVIDER", "looked_after_episodes.place_provider"},
      {T::kEpisodes, "DEC", "looked_after_episodes.dec"},
      {T::kEpisodes, "REC", "looked_after_episodes.rec"},
      {T::kEpisodes, "REASON_PLACE_CHANGE", "looked_after_episodes.reason_place_change"},
      {T::kReviews, "REVIEW", "looked_after_reviews.review_date"},
      {T::kReviews, "REVIEW_CODE", "looked_after_reviews.participation"},
      {T::kMissing, "MISSING", "missing_episodes.missing_type"},
      {T::kMissing, "MIS_START", "missing_episodes.start_date"},
      {T::kMissing, "MIS_END", "missing_episodes.end_date"},
      {T::kOc3, "IN_TOUCH", "care_leavers.in_touch"},
      {T::kOc3, "ACTIV", "care_leavers.activity"},
      {T::kOc3, "ACCOM", "care_leavers.accommodation"},
  };
  for (const Feeds& f : kFeeds)
    if (f.table == table && f.column == column) return f.field;
  return {};
}

const Ssda903TableSpec& SpecOf(Ssda903Table table) {
  return Ssda903Tables()[static_cast<size_t>(table)];
}

std::string_view TrimSpace(std::string_view s) {
  auto space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };  // as isspace in the C locale
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view XmlItemName(std::string_view column) {
  if (column == "CHILD") return "CHILDID";
  if (column == "PLACE") return "PL";
  return column;
}

std::string NormaliseColumn(std::string_view cell) {
  std::string name(TrimSpace(cell));
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

HeaderMatch MatchHeader(const std::vector<std::string>& header) {
  HeaderMatch best;
  size_t best_shared = 0;
  for (const Ssda903TableSpec& spec : Ssda903Tables()) {
    std::vector<std::string_view> missing;
    for (std::string_view column : spec.columns)
      if (std::find(header.begin(), header.end(), column) == header.end()) missing.push_back(column);
    size_t shared = spec.columns.size() - missing.size();
    bool better = missing.empty() ? !best.found() || shared > best_shared : !best.found() && shared > best_shared;
    if (better) best = {&spec, std::move(missing)}, best_shared = shared;
  }
  if (best_shared == 0) return {};
  return best;
}

}  // namespace scrutiny
