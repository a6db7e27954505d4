#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/fingerprint.h"
#include "model/table.h"

namespace scrutiny {
namespace {

TEST(StringPool, EqualStringsShareOneId) {
  StringPool pool;
  int32_t a = pool.Intern("903-C1"), b = pool.Intern("903-C2");
  EXPECT_NE(a, b);
  EXPECT_EQ(pool.Intern("903-C1"), a);
  EXPECT_EQ(pool.Get(b), "903-C2");
  EXPECT_EQ(pool.Find("903-C2"), b);
  EXPECT_EQ(pool.Find("903-C3"), -1);
  EXPECT_EQ(pool.size(), 2u);
}

// Strings of one length whose first, middle and last bytes agree share a
// place among the recently interned: each must still keep its own id.
TEST(StringPool, StringsSharingARecentPlaceKeepTheirOwnIds) {
  StringPool pool;
  std::vector<std::string> texts;
  for (char c = 'a'; c <= 'z'; ++c) texts.push_back(std::string("X") + c + "-M-" + c + "Z");  // "Xa-M-aZ"...
  for (char c = 'a'; c <= 'z'; ++c) texts.push_back(std::string("X") + c + c + "M" + c + "-Z");
  std::vector<int32_t> ids;
  for (const std::string& t : texts) ids.push_back(pool.Intern(t));
  for (int round = 0; round < 3; ++round)
    for (size_t i = texts.size(); i-- > 0;) {
      ASSERT_EQ(pool.Intern(texts[i]), ids[i]) << texts[i];
      ASSERT_EQ(pool.Get(ids[i]), texts[i]);
    }
  EXPECT_EQ(pool.size(), texts.size());
  pool.Clear();
  EXPECT_EQ(pool.Intern(texts[5]), 0);  // what was recent before Clear is forgotten with it
  EXPECT_EQ(pool.Intern(texts[0]), 1);
}

TEST(StringPool, KeepsManyStringsOfEveryLengthThroughGrowth) {
  StringPool pool;
  std::string long_text(100'000, 'x');  // longer than a block
  for (int i = 0; i < 200'000; ++i) ASSERT_EQ(pool.Intern(std::to_string(i)), i);
  int32_t empty = pool.Intern(""), long_id = pool.Intern(long_text);
  for (int i = 0; i < 200'000; i += 997) {
    EXPECT_EQ(pool.Get(i), std::to_string(i));
    EXPECT_EQ(pool.Find(std::to_string(i)), i);
  }
  EXPECT_EQ(pool.Get(empty), "");
  EXPECT_EQ(pool.Find(""), empty);
  EXPECT_EQ(pool.Get(long_id), long_text);
  EXPECT_EQ(pool.Intern(long_text), long_id);
}

TEST(StringPool, ClearForgetsEveryStringButStillWorks) {
  StringPool pool;
  for (int i = 0; i < 1000; ++i) pool.Intern("a" + std::to_string(i));
  pool.Clear();
  EXPECT_EQ(pool.size(), 0u);
  EXPECT_EQ(pool.Find("a5"), -1);
  EXPECT_EQ(pool.Intern("b"), 0);
  EXPECT_EQ(pool.Intern("a5"), 1);
  EXPECT_EQ(pool.Get(0), "b");
}

TEST(StringPool, ReferencingPoolGivesEachStringItsOwnIdWithoutCopying) {
  auto pool = StringPool::Referencing();
  std::string text = "Y";
  int32_t a = pool->Intern(text), b = pool->Intern(text);
  EXPECT_NE(a, b);
  EXPECT_EQ(pool->Get(a).data(), text.data());
  EXPECT_EQ(pool->Find("Y"), a);
}

TEST(StringPool, StringsSurviveMovingThePool) {
  StringPool pool;
  int32_t id = pool.Intern("looked_after_episode");
  std::string_view before = pool.Get(id);
  StringPool moved = std::move(pool);
  EXPECT_EQ(moved.Get(id), "looked_after_episode");
  EXPECT_EQ(moved.Get(id).data(), before.data());
}

TEST(FingerprintMap, KeepsTheFirstValueOfEachKey) {
  FingerprintMap map;
  bool fresh = false;
  EXPECT_EQ(map.Insert(Fingerprint::Of("903-C1"), 2, &fresh), 2u);
  EXPECT_TRUE(fresh);
  EXPECT_EQ(map.Insert(Fingerprint::Of("903-C1"), 9, &fresh), 2u);
  EXPECT_FALSE(fresh);
  for (uint32_t i = 0; i < 100'000; ++i) map.Insert(Fingerprint::Of(std::to_string(i)), i);
  map.Reserve(500'000);
  EXPECT_EQ(map.size(), 100'001u);
  for (uint32_t i = 0; i < 100'000; i += 101) {
    const uint32_t* v = map.Find(Fingerprint::Of(std::to_string(i)));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, i);
  }
  EXPECT_EQ(map.Find(Fingerprint::Of("903-C2")), nullptr);
  EXPECT_EQ(*map.Find(Fingerprint::Of("903-C1")), 2u);
}

TEST(Fingerprint, DiffersForTextsDifferingAnywhere) {
  EXPECT_NE(Fingerprint::Of("903-C10000001"), Fingerprint::Of("903-C10000002"));
  EXPECT_NE(Fingerprint::Of(""), Fingerprint::Of(std::string(1, '\0')));
  EXPECT_NE(Fingerprint::Of("12345678"), Fingerprint::Of("123456789"));
  EXPECT_EQ(Fingerprint::Of("903-W7"), Fingerprint::Of(std::string("903-W7")));
}

}  // namespace
}  // namespace scrutiny
