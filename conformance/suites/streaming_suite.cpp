// streaming: event streams read incrementally and bounded (10 s, 5 s idle,
// 2000 events), checked against their grammars as state machines:
//  - /run?stream=true: RunStreamGrammar, the end event's result echoes the input;
//  - build events: BuildStreamGrammar with the fixture's edges, the same
//    events whether read by streaming, polling or direct delivery;
//  - cancel: answers in shape, unknown jobs are 404;
//  - time to first event is printed for every stream.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>

#include "common/uuid.hpp"
#include "conformance/grammar/build_stream_grammar.hpp"
#include "conformance/grammar/run_stream_grammar.hpp"
#include "conformance/suites/chain.hpp"
#include "conformance/suites/echo_flow.hpp"
#include "conformance/suites/flow_fixture.hpp"
#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {
namespace {

using api::Method;
using nlohmann::json;

constexpr const char* kPing = "lfkit-stream-ping";

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return "[" + out + "]";
}

void report_first_event(const char* what, const StreamReadResult& r) {
  if (r.time_to_first_event) {
    std::printf("  [streaming] %s: first event after %lld ms, %zu events, %s\n", what,
                static_cast<long long>(r.time_to_first_event->count()), r.events.size(),
                std::string(stream_end_name(r.end)).c_str());
  }
}

// Records the checks every stream gets; false when the stream is unusable.
bool judge_stream(SuiteContext& ctx, const api::OperationInfo* op, const std::string& check,
                  const StreamedExchange& s, std::string_view media) {
  if (!s.opened) {
    ctx.record(op, "streaming", {check + ".opened", false, s.exchange.net_error, "a stream"},
               s.exchange);
    return false;
  }
  if (SuiteContext::not_implemented(s.exchange)) {
    ctx.skip_not_implemented(*op, "streaming", check);
    return false;
  }
  const auto& r = *s.exchange.response;
  ctx.record(op, "streaming",
             {check + ".status_and_media", r.status == 200 && r.media_type() == media,
              std::to_string(r.status) + " " + r.media_type(), "200 " + std::string(media)},
             s.exchange);
  if (r.status != 200) return false;
  ctx.record(op, "streaming",
             {check + ".ends_in_bounds",
              s.read.end == StreamEnd::closed || s.read.end == StreamEnd::stopped,
              "stream " + std::string(stream_end_name(s.read.end)) + " " + s.read.error,
              "the stream ends after its terminal event within 10 s"},
             s.exchange);
  return true;
}

void run_stream() {
  auto& ctx = suite_context();
  const auto* op = find_operation(Method::Post, "/api/v1/run/{flow_id_or_name}");
  if (!op || !ctx.operation_selected(op->operation_id))
    GTEST_SKIP() << "simplified_run_flow excluded";
  ScopedFlow flow(ctx, "streaming", echo_flow_body("lfkit-stream-" + new_uuid().substr(0, 8)));
  if (flow.id.empty()) {
    ctx.record_skip(*op, "streaming", "run_stream", flow.problem);
    GTEST_SKIP() << flow.problem;
  }
  auto request = ctx.request_for(*op, {{"flow_id_or_name", flow.id}, {"stream", "true"}});
  request.body = json{{"input_value", kPing}}.dump();
  auto s = read_stream(ctx, request, Framing::sse);
  if (!judge_stream(ctx, op, "run_stream", s, "text/event-stream")) return;
  RunStreamGrammar grammar;
  for (const auto& e : s.read.events) grammar.on_event(e);
  grammar.finish();
  ctx.record(op, "streaming",
             {"run_stream.grammar", grammar.violations().empty(), describe(grammar.violations()),
              "(add_message | token | end_vertex | build_start | build_end)* (end | error)"},
             s.exchange);
  bool echoed = false;
  for (const auto& e : s.read.events) {
    if (e.name == "end") echoed = json_contains_text(e.data, kPing);
  }
  ctx.record(op, "streaming",
             {"run_stream.end_echoes_input", echoed, "the end event's result lacks the input",
              "end.data.result containing " + std::string(kPing)},
             s.exchange);
  report_first_event("run?stream=true", s.read);
}

