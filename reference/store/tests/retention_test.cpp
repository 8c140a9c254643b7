// Retention caps keep exactly the rows the original COUNT(*)-per-insert SQL kept: the newest
// max_total by (timestamp, rowid), and the newest max_per_vertex of each vertex.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>

#include "run_records.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

// Insertion order = rowid order; timestamps repeat so the rowid tie-break matters.
std::vector<int64_t> shuffled_timestamps(int n) {
  std::vector<int64_t> ts;
  for (int i = 0; i < n; ++i) ts.push_back(1 + i / 3);
  std::shuffle(ts.begin(), ts.end(), std::mt19937(7));
  return ts;
}

// The newest `keep` of (timestamp, insertion index), in ascending order.
std::vector<std::pair<int64_t, int>> newest(std::vector<std::pair<int64_t, int>> rows,
                                            size_t keep) {
  std::sort(rows.begin(), rows.end());
  if (rows.size() > keep) rows.erase(rows.begin(), rows.end() - static_cast<ptrdiff_t>(keep));
  return rows;
}

TEST_F(StoreTest, TransactionCapKeepsExactlyTheNewest) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  constexpr int kCap = 50;
  auto ts = shuffled_timestamps(3 * kCap + 7);
  std::vector<std::pair<int64_t, int>> all;
  for (int i = 0; i < static_cast<int>(ts.size()); ++i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(flow.id, std::to_string(i), ts[i]), {kCap, 0}));
    all.emplace_back(ts[i], i);
    if (i == kCap) reopen();  // a new store recounts the table
  }
  auto expected = newest(all, kCap);
  auto page = store_->list_transactions(u.id, flow.id, {1, 1000});
  ASSERT_EQ(page->total, kCap);
  ASSERT_EQ(page->items.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(page->items[i].vertex_id, std::to_string(expected[i].second)) << i;
  }
}

TEST_F(StoreTest, VertexBuildCapsKeepExactlyTheNewest) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  constexpr int kTotal = 40;
  constexpr int kPerVertex = 3;
  auto ts = shuffled_timestamps(200);
  std::map<std::string, std::vector<std::pair<int64_t, int>>> by_vertex;
  for (int i = 0; i < static_cast<int>(ts.size()); ++i) {
    std::string vertex = "v" + std::to_string(i % 23);
    VertexBuild b = build_at(flow.id, vertex, ts[i]);
    b.params = std::to_string(i);
    ASSERT_TRUE(store_->add_vertex_build(b, {kTotal, kPerVertex}));
    // Model: per-vertex cap first, then the global cap over what is left.
    auto& mine = by_vertex[vertex];
    mine.emplace_back(ts[i], i);
    mine = newest(mine, kPerVertex);
    std::vector<std::pair<int64_t, int>> all;
    for (const auto& [v, rows] : by_vertex) all.insert(all.end(), rows.begin(), rows.end());
    auto kept = newest(all, kTotal);
    for (auto& [v, rows] : by_vertex) {
      std::erase_if(rows, [&](const auto& r) {
        return std::find(kept.begin(), kept.end(), r) == kept.end();
      });
    }
  }
  std::vector<std::pair<int64_t, int>> expected;
  for (const auto& [v, rows] : by_vertex) expected.insert(expected.end(), rows.begin(), rows.end());
  std::sort(expected.begin(), expected.end());
  auto builds = store_->list_vertex_builds(u.id, flow.id);
  ASSERT_EQ(builds->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ((*builds)[i].params, std::to_string(expected[i].second)) << i;
  }
}

TEST_F(StoreTest, TransactionCapCountsAfterDeletesAndFailures) {
  User u = make_user("alice");
  Flow keep = make_flow(u.id, "keep");
  Flow gone = make_flow(u.id, "gone");
  for (int i = 1; i <= 4; ++i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(gone.id, "g", i), {10, 0}));
  }
  for (int i = 5; i <= 8; ++i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(keep.id, "k" + std::to_string(i), i), {10, 0}));
  }
  ASSERT_TRUE(store_->delete_flow(u.id, gone.id));  // 4 rows go by cascade, unseen by inserts
  for (int i = 10; i <= 14; ++i) {
    ASSERT_TRUE(store_->add_transaction(tx_at(keep.id, "k" + std::to_string(i), i), {6, 0}));
  }
  // `keep` holds k5..k8 and k10..k14: a cap of 6 leaves k8 and k10..k14.
  auto page = store_->list_transactions(u.id, keep.id, {1, 50});
  ASSERT_EQ(page->total, 6);
  EXPECT_EQ(page->items.front().vertex_id, "k8");
  EXPECT_EQ(page->items.back().vertex_id, "k14");

  // A failing insert (no such flow) is rolled back and must not count.
  EXPECT_EQ(store_->add_transaction(tx_at("no-such-flow", "x", 15), {6, 0}).error().code,
            StoreErrorCode::invalid);
  ASSERT_TRUE(store_->add_transaction(tx_at(keep.id, "k16", 16), {6, 0}));
  page = store_->list_transactions(u.id, keep.id, {1, 50});
  ASSERT_EQ(page->total, 6);
  EXPECT_EQ(page->items.front().vertex_id, "k10");
}

}  // namespace
}  // namespace lfkit::store::testing
