// execution: fixture flows run through /run, /run/advanced, webhook, build
// and v2 workflows. The fixtures (echo, prompt, branching, loop) need the
// reference engine's component set, which is not settled yet; until then the
// suite reports every execution operation as skipped with that reason.
#include <gtest/gtest.h>

#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {

void register_execution_suite(SuiteContext& context) {
  register_check("execution", "fixture_flows", [&context] {
    int skipped = 0;
    for (const auto& op : api::all_operations()) {
      const bool runs = op.path.find("/run/") != std::string_view::npos ||
                        op.path.find("/webhook/") != std::string_view::npos ||
                        op.path.find("/api/v2/workflows") != std::string_view::npos;
      if (!runs || !context.operation_selected(op.operation_id)) continue;
      context.record_skip(op, "execution", "fixture_flows", "execution fixtures not available yet");
      ++skipped;
    }
    GTEST_SKIP() << skipped << " execution operations skipped: fixtures not available yet";
  });
}

}  // namespace lfkit::conformance
