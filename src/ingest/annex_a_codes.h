#pragma once
// Annex A's coded values mapped to the codes of Scrutiny's record model. The
// templates letter their options ("a) Male", "q) 6: Police", "e) PR4 - Private
// provision"); councils also write the bare code ("6"), the label ("Male") or
// the code with its label ("N1 - Abuse or Neglect"). ChAT writes "-" for blank.

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace scrutiny {

struct CodeList;

// The value without white space around it, and empty if it is ChAT's "-".
std::string_view AnnexAText(std::string_view value);

// The model's code of the named code list ("sex", "referral_source",
// "yes_no", "abuse_category"...) for an Annex A value, or none.
std::optional<std::string_view> AnnexACode(std::string_view code_list, std::string_view value);

// A hash of text that finds a std::string key by a std::string_view, without a copy.
struct TextHash {
  using is_transparent = void;
  size_t operator()(std::string_view text) const { return std::hash<std::string_view>()(text); }
};

// AnnexACodes finds codes as AnnexACode does, remembering each list's values:
// a large workbook's coded cells repeat a few dozen values many thousand times.
// A workbook's shared strings are remembered by their index, without hashing
// their text. One AnnexACodes serves one workbook.
class AnnexACodes {
 public:
  std::optional<std::string_view> Code(std::string_view code_list, std::string_view value);
  // The same, for a value that is the workbook's shared string of that index (-1: none).
  std::optional<std::string_view> Code(std::string_view code_list, std::string_view value, int32_t shared);

 private:
  using Memo = std::unordered_map<std::string, std::optional<std::string_view>, TextHash, std::equal_to<>>;
  static constexpr size_t kMaxValuesPerList = 4096;  // beyond, values are looked up each time
  static constexpr size_t kMaxSharedIndex = 1 << 20;  // beyond, shared strings are looked up by text
  // One code list's memos; by_shared holds 0 for a shared string not yet seen, 1 for no code, 2 + i for code i.
  struct List {
    std::string name;
    const char* given = nullptr;  // where the name was last given from (a literal), to look there first
    const CodeList* codes = nullptr;
    Memo by_text;
    std::vector<uint16_t> by_shared;
  };
  List& ListOf(std::string_view code_list);
  std::vector<List> lists_;
};

// The model's care_leaver_accommodation code (type letter, 1 suitable or 2
// unsuitable) for List 9's type ("Y: Other accommodation") and suitability
// ("a) Suitable"); none if either is not one of them.
std::optional<std::string_view> CareLeaverAccommodation(std::string_view type, std::string_view suitability);

// The model's early_help_organisation code for the name of the organisation
// that completed an early help assessment, which Annex A leaves free text: a
// code itself, or by words in the name (school, academy, college, nursery:
// SCHOOL; health, NHS, GP, hospital: HEALTH; early help, council, local
// authority, locality: LA; charity, voluntary, community: VOLUNTARY); OTHER
// for any other name, and empty for none.
std::string_view EarlyHelpOrganisation(std::string_view name);

}  // namespace scrutiny
