// Group commit, the read pool and batched API key use, under threads on a file database.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <atomic>
#include <thread>

#include "run_records.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

template <typename Body>
void in_threads(int n, Body body) {
  std::vector<std::thread> threads;
  for (int t = 0; t < n; ++t) threads.emplace_back(body, t);
  for (auto& th : threads) th.join();
}

TEST_F(StoreTest, ConcurrentRunRecordsAreAllCommittedAndVisible) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "busy");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 60;
  std::atomic<int> failures{0};
  in_threads(kThreads, [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      std::string tag = std::to_string(t) + "-" + std::to_string(i);
      Message m;
      m.flow_id = flow.id;
      m.session_id = "s" + std::to_string(t);
      m.sender = "User";
      m.sender_name = "User";
      m.text = tag;
      auto added = store_->add_message(m);
      if (!added) {
        ++failures;
        continue;
      }
      // Read-your-write from this thread, on whatever connection serves the read.
      auto got = store_->get_message(u.id, added->id);
      if (!got || got->text != tag) ++failures;
      added->text = tag + "!";
      auto updated = store_->update_message(u.id, *added);
      if (!updated || updated->text != tag + "!") ++failures;
      if (!store_->add_transaction(tx_at(flow.id, tag, i + 1), {})) ++failures;
      if (!store_->add_vertex_build(build_at(flow.id, tag, i + 1), {})) ++failures;
      auto page = store_->list_transactions(u.id, flow.id, {1, 1});
      if (!page || page->total < i + 1) ++failures;
    }
  });
  EXPECT_EQ(failures.load(), 0);
  auto messages = store_->list_messages(u.id, {});
  ASSERT_EQ(messages->size(), static_cast<size_t>(kThreads * kPerThread));
  for (const auto& m : *messages) EXPECT_EQ(m.text.back(), '!');
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 1})->total, kThreads * kPerThread);
  EXPECT_EQ(store_->list_vertex_builds(u.id, flow.id)->size(),
            static_cast<size_t>(kThreads * kPerThread));
}

TEST_F(StoreTest, FailingWritesInABatchFailAlone) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  constexpr int kThreads = 8;
  constexpr int kPerThread = 50;
  std::atomic<int> wrong{0};
  in_threads(kThreads, [&](int t) {
    for (int i = 0; i < kPerThread; ++i) {
      bool bad = (t + i) % 3 == 0;  // no such flow: a foreign key failure inside the batch
      auto done = store_->add_transaction(tx_at(bad ? "missing" : flow.id, "v", i + 1), {});
      if (bad != !done) ++wrong;
      if (bad && done.error().code != StoreErrorCode::invalid) ++wrong;
    }
  });
  EXPECT_EQ(wrong.load(), 0);
  int good = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (int i = 0; i < kPerThread; ++i) good += (t + i) % 3 != 0;
  }
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 1})->total, good);
}

TEST_F(StoreTest, ConcurrentCapsStayExact) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "f");
  in_threads(8, [&](int t) {
    for (int i = 0; i < 40; ++i) {
      (void)store_->add_transaction(tx_at(flow.id, "v", t * 100 + i), {25, 0});
      (void)store_->add_vertex_build(build_at(flow.id, "v" + std::to_string(t), i), {30, 2});
    }
  });
  EXPECT_EQ(store_->list_transactions(u.id, flow.id, {1, 1})->total, 25);
  EXPECT_EQ(store_->list_vertex_builds(u.id, flow.id)->size(), 16u);  // 2 for each vertex
}

ApiKey make_key(SqliteStore& store, const std::string& user_id, const std::string& hash) {
  ApiKey key;
  key.user_id = user_id;
  key.key_hash = hash;
  key.masked_key = "sk-***";
  return store.create_api_key(key).value();
}

