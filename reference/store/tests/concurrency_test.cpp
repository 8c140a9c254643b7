#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, ConcurrentWritersAndReadersStayConsistent) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "busy");
  constexpr int kThreads = 6;
  constexpr int kPerThread = 40;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        Message m;
        m.flow_id = flow.id;
        m.session_id = "s" + std::to_string(t);
        m.sender = "User";
        m.sender_name = "User";
        m.text = std::to_string(i);
        if (!store_->add_message(m)) ++failures;
        Flow f;
        f.name = "flow-" + std::to_string(t) + "-" + std::to_string(i);
        f.user_id = u.id;
        if (!store_->create_flow(f)) ++failures;
        MessageQuery q;
        q.session_id = m.session_id;
        auto mine = store_->list_messages(u.id, q);
        if (!mine || mine->size() != static_cast<size_t>(i + 1)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(store_->list_messages(u.id, {})->size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(store_->list_flows(u.id, {})->total, kThreads * kPerThread + 1);
}

TEST_F(StoreTest, ConcurrentEnsureFolderCreatesOne) {
  User u = make_user("alice");
  std::vector<std::thread> threads;
  std::vector<std::string> ids(8);
  for (size_t t = 0; t < ids.size(); ++t) {
    threads.emplace_back([&, t] {
      auto f = store_->ensure_folder(u.id, "Starter Project", "");
      if (f) ids[t] = f->id;
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& id : ids) EXPECT_EQ(id, ids[0]);
  EXPECT_EQ(store_->list_folders(u.id)->size(), 1u);
}

}  // namespace
}  // namespace lfkit::store::testing
