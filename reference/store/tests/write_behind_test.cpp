// WriteBehind: runs hand records over and go on; nothing is read around the queue.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "run_records.hpp"
#include "store/sqlite_write_behind.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

RunRecord tx_record(const std::string& flow_id, int64_t micros) {
  return TransactionAdd{tx_at(flow_id, "v", micros), RetentionLimits{100000, 0}};
}

TEST(WriteBehind, WaitReturnsOnlyOnceEverythingPushedBeforeIsWritten) {
  std::atomic<size_t> written{0};
  WriteBehind behind([&](std::vector<RunRecord>& batch) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // a slow disk
    written += batch.size();
  });
  std::vector<RunRecord> records;
  for (int i = 0; i < 3; ++i) records.push_back(tx_record("f", i));
  behind.push(std::move(records));
  behind.push({tx_record("f", 3)});
  behind.wait_written();
  EXPECT_EQ(written.load(), 4u);
  behind.wait_written();  // nothing pending: returns at once
  EXPECT_EQ(written.load(), 4u);
}

TEST(WriteBehind, ManyProducersAreBatchedAndStopWritesWhatIsQueued) {
  std::atomic<size_t> written{0};
  std::atomic<size_t> batches{0};
  constexpr int kThreads = 4;
  constexpr int kPushes = 500;
  {
    WriteBehind behind([&](std::vector<RunRecord>& batch) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      written += batch.size();
      ++batches;
    });
    std::vector<std::thread> producers;
    for (int t = 0; t < kThreads; ++t) {
      producers.emplace_back([&behind] {
        for (int i = 0; i < kPushes; ++i) behind.push({tx_record("f", i), tx_record("f", i)});
      });
    }
    for (auto& p : producers) p.join();
  }  // the destructor drains the queue
  EXPECT_EQ(written.load(), size_t{2 * kThreads * kPushes});
  EXPECT_LT(batches.load(), size_t{kThreads * kPushes});  // several runs share a commit
}

// Through the store: a run's records are visible to the very next read.
TEST_F(StoreTest, RunRecordsAreVisibleToTheNextRead) {
  User u = make_user("alice");
  Flow f = make_flow(u.id, "f");
  for (int round = 0; round < 20; ++round) {
    Message m;
    m.flow_id = f.id;
    m.session_id = "s";
    m.sender = "User";
    m.sender_name = "User";
    m.text = "hello " + std::to_string(round);
    std::vector<RunRecord> records;
    records.push_back(MessageAdd{m});
    records.push_back(tx_record(f.id, round + 1));
    ASSERT_TRUE(store_->add_run_records(std::move(records)));
    MessageQuery query;
    query.session_id = "s";
    auto messages = store_->list_messages(u.id, query);
    ASSERT_TRUE(messages);
    ASSERT_EQ(messages->size(), static_cast<size_t>(round + 1));
    EXPECT_EQ(messages->back().text, "hello " + std::to_string(round));
    auto txs = store_->list_transactions(u.id, f.id, {});
    ASSERT_TRUE(txs);
    EXPECT_EQ(txs->total, round + 1);
  }
}

}  // namespace
}  // namespace lfkit::store::testing
