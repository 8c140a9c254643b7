#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, CreatesAndReadsUsers) {
  User alice = make_user("alice");
  EXPECT_EQ(alice.id.size(), 36u);
  auto by_id = store_->get_user(alice.id);
  ASSERT_TRUE(by_id.has_value());
  EXPECT_EQ(by_id->username, "alice");
  EXPECT_EQ(by_id->password_hash, "hash-of-alice");
  EXPECT_TRUE(by_id->is_active);
  EXPECT_FALSE(by_id->last_login_at.has_value());
  EXPECT_EQ(store_->get_user_by_username("alice")->id, alice.id);
  EXPECT_EQ(store_->get_user_by_username("nobody").error().code, StoreErrorCode::not_found);
  EXPECT_EQ(*store_->count_users(), 1);
}

TEST_F(StoreTest, DuplicateUsernameConflicts) {
  make_user("alice");
  User again;
  again.username = "alice";
  again.password_hash = "x";
  auto result = store_->create_user(again);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, StoreErrorCode::conflict);
  EXPECT_EQ(result.error().message, "This username is unavailable.");
}

TEST_F(StoreTest, ListsUsersWithSearchAndPaging) {
  for (auto name : {"anna", "bob", "joanna", "carl"}) make_user(name);
  auto all = store_->list_users(0, 10, "");
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->total_count, 4);
  ASSERT_EQ(all->users.size(), 4u);
  EXPECT_EQ(all->users[0].username, "anna");
  auto search = store_->list_users(0, 10, "ANNA");
  EXPECT_EQ(search->total_count, 2);
  auto page = store_->list_users(1, 2, "");
  EXPECT_EQ(page->total_count, 4);
  ASSERT_EQ(page->users.size(), 2u);
  EXPECT_EQ(page->users[0].username, "bob");
}

TEST_F(StoreTest, UpdatesUserAndRecordsLogin) {
  User u = make_user("alice");
  u.is_superuser = true;
  u.profile_image = "Space/x.svg";
  auto updated = store_->update_user(u);
  ASSERT_TRUE(updated.has_value());
  EXPECT_TRUE(updated->is_superuser);
  EXPECT_EQ(updated->profile_image, "Space/x.svg");
  EXPECT_GE(updated->updated_at, u.create_at);

  Time when = Time(std::chrono::seconds(1'700'000'000));
  ASSERT_TRUE(store_->record_login(u.id, when).has_value());
  EXPECT_EQ(store_->get_user(u.id)->last_login_at, when);

  User ghost = u;
  ghost.id = "00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(store_->update_user(ghost).error().code, StoreErrorCode::not_found);
}

TEST_F(StoreTest, RenamingToTakenUsernameConflicts) {
  make_user("alice");
  User bob = make_user("bob");
  bob.username = "alice";
  EXPECT_EQ(store_->update_user(bob).error().code, StoreErrorCode::conflict);
}

TEST_F(StoreTest, DeletingUserCascadesToOwnedRows) {
  User u = make_user("alice");
  Folder folder = make_folder(u.id, "Starter Project");
  Flow flow = make_flow(u.id, "f", folder.id);
  make_message(flow.id, "s", "hi", 1);
  ApiKey key;
  key.user_id = u.id;
  key.key_hash = "h";
  key.masked_key = "sk-abcde***";
  ASSERT_TRUE(store_->create_api_key(key).has_value());
  Variable var;
  var.user_id = u.id;
  var.name = "OPENAI_API_KEY";
  var.value = "enc";
  ASSERT_TRUE(store_->create_variable(var).has_value());

  ASSERT_TRUE(store_->delete_user(u.id).has_value());
  EXPECT_EQ(store_->get_user(u.id).error().code, StoreErrorCode::not_found);
  EXPECT_EQ(store_->get_flow_unscoped(flow.id).error().code, StoreErrorCode::not_found);
  EXPECT_EQ(store_->find_api_key_by_hash("h").error().code, StoreErrorCode::not_found);
  EXPECT_TRUE(store_->list_variables(u.id)->empty());
  EXPECT_EQ(store_->delete_user(u.id).error().code, StoreErrorCode::not_found);
}

TEST_F(StoreTest, ApiKeysStoreHashAndCountUses) {
  User u = make_user("alice");
  ApiKey key;
  key.user_id = u.id;
  key.name = "ci";
  key.key_hash = "digest";
  key.masked_key = "sk-AbCdE*****";
  auto created = store_->create_api_key(key);
  ASSERT_TRUE(created.has_value());
  EXPECT_EQ(created->total_uses, 0);
  EXPECT_TRUE(created->is_active);

  auto listed = store_->list_api_keys(u.id);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].masked_key, "sk-AbCdE*****");
  EXPECT_EQ((*listed)[0].name, "ci");

  Time when = Time(std::chrono::seconds(1'700'000'000));
  ASSERT_TRUE(store_->record_api_key_use(created->id, when).has_value());
  ASSERT_TRUE(store_->record_api_key_use(created->id, when).has_value());
  auto found = store_->find_api_key_by_hash("digest");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->total_uses, 2);
  EXPECT_EQ(found->last_used_at, when);
  EXPECT_EQ(found->user_id, u.id);

  auto duplicate = store_->create_api_key(key);
  EXPECT_EQ(duplicate.error().code, StoreErrorCode::conflict);

  ASSERT_TRUE(store_->delete_api_key(u.id, created->id).has_value());
  EXPECT_EQ(store_->delete_api_key(u.id, created->id).error().code, StoreErrorCode::not_found);
  EXPECT_TRUE(store_->list_api_keys(u.id)->empty());
}

}  // namespace
}  // namespace lfkit::store::testing
