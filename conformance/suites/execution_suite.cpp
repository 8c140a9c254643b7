// execution: the echo fixture flow (ChatInput -> ChatOutput) runs through
// /run, /run?stream=true is covered by the streaming suite, /run/advanced
// and the webhook; a missing flow is 404 and another user's flow behaves
// like a missing one. Operations the target does not implement (501) are
// skipped with that reason; so is everything when no fixture flow can be made.
#include <gtest/gtest.h>

#include "common/uuid.hpp"
#include "conformance/suites/chain.hpp"
#include "conformance/suites/echo_flow.hpp"
#include "conformance/suites/flow_fixture.hpp"
#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {
namespace {

using api::Method;
using nlohmann::json;

constexpr const char* kPing = "lfkit-ping-7f3a";

const api::OperationInfo* run_op() {
  return find_operation(Method::Post, "/api/v1/run/{flow_id_or_name}");
}

bool selected(SuiteContext& ctx, const api::OperationInfo* op) {
  return op && ctx.operation_selected(op->operation_id);
}

// Records the skip of `op` when the fixture flow is missing; true when usable.
bool ready(SuiteContext& ctx, const api::OperationInfo* op, const ScopedFlow& flow,
           const std::string& check) {
  if (flow.id.empty()) {
    ctx.record_skip(*op, "execution", check, flow.problem);
    return false;
  }
  return true;
}

void simplified_run() {
  auto& ctx = suite_context();
  const auto* op = run_op();
  if (!selected(ctx, op)) GTEST_SKIP() << "simplified_run_flow is excluded";
  ScopedFlow flow(ctx, "execution", echo_flow_body("lfkit-exec-" + new_uuid().substr(0, 8)));
  if (!ready(ctx, op, flow, "run_echo")) GTEST_SKIP() << flow.problem;
  Chain chain(ctx, "execution", "run");
  auto ran = chain.step(
      op,
      chain.request(op, {{"flow_id_or_name", flow.id}},
                    {{"input_value", kPing}, {"input_type", "chat"}, {"output_type", "chat"}}),
      200, "run_echo");
  chain.expect(op, "run_echo_answers_input", ran && json_contains_text(*ran, kPing),
               ran ? excerpt(ran->dump(), 300) : "",
               "outputs containing the input " + std::string(kPing));
  chain.step(op, chain.request(op, {{"flow_id_or_name", new_uuid()}}, {{"input_value", kPing}}),
             404, "run_missing_flow_is_404");
  if (chain.stopped()) return;
  if (const auto* b = ctx.second_user(); b && !b->api_key.empty()) {
    // 1.7-1.9 answer 403 "You do not have permission to run this flow", newer
    // versions 404 (SEMANTICS §2): either, but never a run.
    auto foreign = ctx.send(SuiteContext::with_credentials(
        chain.request(op, {{"flow_id_or_name", flow.id}}, {{"input_value", kPing}}), *b, true));
    if (ctx.judge_against_spec(*op, "execution", foreign)) {
      const int status = foreign.response->status;
      ctx.record(op, "execution",
                 {"run.run_other_users_flow_refused", status == 403 || status == 404,
                  "status " + std::to_string(status), "403 or 404"},
                 foreign);
    }
  } else {
    ctx.record_skip(*op, "execution", "run_other_users_flow_refused",
                    b ? "the second user has no API key" : ctx.second_user_problem());
  }
}

void advanced_run() {
  auto& ctx = suite_context();
  const auto* op = find_operation(Method::Post, "/api/v1/run/advanced/{flow_id_or_name}");
  if (!selected(ctx, op)) GTEST_SKIP() << "experimental_run_flow is excluded";
  ScopedFlow flow(ctx, "execution", echo_flow_body("lfkit-exec-" + new_uuid().substr(0, 8)));
  if (!ready(ctx, op, flow, "advanced_run_echo")) GTEST_SKIP() << flow.problem;
  Chain chain(ctx, "execution", "advanced_run");
  json body = {{"inputs", json::array({{{"components", json::array()}, {"input_value", kPing}}})},
               {"outputs", json::array()},
               {"stream", false}};
  auto ran = chain.step(op, chain.request(op, {{"flow_id_or_name", flow.id}}, body), 200, "echo");
  chain.expect(op, "echo_answers_input", ran && json_contains_text(*ran, kPing),
               ran ? excerpt(ran->dump(), 300) : "", "outputs containing " + std::string(kPing));
}

void webhook_run() {
  auto& ctx = suite_context();
  const auto* op = find_operation(Method::Post, "/api/v1/webhook/{flow_id_or_name}");
  if (!selected(ctx, op)) GTEST_SKIP() << "webhook_run_flow is excluded";
  ScopedFlow flow(ctx, "execution", echo_flow_body("lfkit-hook-" + new_uuid().substr(0, 8)));
  if (!ready(ctx, op, flow, "webhook")) GTEST_SKIP() << flow.problem;
  Chain chain(ctx, "execution", "webhook");
  chain.step(op, chain.request(op, {{"flow_id_or_name", flow.id}}, {{"any", kPing}}), 202,
             "accepted");
  chain.step(op, chain.request(op, {{"flow_id_or_name", new_uuid()}}, {{"any", kPing}}), 404,
             "missing_flow_is_404");
}

}  // namespace

void register_execution_suite(SuiteContext&) {
  register_check("execution", "simplified_run_flow", simplified_run);
  register_check("execution", "experimental_run_flow", advanced_run);
  register_check("execution", "webhook_run_flow", webhook_run);
}

}  // namespace lfkit::conformance