TEST_F(StoreTest, ConcurrentApiKeyUsesAreCountedExactly) {
  User u = make_user("alice");
  ApiKey a = make_key(*store_, u.id, "ha");
  ApiKey b = make_key(*store_, u.id, "hb");
  constexpr int kThreads = 6;
  constexpr int kUses = 200;
  Time when = Time(std::chrono::seconds(1'700'000'000));
  std::atomic<int> wrong{0};
  in_threads(kThreads, [&](int t) {
    int64_t seen = 0;
    for (int i = 0; i < kUses; ++i) {
      if (!store_->record_api_key_use(t % 2 ? a.id : b.id, when)) ++wrong;
      auto found = store_->find_api_key_by_hash(t % 2 ? "ha" : "hb");
      if (!found || found->total_uses < seen || found->last_used_at != when) ++wrong;
      if (found) seen = found->total_uses;  // never goes backwards, flush or not
    }
  });
  EXPECT_EQ(wrong.load(), 0);
  Time last = when + std::chrono::seconds(5);
  ASSERT_TRUE(store_->record_api_key_use(a.id, last));
  auto keys = store_->list_api_keys(u.id);
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].total_uses, kThreads / 2 * kUses + 1);
  EXPECT_EQ((*keys)[0].last_used_at, last);
  EXPECT_EQ((*keys)[1].total_uses, kThreads / 2 * kUses);
  reopen();  // closing writes what is still in memory
  EXPECT_EQ(store_->find_api_key_by_hash("ha")->total_uses, kThreads / 2 * kUses + 1);
  EXPECT_EQ(store_->find_api_key_by_hash("hb")->total_uses, kThreads / 2 * kUses);
}

int64_t uses_on_disk(const std::filesystem::path& db_path, const std::string& key_id) {
  sqlite3* db = nullptr;
  sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT total_uses FROM api_keys WHERE id = ?1", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, key_id.c_str(), -1, SQLITE_TRANSIENT);
  int64_t uses = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
  sqlite3_finalize(st);
  sqlite3_close(db);
  return uses;
}

TEST_F(StoreTest, ApiKeyUsesReachTheDatabaseWithinASecond) {
  User u = make_user("alice");
  ApiKey key = make_key(*store_, u.id, "h");
  Time when = Time(std::chrono::seconds(1'700'000'000));
  ASSERT_TRUE(store_->record_api_key_use(key.id, when));
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  ASSERT_TRUE(store_->record_api_key_use(key.id, when));  // past the interval: flushes
  EXPECT_EQ(uses_on_disk(dir_ / "langflow.db", key.id), 2);
}

TEST_F(StoreTest, ApiKeyUseOfMissingOrDeletedKeyIsNotFound) {
  User u = make_user("alice");
  ApiKey key = make_key(*store_, u.id, "h");
  Time when = Time(std::chrono::seconds(1));
  EXPECT_EQ(store_->record_api_key_use("nope", when).error().code, StoreErrorCode::not_found);
  ASSERT_TRUE(store_->record_api_key_use(key.id, when));
  ASSERT_TRUE(store_->delete_api_key(u.id, key.id));
  EXPECT_EQ(store_->record_api_key_use(key.id, when).error().code, StoreErrorCode::not_found);
  ApiKey other = make_key(*store_, u.id, "h2");
  ASSERT_TRUE(store_->record_api_key_use(other.id, when));
  ASSERT_TRUE(store_->delete_user(u.id));
  EXPECT_EQ(store_->record_api_key_use(other.id, when).error().code, StoreErrorCode::not_found);
}

// ":memory:" has no read pool: reads share the writer under its mutex, next to group commits.
TEST(StoreOpen, InMemoryStoreTakesConcurrentReadsAndWrites) {
  auto opened = SqliteStore::open(":memory:");
  ASSERT_TRUE(opened.has_value());
  auto& store = **opened;
  User u;
  u.username = "x";
  u.password_hash = "y";
  u = store.create_user(u).value();
  Flow flow;
  flow.name = "f";
  flow.user_id = u.id;
  flow = store.create_flow(flow).value();
  ApiKey key = make_key(store, u.id, "h");
  std::atomic<int> failures{0};
  in_threads(4, [&](int t) {
    for (int i = 0; i < 50; ++i) {
      if (!store.add_transaction(tx_at(flow.id, "v", t * 100 + i), {})) ++failures;
      if (!store.record_api_key_use(key.id, Time(std::chrono::seconds(i)))) ++failures;
      if (!store.find_api_key_by_hash("h")) ++failures;
      if (!store.get_flow(u.id, flow.id)) ++failures;
    }
  });
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store.list_transactions(u.id, flow.id, {1, 1})->total, 200);
  EXPECT_EQ(store.find_api_key_by_hash("h")->total_uses, 200);
}

}  // namespace
}  // namespace lfkit::store::testing
