#include <gtest/gtest.h>

#include "store_fixture.hpp"

namespace lfkit::store::testing {
namespace {

TEST_F(StoreTest, FolderCrudAndUniqueName) {
  User u = make_user("alice");
  Folder f = make_folder(u.id, "Work");
  EXPECT_EQ(store_->get_folder(u.id, f.id)->name, "Work");
  Folder dup;
  dup.name = "Work";
  dup.user_id = u.id;
  EXPECT_EQ(store_->create_folder(dup).error().code, StoreErrorCode::conflict);

  f.description = "desc";
  f.auth_settings_json = R"({"auth_type":"apikey"})";
  auto updated = store_->update_folder(u.id, f);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(updated->description, "desc");
  EXPECT_EQ(updated->auth_settings_json, R"({"auth_type":"apikey"})");

  make_folder(u.id, "Work (1)");
  auto names = store_->folder_names_with_prefix(u.id, "Work (");
  ASSERT_EQ(names->size(), 1u);
  EXPECT_EQ((*names)[0], "Work (1)");
}

TEST_F(StoreTest, EnsureFolderIsGetOrCreate) {
  User u = make_user("alice");
  auto first = store_->ensure_folder(u.id, "Starter Project", "Manage your own projects.");
  ASSERT_TRUE(first.has_value());
  auto second = store_->ensure_folder(u.id, "Starter Project", "ignored");
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(first->id, second->id);
  EXPECT_EQ(store_->find_folder_by_name(u.id, "Starter Project")->id, first->id);
}

TEST_F(StoreTest, ListFoldersIncludesSharedOnes) {
  User u = make_user("alice");
  Folder shared;
  shared.name = "Starter Projects";
  ASSERT_TRUE(store_->create_folder(shared).has_value());
  make_folder(u.id, "Mine");
  auto listed = store_->list_folders(u.id);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ(store_->find_shared_folder_by_name("Starter Projects")->name, "Starter Projects");
}

TEST_F(StoreTest, DeletingFolderDeletesItsFlows) {
  User u = make_user("alice");
  Folder f = make_folder(u.id, "Doomed");
  Flow flow = make_flow(u.id, "inside", f.id);
  ASSERT_TRUE(store_->delete_folder(u.id, f.id).has_value());
  EXPECT_EQ(store_->get_flow(u.id, flow.id).error().code, StoreErrorCode::not_found);
  EXPECT_EQ(store_->delete_folder(u.id, f.id).error().code, StoreErrorCode::not_found);
}

TEST_F(StoreTest, FlowRoundTripsEveryField) {
  User u = make_user("alice");
  Folder folder = make_folder(u.id, "P");
  Flow f;
  f.name = "Chat";
  f.description = "d";
  f.icon = "bot";
  f.icon_bg_color = "#aabbcc";
  f.gradient = "2";
  f.data_json = R"({"nodes":[1],"edges":[]})";
  f.is_component = true;
  f.webhook = true;
  f.endpoint_name = "chat-ep";
  f.tags_json = R"(["a","b"])";
  f.locked = true;
  f.mcp_enabled = true;
  f.action_name = "act";
  f.action_description = "does";
  f.access_type = "PUBLIC";
  f.user_id = u.id;
  f.folder_id = folder.id;
  f.fs_path = "/tmp/x.json";
  f.updated_at = Time(std::chrono::seconds(1'700'000'000));
  auto created = store_->create_flow(f);
  ASSERT_TRUE(created.has_value()) << created.error().message;
  auto got = store_->get_flow(u.id, created->id);
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->name, "Chat");
  EXPECT_EQ(got->description, "d");
  EXPECT_EQ(got->icon, "bot");
  EXPECT_EQ(got->icon_bg_color, "#aabbcc");
  EXPECT_EQ(got->gradient, "2");
  EXPECT_EQ(got->data_json, f.data_json);
  EXPECT_TRUE(got->is_component);
  EXPECT_TRUE(got->webhook);
  EXPECT_EQ(got->endpoint_name, "chat-ep");
  EXPECT_EQ(got->tags_json, f.tags_json);
  EXPECT_TRUE(got->locked);
  EXPECT_TRUE(got->mcp_enabled);
  EXPECT_EQ(got->action_name, "act");
  EXPECT_EQ(got->action_description, "does");
  EXPECT_EQ(got->access_type, "PUBLIC");
  EXPECT_EQ(got->folder_id, folder.id);
  EXPECT_EQ(got->fs_path, "/tmp/x.json");
  EXPECT_EQ(got->updated_at, f.updated_at);
  EXPECT_EQ(store_->find_flow_by_endpoint_name(u.id, "chat-ep")->id, created->id);
}

TEST_F(StoreTest, FlowNameAndEndpointAreUniquePerUser) {
  User a = make_user("alice");
  User b = make_user("bob");
  Flow first = make_flow(a.id, "Same");
  Flow dup;
  dup.name = "Same";
  dup.user_id = a.id;
  auto clash = store_->create_flow(dup);
  ASSERT_FALSE(clash.has_value());
  EXPECT_EQ(clash.error().code, StoreErrorCode::conflict);
  EXPECT_EQ(clash.error().message, "Name must be unique");
  make_flow(b.id, "Same");  // other users may reuse the name

  first.endpoint_name = "ep";
  ASSERT_TRUE(store_->update_flow(a.id, first).has_value());
  Flow other;
  other.name = "Other";
  other.user_id = a.id;
  other.endpoint_name = "ep";
  auto ep_clash = store_->create_flow(other);
  ASSERT_FALSE(ep_clash.has_value());
  EXPECT_EQ(ep_clash.error().message, "Endpoint name must be unique");

  // Null endpoint names never clash.
  Flow n1 = make_flow(a.id, "n1");
  Flow n2 = make_flow(a.id, "n2");
  EXPECT_FALSE(n1.endpoint_name.has_value());
  EXPECT_FALSE(n2.endpoint_name.has_value());
}

TEST_F(StoreTest, FlowNamePrefixesForAutoRename) {
  User u = make_user("alice");
  make_flow(u.id, "Chat");
  make_flow(u.id, "Chat (1)");
  make_flow(u.id, "Chat (7)");
  make_flow(u.id, "Chatter");
  auto names = store_->flow_names_with_prefix(u.id, "Chat (");
  ASSERT_EQ(names->size(), 2u);
  Flow ep = make_flow(u.id, "E");
  ep.endpoint_name = "my-ep";
  ASSERT_TRUE(store_->update_flow(u.id, ep).has_value());
  auto eps = store_->endpoint_names_with_prefix(u.id, "my-ep");
  ASSERT_EQ(eps->size(), 1u);
  EXPECT_EQ((*eps)[0], "my-ep");
  // A '%' or '_' in the prefix is literal (no LIKE patterns).
  EXPECT_TRUE(store_->flow_names_with_prefix(u.id, "C_at")->empty());
}

TEST_F(StoreTest, ListFlowsFiltersAndPages) {
  User u = make_user("alice");
  Folder p1 = make_folder(u.id, "P1");
  Folder p2 = make_folder(u.id, "P2");
  make_flow(u.id, "alpha", p1.id);
  make_flow(u.id, "beta", p1.id);
  Flow comp = make_flow(u.id, "gamma comp", p2.id);
  comp.is_component = true;
  ASSERT_TRUE(store_->update_flow(u.id, comp).has_value());

  auto all = store_->list_flows(u.id, {});
  ASSERT_TRUE(all.has_value());
  EXPECT_EQ(all->total, 3);
  EXPECT_EQ(all->items[0].name, "alpha");

  FlowQuery in_p1;
  in_p1.folder_id = p1.id;
  EXPECT_EQ(store_->list_flows(u.id, in_p1)->total, 2);

  FlowQuery components;
  components.components_only = true;
  auto comps = store_->list_flows(u.id, components);
  ASSERT_EQ(comps->items.size(), 1u);
  EXPECT_EQ(comps->items[0].name, "gamma comp");

  FlowQuery flows_only;
  flows_only.flows_only = true;
  EXPECT_EQ(store_->list_flows(u.id, flows_only)->total, 2);

  FlowQuery search;
  search.name_contains = "ALP";
  EXPECT_EQ(store_->list_flows(u.id, search)->total, 1);

  FlowQuery headers;
  headers.header_only = true;
  auto heads = store_->list_flows(u.id, headers);
  for (const auto& h : heads->items) {
    EXPECT_EQ(h.data_json.has_value(), h.is_component) << h.name;
  }

  FlowQuery paged;
  paged.page = PageRequest{2, 2};
  auto page2 = store_->list_flows(u.id, paged);
  EXPECT_EQ(page2->total, 3);
  ASSERT_EQ(page2->items.size(), 1u);
  EXPECT_EQ(page2->items[0].name, "gamma comp");

  FlowQuery newest;
  newest.order = FlowOrder::updated_desc;
  EXPECT_EQ(store_->list_flows(u.id, newest)->items[0].name, "gamma comp");

  FlowQuery bad;
  bad.page = PageRequest{0, 10};
  EXPECT_EQ(store_->list_flows(u.id, bad).error().code, StoreErrorCode::invalid);
}

TEST_F(StoreTest, SharedFlowsAreSeparateFromUserFlows) {
  User u = make_user("alice");
  Folder starter;
  starter.name = "Starter Projects";
  auto folder = store_->create_folder(starter);
  ASSERT_TRUE(folder.has_value());
  Flow example;
  example.name = "Basic Prompting";
  example.folder_id = folder->id;
  ASSERT_TRUE(store_->create_flow(example).has_value());
  make_flow(u.id, "mine");
  EXPECT_EQ(store_->list_shared_flows({})->total, 1);
  EXPECT_EQ(store_->list_flows(u.id, {})->total, 1);
}

TEST_F(StoreTest, UpdateDeleteAndMoveFlows) {
  User u = make_user("alice");
  Folder a = make_folder(u.id, "A");
  Folder b = make_folder(u.id, "B");
  Flow f1 = make_flow(u.id, "one", a.id);
  Flow f2 = make_flow(u.id, "two", a.id);
  Flow f3 = make_flow(u.id, "three", a.id);

  f1.description = "changed";
  f1.endpoint_name.reset();
  auto updated = store_->update_flow(u.id, f1);
  ASSERT_TRUE(updated.has_value());
  EXPECT_EQ(store_->get_flow(u.id, f1.id)->description, "changed");
  EXPECT_GE(store_->get_flow(u.id, f1.id)->updated_at, f1.updated_at);

  auto moved = store_->move_flows(u.id, {f1.id, f2.id, "missing"}, b.id);
  EXPECT_EQ(*moved, 2);
  EXPECT_EQ(store_->get_flow(u.id, f2.id)->folder_id, b.id);

  ASSERT_TRUE(store_->delete_flow(u.id, f3.id).has_value());
  EXPECT_EQ(store_->delete_flow(u.id, f3.id).error().code, StoreErrorCode::not_found);
  EXPECT_EQ(*store_->delete_flows(u.id, {f1.id, f2.id, f3.id}), 2);
  EXPECT_EQ(store_->list_flows(u.id, {})->total, 0);
}

TEST_F(StoreTest, FlowIntoUnknownFolderIsInvalid) {
  User u = make_user("alice");
  Flow f;
  f.name = "x";
  f.user_id = u.id;
  f.folder_id = "00000000-0000-4000-8000-000000000000";
  EXPECT_EQ(store_->create_flow(f).error().code, StoreErrorCode::invalid);
}

}  // namespace
}  // namespace lfkit::store::testing
