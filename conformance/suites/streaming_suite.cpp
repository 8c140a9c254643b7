// streaming: build events of a flow read incrementally and checked against
// the build grammar state machine; time to first event is reported.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "common/uuid.hpp"
#include "conformance/grammar/build_stream_grammar.hpp"
#include "conformance/streams/stream_reader.hpp"
#include "conformance/suites/flow_fixture.hpp"

namespace lfkit::conformance {
namespace {

void build_event_grammar() {
  auto& ctx = suite_context();
  const auto* build = find_operation(api::Method::Post, "/api/v1/build/{flow_id}/flow");
  const auto* events = find_operation(api::Method::Get, "/api/v1/build/{job_id}/events");
  if (!build || !events) GTEST_SKIP() << "the spec lacks the build operations";
  auto flow_id = create_flow(ctx, "streaming", empty_flow_body("lfkit-stream-" + new_uuid()));
  if (!flow_id) return;

  auto started = ctx.send(ctx.request_for(*build, {{"flow_id", *flow_id}}));
  std::string job_id;
  if (ctx.judge_against_spec(*build, "streaming", started)) {
    auto doc = nlohmann::json::parse(started.response->body, nullptr, false);
    if (doc.is_object() && doc.contains("job_id") && doc["job_id"].is_string())
      job_id = doc["job_id"];
    ctx.record(build, "streaming",
               {"build_returns_job_id", !job_id.empty(), "no job_id", "{job_id: str}"}, started);
  }
  if (job_id.empty()) return delete_flow(ctx, *flow_id);

  auto request = ctx.request_for(*events, {{"job_id", job_id}});
  request.target = "/api/v1/build/" + job_id + "/events?event_delivery=streaming";
  const auto t0 = std::chrono::steady_clock::now();
  auto stream = ctx.client().open_stream(request);
  Exchange exchange{request, std::nullopt, stream ? "" : stream.error().message};
  if (!stream) {
    ctx.record(events, "streaming",
               {"stream_opened", false, exchange.net_error, "200 application/x-ndjson"}, exchange);
    return delete_flow(ctx, *flow_id);
  }
  BuildStreamGrammar grammar;
  auto result = read_stream_events(
      **stream, Framing::ndjson,
      {std::chrono::milliseconds(ctx.options().timeout_ms),
       std::chrono::milliseconds(ctx.options().timeout_ms), 10000},
      [&](const StreamEvent& e) {
        grammar.on_event(e);
        return true;
      },
      t0);
  grammar.finish();
  HttpResponse summary;
  summary.status = (*stream)->status();
  summary.headers = (*stream)->headers();
  for (const auto& e : result.events) summary.body += e.raw + "\n";
  exchange.response = summary;
  const bool ok_status = summary.status == 200 && summary.media_type() == "application/x-ndjson";
  ctx.record(events, "streaming",
             {"stream_content_type", ok_status,
              "status/content-type " + std::to_string(summary.status) + " " + summary.media_type(),
              "200 application/x-ndjson"},
             exchange);
  ctx.record(events, "streaming",
             {"stream_ends", result.end == StreamEnd::closed,
              std::string("stream ") + std::string(stream_end_name(result.end)),
              "the stream closes after the terminal event"},
             exchange);
  ctx.record(events, "streaming",
             {"build_event_grammar", grammar.violations().empty(), describe(grammar.violations()),
              "vertices_sorted ... end_vertex* ... end|error"},
             exchange);
  if (result.time_to_first_event) {
    std::printf("[streaming] build events: time to first event %lld ms, %zu events\n",
                static_cast<long long>(result.time_to_first_event->count()), result.events.size());
  }
  delete_flow(ctx, *flow_id);
}

}  // namespace

void register_streaming_suite(SuiteContext& context) {
  if (context.options().operations_pattern.empty() || context.operation_selected("build_flow")) {
    register_check("streaming", "build_event_grammar", build_event_grammar);
  }
}

}  // namespace lfkit::conformance
