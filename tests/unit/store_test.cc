#include <gtest/gtest.h>

#include <filesystem>

#include "ingest/csv_loader.h"
#include "load_fixture.h"
#include "store/store.h"

namespace scrutiny {
namespace {

using testing::LoadFixture;

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (std::filesystem::temp_directory_path() / ("scrutiny_store_" + std::to_string(::getpid()) + ".db")).string();
    Clean();
  }
  void TearDown() override { Clean(); }
  void Clean() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_ + suffix);
  }
  // Checks and stores a fixture's folder.
  static Result<int64_t> LoadInto(Store& store, const LoadFixture& f) {
    CsvFolderLoad folder(f.dir());
    Problems problems;
    EXPECT_TRUE(folder.Check(problems).ok());
    return store.Load(folder);
  }
  // The fixture's records as a dataset, read straight from its files.
  static Dataset Expected(const LoadFixture& f) {
    Dataset d;
    Problems problems;
    for (Table& t : d.tables()) {
      std::string path = f.path(std::string(t.type().name));
      if (!std::filesystem::exists(path)) continue;
      std::vector<uint32_t> lines;
      ReadRecordFile(path, f.Get(std::string(t.type().name)), t, lines, problems);
    }
    EXPECT_TRUE(problems.empty());
    return d;
  }
  static int64_t Rows(Store& s, const std::string& type) {
    for (const auto& t : *s.Summarise())
      if (t.record_type == type) return t.rows;
    return -1;
  }
  std::string db_;
};

TEST_F(StoreTest, CreatesTheSchemaAndRecordsTheLoad) {
  auto store = Store::Open(db_);
  ASSERT_TRUE(store.ok()) << store.status().message();
  EXPECT_EQ(*store->SchemaVersion(), Store::LatestSchemaVersion());
  LoadFixture f("store1");
  auto load = LoadInto(*store, f);
  ASSERT_TRUE(load.ok()) << load.status().message();
  EXPECT_EQ(Rows(*store, "referrals"), 2);
  auto loads = *store->Loads();
  ASSERT_EQ(loads.size(), 1u);
  EXPECT_EQ(loads[0].councils, "900");
  EXPECT_EQ(loads[0].files.size(), 7u);
  for (const auto& t : *store->Summarise()) {
    if (t.record_type != "referrals") continue;
    EXPECT_EQ(t.first_date + " " + t.last_date, "2024-01-10 2024-02-01");
  }
}

TEST_F(StoreTest, RoundTripsEveryValue) {
  LoadFixture f("store2");
  {
    auto store = Store::Open(db_);
    ASSERT_TRUE(LoadInto(*store, f).ok());
  }
  Dataset expected = Expected(f);
  auto store = Store::Open(db_);  // reopening migrates nothing and keeps the data
  Dataset back;
  ASSERT_TRUE(store->Read(back).ok());
  for (size_t t = 0; t < back.tables().size(); ++t) {
    const Table& a = expected.tables()[t];
    const Table& b = back.tables()[t];
    ASSERT_EQ(a.size(), b.size()) << a.type().name;
    for (size_t r = 0; r < a.size(); ++r)
      for (int c = 0; c < static_cast<int>(a.type().fields.size()); ++c)
        EXPECT_EQ(a.Format(c, r), b.Format(c, r)) << a.type().name << "." << a.type().field(c).name;
  }
}

TEST_F(StoreTest, ALoadReplacesItsCouncilAndLeavesOthers) {
  auto store = Store::Open(db_);
  LoadFixture a("store_a", "901"), b("store_b", "902");
  ASSERT_TRUE(LoadInto(*store, a).ok());
  ASSERT_TRUE(LoadInto(*store, b).ok());
  EXPECT_EQ(Rows(*store, "children"), 4);
  a.Set("referrals", "referral_id,child_id,referral_date,source,nfa\n901-R9,901-C1,2024-05-10,6,N\n");
  ASSERT_TRUE(LoadInto(*store, a).ok());
  EXPECT_EQ(Rows(*store, "referrals"), 3);  // 1 new for 901, 2 kept for 902
  Dataset only_b;
  ASSERT_TRUE(store->Read(only_b, "902").ok());
  EXPECT_EQ(only_b.table("referrals").size(), 2u);
  EXPECT_EQ(store->Loads()->size(), 3u);
}

TEST_F(StoreTest, ReadsEachChildsRecordsTogetherInStoredOrder) {
  auto store = Store::Open(db_);
  LoadFixture f("store_order");
  f.Set("referrals",
        "referral_id,child_id,referral_date,source,nfa\n900-R1,900-C2,2024-01-10,6,N\n900-R2,900-C1,2024-02-01,6,N\n"
        "900-R3,900-C2,2024-03-01,6,N\n900-R4,900-C1,2024-04-01,6,N\n");
  ASSERT_TRUE(LoadInto(*store, f).ok());
  Dataset back;
  ASSERT_TRUE(store->Read(back, std::nullopt, true).ok());
  const Table& t = back.table("referrals");
  std::string order;
  for (size_t r = 0; r < t.size(); ++r) order += std::string(t.Text(0, r)) + " " + t.Format(2, r) + ";";
  EXPECT_EQ(order, "900-R2 2024-02-01;900-R4 2024-04-01;900-R1 2024-01-10;900-R3 2024-03-01;");
}

TEST_F(StoreTest, RefusesAStoreFromANewerScrutiny) {
  { ASSERT_TRUE(Store::Open(db_).ok()); }
  {
    auto db = SqliteDatabase::Open(db_);
    ASSERT_TRUE(db->Execute("PRAGMA user_version=999").ok());
  }
  auto store = Store::Open(db_);
  ASSERT_FALSE(store.ok());
  EXPECT_NE(store.status().message().find("newer than this scrutiny"), std::string::npos);
}

}  // namespace
}  // namespace scrutiny
