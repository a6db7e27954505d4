#include "ingest/annex_a_codes.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/code_lists.h"
#include "ingest/annex_a_lists.h"

namespace scrutiny {
namespace {

// LabelCode maps a label Annex A uses, normalised, to a code of the model.
struct LabelCode {
  std::string_view code_list;
  std::string_view label;  // as NormaliseHeader leaves it
  std::string_view code;
};

// Labels the templates use that are not the model's own labels.
const std::vector<LabelCode>& AnnexALabels() {
  static const std::vector<LabelCode> labels = {
      {"sex", "male", "M"}, {"sex", "female", "F"}, {"sex", "notstatedrecorded", "U"},
      {"sex", "neither", "U"}, {"sex", "unknown", "U"},
      {"yes_no", "yes", "Y"}, {"yes_no", "no", "N"}, {"yes_no", "y", "Y"}, {"yes_no", "n", "N"},
      {"abuse_category", "neglect", "NEG"}, {"abuse_category", "physicalabuse", "PHY"},
      {"abuse_category", "sexualabuse", "SAB"}, {"abuse_category", "emotionalabuse", "EMO"},
      {"abuse_category", "multiplenotrecommended", "MUL"}, {"abuse_category", "multiple", "MUL"},
  };
  return labels;
}

// Whether the byte is white space as std::isspace takes it in the "C" locale, without its call.
bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// "q) 6: Police" without its option letter: "6: Police".
std::string_view WithoutOptionLetter(std::string_view v) {
  if (v.size() >= 2 && std::isalpha(static_cast<unsigned char>(v[0])) && v[1] == ')') return Trim(v.substr(2));
  return v;
}

// The code a value opens with: "6" of "6: Police", "N1" of "N1 - Abuse", in upper case.
std::string LeadingCode(std::string_view v) {
  std::string code;
  for (char c : v) {
    if (!std::isalnum(static_cast<unsigned char>(c))) break;
    code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  }
  return code;
}

// The labels of a list's codes as NormaliseHeader leaves them, made once per list
// (every coded cell of a workbook asks). Not for use from several threads at once.
const std::vector<std::string>& NormalisedLabels(const CodeList& list) {
  static std::map<const CodeList*, std::vector<std::string>> made;
  auto [it, added] = made.try_emplace(&list);
  if (added)
    for (const Code& c : list.codes) it->second.push_back(NormaliseHeader(c.label));
  return it->second;
}

std::optional<std::string_view> CodeOfLabel(const CodeList& list, std::string_view value) {
  std::string label = NormaliseHeader(value);
  for (const LabelCode& l : AnnexALabels())
    if (l.code_list == list.name && l.label == label) return l.code;
  const std::vector<std::string>& labels = NormalisedLabels(list);
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] == label) return list.codes[i].code;
  return std::nullopt;
}

// Words in an organisation's name that say what kind it is, as NormaliseHeader leaves them.
struct OrganisationWord {
  std::string_view word;
  std::string_view code;
};

const std::vector<OrganisationWord>& OrganisationWords() {
  static const std::vector<OrganisationWord> words = {
      {"school", "SCHOOL"}, {"academy", "SCHOOL"}, {"college", "SCHOOL"}, {"nursery", "SCHOOL"},
      {"health", "HEALTH"}, {"nhs", "HEALTH"}, {"gp", "HEALTH"}, {"hospital", "HEALTH"},
      {"earlyhelp", "LA"}, {"council", "LA"}, {"localauthority", "LA"}, {"locality", "LA"},
      {"charity", "VOLUNTARY"}, {"voluntary", "VOLUNTARY"}, {"community", "VOLUNTARY"},
  };
  return words;
}

}  // namespace

std::optional<std::string_view> CareLeaverAccommodation(std::string_view type, std::string_view suitability) {
  std::string letter = LeadingCode(WithoutOptionLetter(AnnexAText(type)));
  std::string label = NormaliseHeader(WithoutOptionLetter(AnnexAText(suitability)));
  if (label != "suitable" && label != "unsuitable") return std::nullopt;
  return AnnexACode("care_leaver_accommodation", letter + (label == "suitable" ? "1" : "2"));
}

std::string_view EarlyHelpOrganisation(std::string_view name) {
  std::string_view v = AnnexAText(name);
  if (v.empty()) return {};
  if (auto code = AnnexACode("early_help_organisation", v)) return *code;
  std::string words = NormaliseHeader(v);
  for (const OrganisationWord& w : OrganisationWords())
    if (words.find(w.word) != std::string::npos) return w.code;
  return "OTHER";
}

std::string_view AnnexAText(std::string_view value) {
  std::string_view v = Trim(value);
  return v == "-" ? std::string_view() : v;
}

std::optional<std::string_view> AnnexACode(std::string_view code_list, std::string_view value) {
  const CodeList* list = FindCodeList(code_list);
  std::string_view v = WithoutOptionLetter(AnnexAText(value));
  if (!list || v.empty()) return std::nullopt;
  if (auto labelled = CodeOfLabel(*list, v)) return labelled;
  std::string code = LeadingCode(v);
  for (const Code& c : list->codes)
    if (c.code == code) return c.code;
  return std::nullopt;
}

AnnexACodes::List& AnnexACodes::ListOf(std::string_view code_list) {
  for (List& list : lists_)  // callers name lists by literals: the one given from there, if its name is the same
    if (list.given == code_list.data() && list.name == code_list) return list;
  for (List& list : lists_)
    if (list.name == code_list) {
      list.given = code_list.data();
      return list;
    }
  List& list = lists_.emplace_back();
  list.name = code_list;
  list.given = code_list.data();
  list.codes = FindCodeList(code_list);
  return list;
}

std::optional<std::string_view> AnnexACodes::Code(std::string_view code_list, std::string_view value) {
  List& list = ListOf(code_list);
  if (auto known = list.by_text.find(value); known != list.by_text.end()) return known->second;
  std::optional<std::string_view> code = AnnexACode(code_list, value);
  if (list.by_text.size() < kMaxValuesPerList) list.by_text.emplace(value, code);
  return code;
}

std::optional<std::string_view> AnnexACodes::Code(std::string_view code_list, std::string_view value, int32_t shared) {
  if (shared < 0 || static_cast<size_t>(shared) >= kMaxSharedIndex) return Code(code_list, value);
  List& list = ListOf(code_list);
  auto index = static_cast<size_t>(shared);
  if (index >= list.by_shared.size()) list.by_shared.resize(index + 1);
  if (uint16_t known = list.by_shared[index]; known != 0) {
    if (known == 1) return std::nullopt;
    return list.codes->codes[known - 2].code;
  }
  std::optional<std::string_view> code = Code(code_list, value);
  uint16_t remembered = code ? 0 : 1;  // a code not of the list's (none is) stays 0: looked up by text each time
  if (code && list.codes)
    for (size_t i = 0; i < list.codes->codes.size(); ++i)
      if (list.codes->codes[i].code == *code) remembered = static_cast<uint16_t>(i + 2);
  list.by_shared[index] = remembered;
  return code;
}

}  // namespace scrutiny
