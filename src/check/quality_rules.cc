#include "check/quality_rules.h"

#include "model/validator.h"

namespace scrutiny {

const std::vector<QualityRule>& QualityRules() {
  static const std::vector<QualityRule> rules = {
      {kNotRead, "a file, header, row or value the reader left out or had to change", true},
      {kMissingValue, "a required value (often a key date) is missing", true},
      {kInvalidValue, "a value of the wrong form, or a code not in its code list", true},
      {kDatesOutOfOrder, "a date is before the date it must follow", true},
      {kDuplicateKey, "two records have the same key", true},
      {kUnknownReference, "a record names a record that is not there", true},
      {"review-not-recorded", "looked-after child with no review recorded in the period of care, though the first was due", false},
      {"cp-review-not-recorded", "child protection plan with no review conference recorded, though the first was due", false},
      {"cp-plan-no-visits", "child protection plan open more than 10 working days with no visit recorded", false},
      {"assessment-open-too-long", "assessment with no authorisation date, open longer than the limit", false},
      {"referral-no-outcome", "referral with no further action not recorded and nothing after it", false},
      {"record-no-team", "record with neither team nor worker, for a child with no allocation", false},
      {"episodes-overlap", "two episodes or plans of the same kind for one child overlap", false},
      {"episodes-gap", "a looked-after episode that continues (REC X1) is not followed the same day", false},
      {"date-in-future", "a date after the day of the check", false},
      {"implausible-age", "a start date before the child could be born or after the child was 18", false},
      {"birth-not-recorded", "an unborn child whose expected date of birth passed months ago", false},
      {"code-not-valid-for-year", "a placement type not in use in the year the episode started", false},
  };
  return rules;
}

const QualityRule* FindQualityRule(std::string_view id) {
  for (const QualityRule& r : QualityRules())
    if (r.id == id) return &r;
  return nullptr;
}

}  // namespace scrutiny
