// flow_text writes the same bytes as dumping the FlowRead/FlowHeader DOM.
#include <gtest/gtest.h>

#include "api/context.hpp"
#include "handlers/flows/flow_json.hpp"
#include "handlers/flows/flow_text.hpp"
#include "handlers/flows/starter_examples.hpp"

namespace lfkit::handlers::flows {
namespace {

using nlohmann::json;

store::Flow sample_flow() {
  store::Flow f;
  f.id = "0b3c9d2e-0000-4000-8000-000000000001";
  f.name = "Quote \" back\\slash \n tab\t ctrl\x01 ünïcödé";
  f.description = "plain";
  f.data_json = json{{"nodes", json::array({{{"id", "A"}, {"x", 1.5}, {"s", "\u00e9\n"}}})},
                     {"edges", json::array()}}
                    .dump();
  f.tags_json = R"(["a","b"])";
  f.endpoint_name = "my-endpoint";
  f.user_id = "u1";
  f.folder_id = "f1";
  f.webhook = true;
  f.mcp_enabled = true;
  f.updated_at = std::chrono::system_clock::time_point(std::chrono::seconds(1'700'000'000));
  return f;
}

TEST(FlowText, ReadMatchesDom) {
  auto f = sample_flow();
  EXPECT_EQ(flow_read_text(f), api::dump_json(flow_read_json(f)));
  f.data_json.reset();
  f.tags_json.reset();
  f.description.reset();
  EXPECT_EQ(flow_read_text(f), api::dump_json(flow_read_json(f)));
}

TEST(FlowText, HeaderMatchesDomForFlowsAndComponents) {
  auto f = sample_flow();
  for (bool component : {false, true}) {
    f.is_component = component;
    std::string text;
    append_flow_header(text, f);
    EXPECT_EQ(text, api::dump_json(flow_header_json(f)));
  }
}

TEST(FlowText, InvalidUtf8InNamesBecomesReplacementCharacter) {
  auto f = sample_flow();
  f.name = "bad \xff byte";
  EXPECT_EQ(flow_read_text(f), api::dump_json(flow_read_json(f)));
}

TEST(FlowText, StarterExamplesMatchDom) {
  for (const auto& example : starter_examples()) {
    auto f = sample_flow();
    f.data_json = example.at("data").dump();
    EXPECT_EQ(flow_read_text(f), api::dump_json(flow_read_json(f)));
  }
}

TEST(FlowText, ListsAndPagesMatchDom) {
  std::vector<store::Flow> flows = {sample_flow(), sample_flow()};
  flows[1].id = "second";
  EXPECT_EQ(flow_list_text(flows, FlowShape::read), api::dump_json(flow_list_json(flows)));
  EXPECT_EQ(flow_list_text({}, FlowShape::read), "[]");
  auto only_second = [](const store::Flow& f) { return f.id == "second"; };
  EXPECT_EQ(flow_list_text(flows, FlowShape::header, only_second),
            api::dump_json(json::array({flow_header_json(flows[1])})));
  EXPECT_EQ(page_text(flow_list_text(flows, FlowShape::read), 101, 2, 50),
            api::dump_json(page_json(flow_list_json(flows), 101, 2, 50)));
}

}  // namespace
}  // namespace lfkit::handlers::flows
