#include <gtest/gtest.h>

#include "store/migrations.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, DataSurvivesReopenAndMigrationsRunOnce) {
  auto version = store_->schema_version();
  ASSERT_TRUE(version.has_value());
  EXPECT_EQ(*version, sqlite_migrations().back().version);

  User u = make_user("alice");
  Flow f = make_flow(u.id, "persisted");
  reopen();
  reopen();  // re-running migrations on an up-to-date database is a no-op
  EXPECT_EQ(*store_->schema_version(), *version);
  EXPECT_EQ(store_->get_user(u.id)->username, "alice");
  EXPECT_EQ(store_->get_flow(u.id, f.id)->name, "persisted");
}

TEST_F(StoreTest, ForeignKeysAreEnforcedAfterReopen) {
  reopen();
  ApiKey orphan;
  orphan.user_id = "00000000-0000-4000-8000-000000000000";
  orphan.key_hash = "h";
  orphan.masked_key = "m";
  EXPECT_EQ(store_->create_api_key(orphan).error().code, StoreErrorCode::invalid);
}

// The store's caches trust that no other process writes: a second store on the same file is
// refused with a clear reason, and the database is free again once the first one closes.
TEST_F(StoreTest, SecondStoreOnTheSameFileIsRefusedUntilTheFirstCloses) {
  const std::string path = (dir_ / "langflow.db").string();
  auto second = SqliteStore::open(path);
  ASSERT_FALSE(second.has_value());
  EXPECT_EQ(second.error().code, StoreErrorCode::conflict);
  EXPECT_NE(second.error().message.find("already in use by another lfkit-server"),
            std::string::npos)
      << second.error().message;
  store_.reset();
  auto again = SqliteStore::open(path);
  ASSERT_TRUE(again.has_value()) << again.error().message;
}

TEST(StoreOpen, InMemoryDatabaseWorks) {
  auto store = SqliteStore::open(":memory:");
  ASSERT_TRUE(store.has_value());
  User u;
  u.username = "x";
  u.password_hash = "y";
  EXPECT_TRUE((*store)->create_user(u).has_value());
}

TEST(StoreOpen, UnopenablePathIsAnIoError) {
  auto store = SqliteStore::open("/proc/lfkit-no-such-dir/db.sqlite");
  ASSERT_FALSE(store.has_value());
  EXPECT_EQ(store.error().code, StoreErrorCode::io);
}

}  // namespace
}  // namespace lfkit::store::testing
