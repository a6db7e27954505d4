#include <gtest/gtest.h>

#include <string>

#include "ingest/model_record.h"
#include "model/validator.h"

namespace scrutiny {
namespace {

std::string Joined(const Problems& problems) {
  std::string s;
  for (const Problem& p : problems.kept()) s += p.ToString() + "\n";
  return s;
}

TEST(ModelRecord, AddsDatesGivenAsDatesAndReusesItselfForTheNextRecord) {
  Dataset d;
  RowSources sources = EmptySources(d);
  Problems problems(100);
  ModelRecord record(d, sources, "looked_after_reviews");
  for (int day = 1; day <= 3; ++day) {
    std::string child = "900-C" + std::to_string(day);
    ASSERT_TRUE(record.Clear()
                    .Set("child_id", {"900", "-C", std::to_string(day)})
                    .Set("review_date", Date::FromCivil(2024, 5, day))
                    .Set("participation", "PN1")
                    .Add("reviews.csv", static_cast<uint64_t>(day + 1), problems))
        << Joined(problems);
  }
  const Table& t = d.table("looked_after_reviews");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.Format(0, 2), "900-C3");
  EXPECT_EQ(t.Format(t.type().IndexOf("review_date"), 2), "2024-05-03");
  EXPECT_EQ(t.Format(t.type().IndexOf("participation"), 0), "PN1");
  EXPECT_EQ(sources.lines[static_cast<size_t>(&t - d.tables().data())].back(), 4u);
}

// A child_id interned once and given to many records is stored by its id and
// checked as its text would be: a bad identifier is refused with the same rule.
TEST(ModelRecord, InternedValuesAreCheckedAsTextAndStoredByTheirId) {
  Dataset d;
  RowSources sources = EmptySources(d);
  Problems problems(100);
  ModelRecord record(d, sources, "looked_after_reviews");
  int32_t child = record.Intern({"900", "-", "C1"});
  for (int day = 1; day <= 2; ++day)
    ASSERT_TRUE(record.Clear().SetInterned("child_id", child).Set("review_date", Date::FromCivil(2024, 5, day))
                    .Add("reviews.csv", 2, problems)) << Joined(problems);
  const Table& t = d.table("looked_after_reviews");
  EXPECT_EQ(t.Int(0, 0), child);
  EXPECT_EQ(t.Int(0, 1), child);
  EXPECT_EQ(t.Format(0, 1), "900-C1");
  EXPECT_EQ(t.pool().Find("900-C1"), child);

  int32_t bad = record.Intern({"900", "-", "C 2"});
  EXPECT_FALSE(record.Clear().SetInterned("child_id", bad).Set("review_date", Date::FromCivil(2024, 5, 3))
                   .Add("reviews.csv", 9, problems));
  EXPECT_EQ(Joined(problems),
            "reviews.csv:9: column 'child_id', value '900-C 2': an identifier is 1 to 64 letters, digits or - _ . /\n");
  EXPECT_EQ(t.size(), 2u);
}

// An id that does not name the text in the table's pool is not trusted: the text is interned.
TEST(ModelRecord, AValueWhosePoolIdDoesNotMatchItsTextIsInternedAsText) {
  Dataset d;
  Problems problems(100);
  Table& t = d.table("looked_after_reviews");
  std::vector<FieldValue> values = {{"900-C7", kNull, 12345}, {"2024-05-01"}, {}};
  ASSERT_TRUE(AddRecord(t, values, "r.csv", 2, problems)) << Joined(problems);
  EXPECT_EQ(t.Format(0, 0), "900-C7");
  EXPECT_EQ(t.Int(0, 0), t.pool().Find("900-C7"));
}

TEST(ModelRecord, RefusesADateOutsideTheModelsYearsAsTheTextWouldBe) {
  Dataset d;
  RowSources sources = EmptySources(d);
  Problems problems(100);
  ModelRecord record(d, sources, "looked_after_reviews");
  EXPECT_FALSE(record.Clear().Set("child_id", "900-C1").Set("review_date", Date::FromCivil(1899, 12, 31))
                   .Add("reviews.csv", 7, problems));
  EXPECT_FALSE(record.Clear().Set("child_id", "900-C1").Set("review_date", std::optional<Date>())
                   .Add("reviews.csv", 8, problems));
  EXPECT_EQ(d.table("looked_after_reviews").size(), 0u);
  EXPECT_EQ(Joined(problems),
            "reviews.csv:7: column 'review_date', value '1899-12-31': a date is between 1900 and 2100\n"
            "reviews.csv:8: column 'review_date', value '': a value is required\n");
}

TEST(ModelRecord, ChecksAFieldsValueGivenAsTextOrAsFieldValuesAlike) {
  Dataset d;
  Problems by_text(100), by_value(100);
  Table& t = d.table("looked_after_reviews");
  std::vector<std::string_view> cells = {"900-C1", "2024-02-30", "PN9"};
  EXPECT_FALSE(AddRecord(t, cells, "r.csv", 2, by_text));
  std::vector<FieldValue> values = {{"900-C1"}, {"2024-02-30"}, {"PN9"}};
  EXPECT_FALSE(AddRecord(t, values, "r.csv", 2, by_value));
  EXPECT_EQ(Joined(by_text), Joined(by_value));
  EXPECT_NE(Joined(by_text), "");
}

// A group used for row after row: a row with a refused record keeps none of
// its records, and the next row, reusing the records' memory, starts empty.
TEST(RecordGroup, KeepsAllOfARowsRecordsOrNoneWhenUsedRowAfterRow) {
  Dataset d;
  RowSources sources = EmptySources(d);
  Problems problems(100);
  RecordGroup group(d, sources);
  auto row = [&](uint64_t line, std::string_view review_date) {
    group.Record("looked_after_reviews", "list8.csv", line).Set("child_id", "900-C1").Set("review_date", review_date);
    std::string visit = "V";
    visit += std::to_string(line);
    group.Record("visits", "list8.csv", line).Set("visit_id", visit).Set("child_id", "900-C1")
        .Set("visit_date", "2024-05-01").Set("plan", "LAC");
    return group.Commit(problems);
  };
  EXPECT_TRUE(row(2, "2024-05-02")) << Joined(problems);
  EXPECT_FALSE(row(3, "2024-13-40"));  // the review's date is no day: the visit goes too
  EXPECT_TRUE(row(4, "2024-05-04")) << Joined(problems);
  group.Record("visits", "list8.csv", 5).Set("visit_id", "V5");
  group.Discard();  // a row left out before its records are added
  const Table& reviews = d.table("looked_after_reviews");
  const Table& visits = d.table("visits");
  ASSERT_EQ(reviews.size(), 2u);
  ASSERT_EQ(visits.size(), 2u);
  EXPECT_EQ(reviews.Format(reviews.type().IndexOf("review_date"), 1), "2024-05-04");
  EXPECT_EQ(visits.Format(visits.type().IndexOf("visit_id"), 1), "V4");
  EXPECT_EQ(visits.Format(visits.type().IndexOf("plan"), 1), "LAC");
  EXPECT_EQ(sources.lines[static_cast<size_t>(&visits - d.tables().data())].back(), 4u);
}

}  // namespace
}  // namespace scrutiny
