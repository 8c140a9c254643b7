// Messages of public playground visits, kept under a per-visitor virtual flow id.
#include <gtest/gtest.h>

#include "run_records.hpp"
#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

constexpr const char* kVirtual = "6f1c2d3e-0000-5000-8000-000000000001";

TEST_F(StoreTest, VirtualFlowMessagesBelongToTheVisitorWhenAskedForByFlow) {
  User owner = make_user("owner");
  User visitor = make_user("visitor");
  Flow source = make_flow(owner.id, "public");
  ASSERT_TRUE(store_->ensure_virtual_flow(kVirtual, visitor.id, source.id));
  ASSERT_TRUE(store_->ensure_virtual_flow(kVirtual, visitor.id, source.id));  // idempotent
  ASSERT_TRUE(store_->add_message(chat(kVirtual, "", "hi from the playground")));

  MessageQuery by_flow;
  by_flow.flow_id = kVirtual;
  auto mine = store_->list_messages(visitor.id, by_flow);
  ASSERT_TRUE(mine);
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->front().text, "hi from the playground");
  EXPECT_TRUE(store_->list_messages(visitor.id, {})->empty());  // not among their own flows
  EXPECT_TRUE(store_->list_messages(owner.id, by_flow)->empty());
  EXPECT_EQ(store_->list_sessions(visitor.id, std::string(kVirtual))->size(), 1u);

  auto edited = mine->front();
  edited.text = "edited";
  ASSERT_TRUE(store_->update_message(visitor.id, edited));
  User stranger = make_user("stranger");
  EXPECT_FALSE(store_->update_message(stranger.id, edited));
  // The public run itself writes under the flow owner's identity (a streamed message's text).
  edited.text = "streamed by the run";
  ASSERT_TRUE(store_->add_run_records({MessageUpdate{owner.id, edited}}));
  EXPECT_EQ(store_->list_messages(visitor.id, by_flow)->front().text, "streamed by the run");

  ASSERT_TRUE(store_->delete_flow(owner.id, source.id));  // the visit goes with its flow
  EXPECT_TRUE(store_->list_messages(visitor.id, by_flow)->empty());
}

TEST_F(StoreTest, VisitHistoryIsReadableByTheSourceFlowOwnerOnly) {
  User owner = make_user("owner");
  User stranger = make_user("stranger");
  Flow source = make_flow(owner.id, "public");
  ASSERT_TRUE(store_->ensure_virtual_flow(kVirtual, std::nullopt, source.id));  // cookie visitor
  Message first = chat(kVirtual, "", "first");
  first.session_id = "s1";
  ASSERT_TRUE(store_->add_message(first));
  Message second = chat(kVirtual, "", "second");
  second.session_id = "s1";
  ASSERT_TRUE(store_->add_message(second));
  Message elsewhere = chat(kVirtual, "", "other session");
  elsewhere.session_id = "s2";
  ASSERT_TRUE(store_->add_message(elsewhere));

  MessageQuery query;
  query.flow_id = kVirtual;
  query.session_id = "s1";
  auto history = store_->list_visit_messages(owner.id, query);
  ASSERT_TRUE(history);
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].text, "first");  // oldest first unless newest_first
  EXPECT_EQ((*history)[1].text, "second");
  query.limit = 1;
  EXPECT_EQ(store_->list_visit_messages(owner.id, query)->front().text, "first");  // oldest
  query.newest_first = true;
  EXPECT_EQ(store_->list_visit_messages(owner.id, query)->front().text, "second");

  EXPECT_TRUE(store_->list_visit_messages(stranger.id, query)->empty());
  query.flow_id = source.id;  // the source flow itself is no visit
  EXPECT_TRUE(store_->list_visit_messages(owner.id, query)->empty());
  query.flow_id.reset();
  EXPECT_FALSE(store_->list_visit_messages(owner.id, query));
}

TEST_F(StoreTest, MessagesOfAFlowThatExistsNowhereAreRefused) {
  User u = make_user("alice");
  auto added = store_->add_message(chat("00000000-0000-4000-8000-000000000000", "", "lost"));
  ASSERT_FALSE(added);
  EXPECT_EQ(added.error().code, StoreErrorCode::invalid);
  Message free_standing = chat("", "", "no flow");
  free_standing.flow_id.reset();
  EXPECT_TRUE(store_->add_message(free_standing));
}

}  // namespace
}  // namespace lfkit::store::testing
