// properties (RapidCheck): flows created with generated names and
// descriptions are accepted and read back unchanged.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "common/uuid.hpp"
#include "conformance/suites/flow_fixture.hpp"

namespace lfkit::conformance {

void register_properties_suite(SuiteContext& context) {
  if (!context.options().operations_pattern.empty() && !context.operation_selected("create_flow"))
    return;
  register_check("properties", "generated_flows_round_trip", [] {
    auto& ctx = suite_context();
    const auto* read = flow_item_op(api::Method::Get);
    if (!create_flow_op() || !read) GTEST_SKIP() << "the spec lacks flow create/read";
    const bool held = rc::check("generated flow names and descriptions round-trip", [&] {
      const auto suffix = *rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~'));
      const auto description = *rc::gen::container<std::string>(rc::gen::inRange<char>(' ', '~'));
      const std::string name = "lfkit-prop-" + new_uuid().substr(0, 8) + suffix;
      auto body = empty_flow_body(name);
      body["description"] = description;
      auto id = create_flow(ctx, "properties", body);
      RC_ASSERT(id.has_value());
      auto got = ctx.send(ctx.request_for(*read, {{"flow_id", *id}}));
      delete_flow(ctx, *id);
      RC_ASSERT(got.response.has_value());
      auto doc = nlohmann::json::parse(got.response->body, nullptr, false);
      RC_ASSERT(doc.is_object());
      RC_ASSERT(doc.value("name", "") == name);
      RC_ASSERT(doc.value("description", "") == description);
    });
    ctx.results().add({"",
                       "properties",
                       "generated_flows_round_trip",
                       held ? Verdict::pass : Verdict::fail,
                       held ? "" : "counterexample printed above (shrunk by RapidCheck)",
                       std::nullopt,
                       {}});
    EXPECT_TRUE(held);
  });
}

}  // namespace lfkit::conformance
