#include "api/app.hpp"

#include <exception>

#include "api/api_docs.hpp"
#include "api/auth_guard.hpp"
#include "api/context.hpp"
#include "api/error_log.hpp"
#include "api/http_raw_request.hpp"
#include "http/params.hpp"

namespace lfkit::api {
namespace {

void respond(http::Exchange& ex, int status, const nlohmann::json& body) {
  ex.respond(http::json_response(status, dump_json(body)));
}

// Starlette builds the redirect URL from the request's scheme and Host header.
std::string absolute_url(const http::Request& req, const config::Settings& settings,
                         const std::string& path_and_query) {
  std::string host(req.headers.find("host").value_or(""));
  if (host.empty()) host = settings.host + ":" + std::to_string(settings.port);
  return "http://" + host + path_and_query;
}

// LANGFLOW_AGENTIC_EXPERIENCE=false: upstream's require_agentic_experience answers these
// 404 (check-config and the other agentic routes stay).
bool agentic_gated(Op op) {
  return op == Op::assist || op == Op::assist_stream || op == Op::execute_named_flow ||
         op == Op::run_flow_session;
}

}  // namespace

void App::handle(std::shared_ptr<http::Exchange> exchange) const {
  const http::Request& req = exchange->request();
  const std::string path = http::percent_decode(req.path, /*plus_as_space=*/false);
  auto method = parse_method(req.method);
  RouteMatch match = method ? router().match(static_cast<uint8_t>(*method), path) : RouteMatch{};
  switch (match.status) {
    case RouteStatus::not_found:
      // Checked only here, so API requests never pay for it.
      if (auto page = builtin_page(req)) {
        exchange->respond(std::move(*page));
        return;
      }
      respond(*exchange, 404, {{"detail", "Not Found"}});
      return;
    case RouteStatus::method_not_allowed: {
      // Starlette names the methods of the first route declared for the path.
      http::Response r = http::json_response(405, R"({"detail":"Method Not Allowed"})");
      r.headers.set("allow", std::string(method_name(info(op_of(match)).method)));
      exchange->respond(std::move(r));
      return;
    }
    case RouteStatus::redirect_slash: {
      // Starlette's redirect_slashes: 307 to the absolute URL with the slash toggled.
      std::string location =
          req.path.ends_with('/') ? req.path.substr(0, req.path.size() - 1) : req.path + "/";
      if (!req.query.empty()) location += "?" + req.query;
      http::Response r;
      r.status = 307;
      r.headers.set("location", absolute_url(req, settings_, location));
      exchange->respond(std::move(r));
      return;
    }
    case RouteStatus::found:
      break;
  }
  const Op op = op_of(match);
  const OperationInfo& operation = info(op);
  Context ctx(exchange, settings_);
  ctx.set_operation(operation.operation_id);
  // Like FastAPI, the auth dependency is resolved before parameters are validated.
  if (services_) {
    auto caller = authenticate(operation.auth, req, *services_);
    if (!caller) {
      exchange->respond(auth_failure_response(caller.error()));
      return;
    }
    ctx.set_caller(std::move(*caller));
  }
  if (!settings_.agentic_experience && agentic_gated(op)) {
    respond(*exchange, 404, {{"detail", "This endpoint is not available"}});
    return;
  }
  HttpRawRequest raw(req, match, operation.body_media_type == "application/json");
  if (auto form_error = raw.parse_form()) {
    respond(*exchange, 400, {{"detail", *form_error}});
    return;
  }
  Errors errors;
  DispatchStatus status = DispatchStatus::handled;
  try {
    status = dispatch(op, raw, ctx, handlers_, errors);
  } catch (const std::exception& e) {
    // A broken invariant in a handler: answer as FastAPI does for an unhandled
    // exception instead of taking the process down.
    if (!ctx.responded()) {
      http::Response r = http::json_response(500, R"({"detail":"Internal Server Error"})");
      r.headers.set("x-request-id",
                    log_server_error(req, 500, operation.operation_id,
                                     std::string("unhandled exception: ") + e.what()));
      exchange->respond(std::move(r));
    } else {
      (void)log_server_error(req, 500, operation.operation_id,
                             std::string("unhandled exception after the answer: ") + e.what());
    }
    return;
  }
  switch (status) {
    case DispatchStatus::invalid:
      respond(*exchange, 422, errors_to_detail(errors));
      return;
    case DispatchStatus::not_implemented:
      respond(*exchange, 501,
              {{"detail", "lfkit does not implement " + std::string(operation.operation_id) +
                              " yet (see lfkit-server --list-operations)"}});
      return;
    case DispatchStatus::handled:
      return;
  }
}

}  // namespace lfkit::api
