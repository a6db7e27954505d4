#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ingest/child_map.h"

namespace scrutiny {
namespace {

// Entries are found by CHILD, kept where they were first put while thousands
// more are added, listed in the order added, and a CHILD added twice keeps its first entry.
TEST(ChildMap, FindsEachChildAndKeepsItsEntryInPlace) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5000; ++i) ids.push_back("C" + std::to_string(i * 7919 % 100003));
  ChildMap<int> map;
  map.Reserve(10);  // fewer than will come: the index grows
  auto [first, added] = map.Add(ids[0], 0);
  ASSERT_TRUE(added);
  for (int i = 1; i < 5000; ++i) EXPECT_TRUE(map.Add(ids[static_cast<size_t>(i)], i).second);
  EXPECT_EQ(map.Find(ids[0]), first);
  auto [again, added_again] = map.Add(ids[0], 99);
  EXPECT_FALSE(added_again);
  EXPECT_EQ(again, first);
  EXPECT_EQ(first->second, 0);
  for (int i = 0; i < 5000; ++i) {
    const auto* entry = map.Find(ids[static_cast<size_t>(i)]);
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry->second, i);
  }
  EXPECT_EQ(map.Find("C100004"), nullptr);
  EXPECT_EQ(map.Find(""), nullptr);
  EXPECT_EQ(map.size(), 5000u);
  int order = 0;
  for (const auto& [id, value] : map) EXPECT_EQ(value, order++);
  ChildMap<int> moved = std::move(map);  // entries stay where they are
  EXPECT_EQ(moved.Find(ids[0]), first);
}

}  // namespace
}  // namespace scrutiny
