// Arbitrary bytes as a flow file: load, build, sort and run with the echo model.
// Failures must come back as values; nothing may crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "engine/engine.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace lfkit::engine;
  auto flow = parse_flow(std::string_view(reinterpret_cast<const char*>(data), size));
  if (!flow || flow->nodes.size() > 200) return 0;
  auto graph = Graph::build(*flow);
  if (graph) {
    auto sorted = sort_vertices(*graph);
    if (sorted && !is_topological(*graph, sorted->layers)) __builtin_trap();
  }
  ThreadPool pool(1);  // per input: worker threads must not outlive the leak check
  Executor executor(builtin_registry(), pool);
  NullEventSink sink;
  RunRequest request;
  request.flow_id = "fuzz";
  request.input_value = "fuzz";
  executor.run(*flow, request, sink);
  return 0;
}
