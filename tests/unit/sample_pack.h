#pragma once
// A small committee pack written by hand, for testing the pack writers
// without computing anything: three indicators in two areas, a trend chart
// with SPC lines, a breakdown table with a suppressed cell, commentary, a
// data-quality note and definitions.

#include "report/pack.h"

namespace scrutiny::testing {

inline PackFigure Fig(double v, std::string shown, bool percentage = false) {
  PackFigure f;
  f.value = v;
  f.shown = std::move(shown);
  f.percentage = percentage;
  return f;
}

inline PackFigure Suppressed() {
  PackFigure f;
  f.suppressed = true;
  f.shown = "c";
  return f;
}

inline Pack SamplePack(Audience audience) {
  Pack p;
  p.council = "901";
  p.council_name = "Synthetic Borough";
  p.committee = "Children and Young People Scrutiny Committee";
  p.period_label = "October 2025";
  p.period_code = "2025-10";
  p.as_at = "2025-10-31";
  p.generated = "2025-11-14";
  p.audience = audience;
  p.suppression_note = audience == Audience::kPublic
                           ? "Counts from 1 to 5 are shown as c, with other figures hidden where they would reveal them."
                           : "Every figure is shown.";

  PackIndicator referrals;
  referrals.number = "3.1";
  referrals.title = "Referrals";
  referrals.area = "Referrals";
  referrals.unit = "count";
  referrals.polarity = "neither";
  referrals.value = Fig(183, "183");
  referrals.previous_arrow = "→";
  referrals.previous_words = "no real change (180 to 183)";
  referrals.last_year_arrow = "↓";
  referrals.last_year_words = "fell from 201 to 183";
  referrals.spc_variation = "common_cause";
  referrals.spc_assurance = "";
  referrals.spc_text = "Common cause variation";
  referrals.forecast = "2,346 (80%: 2,280 to 2,410)";
  referrals.headline = "183 referrals in October, slightly lower than October last year (201).";

  PackIndicator timely;
  timely.number = "4.3";
  timely.title = "Assessments completed within 45 working days";
  timely.area = "Assessments";
  timely.unit = "percentage";
  timely.polarity = "higher is better";
  timely.value = Fig(86.4, "86.4%", true);
  timely.numerator = Fig(159, "159");
  timely.denominator = Fig(184, "184");
  timely.target = "90.0%";
  timely.rag = "amber";
  timely.rag_words = "within tolerance";
  timely.previous_arrow = "↑";
  timely.previous_words = "improved from 83.7% to 86.4%";
  timely.last_year_arrow = "↑";
  timely.last_year_words = "improved from 84.0% to 86.4%";
  timely.spc_variation = "common_cause";
  timely.spc_assurance = "hit_or_miss";
  timely.spc_text = "Common cause variation; the target may be met or missed";
  timely.forecast = "85.1% (80%: 84.1% to 86.1%)";
  timely.likelihood = "may";
  timely.likelihood_words = "may meet the target";
  timely.benchmark = "England 2024-25: 85.7%";
  timely.headline = "86.4% of assessments were completed within 45 working days, below the 90% target.";
  timely.commentary.push_back({"Two teams carried vacancies in September; agency cover started in October.",
                               "Weekly timeliness review by the service manager until December.", "A. Manager",
                               "2025-11-10"});

  PackIndicator visits;
  visits.number = "8.9";
  visits.title = "Looked-after children visited within 6 weeks";
  visits.area = "Children looked after";
  visits.unit = "percentage";
  visits.polarity = "higher is better";
  visits.value = Fig(97.1, "97.1%", true);
  visits.numerator = Fig(303, "303");
  visits.denominator = Fig(312, "312");
  visits.target = "90.0%";
  visits.rag = "green";
  visits.rag_words = "on target";
  visits.spc_variation = "improvement_high";
  visits.spc_assurance = "pass";
  visits.spc_text = "Special cause of improvement (higher values); the target is consistently met";
  visits.likelihood = "likely";
  visits.likelihood_words = "likely to meet the target";
  visits.headline = "97.1% of children looked after were visited within six weeks, above target.";

  p.indicators = {referrals, timely, visits};
  p.below_expectation = {1};
  p.good_performance = {2};
  p.headlines = {"183 referrals in October, slightly lower than October last year (201).",
                 "Assessment timeliness improved to 86.4% but remains below the 90% target."};

  PackChart trend;
  trend.title = "Assessments completed within 45 working days, by month";
  trend.alt = "Line chart of the percentage of assessments completed within 45 working days from May 2025 to October "
              "2025, where the latest month rose to 86.4%.";
  trend.unit = "percentage";
  trend.labels = {"May 2025", "Jun 2025", "Jul 2025", "Aug 2025", "Sep 2025", "Oct 2025"};
  trend.values = {Fig(85.0, "85.0%", true), Fig(84.2, "84.2%", true), Fig(86.0, "86.0%", true),
                  Fig(83.1, "83.1%", true), Fig(83.7, "83.7%", true), Fig(86.4, "86.4%", true)};
  trend.mean = std::vector<double>(6, 84.7);
  trend.upper_limit = std::vector<double>(6, 88.9);
  trend.lower_limit = std::vector<double>(6, 80.5);
  trend.point_variation = std::vector<std::string>(6, "common_cause");
  trend.target = 90;
  trend.variation_text = "Common cause variation";
  trend.assurance_text = "the target may be met or missed";

  PackTable by_team;
  by_team.title = "Assessments completed within 45 working days, by team";
  by_team.caption = "October 2025; number completed in time and all completed.";
  by_team.columns = {"Team", "Within 45 days", "Completed", "Percentage"};
  by_team.rows = {{"Assessment 1", {Fig(80, "80"), Fig(90, "90"), Fig(88.9, "88.9%", true)}, false},
                  {"Assessment 2", {Fig(79, "79"), Fig(90, "90"), Fig(87.8, "87.8%", true)}, false},
                  {"Disabled children", {Suppressed(), Suppressed(), Suppressed()}, false},
                  {"Total", {Fig(159, "159"), Fig(184, "184"), Fig(86.4, "86.4%", true)}, true}};

  PackSection assessments;
  assessments.area = "Assessments";
  assessments.headlines = {"Assessment timeliness improved to 86.4% but remains below the 90% target."};
  assessments.indicators = {1};
  assessments.charts = {trend};
  assessments.tables = {by_team};
  PackSection referral_section;
  referral_section.area = "Referrals";
  referral_section.headlines = {p.headlines[0]};
  referral_section.indicators = {0};
  PackSection cla;
  cla.area = "Children looked after";
  cla.indicators = {2};
  p.sections = {referral_section, assessments, cla};

  PackQualityNote note;
  note.indicator = "4.3";
  note.text = "12 assessments closed in October have no authorisation date; with them left out, 4.3 would be 88.1%.";
  note.records = Fig(12, "12");
  p.quality = {note};
  p.definitions = {{"3.1", "Referrals", "Referrals received in the period.", "DfE CIN census"},
                   {"4.3", "Assessments completed within 45 working days",
                    "Of assessments authorised in the period, the percentage authorised within 45 working days of starting.",
                    "Working Together 2023"},
                   {"8.9", "Looked-after children visited within 6 weeks",
                    "Of children looked after for more than 6 weeks, the percentage visited in the last 6 weeks.",
                    "Care Planning Regulations 2010, regulation 28"}};
  return p;
}

}  // namespace scrutiny::testing
