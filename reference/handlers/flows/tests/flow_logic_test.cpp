// Pagination shape, field checks, secret stripping, the event queue and upload parsing.
#include <gtest/gtest.h>

#include "archive/zip.hpp"
#include "handlers/flows/flow_event_queue.hpp"
#include "handlers/flows/flow_files.hpp"
#include "handlers/flows/flow_json.hpp"
#include "handlers/flows/starter_examples.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

TEST(PageJson, PagesRoundUp) {
  auto page = page_json(json::array(), 101, 2, 50);
  EXPECT_EQ(page["pages"], 3);
  EXPECT_EQ(page["total"], 101);
  EXPECT_EQ(page["page"], 2);
  EXPECT_EQ(page["size"], 50);
  EXPECT_EQ(page_json(json::array(), 0, 1, 50)["pages"], 0);
  EXPECT_EQ(page_json(json::array(), 50, 1, 50)["pages"], 1);
}

TEST(FlowFields, EndpointNameRule) {
  auto bad = check_flow_fields({{"endpoint_name", "no spaces"}}, false);
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(bad->body["detail"],
            "Endpoint name must contain only letters, numbers, hyphens, and underscores");
  EXPECT_FALSE(check_flow_fields({{"endpoint_name", "ok_name-1"}}, false));
  EXPECT_TRUE(check_flow_fields({{"endpoint_name", ""}}, false));
  EXPECT_FALSE(check_flow_fields({{"endpoint_name", ""}}, true));  // PATCH clears
}

TEST(FlowFields, IconColourAndData) {
  auto colour = check_flow_fields({{"icon_bg_color", "ff0000"}}, false);
  ASSERT_TRUE(colour);
  EXPECT_EQ(colour->body["detail"][0]["loc"], json({"body", "icon_bg_color"}));
  EXPECT_EQ(colour->body["detail"][0]["msg"],
            "Value error, Icon background color must start with #");
  auto length = check_flow_fields({{"icon_bg_color", "#fff"}}, false);
  ASSERT_TRUE(length);
  EXPECT_EQ(length->body["detail"][0]["msg"],
            "Value error, Icon background color must be 7 characters long");
  auto nodes = check_flow_fields({{"data", {{"edges", json::array()}}}}, false);
  ASSERT_TRUE(nodes);
  EXPECT_EQ(nodes->body["detail"][0]["msg"], "Value error, Flow must have nodes");
  EXPECT_FALSE(check_flow_fields({{"data", json::object()}}, false));
}

TEST(Secrets, PasswordAndApiKeyValuesAreNulled) {
  json data = {
      {"nodes",
       {{{"data",
          {{"node",
            {{"template",
              {{"openai_api_key", {{"value", "sk-1"}}},
               {"token", {{"value", "t"}, {"password", true}}},
               {"bound", {{"value", "MY_VAR"}, {"password", true}, {"load_from_db", true}}},
               {"prompt", {{"value", "hi"}}}}}}}}}}}},
      {"edges", json::array()}};
  auto stripped = strip_secrets(data);
  const auto& t = stripped["nodes"][0]["data"]["node"]["template"];
  EXPECT_TRUE(t["openai_api_key"]["value"].is_null());
  EXPECT_TRUE(t["token"]["value"].is_null());
  EXPECT_EQ(t["bound"]["value"], "MY_VAR");
  EXPECT_EQ(t["prompt"]["value"], "hi");
}

TEST(Webhook, DetectedByComponentType) {
  EXPECT_TRUE(has_webhook_component({{"nodes", {{{"data", {{"type", "Webhook"}}}}}}}));
  EXPECT_FALSE(has_webhook_component({{"nodes", {{{"data", {{"type", "ChatInput"}}}}}}}));
  EXPECT_FALSE(has_webhook_component({{"nodes", {{{"data", {{"type", 3}}}}}}}));
}

TEST(EventQueue, SettlesAndExpires) {
  double now = 1000.0;
  FlowEventQueue queue([&] { return now; });
  EXPECT_TRUE(queue.get_since("f", 0).settled);
  queue.append("f", "component_added", "added");
  auto busy = queue.get_since("f", 0);
  ASSERT_EQ(busy.events.size(), 1u);
  EXPECT_FALSE(busy.settled);
  now += 1;
  queue.append("f", "flow_settled", "");
  EXPECT_TRUE(queue.get_since("f", 1000.5).settled);
  EXPECT_EQ(queue.get_since("f", 1000.5).events.size(), 1u);
  now += FlowEventQueue::kTtlSeconds + 1;  // expired: as if never written
  auto gone = queue.get_since("f", 0);
  EXPECT_TRUE(gone.events.empty());
  EXPECT_TRUE(gone.settled);
}

