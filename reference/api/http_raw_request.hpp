// The generated request parsers read through lfkit::api::RawRequest; this
// implements it over a transport request (decoded query, cookies, forms).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "http/cookies.hpp"
#include "http/message.hpp"
#include "http/params.hpp"
#include "lfkit/api/router.hpp"
#include "lfkit/api/runtime.hpp"

namespace lfkit::api {

class HttpRawRequest : public RawRequest {
 public:
  // `match` carries the path parameters (views into `decoded_path`). `json_body`: the
  // operation reads a JSON body; one sent with another declared media type (text/plain)
  // is then seen as a JSON string, as FastAPI validates the raw bytes (a 422 for a model).
  HttpRawRequest(const http::Request& request, const RouteMatch& match, bool json_body = false);

  // Parses a multipart or url-encoded body; an error message when malformed.
  std::optional<std::string> parse_form();

  std::optional<std::string_view> path_param(std::string_view name) const override;
  std::vector<std::string_view> query_values(std::string_view name) const override;
  std::optional<std::string_view> header(std::string_view name) const override;
  std::optional<std::string_view> cookie(std::string_view name) const override;
  std::string_view body() const override {
    return non_json_body_ ? std::string_view(*non_json_body_) : std::string_view(request_.body);
  }
  const FormData* form() const override { return form_ ? &*form_ : nullptr; }

 private:
  const http::Request& request_;
  const RouteMatch& match_;
  http::Params query_;
  http::Cookies cookies_;
  std::optional<FormData> form_;
  std::optional<std::string> non_json_body_;  // the body as a JSON string literal
};

}  // namespace lfkit::api
