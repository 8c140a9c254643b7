// Generated validators vs valijson on realistic bodies, request validation
// for the run and login operations, and route lookup over every route.
#include <benchmark/benchmark.h>

#include <memory>
#include <string>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validator.hpp>
#include <vector>

#include "lfkit/api/handlers.hpp"
#include "lfkit/api/operations.hpp"
#include "lfkit/api/schemas.hpp"
#include "lfkit/api/validators.hpp"

namespace {

using nlohmann::json;
constexpr const char* kUuid = "3f2b8c1e-9d4a-4e7b-8a6c-5b1d2e3f4a5b";

json flow_with_nodes(int count) {
  json nodes = json::array();
  json edges = json::array();
  for (int i = 0; i < count; ++i) {
    nodes.push_back({{"id", "node-" + std::to_string(i)},
                     {"type", "genericNode"},
                     {"position", {{"x", i * 10.5}, {"y", i * 3.25}}},
                     {"data",
                      {{"type", "ChatInput"},
                       {"node", {{"template", {{"input_value", {{"value", "hello"}}}}}}}}}});
    if (i > 0) {
      edges.push_back({{"id", "edge-" + std::to_string(i)},
                       {"source", "node-" + std::to_string(i - 1)},
                       {"target", "node-" + std::to_string(i)}});
    }
  }
  return {{"name", "Big flow"},
          {"description", "two hundred nodes"},
          {"folder_id", kUuid},
          {"tags", {"bench", "large"}},
          {"data",
           {{"nodes", nodes}, {"edges", edges}, {"viewport", {{"x", 0}, {"y", 0}, {"zoom", 1}}}}}};
}

json run_request() {
  return {{"input_value", "What is the weather?"},
          {"input_type", "chat"},
          {"output_type", "chat"},
          {"session_id", "session-1"},
          {"tweaks", {{"ChatInput-abc", {{"input_value", "override"}}}}}};
}

struct Valijson {
  valijson::Schema schema;
  explicit Valijson(std::string_view component) {
    const json doc = json::parse(lfkit::api::draft7_schema(component));
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(doc);
    parser.populateSchema(adapter, schema);
  }
  bool accepts(const json& value) const {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::adapters::NlohmannJsonAdapter target(value);
    return validator.validate(schema, target, nullptr);
  }
};

bool generated_accepts(std::string_view component, const json& value) {
  lfkit::api::Errors errors;
  return lfkit::api::validate::validate_component(component, value, errors);
}

void generated_component(benchmark::State& state, std::string_view component, const json& value) {
  if (!generated_accepts(component, value)) return state.SkipWithError("valid body judged invalid");
  for (auto _ : state) benchmark::DoNotOptimize(generated_accepts(component, value));
}

void valijson_component(benchmark::State& state, std::string_view component, const json& value) {
  const Valijson oracle(component);
  if (!oracle.accepts(value)) return state.SkipWithError("valid body judged invalid");
  for (auto _ : state) benchmark::DoNotOptimize(oracle.accepts(value));
}

void BM_Generated_FlowCreate200(benchmark::State& state) {
  generated_component(state, "FlowCreate", flow_with_nodes(200));
}
void BM_Valijson_FlowCreate200(benchmark::State& state) {
  valijson_component(state, "FlowCreate", flow_with_nodes(200));
}
void BM_Generated_SimplifiedAPIRequest(benchmark::State& state) {
  generated_component(state, "SimplifiedAPIRequest", run_request());
}
void BM_Valijson_SimplifiedAPIRequest(benchmark::State& state) {
  valijson_component(state, "SimplifiedAPIRequest", run_request());
}

void run_request_state(benchmark::State& state, lfkit::api::Op op,
                       const lfkit::api::SimpleRawRequest& raw) {
  lfkit::api::Errors errors;
  if (!lfkit::api::validate_request(op, raw, errors)) {
    return state.SkipWithError(lfkit::api::errors_to_detail(errors).dump().c_str());
  }
  for (auto _ : state) {
    errors.clear();
    benchmark::DoNotOptimize(lfkit::api::validate_request(op, raw, errors));
  }
}

// Request validation includes JSON parsing of the body text.
void BM_ValidateRequest_RunFlow(benchmark::State& state) {
  lfkit::api::SimpleRawRequest raw;
  raw.path_params.emplace_back("flow_id_or_name", kUuid);
  raw.headers.emplace_back("content-type", "application/json");
  raw.body_text = run_request().dump();
  run_request_state(state, lfkit::api::Op::simplified_run_flow, raw);
}

void BM_ValidateRequest_LoginForm(benchmark::State& state) {
  lfkit::api::SimpleRawRequest raw;
  raw.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  raw.body_text = "username=langflow&password=langflow&grant_type=password";
  lfkit::api::FormData form;
  form.fields.push_back({"username", "", "", std::string_view(raw.body_text).substr(9, 8)});
  form.fields.push_back({"password", "", "", std::string_view(raw.body_text).substr(27, 8)});
  form.fields.push_back({"grant_type", "", "", std::string_view(raw.body_text).substr(47, 8)});
  raw.form_data = std::move(form);
  run_request_state(state, lfkit::api::Op::login_to_get_access_token, raw);
}

// One iteration = one lookup of every operation's path.
void BM_RouterAllRoutes(benchmark::State& state) {
  struct Probe {
    uint8_t method;
    std::string path;
    lfkit::api::Op op;
  };
  std::vector<Probe> probes;
  for (const auto& op : lfkit::api::all_operations()) {
    std::string path(op.path);
    for (size_t open = path.find('{'); open != std::string::npos; open = path.find('{')) {
      path.replace(open, path.find('}', open) - open + 1, kUuid);
    }
    probes.push_back({static_cast<uint8_t>(op.method), path, op.op});
  }
  for (const auto& p : probes) {
    const auto m = lfkit::api::router().match(p.method, p.path);
    if (m.status != lfkit::api::RouteStatus::found || lfkit::api::op_of(m) != p.op) {
      return state.SkipWithError(("route does not resolve: " + p.path).c_str());
    }
  }
  for (auto _ : state) {
    for (const auto& p : probes)
      benchmark::DoNotOptimize(lfkit::api::router().match(p.method, p.path));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * probes.size()));
}

BENCHMARK(BM_Generated_FlowCreate200);
BENCHMARK(BM_Valijson_FlowCreate200);
BENCHMARK(BM_Generated_SimplifiedAPIRequest);
BENCHMARK(BM_Valijson_SimplifiedAPIRequest);
BENCHMARK(BM_ValidateRequest_RunFlow);
BENCHMARK(BM_ValidateRequest_LoginForm);
BENCHMARK(BM_RouterAllRoutes);

}  // namespace

BENCHMARK_MAIN();
