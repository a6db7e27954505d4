#pragma once
// Expression is a condition or value in the indicator vocabulary, written in
// the suite file as text ("working_days(start_date, authorisation_date) <= 45",
// "previous referrals within 12 months") and bound to the record type it is
// read on. docs/indicators.md documents the vocabulary.
//
// Values are doubles: dates are day numbers, flags 0 or 1, codes their string
// pool ids; NaN is "no value", and any comparison with no value is false.

#include <cmath>
#include <memory>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "indicators/case_index.h"

namespace scrutiny {

// What an expression is evaluated against: one record on one period.
struct EvalContext {
  size_t row = 0;
  Date as_at;         // last day of the period: the snapshot date
  Date window_first;  // first day of the counting window
  Date own_date;      // the record's own date (event date, or start of a span)
  Date reference;     // date at which ages are taken (event date or as_at)
};

struct ExprNode;

class Expression {
 public:
  // Parses and binds `text` on records of `type`. With a null index only the
  // names are checked (for loading a suite); with one, it is ready to evaluate.
  static Result<Expression> Bind(std::string_view text, const RecordType& type, CaseIndex* index);

  // The texts joined by "or" outside brackets and quotes ("A or B" gives A
  // and B); the whole text when there is no such "or" or it does not parse.
  static std::vector<std::string> Alternatives(std::string_view text);

  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;
  ~Expression();

  bool Test(const EvalContext& c) const;
  double Value(const EvalContext& c) const;
  // True if the result can change with the period (uses as_at, period_start
  // or an age taken at the as-at date).
  bool depends_on_period() const { return dynamic_; }
  // True for a condition that, across periods in date order, holds on a
  // leading or a trailing run of them only (working_days(start_date, as_at) > 20,
  // age < 16), so the evaluator can find where it changes by bisection.
  bool holds_on_one_run() const { return one_run_; }
  // True for a condition on how recent the latest related record is at the
  // as-at date: "days(latest supervisions, as_at) <= 42", "working_days(latest
  // visits.visit_date, as_at) <= 20", "latest reviews >= as_at - 6 months".
  // It holds at an as-at date exactly when a related record of the row dated
  // on or before it is dated d with the as-at date no later than LastAsAtFor(d).
  bool on_latest_related() const { return latest_ != nullptr; }
  // The dates of a row's related records (for on_latest_related), ascending.
  std::span<const int32_t> RelatedDatesOf(size_t row) const;
  // The last as-at date at which a related record dated d makes the condition
  // hold; the day before d if none.
  Date LastAsAtFor(Date d) const;
  // True if it yields a yes/no answer rather than a number or date.
  bool is_condition() const;
  bool yields_date() const;
  // Fields of the record it reads (for drill-down listings).
  const std::set<std::string>& fields() const { return fields_; }
  const std::string& text() const { return text_; }
  // For an expression that is just a field: the table and field it reads
  // (to turn code values back into text); nullptr otherwise.
  const Table* field_table() const;
  const Field* field() const;

 private:
  Expression() = default;
  std::unique_ptr<ExprNode> root_;
  bool dynamic_ = false;
  bool one_run_ = false;
  const ExprNode* latest_ = nullptr;  // the "latest" of a condition on its recency
  // LastAsAtFor's answers by day (kNull: not yet found): records share few distinct dates.
  mutable std::vector<int32_t> last_as_at_;
  mutable int32_t last_as_at_first_day_ = 0;
  Date FindLastAsAtFor(Date d) const;
  std::set<std::string> fields_;
  std::string text_;
};

// Age in whole years at `on` of a child born on `birth` (day numbers).
double AgeInYears(double birth, Date on);

}  // namespace scrutiny
