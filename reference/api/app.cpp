#include "api/app.hpp"

#include <exception>
#include <iostream>

#include "api/auth_guard.hpp"
#include "api/context.hpp"
#include "api/http_raw_request.hpp"
#include "http/params.hpp"

namespace lfkit::api {
namespace {

void respond(http::Exchange& ex, int status, const nlohmann::json& body) {
  ex.respond(http::json_response(status, dump_json(body)));
}

}  // namespace

void App::handle(std::shared_ptr<http::Exchange> exchange) const {
  const http::Request& req = exchange->request();
  const std::string path = http::percent_decode(req.path, /*plus_as_space=*/false);
  auto method = parse_method(req.method);
  RouteMatch match = method ? router().match(static_cast<uint8_t>(*method), path) : RouteMatch{};
  switch (match.status) {
    case RouteStatus::not_found:
      respond(*exchange, 404, {{"detail", "Not Found"}});
      return;
    case RouteStatus::method_not_allowed:
      respond(*exchange, 405, {{"detail", "Method Not Allowed"}});
      return;
    case RouteStatus::redirect_slash: {
      // Starlette's redirect_slashes: 307 to the path with the slash toggled.
      std::string location =
          req.path.ends_with('/') ? req.path.substr(0, req.path.size() - 1) : req.path + "/";
      if (!req.query.empty()) location += "?" + req.query;
      http::Response r;
      r.status = 307;
      r.headers.set("location", location);
      exchange->respond(std::move(r));
      return;
    }
    case RouteStatus::found:
      break;
  }
  Context ctx(exchange, settings_);
  // Like FastAPI, the auth dependency is resolved before parameters are validated.
  if (services_) {
    auto caller = authenticate(info(op_of(match)).auth, req, *services_);
    if (!caller) {
      exchange->respond(auth_failure_response(caller.error()));
      return;
    }
    ctx.set_caller(std::move(*caller));
  }
  HttpRawRequest raw(req, match);
  if (auto form_error = raw.parse_form()) {
    respond(*exchange, 400, {{"detail", *form_error}});
    return;
  }
  Errors errors;
  DispatchStatus status = DispatchStatus::handled;
  try {
    status = dispatch(op_of(match), raw, ctx, handlers_, errors);
  } catch (const std::exception& e) {
    // A broken invariant in a handler: answer as FastAPI does for an unhandled
    // exception instead of taking the process down.
    std::cerr << "lfkit-server: unhandled exception in " << info(op_of(match)).operation_id << ": "
              << e.what() << std::endl;
    if (!ctx.responded()) respond(*exchange, 500, {{"detail", "Internal Server Error"}});
    return;
  }
  switch (status) {
    case DispatchStatus::invalid:
      respond(*exchange, 422, errors_to_detail(errors));
      return;
    case DispatchStatus::not_implemented:
      respond(
          *exchange, 501,
          {{"detail", "lfkit does not implement " + std::string(info(op_of(match)).operation_id) +
                          " yet (see lfkit-server --list-operations)"}});
      return;
    case DispatchStatus::handled:
      return;
  }
}

}  // namespace lfkit::api
