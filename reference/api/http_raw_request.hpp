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
  // `match` carries the path parameters (views into `decoded_path`).
  HttpRawRequest(const http::Request& request, const RouteMatch& match);

  // Parses a multipart or url-encoded body; an error message when malformed.
  std::optional<std::string> parse_form();

  std::optional<std::string_view> path_param(std::string_view name) const override;
  std::vector<std::string_view> query_values(std::string_view name) const override;
  std::optional<std::string_view> header(std::string_view name) const override;
  std::optional<std::string_view> cookie(std::string_view name) const override;
  std::string_view body() const override { return request_.body; }
  const FormData* form() const override { return form_ ? &*form_ : nullptr; }

 private:
  const http::Request& request_;
  const RouteMatch& match_;
  http::Params query_;
  http::Cookies cookies_;
  std::optional<FormData> form_;
};

}  // namespace lfkit::api
