#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "test_support.hpp"

namespace lfkit::engine {
namespace {

using testing::load_fixture;
using testing::RecordingSink;

struct Harness {
  ThreadPool pool{2};
  InMemoryMessageStore messages;
  InMemoryRunRecorder recorder;
  MapVariableResolver variables{{{"OPENAI_API_KEY", "sk-test"}}};
  Executor executor{builtin_registry(), pool, {&messages, &recorder, &variables, nullptr}};
  RecordingSink sink;

  RunOutcome run(const std::string& fixture, RunRequest request = {}) {
    if (request.flow_id.empty()) request.flow_id = "flow-1";
    return executor.run(load_fixture(fixture), request, sink);
  }
};

RunRequest chat(std::string text) {
  RunRequest r;
  r.input_value = std::move(text);
  return r;
}

TEST(Executor, EchoFlowProducesRunResponse) {
  Harness h;
  RunOutcome outcome = h.run("echo", chat("hello"));
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;
  EXPECT_EQ(outcome.session_id, "flow-1");  // defaults to the flow id
  auto body = build_run_response(outcome, std::string("hello"));
  EXPECT_EQ(body["session_id"], "flow-1");
  EXPECT_EQ(body["outputs"][0]["inputs"], (nlohmann::json{{"input_value", "hello"}}));
  const auto& result = body["outputs"][0]["outputs"];
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(result[0]["component_id"], "ChatOutput-xY7zQ");
  EXPECT_EQ(result[0]["component_display_name"], "Chat Output");
  EXPECT_EQ(result[0]["results"]["message"]["text"], "hello");
  EXPECT_EQ(result[0]["outputs"]["message"]["type"], "message");
  EXPECT_EQ(result[0]["messages"][0]["message"], "hello");
  EXPECT_EQ(result[0]["messages"][0]["sender_name"], "AI");
  EXPECT_TRUE(result[0]["timedelta"].is_null());
  EXPECT_EQ(result[0]["used_frozen_result"], false);
  auto stored = h.messages.all();
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].sender, "User");
  EXPECT_EQ(stored[1].sender, "Machine");
  EXPECT_EQ(h.recorder.builds().size(), 2u);
  EXPECT_EQ(h.recorder.transactions().size(), 2u);
}

TEST(Executor, PromptFlowUsesTheEchoModelAndSourceProperties) {
  Harness h;
  RunOutcome outcome = h.run("prompt", chat("what is up"));
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;
  auto body = build_run_response(outcome, std::string("what is up"));
  const auto& message = body["outputs"][0]["outputs"][0]["results"]["message"];
  EXPECT_EQ(message["text"], "Echo: what is up");
  EXPECT_EQ(message["properties"]["source"]["id"], "OpenAIModel-k9LmN");
  EXPECT_EQ(message["properties"]["source"]["source"], "gpt-4o-mini");
}

TEST(Executor, StreamingSendsTokensForTheAnnouncedMessage) {
  Harness h;
  RunRequest r = chat("a b c");
  r.stream = true;
  RunOutcome outcome = h.run("prompt", r);
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed);
  std::string joined;
  for (const auto& e : h.sink.events())
    if (e.name == "token") joined += e.data["chunk"].get<std::string>();
  EXPECT_EQ(joined, "Echo: a b c");
  auto body = build_run_response(outcome, std::string("a b c"));
  const auto& out = body["outputs"][0]["outputs"][0];
  EXPECT_EQ(out["messages"], nlohmann::json::array());  // streamed: no ChatOutputResponse
  EXPECT_EQ(out["artifacts"]["type"], "stream");
  EXPECT_EQ(out["artifacts"]["stream_url"], "/api/v1/build/flow-1/ChatOutput-xY7zQ/stream");
  EXPECT_EQ(out["outputs"]["message"]["message"]["text"], "Echo: a b c");
  EXPECT_EQ(h.messages.all().back().text, "Echo: a b c");
}

TEST(Executor, TweaksApplyBeforeTheRun) {
  Harness h;
  RunRequest r = chat("x");
  r.tweaks = {{"Chat Output", {{"sender_name", "Bot"}}}};
  RunOutcome outcome = h.run("echo", r);
  auto body = build_run_response(outcome, std::string("x"));
  EXPECT_EQ(body["outputs"][0]["outputs"][0]["results"]["message"]["sender_name"], "Bot");
}

