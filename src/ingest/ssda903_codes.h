#pragma once
// The codes of the SSDA903 return as they change from one collection year to
// the next, mapped to the codes of Scrutiny's record model: SEX 1/2 before
// 2025-26 and M/F/U from then; placement types retired and added by year;
// care leavers' activity codes of the 2022 schema.

#include <string>
#include <string_view>
#include <variant>

namespace scrutiny {

// A coded column of the return.
enum class Ssda903Coded {
  kSex, kEthnic, kRne, kLs, kCin, kPlace, kPlaceProvider, kRec, kReasonPlaceChange,
  kReviewCode, kMissing, kInTouch, kActiv, kAccom, kReasonPlacedCeased, kPrevPerm, kSwReason,
};

// CodeRefusal says why a value is not a code of its column in that year.
struct CodeRefusal {
  std::string rule;
};

// The model's code for a value of the column in the collection year (the
// financial year's first year, 2024 for 2024-25), or why there is none.
std::variant<std::string_view, CodeRefusal> ToModelCode(Ssda903Coded column, std::string_view value, int year);

}  // namespace scrutiny
