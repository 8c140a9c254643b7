#include "api/context.hpp"

namespace lfkit::api {

void Context::respond_json(int status, const nlohmann::json& body) {
  responded_ = true;
  exchange_->respond(http::json_response(status, body.dump()));
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