// Notes the threads that built vertices (a vertex's records are written where it was built).
class ThreadRecorder final : public RunRecorder {
 public:
  void record_vertex_build(VertexBuildRecord) override { note(); }
  void record_transaction(TransactionRecord) override { note(); }
  std::set<std::thread::id> threads() {
    std::lock_guard lock(mu_);
    return threads_;
  }

 private:
  void note() {
    std::lock_guard lock(mu_);
    threads_.insert(std::this_thread::get_id());
  }
  std::mutex mu_;
  std::set<std::thread::id> threads_;
};

TEST(Executor, QuickFlowsAreThoseOfCpuOnlyComponents) {
  EXPECT_TRUE(is_quick_flow(builtin_registry(), load_fixture("echo")));
  EXPECT_TRUE(is_quick_flow(builtin_registry(), load_fixture("branching")));
  EXPECT_FALSE(is_quick_flow(builtin_registry(), load_fixture("forty_nodes")));  // too long
  EXPECT_FALSE(is_quick_flow(builtin_registry(), load_fixture("prompt")));       // a model
  EXPECT_FALSE(is_quick_flow(builtin_registry(), load_fixture("memory_chat")));  // store reads
  EXPECT_FALSE(is_quick_flow(builtin_registry(), load_fixture("loop")));         // iterates
}

// on_caller_thread: even the wide layers of the 40-node flow are built on the calling thread,
// with the same result as on the pool.
TEST(Executor, OnCallerThreadBuildsEveryVertexOnTheCaller) {
  ThreadPool pool{2};
  auto text_of = [&](bool on_caller_thread, ThreadRecorder& recorder) {
    Executor executor{builtin_registry(), pool, {nullptr, &recorder, nullptr, nullptr}};
    RecordingSink sink;
    RunRequest request = chat("wide");
    request.flow_id = "flow-1";
    request.on_caller_thread = on_caller_thread;
    RunOutcome outcome = executor.run(load_fixture("forty_nodes"), request, sink);
    EXPECT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;
    EXPECT_EQ(outcome.runs.size(), 40u);
    return build_run_response(outcome, std::string("wide"))["outputs"][0]["outputs"].dump();
  };
  ThreadRecorder on_caller, pooled;
  const std::string inline_outputs = text_of(true, on_caller);
  EXPECT_EQ(on_caller.threads(), std::set<std::thread::id>{std::this_thread::get_id()});
  const std::string pooled_outputs = text_of(false, pooled);
  EXPECT_GT(pooled.threads().size(), 1u);  // the same flow does fan out on the pool
  auto results = [](const std::string& outputs) {
    auto all = nlohmann::json::parse(outputs);
    std::vector<std::string> texts;
    for (const auto& output : all) texts.push_back(output["results"]["message"]["text"]);
    return texts;
  };
  EXPECT_EQ(results(inline_outputs), results(pooled_outputs));
}

// Runs share the (cached) flow's templates and copy only what they change: a run's tweaks and
// input never reach the flow it was given, nor the next run of it.
TEST(Executor, TweaksAndInputsLeaveTheSharedFlowUntouched) {
  Harness h;
  const FlowData flow = load_fixture("echo");
  const nlohmann::json before = flow.nodes[1].fields();
  const nlohmann::json input_before = flow.nodes[0].fields();
  RunRequest tweaked = chat("first");
  tweaked.flow_id = "f";
  tweaked.tweaks = {{"Chat Output", {{"sender_name", "Bot"}}}};
  ASSERT_EQ(h.executor.run(flow, tweaked, h.sink).status, RunOutcome::Status::completed);
  EXPECT_EQ(flow.nodes[1].fields(), before);
  EXPECT_EQ(flow.nodes[0].fields(), input_before);
  RunRequest plain = chat("second");
  plain.flow_id = "f";
  RunOutcome outcome = h.executor.run(flow, plain, h.sink);
  auto body = build_run_response(outcome, std::string("second"));
  EXPECT_EQ(body["outputs"][0]["outputs"][0]["results"]["message"]["sender_name"], "AI");
  EXPECT_EQ(body["outputs"][0]["outputs"][0]["results"]["message"]["text"], "second");

  FlowData copy = flow;  // a copy changed by hand does not change the original either
  copy.nodes[1].mutable_field("sender_name")["value"] = "Changed";
  EXPECT_EQ(flow.nodes[1].fields(), before);
}

