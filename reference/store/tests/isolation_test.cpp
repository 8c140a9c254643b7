// User B must never read or change user A's rows: every case behaves as "not found".
#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

class IsolationTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    alice_ = make_user("alice");
    bob_ = make_user("bob");
    folder_ = make_folder(alice_.id, "Alice's");
    flow_ = make_flow(alice_.id, "secret flow", folder_.id);
    flow_.endpoint_name = "alice-ep";
    ASSERT_TRUE(store_->update_flow(alice_.id, flow_).has_value());
    message_ = make_message(flow_.id, "alice-session", "private", 1);
  }
  void expect_not_found(const StoreError& e) { EXPECT_EQ(e.code, StoreErrorCode::not_found); }

  User alice_, bob_;
  Folder folder_;
  Flow flow_;
  Message message_;
};

TEST_F(IsolationTest, FlowsAreInvisibleAndImmutableToOthers) {
  expect_not_found(store_->get_flow(bob_.id, flow_.id).error());
  expect_not_found(store_->find_flow_by_endpoint_name(bob_.id, "alice-ep").error());
  EXPECT_EQ(store_->list_flows(bob_.id, {})->total, 0);
  EXPECT_TRUE(store_->flow_names_with_prefix(bob_.id, "secret")->empty());

  Flow hijack = flow_;
  hijack.name = "owned by bob";
  expect_not_found(store_->update_flow(bob_.id, hijack).error());
  expect_not_found(store_->delete_flow(bob_.id, flow_.id).error());
  EXPECT_EQ(*store_->delete_flows(bob_.id, {flow_.id}), 0);

  Folder bobs = make_folder(bob_.id, "Bob's");
  EXPECT_EQ(*store_->move_flows(bob_.id, {flow_.id}, bobs.id), 0);
  EXPECT_EQ(store_->get_flow(alice_.id, flow_.id)->name, "secret flow");
  EXPECT_EQ(store_->get_flow(alice_.id, flow_.id)->folder_id, folder_.id);
  // The unscoped lookup still sees it, so handlers can answer 403 where upstream does.
  EXPECT_EQ(store_->get_flow_unscoped(flow_.id)->user_id, alice_.id);
}

TEST_F(IsolationTest, FlowsCannotBePlacedInAnotherUsersFolder) {
  Flow f;
  f.name = "intruder";
  f.user_id = bob_.id;
  f.folder_id = folder_.id;
  EXPECT_EQ(store_->create_flow(f).error().code, StoreErrorCode::invalid);
  expect_not_found(store_->move_flows(bob_.id, {}, folder_.id).error());
}

TEST_F(IsolationTest, FoldersAreInvisibleAndImmutableToOthers) {
  expect_not_found(store_->get_folder(bob_.id, folder_.id).error());
  expect_not_found(store_->find_folder_by_name(bob_.id, "Alice's").error());
  EXPECT_TRUE(store_->list_folders(bob_.id)->empty());
  Folder hijack = folder_;
  hijack.name = "mine now";
  expect_not_found(store_->update_folder(bob_.id, hijack).error());
  expect_not_found(store_->delete_folder(bob_.id, folder_.id).error());
  EXPECT_TRUE(store_->get_folder(alice_.id, folder_.id).has_value());
}

TEST_F(IsolationTest, MessagesAreInvisibleAndImmutableToOthers) {
  expect_not_found(store_->get_message(bob_.id, message_.id).error());
  EXPECT_TRUE(store_->list_messages(bob_.id, {})->empty());
  MessageQuery by_flow;
  by_flow.flow_id = flow_.id;
  EXPECT_TRUE(store_->list_messages(bob_.id, by_flow)->empty());
  EXPECT_TRUE(store_->list_sessions(bob_.id, std::nullopt)->empty());
  Message edit = message_;
  edit.text = "defaced";
  expect_not_found(store_->update_message(bob_.id, edit).error());
  EXPECT_EQ(*store_->delete_messages(bob_.id, {message_.id}), 0);
  EXPECT_EQ(*store_->delete_session(bob_.id, "alice-session"), 0);
  EXPECT_TRUE(store_->rename_session(bob_.id, "alice-session", "x")->empty());
  auto kept = store_->get_message(alice_.id, message_.id);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->text, "private");
  EXPECT_EQ(kept->session_id, "alice-session");
}

TEST_F(IsolationTest, RunRecordsAreInvisibleToOthers) {
  Transaction t;
  t.flow_id = flow_.id;
  t.vertex_id = "v";
  t.status = "success";
  ASSERT_TRUE(store_->add_transaction(t, {}));
  VertexBuild b;
  b.flow_id = flow_.id;
  b.vertex_id = "v";
  ASSERT_TRUE(store_->add_vertex_build(b, {}));
  EXPECT_EQ(store_->list_transactions(bob_.id, flow_.id, {1, 50})->total, 0);
  EXPECT_TRUE(store_->list_vertex_builds(bob_.id, flow_.id)->empty());
  ASSERT_TRUE(store_->delete_transactions(bob_.id, flow_.id));
  ASSERT_TRUE(store_->delete_vertex_builds(bob_.id, flow_.id));
  EXPECT_EQ(store_->list_transactions(alice_.id, flow_.id, {1, 50})->total, 1);
  EXPECT_EQ(store_->list_vertex_builds(alice_.id, flow_.id)->size(), 1u);
}

TEST_F(IsolationTest, VariablesFilesAndKeysAreIsolated) {
  Variable v;
  v.user_id = alice_.id;
  v.name = "TOKEN";
  v.value = "enc";
  auto var = store_->create_variable(v);
  ASSERT_TRUE(var.has_value());
  expect_not_found(store_->get_variable(bob_.id, var->id).error());
  expect_not_found(store_->find_variable_by_name(bob_.id, "TOKEN").error());
  EXPECT_TRUE(store_->list_variables(bob_.id)->empty());
  Variable stolen = *var;
  stolen.value = "bob's";
  expect_not_found(store_->update_variable(bob_.id, stolen).error());
  expect_not_found(store_->delete_variable(bob_.id, var->id).error());
  EXPECT_EQ(store_->get_variable(alice_.id, var->id)->value, "enc");
  v.user_id = bob_.id;  // the same name is fine for another user
  EXPECT_TRUE(store_->create_variable(v).has_value());

  FileRecord f;
  f.user_id = alice_.id;
  f.name = "doc";
  f.path = alice_.id + "/doc.txt";
  auto file = store_->create_file(f);
  ASSERT_TRUE(file.has_value());
  expect_not_found(store_->get_file(bob_.id, file->id).error());
  EXPECT_TRUE(store_->list_files(bob_.id)->empty());
  expect_not_found(store_->update_file(bob_.id, *file).error());
  expect_not_found(store_->delete_file(bob_.id, file->id).error());
  EXPECT_TRUE(store_->delete_files(bob_.id, {file->id})->empty());
  EXPECT_TRUE(store_->delete_all_files(bob_.id)->empty());
  EXPECT_EQ(store_->get_file_unscoped(file->id)->user_id, alice_.id);

  ApiKey k;
  k.user_id = alice_.id;
  k.key_hash = "alice-key";
  k.masked_key = "sk-alice***";
  auto key = store_->create_api_key(k);
  ASSERT_TRUE(key.has_value());
  EXPECT_TRUE(store_->list_api_keys(bob_.id)->empty());
  expect_not_found(store_->delete_api_key(bob_.id, key->id).error());
  EXPECT_EQ(store_->list_api_keys(alice_.id)->size(), 1u);
}

}  // namespace
}  // namespace lfkit::store::testing
