#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/code_lists.h"
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

// A code set by its place in the list has the id its text would have, in a
// pool shared with other tables, and again after the pool is cleared.
TEST(Table, CodeSetByPlaceHasTheIdOfItsText) {
  Dataset dataset;
  Table& episodes = dataset.table("looked_after_episodes");
  int ls = episodes.type().IndexOf("ls");
  const CodeList& list = *episodes.type().field(ls).codes;
  ASSERT_GE(list.codes.size(), 2u);
  const StringPool& pool = episodes.pool();
  for (int round = 0; round < 2; ++round) {
    Table& children = dataset.table("children");
    children.AddRow();
    children.SetText(children.type().IndexOf("child_id"), list.codes[1].code);  // interned first by another table
    for (size_t i : {size_t{1}, size_t{0}, size_t{1}}) {
      episodes.AddRow();
      episodes.SetCode(ls, i);
      EXPECT_EQ(episodes.Text(ls, episodes.size() - 1), list.codes[i].code);
      EXPECT_EQ(episodes.Int(ls, episodes.size() - 1), pool.Find(list.codes[i].code));
    }
    EXPECT_EQ(pool.size(), 2u);
    episodes.Clear();  // the pool is shared, so kept: the next round's ids are those of the same pool
    children.Clear();
  }
  Table alone(episodes.type());
  alone.AddRow();
  alone.SetCode(ls, 0);
  alone.Clear();  // its own pool: cleared, so the code is interned again
  alone.AddRow();
  alone.SetText(ls, list.codes[1].code);
  alone.AddRow();
  alone.SetCode(ls, 0);
  EXPECT_EQ(alone.Text(ls, 1), list.codes[0].code);
  EXPECT_EQ(alone.pool().size(), 2u);
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
