#include "ingest/ssda903_codes.h"

#include <algorithm>
#include <array>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/code_lists.h"
#include "core/date.h"
#include "core/return_years.h"

namespace scrutiny {
namespace {

struct ColumnCodes {
  std::string_view column;     // as named in the return
  std::string_view code_list;  // the model's list
};

ColumnCodes CodesOf(Ssda903Coded c) {
  switch (c) {
    case Ssda903Coded::kSex: return {"SEX", "sex"};
    case Ssda903Coded::kEthnic: return {"ETHNIC", "ethnicity"};
    case Ssda903Coded::kRne: return {"RNE", "reason_new_episode"};
    case Ssda903Coded::kLs: return {"LS", "legal_status"};
    case Ssda903Coded::kCin: return {"CIN", "category_of_need"};
    case Ssda903Coded::kPlace: return {"PLACE", "placement_type"};
    case Ssda903Coded::kPlaceProvider: return {"PLACE_PROVIDER", "placement_provider"};
    case Ssda903Coded::kRec: return {"REC", "reason_episode_ceased"};
    case Ssda903Coded::kReasonPlaceChange: return {"REASON_PLACE_CHANGE", "reason_place_change"};
    case Ssda903Coded::kReviewCode: return {"REVIEW_CODE", "review_participation"};
    case Ssda903Coded::kMissing: return {"MISSING", "missing_type"};
    case Ssda903Coded::kInTouch: return {"IN_TOUCH", "in_touch"};
    case Ssda903Coded::kActiv: return {"ACTIV", "care_leaver_activity"};
    case Ssda903Coded::kAccom: return {"ACCOM", "care_leaver_accommodation"};
    case Ssda903Coded::kReasonPlacedCeased: return {"REASON_PLACED_CEASED", "adoption_reversal_reason"};
    case Ssda903Coded::kPrevPerm: return {"PREV_PERM", "previous_permanence"};
    case Ssda903Coded::kSwReason: return {"SW_REASON", "social_worker_change_reason"};
  }
  return {};
}

// Whether a code of the model's list is also a code of the return in that year.
bool InUseIn(Ssda903Coded c, std::string_view code, int year) {
  auto among = [&](std::initializer_list<std::string_view> codes) {
    return std::find(codes.begin(), codes.end(), code) != codes.end();
  };
  if (c == Ssda903Coded::kPlace) {
    if (among({"H5", "P2"})) return year <= kSsda903PlaceH5P2LastYear;
    if (code == "K3") return year >= kSsda903PlaceK3From;
    if (among({"Z11", "Z12", "Z13", "Z14"})) return year >= kSsda903PlaceZ1xFrom;
  }
  if (c == Ssda903Coded::kActiv) {
    if (among({"F3", "P3"})) return year <= kSsda903ActivityF3P3LastYear;
    if (among({"F4", "P4", "F5", "P5"})) return year > kSsda903ActivityF3P3LastYear;
  }
  return true;
}

std::string CodesInUse(Ssda903Coded c, const CodeList& list, int year) {
  std::vector<std::string_view> codes;
  for (const Code& code : list.codes)
    if (InUseIn(c, code.code, year)) codes.push_back(code.code);
  return fmt::format("{}", fmt::join(codes, ", "));
}

std::variant<std::string_view, CodeRefusal> SexCode(std::string_view value, int year) {
  if (year < kSsda903SexLettersFrom) {
    if (value == "1") return std::string_view("M");
    if (value == "2") return std::string_view("F");
    return CodeRefusal{fmt::format("SEX in {} is 1 (male) or 2 (female)", FinancialYear{year}.Label())};
  }
  for (std::string_view code : {"M", "F", "U"})
    if (value == code) return code;
  return CodeRefusal{fmt::format("SEX in {} is M, F or U", FinancialYear{year}.Label())};
}

}  // namespace

std::variant<std::string_view, CodeRefusal> ToModelCode(Ssda903Coded column, std::string_view value, int year) {
  if (column == Ssda903Coded::kSex) return SexCode(value, year);
  // The list of each column, found by name once.
  static const auto lists = [] {
    std::array<const CodeList*, static_cast<size_t>(Ssda903Coded::kSwReason) + 1> found{};
    for (size_t c = 0; c < found.size(); ++c) found[c] = FindCodeList(CodesOf(static_cast<Ssda903Coded>(c)).code_list);
    return found;
  }();
  const CodeList& list = *lists[static_cast<size_t>(column)];
  if (int i = list.IndexOf(value); i >= 0 && InUseIn(column, value, year)) return list.codes[static_cast<size_t>(i)].code;
  return CodeRefusal{fmt::format("{} in {} is one of: {}", CodesOf(column).column, FinancialYear{year}.Label(),
                                 CodesInUse(column, list, year))};
}

}  // namespace scrutiny
