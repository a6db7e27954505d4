#pragma once
// Pack is a committee pack ready to be written: everything the HTML, PDF and
// Excel writers print, already judged, worded and (for public packs)
// suppressed. Writers only lay it out; they decide nothing. A figure that is
// suppressed carries its symbol in `shown` and NaN in `value`.

#include <cmath>
#include <cstddef>
#include <string>
#include <vector>

namespace scrutiny {

enum class Audience { kPublic, kConfidential };

// One number as printed: its value (NaN when suppressed or missing) and its text.
struct PackFigure {
  double value = NAN;
  std::string shown = "-";      // "85.2%", "1,234", "c" when suppressed, "-" when none
  bool suppressed = false;
  bool percentage = false;       // value is a percentage (0-100), for Excel number formats
  // Not printed; for small-number suppression: what the figure is (equal keys
  // are one figure printed in several places) and, for a percentage, rate or
  // average, the counts it is worked out from.
  std::string key;               // "4.3|2025-10|All|value"
  double numerator = NAN, denominator = NAN;
};

// A line chart of a series over time with optional SPC lines and a target.
// Every chart is also given as a table (`labels` and `values`) for readers
// who cannot see it, and `alt` describes it in a sentence.
struct PackChart {
  std::string title;
  std::string alt;                    // "Line chart of ... where ..."
  std::string unit;                   // "percentage", "count", ...
  std::vector<std::string> labels;    // x axis: months ("Oct 2025") or years
  std::vector<PackFigure> values;
  std::vector<double> mean, upper_limit, lower_limit;  // SPC lines per point; empty if none (run chart)
  std::vector<std::string> point_variation;            // per point: "common_cause", "improvement_high", ... or ""
  double target = NAN;                                 // a horizontal target line, NaN if none
  std::string variation_text, assurance_text;          // SPC icons in words
};

// A breakdown table: a title, column headings and rows of figures, with the
// first column a row label (team, source, placement type).
struct PackTable {
  std::string title;
  std::string caption;                 // what the numbers are and the period
  std::vector<std::string> columns;    // headings, first for the row labels
  struct Row {
    std::string label;
    std::vector<PackFigure> cells;
    bool total = false;                // a total row, printed bold
  };
  std::vector<Row> rows;
};

// Management commentary on an indicator for the period.
struct PackCommentary {
  std::string text, actions, author, date;  // date as YYYY-MM-DD
};

// One indicator's scorecard line and what is said about it.
struct PackIndicator {
  std::string number, title, area, unit, polarity;
  PackFigure value;
  PackFigure numerator, denominator;
  std::string target;            // "90.0%", "60.0-80.0", "" if none
  std::string rag;               // "green", "amber", "red", "" if none
  std::string rag_words;         // "on target", ...
  std::string previous_arrow, previous_words;    // "↑", "improved from 83.7% to 86.4%"
  std::string last_year_arrow, last_year_words;
  PackFigure previous_value, last_year_value;    // the earlier values the words quote
  std::string spc_variation, spc_assurance;      // icon names: "common_cause", "pass", "" if none
  std::string spc_text;                          // the icons in words
  std::string forecast;          // "85.1% (80%: 84.1% to 86.1%)", "" if none
  std::string likelihood;        // "likely", "may", "unlikely", "" if none
  std::string likelihood_words;  // "likely to meet the target"
  std::string benchmark;         // "England 2024-25: 85.7% (difference -0.2)", "" if none
  std::string headline;          // a plain-English sentence about it
  std::vector<PackCommentary> commentary;
};

// A service area: its indicators, trend and SPC charts and breakdown tables.
struct PackSection {
  std::string area;
  std::vector<std::string> headlines;
  std::vector<size_t> indicators;  // positions in Pack::indicators
  std::vector<PackChart> charts;
  std::vector<PackTable> tables;
};

// A data-quality note: faulty records and what they do to an indicator.
struct PackQualityNote {
  std::string indicator;   // number, or "" for a general note
  std::string text;        // "12 assessments have no authorisation date; with them left out 4.3 would be 88.1%, not 86.4%"
  PackFigure records;      // how many records (suppressed in public packs when small)
};

struct PackDefinition {
  std::string number, title, definition, source;
};

struct Pack {
  std::string council, council_name, committee;
  std::string period_label;      // "October 2025", "2025-26 Q3"
  std::string period_code;       // "2025-10"
  std::string as_at;             // data as at YYYY-MM-DD
  std::string generated;         // YYYY-MM-DD
  Audience audience = Audience::kPublic;
  std::string suppression_note;  // how small numbers were treated, for the reader
  std::vector<PackIndicator> indicators;               // the scorecard, in suite order
  std::vector<size_t> below_expectation;  // positions in `indicators`: off target or likely to miss it
  std::vector<size_t> good_performance;   // positions in `indicators`: particularly good, by exception
  std::vector<std::string> headlines;                  // the pack's summary sentences
  std::vector<PackSection> sections;
  std::vector<PackQualityNote> quality;
  std::vector<PackDefinition> definitions;

  bool confidential() const { return audience == Audience::kConfidential; }
  // "Part 2 - not for publication" on every page of a confidential pack.
  static constexpr const char* kConfidentialMark = "Part 2 - not for publication";
};

}  // namespace scrutiny
