#include "api/context.hpp"

namespace lfkit::api {

std::string dump_json(const nlohmann::json& body) {
  return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void Context::respond_json(int status, const nlohmann::json& body) {
  responded_ = true;
  exchange_->respond(http::json_response(status, dump_json(body)));
}

void Context::respond_json_text(int status, std::string body) {
  responded_ = true;
  exchange_->respond(http::json_response(status, std::move(body)));
}

void Context::respond_detail(int status, std::string_view detail) {
  responded_ = true;
  exchange_->respond(http::detail_response(status, detail));
}

void Context::respond(http::Response response) {
  responded_ = true;
  exchange_->respond(std::move(response));
}

}  // namespace lfkit::api
