#include "api/context.hpp"

#include "api/error_log.hpp"

namespace lfkit::api {

std::string dump_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Context::send(http::Response response) {
  responded_ = true;
  if (response.status >= 500) {
    // 501 is a declared "not implemented" answer, not a failure worth an error line.
    if (response.status != 501) {
      response.headers.set("x-request-id",
                           log_server_error(request(), response.status, operation_, response.body));
    }
  }
  exchange_->respond(std::move(response));
}

void Context::respond_json(int status, const nlohmann::json& body) {
  send(http::json_response(status, dump_json(body)));
}

void Context::respond_json_text(int status, std::string body) {
  send(http::json_response(status, std::move(body)));
}

void Context::respond_detail(int status, std::string_view detail) {
  send(http::detail_response(status, detail));
}

void Context::respond(http::Response response) {
  send(std::move(response));
}

}  // namespace lfkit::api
