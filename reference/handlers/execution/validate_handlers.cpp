#include "handlers/execution/validate_handlers.hpp"

#include "api/context.hpp"
#include "handlers/execution/prompt_variables.hpp"
#include "handlers/execution/python_syntax.hpp"

namespace lfkit::handlers::execution {

using ojson = nlohmann::ordered_json;

void ValidateHandlers::post_validate_code(api::Context& ctx,
                                          const api::req::post_validate_code& request) {
  // Upstream parses with ast.parse (a failure is the only function error, and stops
  // there), imports each top-level `import` and executes each function definition.
  // Only the parse step's lexical faults are reproduced here.
  ojson body;
  body["imports"] = {{"errors", ojson::array()}};
  body["function"] = {{"errors", ojson::array()}};
  if (auto error = python_lexical_error(request.body.code))
    body["function"]["errors"].push_back(*error);
  ctx.respond(http::json_response(200, body.dump()));
}

void ValidateHandlers::post_validate_prompt(api::Context& ctx,
                                            const api::req::post_validate_prompt& request) {
  // Re-read the raw body to keep the node's key order (the parsed body is sorted).
  ojson raw = ojson::parse(ctx.request().body, nullptr, false);
  ojson node = raw.is_object() && raw.contains("frontend_node") ? raw["frontend_node"] : ojson();
  ojson body;
  if (node.is_null()) {
    body["input_variables"] = ojson::array();
    body["frontend_node"] = nullptr;
    ctx.respond(http::json_response(200, body.dump()));
    return;
  }
  auto variables = prompt_input_variables(request.body.template_, request.body.mustache);
  if (!variables) return ctx.respond_detail(500, variables.error());
  if (auto applied = apply_prompt_variables(node, request.body.name, *variables); !applied)
    return ctx.respond_detail(500, applied.error());
  body["input_variables"] = *variables;
  body["frontend_node"] = node;
  ctx.respond(http::json_response(200, body.dump()));
}

}  // namespace lfkit::handlers::execution
