// CPU of one flow run in the engine alone (no HTTP, no store): the fixture flows run on the
// calling thread (as the server runs quick flows) or fanned out on a two-thread pool. Messages
// and run records are built as in the server, then dropped. Items are runs.
#include <benchmark/benchmark.h>

#include <fstream>
#include <sstream>

#include "engine/engine.hpp"

namespace {

using namespace lfkit::engine;

// Takes what a run writes and keeps only a count, so a long benchmark holds no history.
class CountingServices final : public MessageStore, public RunRecorder {
 public:
  void add(const Message&) override { ++writes; }
  void update(const Message&) override { ++writes; }
  std::vector<Message> history(const std::string&, size_t, const std::string&) override {
    return {};
  }
  void record_vertex_build(VertexBuildRecord) override { ++writes; }
  void record_transaction(TransactionRecord) override { ++writes; }
  int64_t writes = 0;
};

FlowData fixture(const std::string& name) {
  std::ifstream in(std::string(LFKIT_ENGINE_FIXTURES) + "/" + name + ".json");
  std::stringstream text;
  text << in.rdbuf();
  auto flow = parse_flow(text.str());
  if (!flow) throw std::runtime_error(name + ": " + flow.error().message);
  return *flow;
}

void run_flow(benchmark::State& state, const std::string& name, bool on_caller_thread) {
  const FlowData flow = fixture(name);
  ThreadPool pool(2);
  CountingServices services;
  Executor executor(builtin_registry(), pool, {&services, &services, nullptr, nullptr});
  RunRequest request;
  request.flow_id = "3f2c6a4e-1b7d-4c59-9e0a-8d4b2f1c7a65";
  request.input_value = "hello";
  request.abort_on_error = true;
  request.on_caller_thread = on_caller_thread;
  NullEventSink sink;
  RunOutcome first = executor.run(flow, request, sink);
  const auto response = build_run_response(first, std::string("hello"));
  const auto& text = response["outputs"][0]["outputs"][0]["results"]["message"]["text"];
  if (first.status != RunOutcome::Status::completed || !text.is_string() ||
      text.get<std::string>().find("hello") == std::string::npos) {
    state.SkipWithError("the run did not answer with its input");
    return;
  }
  for (auto _ : state) {
    RunOutcome outcome = executor.run(flow, request, sink);
    benchmark::DoNotOptimize(run_response_text(outcome, std::string("hello"), {}));
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_RunEchoOnCaller(benchmark::State& state) {
  run_flow(state, "echo", true);
}
void BM_RunEchoOnPool(benchmark::State& state) {
  run_flow(state, "echo", false);
}
void BM_RunFortyNodesOnCaller(benchmark::State& state) {
  run_flow(state, "forty_nodes", true);
}
void BM_RunFortyNodesOnPool(benchmark::State& state) {
  run_flow(state, "forty_nodes", false);
}

BENCHMARK(BM_RunEchoOnCaller);
BENCHMARK(BM_RunEchoOnPool)->UseRealTime();
BENCHMARK(BM_RunFortyNodesOnCaller);
BENCHMARK(BM_RunFortyNodesOnPool)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
