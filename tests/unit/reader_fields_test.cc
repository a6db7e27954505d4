// The model fields the readers name in their problems (Problem::model_field),
// by which `scrutiny check` counts a return's faults against the indicators
// that use them (docs/check.md): each must be a field of the model.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "ingest/annex_a_lists.h"
#include "ingest/cin_census_reader.h"
#include "ingest/ssda903_tables.h"
#include "model/record_type.h"

namespace scrutiny {
namespace {

// Whether "record_type.field" names a field of the model.
bool IsModelField(std::string_view named) {
  size_t dot = named.find('.');
  if (dot == std::string_view::npos) return false;
  const RecordType* type = FindRecordType(std::string(named.substr(0, dot)));
  return type && type->IndexOf(named.substr(dot + 1)) >= 0;
}

TEST(ReaderFields, EverySsda903ColumnBecomesAFieldOfTheModelOrNone) {
  size_t named = 0;
  for (const Ssda903TableSpec& spec : Ssda903Tables())
    for (std::string_view column : spec.columns) {
      std::string_view field = ModelFieldOf(spec.table, column);
      if (field.empty()) continue;
      ++named;
      EXPECT_TRUE(IsModelField(field)) << spec.usual_file << " " << column << ": " << field;
    }
  EXPECT_GE(named, 20u);
  EXPECT_EQ(ModelFieldOf(Ssda903Table::kReviews, "REVIEW"), "looked_after_reviews.review_date");
  EXPECT_EQ(ModelFieldOf(Ssda903Table::kReviews, "CHILD"), "");
}

TEST(ReaderFields, EveryAnnexAColumnBecomesAFieldOfTheModelOrNone) {
  size_t named = 0;
  for (int c = 0; c < static_cast<int>(AnnexAColumn::kCount); ++c) {
    std::string_view field = ModelFieldOf(static_cast<AnnexAColumn>(c));
    if (field.empty()) continue;
    ++named;
    EXPECT_TRUE(IsModelField(field)) << "column " << c << ": " << field;
  }
  EXPECT_GE(named, 70u);
  EXPECT_EQ(ModelFieldOf(AnnexAColumn::kLatestReview), "looked_after_reviews.review_date");
  EXPECT_EQ(ModelFieldOf(AnnexAColumn::kChildId), "");
}

TEST(ReaderFields, EveryCinCensusItemNamedBecomesAFieldOfTheModel) {
  EXPECT_GE(CinCensusFields().size(), 25u);
  for (const ItemField& f : CinCensusFields()) EXPECT_TRUE(IsModelField(f.field)) << f.item << ": " << f.field;
}

}  // namespace
}  // namespace scrutiny