TEST(Executor, GlobalVariablesResolveThroughTheResolver) {
  Harness h;
  FlowData flow = load_fixture("prompt");
  flow.nodes[2].mutable_field("api_key") = {{"value", "OPENAI_API_KEY"}, {"load_from_db", true}};
  RunRequest r = chat("hi");
  r.flow_id = "f";
  EXPECT_EQ(h.executor.run(flow, r, h.sink).status, RunOutcome::Status::completed);
  flow.nodes[2].mutable_field("api_key")["value"] = "MISSING_VAR";
  RunOutcome failed = h.executor.run(flow, r, h.sink);
  EXPECT_EQ(failed.status, RunOutcome::Status::failed);
  EXPECT_NE(failed.error.find("MISSING_VAR variable not found."), std::string::npos);
}

TEST(Executor, BranchingRunsOnlyTheChosenSide) {
  Harness h;
  RunOutcome yes = h.run("branching", chat("YES"));
  EXPECT_EQ(
      h.sink.built_ids(),
      (std::vector<std::string>{"ChatInput-aB3dE", "ConditionalRouter-Rr6Tt", "ChatOutput-TrUe1"}));
  for (const auto& e : h.sink.events()) {
    if (e.name != "end_vertex" || e.data["build_data"]["id"] != "ConditionalRouter-Rr6Tt") continue;
    EXPECT_EQ(e.data["build_data"]["inactivated_vertices"], nlohmann::json({"ChatOutput-FaLs2"}));
  }
  auto body = build_run_response(yes, std::string("YES"));
  EXPECT_EQ(body["outputs"][0]["outputs"].size(), 1u);
  Harness h2;
  h2.run("branching", chat("no"));
  EXPECT_EQ(h2.sink.built_ids().back(), "ChatOutput-FaLs2");
}

TEST(Executor, LoopIteratesAndAggregates) {
  Harness h;
  RunOutcome outcome = h.run("loop");
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed) << outcome.error;
  auto ids = h.sink.built_ids();
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "LoopComponent-Oo2Ii"), 4);  // 3 items + done
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "CombineText-Uu3Yy"), 3);
  EXPECT_EQ(std::count(ids.begin(), ids.end(), "ChatOutput-xY7zQ"), 1);
  auto body = build_run_response(outcome, std::nullopt);
  EXPECT_EQ(body["outputs"][0]["outputs"][0]["results"]["message"]["text"], "a-!,b-!,c-!");
  EXPECT_EQ(body["outputs"][0]["inputs"], nlohmann::json::object());
}

TEST(Executor, MemoryChatSeesEarlierMessages) {
  Harness h;
  RunRequest r = chat("first");
  r.session_id = "s1";
  h.run("memory_chat", r);
  r.input_value = "second";
  RunOutcome outcome = h.run("memory_chat", r);
  EXPECT_EQ(outcome.session_id, "s1");
  // The memory vertex ran before the second ChatInput stored its message? Either way
  // the first exchange is in history.
  std::string history;
  for (const auto& run : outcome.runs)
    if (run.id == "Memory-Hh4Jk") history = run.result.output("messages_text")->as_text();
  EXPECT_NE(history.find("User: first"), std::string::npos);
  EXPECT_NE(history.find("AI: Echo: first"), std::string::npos);
}

TEST(Executor, MultiOutputSelection) {
  Harness h;
  RunOutcome outcome = h.run("multi_output", chat("q"));
  auto any = build_run_response(outcome, std::string("q"), {"any", ""});
  EXPECT_EQ(any["outputs"][0]["outputs"].size(), 2u);
  auto text = build_run_response(outcome, std::string("q"), {"text", ""});
  ASSERT_EQ(text["outputs"][0]["outputs"].size(), 1u);
  EXPECT_EQ(text["outputs"][0]["outputs"][0]["outputs"]["text"]["message"], "q + Echo: q");
  auto debug = build_run_response(outcome, std::string("q"), {"debug", ""});
  EXPECT_EQ(debug["outputs"][0]["outputs"].size(), 5u);
  auto one = build_run_response(outcome, std::string("q"), {"chat", "Combine Text"});
  EXPECT_EQ(one["outputs"][0]["outputs"][0]["component_id"], "CombineText-Cc8Bb");
}

