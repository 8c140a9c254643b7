// Pure Monitor logic: virtual flow ids, message updates and orderings.
#include <gtest/gtest.h>

#include "handlers/monitor/message_json.hpp"
#include "handlers/monitor/virtual_flow_id.hpp"

using namespace lfkit;
namespace monitor = lfkit::handlers::monitor;

TEST(VirtualFlowId, MatchesPythonUuid5) {
  // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") and ("u1_f1").
  EXPECT_EQ(monitor::uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d");
  EXPECT_EQ(monitor::virtual_flow_id("u1", "f1"), "3af8976e-5a83-55ae-ab56-dae20edca384");
  EXPECT_NE(monitor::virtual_flow_id("u2", "f1"), monitor::virtual_flow_id("u1", "f1"));
}

TEST(MessageUpdate, ChangedTextMarksEdited) {
  store::Message m;
  m.text = "a";
  api::model::MessageUpdate u;
  u.text = "b";
  u.edit = false;
  monitor::apply_message_update(m, u);
  EXPECT_EQ(m.text, "b");
  EXPECT_TRUE(m.edit);
}

TEST(MessageUpdate, SameTextLeavesEditAsSent) {
  store::Message m;
  m.text = "a";
  m.edit = true;
  api::model::MessageUpdate u;
  u.text = "a";
  u.edit = false;
  u.files = std::vector<std::string>{"x.png"};
  u.error = true;
  monitor::apply_message_update(m, u);
  EXPECT_FALSE(m.edit);
  EXPECT_TRUE(m.error);
  EXPECT_EQ(m.files_json, "[\"x.png\"]");
}

TEST(MessageUpdate, UnsetFieldsStay) {
  store::Message m;
  m.sender = "User";
  m.properties_json = R"({"icon":"x"})";
  monitor::apply_message_update(m, api::model::MessageUpdate{});
  EXPECT_EQ(m.sender, "User");
  EXPECT_EQ(m.properties_json, R"({"icon":"x"})");
  EXPECT_FALSE(m.edit);
}

TEST(MessageOrder, SortsByKnownColumnsOnly) {
  std::vector<store::Message> ms(3);
  ms[0].text = "c";
  ms[1].text = "a";
  ms[2].text = "b";
  ASSERT_TRUE(monitor::sort_messages(ms, "text"));
  EXPECT_EQ(ms[0].text, "a");
  EXPECT_EQ(ms[2].text, "c");
  EXPECT_TRUE(monitor::sort_messages(ms, "timestamp"));
  EXPECT_TRUE(monitor::sort_messages(ms, ""));
  EXPECT_FALSE(monitor::sort_messages(ms, "nope"));
  EXPECT_FALSE(monitor::sort_messages(ms, "__class__"));
}

TEST(MessageJson, Shapes) {
  store::Message m;
  m.id = "id1";
  m.sender = "User";
  m.files_json = "not json";
  auto response = monitor::message_response_json(m);
  EXPECT_EQ(response["files"], nlohmann::json::array());
  EXPECT_TRUE(response["flow_id"].is_null());
  auto read = monitor::message_read_json(m);
  EXPECT_EQ(read["id"], "id1");
  EXPECT_TRUE(read.contains("error"));
  EXPECT_FALSE(response.contains("error"));
}
