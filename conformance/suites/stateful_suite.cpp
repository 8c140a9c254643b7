// stateful: create -> read -> update -> list -> delete -> read-gone for flows,
// each step judged against the spec and against the previous step.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/uuid.hpp"
#include "conformance/suites/flow_fixture.hpp"

namespace lfkit::conformance {
namespace {

void flow_lifecycle() {
  auto& ctx = suite_context();
  const auto* read = flow_item_op(api::Method::Get);
  const auto* update = flow_item_op(api::Method::Patch);
  const auto* remove = flow_item_op(api::Method::Delete);
  const auto* list = find_operation(api::Method::Get, "/api/v1/flows/");
  if (!create_flow_op() || !read || !update || !remove || !list) {
    GTEST_SKIP() << "the spec lacks one of the flow CRUD operations";
  }
  const std::string name = "lfkit-stateful-" + new_uuid();
  auto id = create_flow(ctx, "stateful", empty_flow_body(name));
  if (!id) return;

  auto got = ctx.send(ctx.request_for(*read, {{"flow_id", *id}}));
  if (ctx.judge_against_spec(*read, "stateful", got)) {
    auto doc = nlohmann::json::parse(got.response->body, nullptr, false);
    ctx.record(
        read, "stateful",
        {"read_returns_created", got.response->status == 200 && doc.value("name", "") == name,
         "read did not return the created flow", "200 with name " + name},
        got);
  }

  auto patch = ctx.request_for(*update, {{"flow_id", *id}});
  patch.body = nlohmann::json{{"description", "changed by lfkit"}}.dump();
  auto patched = ctx.send(patch);
  if (ctx.judge_against_spec(*update, "stateful", patched)) {
    auto reread = ctx.send(ctx.request_for(*read, {{"flow_id", *id}}));
    auto doc = nlohmann::json::parse(reread.response ? reread.response->body : "", nullptr, false);
    ctx.record(
        update, "stateful",
        {"update_persists", doc.is_object() && doc.value("description", "") == "changed by lfkit",
         "description not updated on re-read", "description == 'changed by lfkit'"},
        reread);
  }

  auto listed = ctx.send(ctx.request_for(*list));
  if (ctx.judge_against_spec(*list, "stateful", listed)) {
    const bool found = listed.response->body.find(*id) != std::string::npos;
    ctx.record(list, "stateful",
               {"list_contains_created", found, "created flow missing from the list",
                "the list contains " + *id},
               listed);
  }

  auto deleted = ctx.send(ctx.request_for(*remove, {{"flow_id", *id}}));
  ctx.judge_against_spec(*remove, "stateful", deleted);
  auto gone = ctx.send(ctx.request_for(*read, {{"flow_id", *id}}));
  if (gone.response) {
    auto outcome = check_status_is(*gone.response, 404);
    outcome.check = "read_after_delete_is_404";
    ctx.record(read, "stateful", outcome, gone);
  }
}

}  // namespace

void register_stateful_suite(SuiteContext& context) {
  if (context.operation_selected("create_flow") || context.options().operations_pattern.empty()) {
    register_check("stateful", "flow_lifecycle", flow_lifecycle);
  }
}

}  // namespace lfkit::conformance
