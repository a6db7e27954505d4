#include <gtest/gtest.h>

#include <set>

#include "model/cross_record_check.h"
#include "model/record_type.h"

namespace scrutiny {
namespace {

// The catalogue's cross-references all resolve: code lists, referenced types
// (which come earlier, so a load can check references in one pass), keys and rules.
TEST(RecordCatalogue, EveryNameResolves) {
  std::set<std::string_view> earlier;
  for (const RecordType& t : RecordTypes()) {
    for (const Field& f : t.fields) {
      bool coded = f.type == FieldType::kCode || f.type == FieldType::kCodeSet;
      EXPECT_TRUE(!coded || f.codes != nullptr) << t.name << "." << f.name;
      EXPECT_TRUE(f.references.empty() || earlier.count(f.references)) << t.name << "." << f.name;
    }
    for (auto k : t.key) EXPECT_GE(t.IndexOf(k), 0) << t.name << " key " << k;
    for (const FieldRule& r : t.rules)
      for (int c : r.columns) EXPECT_GE(c, 0) << t.name;
    earlier.insert(t.name);
  }
}

TEST(Fingerprint, DistinctForAMillionIdentifiers) {
  std::set<std::pair<uint64_t, uint64_t>> seen;
  for (int i = 0; i < 1'000'000; ++i) {
    Fingerprint f = Fingerprint::Of("902-V" + std::to_string(i));
    ASSERT_TRUE(seen.insert({f.high, f.low}).second) << i;
  }
  EXPECT_FALSE(Fingerprint::Of("") == Fingerprint::Of(std::string(1, '\0')));
  EXPECT_FALSE(Fingerprint::Of("abcdefgh") == Fingerprint::Of(std::string("abcdefgh\0", 9)));
}

}  // namespace
}  // namespace scrutiny