TEST(EventQueue, BoundedPerFlow) {
  double now = 0;
  FlowEventQueue queue([&] { return now += 0.001; });
  for (size_t i = 0; i < FlowEventQueue::kMaxEventsPerFlow + 5; ++i) {
    queue.append("f", "flow_updated", std::to_string(i));
  }
  auto all = queue.get_since("f", 0);
  ASSERT_EQ(all.events.size(), FlowEventQueue::kMaxEventsPerFlow);
  EXPECT_EQ(all.events.front().summary, "5");
}

TEST(Upload, SingleFlowListAndErrors) {
  auto one = read_uploaded_flows(R"({"name":"a","data":{"nodes":[],"edges":[]}})");
  ASSERT_TRUE(one);
  EXPECT_EQ(one->size(), 1u);
  auto many = read_uploaded_flows(R"({"flows":[{"name":"a"},{"name":"b"}]})");
  ASSERT_TRUE(many);
  EXPECT_EQ(many->size(), 2u);
  auto bad_json = read_uploaded_flows("{nope");
  ASSERT_FALSE(bad_json);
  EXPECT_EQ(bad_json.error().status, 400);
  auto not_object = read_uploaded_flows("[1]");
  ASSERT_FALSE(not_object);
  EXPECT_EQ(not_object.error().status, 422);
  auto bad_item = read_uploaded_flows(R"({"flows":[{"name":"a"},3]})");
  ASSERT_FALSE(bad_item);
  EXPECT_EQ(bad_item.error().body["detail"], "Invalid JSON: flows[1] is not an object");
  auto no_name = read_uploaded_flows(R"({"description":"x"})");
  ASSERT_FALSE(no_name);
  EXPECT_EQ(no_name.error().status, 422);
}

TEST(Upload, ZipOfFlows) {
  std::string zip = archive::write_zip({{"a.json", R"({"name":"a"})"},
                                        {"dir/b.JSON", R"({"name":"b"})"},
                                        {"project.json", R"({"project_type":"x"})"},
                                        {"broken.json", "{"},
                                        {"readme.txt", "hello"}});
  auto flows = read_uploaded_flows(zip);
  ASSERT_TRUE(flows);
  ASSERT_EQ(flows->size(), 2u);
  EXPECT_EQ((*flows)[1]["name"], "b");
  auto fake = read_uploaded_flows(std::string("PK\x03\x04garbage", 11));
  ASSERT_FALSE(fake);  // not a readable archive: read as JSON, like zipfile.is_zipfile
  EXPECT_EQ(fake.error().status, 400);
  EXPECT_EQ(fake.error().body["detail"], "Invalid JSON file: the file is not valid JSON");
  auto empty = read_uploaded_flows(archive::write_zip({{"x.txt", "y"}}));
  ASSERT_FALSE(empty);
  EXPECT_EQ(empty.error().body["detail"], "No valid flow JSON files found in the ZIP");
}

TEST(Download, FileNamesStayInTheirFolder) {
  EXPECT_EQ(safe_flow_file_name("../../etc/passwd", "id"), "____etc_passwd");
  EXPECT_EQ(safe_flow_file_name("  ", "fallback-id"), "fallback-id");
  EXPECT_EQ(safe_flow_file_name("My Flow", "id"), "My Flow");
}

TEST(Download, ExportNormalisesAndImportRestoresCode) {
  store::Flow flow;
  flow.id = "id-1";
  flow.name = "F";
  flow.user_id = "u";
  flow.folder_id = "f";
  flow.data_json = json{
      {"nodes",
       {{{"id", "n1"},
         {"selected", true},
         {"data",
          {{"node",
            {{"template",
              {{"code", {{"type", "code"}, {"value", "a\nb"}}},
               {"api_key", {{"type", "str"}, {"value", "sk-x"}}}}}}}}}}}},
      {"edges",
       json::array()}}.dump();
  auto exported = export_flow_json(flow);
  EXPECT_FALSE(exported.contains("user_id"));
  EXPECT_FALSE(exported.contains("folder_id"));
  EXPECT_FALSE(exported.contains("updated_at"));
  EXPECT_EQ(exported["id"], "id-1");
  const auto& node = exported["data"]["nodes"][0];
  EXPECT_FALSE(node.contains("selected"));
  EXPECT_EQ(node["data"]["node"]["template"]["code"]["value"], json({"a", "b"}));
  EXPECT_TRUE(node["data"]["node"]["template"]["api_key"]["value"].is_null());
  join_code_lines(exported);
  EXPECT_EQ(exported["data"]["nodes"][0]["data"]["node"]["template"]["code"]["value"], "a\nb");
}

TEST(Starter, ExamplesAreFlowExports) {
  ASSERT_GE(starter_examples().size(), 2u);
  for (const auto& example : starter_examples()) {
    EXPECT_TRUE(example.contains("id"));
    EXPECT_TRUE(example["data"].contains("nodes"));
    EXPECT_TRUE(example["data"].contains("edges"));
    EXPECT_FALSE(check_flow_fields(example, false));
  }
}

}  // namespace
}  // namespace lfkit::handlers::flows
