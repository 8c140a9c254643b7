// SqliteStore under concurrency, on a temp-file database (WAL): point reads of a flow from
// 1 and 2 threads, and the run-record write mix (message + transaction + vertex build) that
// flow runs issue from many threads at once. Real time, since threads block on the store.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/sqlite_store.hpp"

namespace {

using namespace lfkit::store;

// The retention the job layer uses (reference/jobs/store_services.hpp).
constexpr RetentionLimits kTransactions{3000, 0};
constexpr RetentionLimits kVertexBuilds{3000, 2};

struct Fixture {
  std::filesystem::path dir;
  std::unique_ptr<SqliteStore> store;
  User user;
  Flow flow;

  ~Fixture() {
    store.reset();
    std::error_code ignored;
    std::filesystem::remove_all(dir, ignored);
  }
};

// One store for the whole program, made by the first benchmark and removed at exit.
Fixture& fixture() {
  static auto f = [] {
    auto fx = std::make_unique<Fixture>();
    fx->dir = std::filesystem::temp_directory_path() /
              ("lfkit-store-bench-" + std::to_string(std::random_device{}()));
    std::filesystem::create_directories(fx->dir);
    auto opened = SqliteStore::open((fx->dir / "langflow.db").string());
    fx->store = std::move(opened.value());
    User u;
    u.username = "bench";
    u.password_hash = "x";
    u.is_active = true;
    fx->user = *fx->store->create_user(u);
    for (int i = 0; i < 200; ++i) {  // some neighbours so the lookup is a real index probe
      Flow other;
      other.name = "flow-" + std::to_string(i);
      other.user_id = fx->user.id;
      other.data_json = R"({"nodes":[],"edges":[]})";
      auto created = fx->store->create_flow(other);
      if (i == 100) fx->flow = *created;
    }
    return fx;
  }();
  return *f;
}

void BM_GetFlow(benchmark::State& state) {
  Fixture& fx = fixture();
  auto check = fx.store->get_flow(fx.user.id, fx.flow.id);
  if (!check || check->name != fx.flow.name) {
    state.SkipWithError("get_flow returned the wrong flow");
    return;
  }
  for (auto _ : state) {
    auto flow = fx.store->get_flow(fx.user.id, fx.flow.id);
    benchmark::DoNotOptimize(flow);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GetFlow)->Threads(1)->Threads(2)->UseRealTime();

Status add_run_records(Fixture& fx, int thread, int64_t i) {
  Message m{};
  m.flow_id = fx.flow.id;
  m.session_id = "s" + std::to_string(thread);
  m.sender = "Machine";
  m.sender_name = "AI";
  m.text = "message " + std::to_string(i);
  if (auto added = fx.store->add_message(m); !added) return lfkit::unexpected(added.error());
  Transaction tx;
  tx.flow_id = fx.flow.id;
  tx.vertex_id = "ChatOutput-" + std::to_string(thread);
  tx.status = "success";
  tx.inputs_json = R"({"input_value":"hi"})";
  tx.outputs_json = R"({"message":"hello"})";
  if (auto ok = fx.store->add_transaction(tx, kTransactions); !ok) return ok;
  VertexBuild b;
  b.flow_id = fx.flow.id;
  b.vertex_id = tx.vertex_id;
  b.valid = true;
  b.data_json = R"({"results":{}})";
  return fx.store->add_vertex_build(b, kVertexBuilds);
}

void BM_RunRecords(benchmark::State& state) {
  Fixture& fx = fixture();
  if (auto ok = add_run_records(fx, state.thread_index(), -1); !ok) {
    state.SkipWithError(ok.error().message.c_str());
    return;
  }
  int64_t i = 0;
  for (auto _ : state) {
    if (auto ok = add_run_records(fx, state.thread_index(), i++); !ok) {
      state.SkipWithError(ok.error().message.c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RunRecords)->Threads(8)->UseRealTime();

// What the write-behind thread writes for `runs` echo runs queued together: per run two chat
// messages, two transactions and two vertex builds, at the sizes an echo run produces.
std::vector<RunRecord> echo_run_batch(const Fixture& fx, int runs, int64_t first) {
  const std::string properties(220, 'p'), outputs(900, 'o'), data(2600, 'd');
  std::vector<RunRecord> records;
  for (int64_t r = first; r < first + runs; ++r) {
    for (const char* vertex : {"ChatInput-1", "ChatOutput-1"}) {
      Message m{};
      m.flow_id = fx.flow.id;
      m.session_id = fx.flow.id;
      m.sender = "User";
      m.sender_name = "User";
      m.text = "hello " + std::to_string(r);
      m.properties_json = "{\"x\":\"" + properties + "\"}";
      records.push_back(MessageAdd{std::move(m)});
      Transaction tx;
      tx.flow_id = fx.flow.id;
      tx.vertex_id = vertex;
      tx.status = "success";
      tx.inputs_json = R"({"input_value":"hi"})";
      tx.outputs_json = "{\"x\":\"" + outputs + "\"}";
      records.push_back(TransactionAdd{std::move(tx), kTransactions});
      VertexBuild b;
      b.flow_id = fx.flow.id;
      b.vertex_id = vertex;
      b.valid = true;
      b.data_json = "{\"x\":\"" + data + "\"}";
      records.push_back(VertexBuildAdd{std::move(b), kVertexBuilds});
    }
  }
  return records;
}

// Store CPU per run of the write-behind path: a batch of runs is queued, then a read waits
// for it (every run-record read does). Items are runs. The CPU column is the whole process's:
// the rows are written by the write-behind thread, not by the thread that times the loop.
void BM_RunRecordBatch(benchmark::State& state) {
  Fixture& fx = fixture();
  const int runs = static_cast<int>(state.range(0));
  int64_t next = 0;
  auto write_batch = [&]() -> bool {
    if (!fx.store->add_run_records(echo_run_batch(fx, runs, next))) return false;
    next += runs;
    auto builds = fx.store->list_vertex_builds(fx.user.id, fx.flow.id);  // waits for the batch
    return builds && !builds->empty();
  };
  if (!write_batch()) {
    state.SkipWithError("the batch's records are not readable");
    return;
  }
  for (auto _ : state) {
    if (!write_batch()) {
      state.SkipWithError("a batch failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * runs);
}
BENCHMARK(BM_RunRecordBatch)->Arg(1)->Arg(64)->MeasureProcessCPUTime()->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
