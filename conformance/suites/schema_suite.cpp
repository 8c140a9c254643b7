// schema: every operation exercised once with a minimal valid request; the
// status must be documented and the body must match that status's schema.
#include "conformance/runner/suite_context.hpp"

namespace lfkit::conformance {

void register_schema_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    register_check("schema", std::string(op.operation_id), [&op] {
      auto& ctx = suite_context();
      ctx.judge_against_spec(op, "schema", ctx.send(ctx.request_for(op)));
    });
  }
}

}  // namespace lfkit::conformance
