// flows_generation moves on every flow or folder change, cascades included;
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