struct BuildOps {
  const api::OperationInfo* build = find_operation(Method::Post, "/api/v1/build/{flow_id}/flow");
  const api::OperationInfo* events = find_operation(Method::Get, "/api/v1/build/{job_id}/events");
  const api::OperationInfo* cancel = find_operation(Method::Post, "/api/v1/build/{job_id}/cancel");
};

BuildStreamGrammar::Options echo_grammar_options(bool polling) {
  BuildStreamGrammar::Options options;
  options.edges = {{kEchoInputId, kEchoOutputId}};
  options.tolerate_repeated_end = polling;
  return options;
}

// Starts a build; the job id, or "" after recording why.
std::string start_build(SuiteContext& ctx, const BuildOps& ops, const std::string& flow_id,
                        Chain& chain) {
  auto started = chain.step(
      ops.build,
      chain.request(ops.build, {{"flow_id", flow_id}}, {{"inputs", {{"input_value", kPing}}}}), 200,
      "start_build");
  std::string job_id;
  if (started && started->is_object() && (*started)["job_id"].is_string()) {
    job_id = (*started)["job_id"];
  }
  chain.expect(ops.build, "returns_job_id", !job_id.empty(), started ? started->dump() : "",
               "{\"job_id\": str}");
  (void)ctx;
  return job_id;
}

std::vector<std::string> check_build_stream(SuiteContext& ctx, const api::OperationInfo* op,
                                            const std::string& check, const StreamedExchange& s,
                                            bool polling) {
  BuildStreamGrammar grammar(echo_grammar_options(polling));
  for (const auto& e : s.read.events) grammar.on_event(e);
  grammar.finish();
  ctx.record(op, "streaming",
             {check + ".grammar", grammar.violations().empty(), describe(grammar.violations()),
              "vertices_sorted build_start? (add_message|token|end_vertex)* (end|error), "
              "ChatInput before ChatOutput"},
             s.exchange);
  auto signature = event_signature(s.read.events);
  while (polling && signature.size() > 1 && signature.back() == "end" &&
         signature[signature.size() - 2] == "end") {
    signature.pop_back();  // polling may repeat the final "end"
  }
  return signature;
}

void build_events() {
  auto& ctx = suite_context();
  BuildOps ops;
  if (!ops.build || !ops.events) GTEST_SKIP() << "the spec lacks the build operations";
  for (const auto* op : {ops.build, ops.events}) {
    if (!ctx.operation_selected(op->operation_id))
      GTEST_SKIP() << op->operation_id << " is excluded";
  }
  ScopedFlow flow(ctx, "streaming", echo_flow_body("lfkit-build-" + new_uuid().substr(0, 8)));
  if (flow.id.empty()) {
    ctx.record_skip(*ops.build, "streaming", "build_events", flow.problem);
    ctx.record_skip(*ops.events, "streaming", "build_events", flow.problem);
    GTEST_SKIP() << flow.problem;
  }
  Chain chain(ctx, "streaming", "build");

  // 1. streaming delivery
  const auto job = start_build(ctx, ops, flow.id, chain);
  if (job.empty()) return;
  auto streamed_request = ctx.request_for(*ops.events, {{"job_id", job}});
  streamed_request.target = "/api/v1/build/" + job + "/events?event_delivery=streaming";
  auto streamed = read_stream(ctx, streamed_request, Framing::ndjson);
  if (!judge_stream(ctx, ops.events, "streaming", streamed, "application/x-ndjson")) return;
  const auto streaming_sig = check_build_stream(ctx, ops.events, "streaming", streamed, false);
  report_first_event("build events (streaming)", streamed.read);

  // 2. polling delivery: poll until a terminal event, bounded by 10 s / 100 polls.
  const auto poll_job = start_build(ctx, ops, flow.id, chain);
  if (poll_job.empty()) return;
  StreamedExchange polled;
  polled.opened = true;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  bool terminal = false;
  for (int i = 0; i < 100 && !terminal && std::chrono::steady_clock::now() < deadline; ++i) {
    auto poll = ctx.request_for(*ops.events, {{"job_id", poll_job}});
    poll.target = "/api/v1/build/" + poll_job + "/events?event_delivery=polling";
    auto once = read_stream(ctx, poll, Framing::ndjson);
    polled.exchange = once.exchange;
    if (!once.opened || !once.exchange.response || once.exchange.response->status != 200) break;
    for (const auto& e : once.read.events) {
      polled.read.events.push_back(e);
      terminal = terminal || e.name == "end" || e.name == "error";
    }
  }
  if (polled.exchange.response) {
    polled.exchange.response->body.clear();
    for (const auto& e : polled.read.events) polled.exchange.response->body += e.raw + "\n\n";
  }
  ctx.record(ops.events, "streaming",
             {"polling.reaches_terminal", terminal,
              "no end/error event after " + std::to_string(polled.read.events.size()) + " events",
              "polling ends with end or error within 10 s"},
             polled.exchange);
  const auto polling_sig = check_build_stream(ctx, ops.events, "polling", polled, true);
  ctx.record(ops.events, "streaming",
             {"polling_matches_streaming", polling_sig == streaming_sig,
              "polling " + joined(polling_sig) + " vs streaming " + joined(streaming_sig),
              "the same events in the same order"},
             polled.exchange);

  // 3. direct delivery: the POST answers with the stream itself.
  auto direct_request =
      chain.request(ops.build, {{"flow_id", flow.id}}, {{"inputs", {{"input_value", kPing}}}});
  direct_request.target = "/api/v1/build/" + flow.id + "/flow?event_delivery=direct";
  auto direct = read_stream(ctx, direct_request, Framing::ndjson);
  if (judge_stream(ctx, ops.build, "direct", direct, "application/x-ndjson")) {
    const auto direct_sig = check_build_stream(ctx, ops.build, "direct", direct, false);
    ctx.record(ops.build, "streaming",
               {"direct_matches_streaming", direct_sig == streaming_sig,
                "direct " + joined(direct_sig) + " vs streaming " + joined(streaming_sig),
                "the same events in the same order"},
               direct.exchange);
    report_first_event("build (direct)", direct.read);
  }

  // 4. unknown job
  auto unknown = ctx.request_for(*ops.events, {{"job_id", new_uuid()}});
  chain.step(ops.events, unknown, 404, "unknown_job_is_404");
}

