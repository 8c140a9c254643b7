// schema: every operation exercised once with a minimal valid request; the
// status must be documented and the body must match that status's schema.
// Streaming operations (text/event-stream, NDJSON) are read for at most 2 s
// and 5 events, so an endless stream cannot stall the run; their status and
// content type are judged.
#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {
namespace {

bool streams(const api::OperationInfo& op) {
  for (const auto& r : op.responses) {
    if (r.media_type == "text/event-stream" || r.media_type == "application/x-ndjson") return true;
  }
  return false;
}

void judge_stream_head(SuiteContext& ctx, const api::OperationInfo& op) {
  const auto request = ctx.request_for(op);
  Exchange exchange{request, std::nullopt, ""};
  auto stream = ctx.client().open_stream(request);
  if (!stream) {
    exchange.net_error = stream.error().message;
    ctx.judge_against_spec(op, "schema", exchange);
    return;
  }
  HttpResponse head;
  head.status = (*stream)->status();
  head.headers = (*stream)->headers();
  auto read =
      read_stream_events(**stream, Framing::sse,
                         {std::chrono::milliseconds(2000), std::chrono::milliseconds(2000), 5});
  for (const auto& e : read.events) head.body += e.raw;
  exchange.response = std::move(head);
  if (SuiteContext::not_implemented(exchange)) {
    return ctx.record_not_implemented(op, "schema", "spec_checks");
  }
  const auto docs = SuiteContext::documented(op);
  for (const auto& outcome : {check_no_server_error(*exchange.response),
                              check_status_documented(*exchange.response, docs),
                              check_content_type(*exchange.response, docs)}) {
    ctx.record(&op, "schema", outcome, exchange);
  }
  if (exchange.response->status >= 400) {
    ctx.record(&op, "schema", check_error_shape(*exchange.response), exchange);
  }
}

}  // namespace

void register_schema_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    register_check("schema", std::string(op.operation_id), [&op] {
      auto& ctx = suite_context();
      if (streams(op)) return judge_stream_head(ctx, op);
      auto exchange = ctx.send(ctx.request_for(op));
      ctx.judge_against_spec(op, "schema", exchange);
      ctx.delete_if_created(op, exchange);
    });
  }
}

}  // namespace lfkit::conformance