TEST(Executor, FortyNodeFlowRunsEveryVertexOnce) {
  Harness h;
  RunOutcome outcome = h.run("forty_nodes", chat("z"));
  ASSERT_EQ(outcome.status, RunOutcome::Status::completed);
  EXPECT_EQ(outcome.runs.size(), 40u);
}

TEST(Executor, UnknownTypeFailsTheVertexNotTheProcess) {
  Harness h;
  FlowData flow = load_fixture("echo");
  flow.nodes[1].type = "MysteryComponent";
  RunRequest r = chat("x");
  r.flow_id = "f";
  RunOutcome build = h.executor.run(flow, r, h.sink);
  EXPECT_EQ(build.status, RunOutcome::Status::failed);
  EXPECT_NE(build.error.find("MysteryComponent"), std::string::npos);
  EXPECT_NE(build.error.find("ChatOutput-xY7zQ"), std::string::npos);
  auto events = h.sink.events();
  EXPECT_EQ(events.back().name, "end");  // /build: the stream still ends with end
  EXPECT_EQ(events[events.size() - 2].data["build_data"]["valid"], false);
  EXPECT_EQ(events[events.size() - 2].data["build_data"]["data"]["outputs"]["message"]["type"],
            "error");

  RecordingSink run_sink;
  r.abort_on_error = true;
  RunOutcome run = h.executor.run(flow, r, run_sink);
  EXPECT_EQ(run.status, RunOutcome::Status::failed);
  EXPECT_EQ(run_sink.events().back().name, "error");
  EXPECT_EQ(run_sink.events().back().data["error"], run.error);
  EXPECT_EQ(run.error.rfind("Error running graph: ", 0), 0u);
}

TEST(Executor, GraphErrorsEmitOneErrorEvent) {
  Harness h;
  FlowData flow = load_fixture("echo");
  flow.edges[0].target = "Ghost-1";
  RunOutcome outcome = h.executor.run(flow, chat("x"), h.sink);
  EXPECT_EQ(outcome.status, RunOutcome::Status::failed);
  ASSERT_EQ(h.sink.names(), std::vector<std::string>{"error"});
  EXPECT_EQ(h.sink.events()[0].data["category"], "error");
}

// A model that blocks until cancelled, to cancel mid-stream deterministically.
class SlowModel final : public LanguageModel {
 public:
  std::atomic<bool> started{false};
  Expected<std::string, std::string> complete(
      const LanguageModelRequest&, const std::function<bool(std::string_view)>& on_token) override {
    started = true;
    for (int i = 0; i < 2000; ++i) {
      if (!on_token("tick ")) return unexpected(std::string("cancelled"));
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    return std::string("finished");
  }
};

TEST(Executor, CancellationStopsBetweenTokensAndVertices) {
  ThreadPool pool(2);
  SlowModel model;
  Executor executor(builtin_registry(), pool, {nullptr, nullptr, nullptr, &model});
  RecordingSink sink;
  std::stop_source stop;
  std::jthread canceller([&] {
    while (!model.started) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    stop.request_stop();
  });
  RunRequest r = chat("x");
  r.flow_id = "f";
  auto started = std::chrono::steady_clock::now();
  RunOutcome outcome = executor.run(load_fixture("prompt"), r, sink, stop.get_token());
  EXPECT_EQ(outcome.status, RunOutcome::Status::cancelled);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));
  for (const std::string& name : sink.names()) EXPECT_NE(name, "end");
  for (const std::string& id : sink.built_ids()) EXPECT_NE(id, "ChatOutput-xY7zQ");
}

TEST(Executor, CatalogueListsComponentsByCategory) {
  auto catalogue = builtin_registry().catalogue();
  EXPECT_EQ(catalogue["input_output"]["ChatInput"]["display_name"], "Chat Input");
  EXPECT_EQ(catalogue["models"]["OpenAIModel"]["outputs"][0]["name"], "text_output");
  EXPECT_TRUE(catalogue["logic"].contains("ConditionalRouter"));
}

TEST(Duration, MatchesUpstreamFormatting) {
  EXPECT_EQ(format_duration(0.01409), "14 ms");
  EXPECT_EQ(format_duration(1.8065), "1.81 seconds");
  EXPECT_EQ(format_duration(2.0), "2.0 seconds");
  EXPECT_EQ(format_duration(63.2), "1 minute, 3.2 seconds");
}

}  // namespace
}  // namespace lfkit::engine
