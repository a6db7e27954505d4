#pragma once
// CodeList is a named list of permitted codes (DfE, Ofsted or Scrutiny's own)
// with their meanings; CodeLists() is the catalogue that validation and the
// format documentation both read, so the two cannot disagree.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

struct Code {
  std::string_view code;
  std::string_view label;
};

struct CodeList {
  std::string_view name;    // e.g. "legal_status"
  std::string_view source;  // where the codes come from
  std::vector<Code> codes;
  // Each code's first eight bytes as one word, and an open-addressed table of
  // codes by word (index + 1, or 0), so that a code is found by hashing one
  // word rather than comparing strings; filled in by the catalogue.
  std::vector<uint64_t> words = {};
  std::vector<uint16_t> by_word = {};

  // The code's place in codes, or -1.
  int IndexOf(std::string_view code) const;
  bool Contains(std::string_view code) const { return IndexOf(code) >= 0; }
  std::string_view LabelOf(std::string_view code) const;  // empty if unknown
};

const std::vector<CodeList>& CodeLists();
// nullptr if no list has that name.
const CodeList* FindCodeList(std::string_view name);

}  // namespace scrutiny
