#pragma once
// The XML returns (CIN census, children's social work workforce, SSDA903) as
// parsed by pugixml: the root checked against the collection expected, the line
// of every element, and the checks of one record's items (dates, codes, flags,
// numbers), each broken rule a problem with file, line, item, value and rule.

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <pugixml.hpp>

#include "core/date.h"
#include "core/status.h"
#include "model/validator.h"

namespace scrutiny {

// The text an element holds, without leading or trailing white space.
std::string_view TrimmedText(pugi::xml_node item);

// XmlReturn is one parsed XML return and the byte offsets of its lines.
class XmlReturn {
 public:
  // The return, or none (and a problem) if the text is not well-formed XML or
  // not a Message of the collection (e.g. "CIN", "CSWW").
  static std::unique_ptr<XmlReturn> Parse(std::string name, std::string_view text, std::string_view collection,
                                          Problems& problems);
  // The file, or none (and a problem) if the text is not well-formed XML or
  // its root element is not `root`; `what` names the return for the problem.
  static std::unique_ptr<XmlReturn> ParseRoot(std::string name, std::string_view text, std::string_view root,
                                              std::string_view what, Problems& problems);

  const std::string& name() const { return name_; }
  pugi::xml_node message() const { return document_.child("Message"); }
  pugi::xml_node root() const { return document_.document_element(); }
  // The line of an element; 0 for an element the file does not have.
  uint64_t LineOf(pugi::xml_node node) const {
    return node ? LineAt(static_cast<size_t>(node.offset_debug())) : 0;
  }
  // Header items: the collection year, its reference date and the council (LEA).
  std::string_view HeaderItem(const char* group, const char* item) const;
  // The header's CollectionDetails Year, if it is a number.
  std::optional<int> HeaderYear() const;
  // The collection year: the header's Year less years_before, or the year
  // given, which must then agree with the header's (a file of another year is
  // refused); an error if neither is known.
  Result<int> CollectionYear(std::optional<int> given, int years_before) const;

 private:
  uint64_t LineAt(size_t offset) const;

  std::string name_;
  std::vector<size_t> line_starts_;
  pugi::xml_document document_;
};

// ItemField names the model's field ("referrals.referral_date") an item of a
// return ("CINreferralDate") becomes.
struct ItemField {
  std::string_view item, field;
};

// XmlItemCheck reads the items of one record of an XML return, reporting each
// bad value and remembering whether the record must be left out.
class XmlItemCheck {
 public:
  // Dates must fall between 1900 and last_day, the end of what the return covers.
  XmlItemCheck(const XmlReturn& file, Date last_day, Problems& problems)
      : file_(file), last_day_(last_day), problems_(problems) {}
  // The child (the model's child_id, kept by the caller while the check is used) the problems
  // reported from now on are about; empty for none.
  void AboutChild(std::string_view child_id) { child_id_ = child_id; }
  // The fields the return's items become, named in the problems reported (Problem::model_field).
  void ItemsBecome(std::span<const ItemField> fields) { fields_ = fields; }

  static std::string_view Text(pugi::xml_node of, const char* item);
  // A YYYY-MM-DD date from 1900 to the return's last day.
  std::optional<Date> DateOf(pugi::xml_node of, const char* item, bool required);
  // The date an item element holds (one of several of that name).
  std::optional<Date> DateIn(pugi::xml_node item);
  // A YYYY-MM-DD date from 1900 that may be after the return's last day (an expected date of birth).
  std::optional<Date> ProspectiveDateOf(pugi::xml_node of, const char* item, bool required);
  // A code of the model's code list.
  std::string_view Code(pugi::xml_node of, const char* item, std::string_view code_list, bool required);
  // The codes of every item of that name in the group, as the model's set (A;B).
  std::string CodeSet(pugi::xml_node group, const char* item, std::string_view code_list);
  // true, false, 1 or 0, as the model's Y or N.
  std::string_view Flag(pugi::xml_node of, const char* item, bool required);
  // A number from low to high.
  std::optional<double> Number(pugi::xml_node of, const char* item, double low, double high, bool required);
  // Reports a later date before an earlier one.
  void InOrder(pugi::xml_node of, const char* first, std::optional<Date> a, const char* then, std::optional<Date> b);
  // Reports a broken rule that leaves the record out.
  void Fail(pugi::xml_node of, const char* item, std::string_view value, std::string rule);
  // Reports a value not used, which keeps the record.
  void Note(pugi::xml_node of, const char* item, std::string_view value, std::string rule);
  bool ok() const { return ok_; }
  uint64_t LineOf(pugi::xml_node node) const { return file_.LineOf(node); }
  const std::string& file() const { return file_.name(); }

 private:
  bool Present(pugi::xml_node of, const char* item, bool required);
  std::string_view CodeIn(pugi::xml_node item, std::string_view code_list);
  std::optional<Date> DateUpTo(pugi::xml_node item, std::optional<Date> last_day);
  void Report(pugi::xml_node at, std::string_view item, std::string_view value, std::string rule);

  const XmlReturn& file_;
  Date last_day_;
  Problems& problems_;
  std::string_view child_id_;
  std::span<const ItemField> fields_;
  bool ok_ = true;
};

}  // namespace scrutiny