void cancel_build() {
  auto& ctx = suite_context();
  BuildOps ops;
  if (!ops.build || !ops.cancel) GTEST_SKIP() << "the spec lacks the build operations";
  for (const auto* op : {ops.build, ops.cancel}) {
    if (!ctx.operation_selected(op->operation_id))
      GTEST_SKIP() << op->operation_id << " is excluded";
  }
  ScopedFlow flow(ctx, "streaming", echo_flow_body("lfkit-cancel-" + new_uuid().substr(0, 8)));
  if (flow.id.empty()) {
    ctx.record_skip(*ops.cancel, "streaming", "cancel", flow.problem);
    GTEST_SKIP() << flow.problem;
  }
  Chain chain(ctx, "streaming", "cancel");
  const auto job = start_build(ctx, ops, flow.id, chain);
  if (job.empty()) return;
  auto cancelled = chain.step(ops.cancel, chain.request(ops.cancel, {{"job_id", job}}), 200,
                              "cancel_started_build");
  chain.expect(ops.cancel, "cancel_answers_success_flag",
               cancelled && cancelled->is_object() && (*cancelled)["success"].is_boolean(),
               cancelled ? cancelled->dump() : "", "{success: bool, message: str}");
  if (ops.events && ctx.operation_selected(ops.events->operation_id) && !chain.stopped()) {
    // After a cancel, reading the events must still end (or be refused) in bounds.
    auto after = ctx.request_for(*ops.events, {{"job_id", job}});
    auto s = read_stream(ctx, after, Framing::ndjson, true);
    const bool bounded = !s.opened || (s.exchange.response && s.exchange.response->status != 200) ||
                         s.read.end == StreamEnd::closed || s.read.end == StreamEnd::stopped;
    ctx.record(
        ops.events, "streaming",
        {"events_after_cancel_end", bounded, "stream " + std::string(stream_end_name(s.read.end)),
         "the event stream of a cancelled job ends"},
        s.exchange);
  }
  chain.step(ops.cancel, chain.request(ops.cancel, {{"job_id", new_uuid()}}), 404,
             "cancel_unknown_job_is_404");
}

}  // namespace

void register_streaming_suite(SuiteContext&) {
  register_check("streaming", "run_stream", run_stream);
  register_check("streaming", "build_events", build_events);
  register_check("streaming", "cancel_build", cancel_build);
}

}  // namespace lfkit::conformance
