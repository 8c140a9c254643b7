#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, MessagesListInTimestampOrderWithFilters) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "chat");
  Flow other = make_flow(u.id, "other");
  make_message(flow.id, "s1", "third", 30);
  make_message(flow.id, "s1", "first", 10);
  Message ai = make_message(flow.id, "s2", "second", 20);
  ai.sender = "Machine";
  ai.sender_name = "AI";
  ASSERT_TRUE(store_->update_message(u.id, ai).has_value());
  make_message(other.id, "s9", "elsewhere", 5);

  MessageQuery by_flow;
  by_flow.flow_id = flow.id;
  auto listed = store_->list_messages(u.id, by_flow);
  ASSERT_EQ(listed->size(), 3u);
  EXPECT_EQ((*listed)[0].text, "first");
  EXPECT_EQ((*listed)[2].text, "third");

  MessageQuery by_session = by_flow;
  by_session.session_id = "s1";
  EXPECT_EQ(store_->list_messages(u.id, by_session)->size(), 2u);

  MessageQuery by_sender;
  by_sender.sender = "Machine";
  by_sender.sender_name = "AI";
  auto machine = store_->list_messages(u.id, by_sender);
  ASSERT_EQ(machine->size(), 1u);
  EXPECT_EQ((*machine)[0].text, "second");

  MessageQuery latest = by_flow;
  latest.newest_first = true;
  latest.limit = 2;
  auto newest = store_->list_messages(u.id, latest);
  ASSERT_EQ(newest->size(), 2u);
  EXPECT_EQ((*newest)[0].text, "third");

  EXPECT_EQ(store_->list_messages(u.id, {})->size(), 4u);
}

TEST_F(StoreTest, MessageRoundTripAndUpdate) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "chat");
  Message m;
  m.flow_id = flow.id;
  m.session_id = "s";
  m.sender = "User";
  m.sender_name = "User";
  m.text = "hello";
  m.files_json = R"(["a.png"])";
  m.properties_json = R"({"source":{"id":null}})";
  m.content_blocks_json = R"([{"title":"x"}])";
  m.category = "message";
  m.context_id = "ctx";
  auto added = store_->add_message(m);
  ASSERT_TRUE(added.has_value());
  auto got = store_->get_message(u.id, added->id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->files_json, m.files_json);
  EXPECT_EQ(got->properties_json, m.properties_json);
  EXPECT_EQ(got->content_blocks_json, m.content_blocks_json);
  EXPECT_EQ(got->context_id, "ctx");
  EXPECT_FALSE(got->edit);

  got->text = "edited";
  got->edit = true;
  auto updated = store_->update_message(u.id, *got);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->text, "edited");
  EXPECT_TRUE(updated->edit);
}

TEST_F(StoreTest, SessionsRenameAndDelete) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "chat");
  Message a = make_message(flow.id, "old", "a", 1);
  make_message(flow.id, "old", "b", 2);
  make_message(flow.id, "keep", "c", 3);

  auto sessions = store_->list_sessions(u.id, flow.id);
  ASSERT_EQ(sessions->size(), 2u);
  EXPECT_EQ((*sessions)[0], "old");

  auto renamed = store_->rename_session(u.id, "old", "new");
  ASSERT_EQ(renamed->size(), 2u);
  EXPECT_EQ((*renamed)[0].session_id, "new");
  EXPECT_TRUE(store_->rename_session(u.id, "absent", "x")->empty());

  EXPECT_EQ(*store_->delete_session(u.id, "new"), 2);
  EXPECT_EQ(*store_->delete_messages(u.id, {a.id}), 0);  // already gone with its session
  EXPECT_EQ(store_->list_sessions(u.id, std::nullopt)->size(), 1u);
}

TEST_F(StoreTest, DeletingFlowCascadesToMessages) {
  User u = make_user("alice");
  Flow flow = make_flow(u.id, "chat");
  Message m = make_message(flow.id, "s", "x", 1);
  ASSERT_TRUE(store_->delete_flow(u.id, flow.id).has_value());
  EXPECT_EQ(store_->get_message(u.id, m.id).error().code, StoreErrorCode::not_found);
}

TEST_F(StoreTest, MessageForUnknownFlowIsInvalid) {
  Message m;
  m.flow_id = "00000000-0000-4000-8000-000000000000";
  m.session_id = "s";
  m.sender = "User";
  m.sender_name = "User";
  EXPECT_EQ(store_->add_message(m).error().code, StoreErrorCode::invalid);
}

}  // namespace
}  // namespace lfkit::store::testing
