#pragma once
// RecordType describes one kind of case record (a referral, a looked-after
// episode, a worker...): its fields, their types and code lists, its key and
// the rules between its dates. The catalogue of record types is the single
// definition read by the CSV reader, the validator, the store and the docs.

#include <string_view>
#include <vector>

#include "core/code_lists.h"

namespace scrutiny {

enum class FieldType {
  kId,       // an identifier: letters, digits, '-', '_', '.', '/'; up to 64 characters
  kText,     // free text (names, postcode districts, URNs)
  kDate,     // YYYY-MM-DD
  kInteger,  // whole number
  kDecimal,  // number with an optional fraction (FTE, miles)
  kFlag,     // Y or N
  kCode,     // one code from the field's code list
  kCodeSet,  // codes from the field's code list separated by ';'
};

std::string_view FieldTypeName(FieldType t);

struct Field {
  std::string_view name;
  FieldType type;
  bool required;
  std::string_view description;
  std::string_view code_list = {};   // for kCode and kCodeSet
  std::string_view references = {};  // record type whose key this field holds
  const CodeList* codes = nullptr;    // the code list named by code_list, filled in by the catalogue
};

// A rule between fields of one record, checked by the validator.
struct FieldRule {
  enum class Kind {
    kNotBefore,     // fields[1] is not before fields[0] (an end is not before its start)
    kOneOf,         // at least one of the fields has a value
    kBothOrNeither, // the fields have values together or not at all
  };
  Kind kind;
  std::vector<std::string_view> fields;
  std::vector<int> columns = {};  // indexes of fields, filled in by the catalogue
};

struct RecordType {
  std::string_view name;         // e.g. "referrals"; the CSV file is name + ".csv"
  std::string_view title;        // e.g. "Referrals"
  std::string_view description;
  std::vector<Field> fields;
  std::vector<std::string_view> key = {};  // fields whose values together are unique
  std::vector<FieldRule> rules = {};
  bool required_file = false;    // must be present in every load

  // Index of the named field, or -1.
  int IndexOf(std::string_view field) const;
  const Field& field(int i) const { return fields[static_cast<size_t>(i)]; }
};

// Every record type, in load order: a type comes after those it references.
const std::vector<RecordType>& RecordTypes();
// nullptr if no record type has that name.
const RecordType* FindRecordType(std::string_view name);

}  // namespace scrutiny
