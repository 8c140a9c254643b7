// Store::add_run_records: one run's writes together, in order, each on its own.
#include <gtest/gtest.h>

#include "run_records.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, RunRecordsAreWrittenInOrderAndAFailingOneIsSkippedAlone) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  Message edited = chat(flow.id, "11111111-1111-4111-8111-111111111111", "final text");
  std::vector<RunRecord> records;
  records.push_back(MessageAdd{chat(flow.id, edited.id, "partial")});
  records.push_back(MessageAdd{chat("00000000-0000-4000-8000-000000000000", "", "no such flow")});
  records.push_back(MessageUpdate{u.id, edited});  // needs the add above, in the same batch
  records.push_back(TransactionAdd{tx_at(flow.id, "v1", 1), {}});
  records.push_back(VertexBuildAdd{build_at(flow.id, "v1", 1), {}});
  ASSERT_TRUE(store_->add_run_records(std::move(records)));

  MessageQuery query;
  query.flow_id = flow.id;
  auto messages = store_->list_messages(u.id, query);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].text, "final text");
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 50})->total, 1);
  EXPECT_EQ(store_->list_vertex_builds(u.id, flow.id)->size(), 1u);
}

TEST_F(StoreTest, RunRecordsKeepTheRetentionCaps) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  std::vector<RunRecord> records;
  for (int i = 1; i <= 5; ++i) {
    records.push_back(TransactionAdd{tx_at(flow.id, "v" + std::to_string(i), i), {3, 0}});
    records.push_back(VertexBuildAdd{build_at(flow.id, "same", i), {0, 2}});
  }
  ASSERT_TRUE(store_->add_run_records(std::move(records)));
  auto page = store_->list_transactions(u.id, flow.id, {1, 50});
  ASSERT_EQ(page->items.size(), 3u);
  EXPECT_EQ(page->items[0].vertex_id, "v3");
  auto builds = store_->list_vertex_builds(u.id, flow.id);
  ASSERT_EQ(builds->size(), 2u);
  EXPECT_EQ((*builds)[0].timestamp, Time(std::chrono::microseconds(4)));
  EXPECT_EQ((*builds)[1].timestamp, Time(std::chrono::microseconds(5)));
  EXPECT_TRUE(store_->add_run_records({}));
}

// A batch's builds beyond a vertex's cap are never written, and the newest of the batch still
// push out what was stored before; other vertices keep their own.
TEST_F(StoreTest, RunRecordsPerVertexCapSpansStoredAndBatchedBuilds) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "a", 1), {0, 2}));
  ASSERT_TRUE(store_->add_vertex_build(build_at(flow.id, "b", 2), {0, 2}));
  std::vector<RunRecord> records;
  records.push_back(MessageAdd{chat(flow.id, "", "kept in place")});  // before what is dropped
  for (int i = 10; i < 14; ++i)
    records.push_back(VertexBuildAdd{build_at(flow.id, "a", i), {0, 2}});
  records.push_back(VertexBuildAdd{build_at(flow.id, "b", 20), {0, 2}});
  ASSERT_TRUE(store_->add_run_records(std::move(records)));
  auto builds = store_->list_vertex_builds(u.id, flow.id);
  ASSERT_EQ(builds->size(), 4u);
  std::vector<std::pair<std::string, int64_t>> kept;
  for (const auto& b : *builds)
    kept.emplace_back(b.vertex_id, std::chrono::duration_cast<std::chrono::microseconds>(
                                       b.timestamp.time_since_epoch())
                                       .count());
  EXPECT_EQ(kept, (std::vector<std::pair<std::string, int64_t>>{
                      {"b", 2}, {"a", 12}, {"a", 13}, {"b", 20}}));
  MessageQuery query;
  query.flow_id = flow.id;
  auto messages = store_->list_messages(u.id, query);
  ASSERT_EQ(messages->size(), 1u);
  EXPECT_EQ((*messages)[0].text, "kept in place");
}

}  // namespace
}  // namespace lfkit::store::testing
