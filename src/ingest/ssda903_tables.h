#pragma once
// The files of the SSDA903 (children looked after) return in its CSV form:
// each table's columns, and how a file is recognised by its header rather
// than its name.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scrutiny {

enum class Ssda903Table {
  kHeader, kEpisodes, kReviews, kMissing, kOc3, kAd1, kPlacedForAdoption, kUasc,
  kOc2, kPreviousPermanence, kSwEpisodes, kDoLo,
};

// Ssda903TableSpec names one table of the return and the columns its file holds.
struct Ssda903TableSpec {
  Ssda903Table table;
  std::string_view usual_file;  // e.g. "episodes.csv"
  std::vector<std::string_view> columns;
};

const std::vector<Ssda903TableSpec>& Ssda903Tables();
const Ssda903TableSpec& SpecOf(Ssda903Table table);
// The model's field ("looked_after_episodes.decom") a column's values become,
// for the tables the indicators count; empty for a column that becomes none.
std::string_view ModelFieldOf(Ssda903Table table, std::string_view column);

// The text without leading or trailing white space.
std::string_view TrimSpace(std::string_view s);
// The column as the XML form names its item: CHILDID for CHILD, PL for PLACE.
std::string_view XmlItemName(std::string_view column);
// A header cell as compared with the column names: trimmed and upper case.
std::string NormaliseColumn(std::string_view cell);

// HeaderMatch is what a file's header says about the table it holds.
struct HeaderMatch {
  const Ssda903TableSpec* spec = nullptr;  // the table whose columns overlap most
  std::vector<std::string_view> missing;   // its columns absent from the header
  bool found() const { return spec && missing.empty(); }
};

// The table whose every column is in the header (normalised names), or the
// closest table and its missing columns; no spec if no column is shared.
HeaderMatch MatchHeader(const std::vector<std::string>& header);

}  // namespace scrutiny
