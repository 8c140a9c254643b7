// flows_generation moves on every flow or folder change, cascades included; auth_generation
// on every user or API key change;
// the unscoped endpoint-name lookup finds any owner's flow.
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, FlowsGenerationMovesOnEveryFlowOrFolderChange) {
  User u = make_user("alice");
  auto generation = [&] { return store_->flows_generation().value(); };
  int64_t seen = generation();
  auto moved = [&] {
    int64_t now = generation();
    bool changed = now != seen;
    seen = now;
    return changed;
  };
  Folder folder = make_folder(u.id, "p");
  EXPECT_TRUE(moved());
  Flow flow = make_flow(u.id, "f", folder.id);
  EXPECT_TRUE(moved());
  flow.name = "renamed";
  ASSERT_TRUE(store_->update_flow(u.id, flow));
  EXPECT_TRUE(moved());
  EXPECT_FALSE(moved());                                // reads do not move it
  ASSERT_TRUE(store_->delete_folder(u.id, folder.id));  // cascades to the flow
  EXPECT_TRUE(moved());
  make_flow(u.id, "g");
  EXPECT_TRUE(moved());
  ASSERT_TRUE(store_->delete_user(u.id));
  EXPECT_TRUE(moved());
}

TEST_F(StoreTest, AuthGenerationMovesOnEveryUserOrKeyChangeOnly) {
  int64_t seen = store_->auth_generation();
  auto moved = [&] {
    int64_t now = store_->auth_generation();
    bool changed = now != seen;
    seen = now;
    return changed;
  };
  User u = make_user("alice");
  EXPECT_TRUE(moved());
  ApiKey key;
  key.user_id = u.id;
  key.key_hash = "hash";
  key.masked_key = "sk-...";
  auto created = store_->create_api_key(key);
  ASSERT_TRUE(created);
  EXPECT_TRUE(moved());
  make_flow(u.id, "f");                                      // not an auth change
  ASSERT_TRUE(store_->find_api_key_by_hash("hash"));         // nor is a read
  ASSERT_TRUE(store_->record_api_key_use(created->id, {}));  // nor is a use
  EXPECT_FALSE(moved());
  u.is_active = false;
  ASSERT_TRUE(store_->update_user(u));
  EXPECT_TRUE(moved());
  ASSERT_TRUE(store_->delete_api_key(u.id, created->id));
  EXPECT_TRUE(moved());
  ASSERT_TRUE(store_->delete_user(u.id));
  EXPECT_TRUE(moved());
  EXPECT_FALSE(moved());
}

TEST_F(StoreTest, EndpointNameLookupWithoutOwnerFindsAnyUsersFlow) {
  User alice = make_user("alice");
  User bob = make_user("bob");
  Flow flow;
  flow.name = "hook";
  flow.user_id = bob.id;
  flow.endpoint_name = "bobs-hook";
  ASSERT_TRUE(store_->create_flow(flow));
  EXPECT_FALSE(store_->find_flow_by_endpoint_name(alice.id, "bobs-hook"));
  auto found = store_->find_flow_by_endpoint_name_unscoped("bobs-hook");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user_id, bob.id);
  EXPECT_EQ(store_->find_flow_by_endpoint_name_unscoped("nobody").error().code,
            StoreErrorCode::not_found);
}

}  // namespace
}  // namespace lfkit::store::testing
