#include <gtest/gtest.h>

#include "run_records.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, TransactionsPageInTimestampOrder) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  for (int i = 5; i >= 1; --i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(flow.id, "v" + std::to_string(i), i), {}));
  }
  auto page = store_->list_transactions(u.id, flow.id, {1, 2});
  ASSERT_TRUE(page.has_value());
  EXPECT_EQ(page->total, 5);
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].vertex_id, "v1");
  EXPECT_EQ(page->items[0].inputs_json, R"({"in":1})");
  EXPECT_EQ(page->items[0].target_id, "target");
  auto last = store_->list_transactions(u.id, flow.id, {3, 2});
  ASSERT_EQ(last->items.size(), 1u);
  EXPECT_EQ(last->items[0].vertex_id, "v5");

  ASSERT_TRUE(store_->delete_transactions(u.id, flow.id));
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 50})->total, 0);
}

TEST_F(StoreTest, TransactionRetentionKeepsNewest) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(flow.id, "v" + std::to_string(i), i), {3, 0}));
  }
  auto page = store_->list_transactions(u.id, flow.id, {1, 50});
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].vertex_id, "v3");
}

TEST_F(StoreTest, VertexBuildsListCapAndDelete) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  RetentionLimits limits{0, 2};
  for (int i = 1; i <= 4; ++i)
    ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "A", i), limits));
  ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "B", 10), limits));
  auto builds = store_->list_vertex_builds(u.id, flow.id);
  ASSERT_EQ(builds->size(), 3u);  // two newest of A, one of B
  EXPECT_EQ((*builds)[0].vertex_id, "A");
  EXPECT_EQ((*builds)[0].timestamp, Time(std::chrono::microseconds(3)));
  EXPECT_EQ((*builds)[2].vertex_id, "B");
  EXPECT_EQ((*builds)[2].data_json, R"({"results":{}})");

  ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "C", 11), {2, 0}));
  EXPECT_EQ(store_->list_vertex_builds(u.id, flow.id)->size(), 2u);

  ASSERT_TRUE(store_->delete_vertex_builds(u.id, flow.id));
  EXPECT_TRUE(store_->list_vertex_builds(u.id, flow.id)->empty());
}

TEST_F(StoreTest, DeletingFlowCascadesToRunRecords) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  ASSERT_TRUE(store_->add_transaction(tx_at(flow.id, "v", 1), {}));
  ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "v", 1), {}));
  ASSERT_TRUE(store_->delete_flow(u.id, flow.id));
  // Nothing is left behind, and the flow can no longer receive records.
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 50})->total, 0);
  EXPECT_TRUE(store_->list_vertex_builds(u.id, flow.id)->empty());
  EXPECT_EQ(store_->add_transaction(tx_at(flow.id, "v", 2), {}).error().code,
            StoreErrorCode::invalid);
}

}  // namespace
}  // namespace lfkit::store::testing
