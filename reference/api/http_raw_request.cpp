#include "api/http_raw_request.hpp"

#include <cctype>

#include "api/context.hpp"
#include "http/multipart.hpp"

namespace lfkit::api {

namespace {

// FastAPI reads a body as JSON without a Content-Type, or with application/json or
// application/<anything>+json (parameters such as charset ignored).
bool declares_json(std::string_view content_type) {
  std::string media(content_type.substr(0, content_type.find(';')));
  while (!media.empty() && media.back() == ' ') media.pop_back();
  while (!media.empty() && media.front() == ' ') media.erase(0, 1);
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (!media.starts_with("application/")) return false;
  return media == "application/json" || media.ends_with("+json");
}

}  // namespace

HttpRawRequest::HttpRawRequest(const http::Request& request, const RouteMatch& match,
                               bool json_body)
    : request_(request), match_(match), query_(http::parse_query(request.query)) {
  if (auto c = request.headers.find("cookie")) cookies_ = http::parse_cookie_header(*c);
  if (json_body && !request.body.empty()) {
    auto type = request.headers.find("content-type");
    if (type && !declares_json(*type)) non_json_body_ = dump_json(nlohmann::json(request.body));
  }
}

std::optional<std::string> HttpRawRequest::parse_form() {
  auto content_type = request_.headers.find("content-type").value_or("");
  if (content_type.find("multipart/form-data") != std::string_view::npos) {
    auto boundary = http::multipart_boundary(content_type);
    if (!boundary) return "There was an error parsing the body";
    auto parts = http::parse_multipart(request_.body, *boundary, {});
    if (!parts) return "There was an error parsing the body";
    FormData form;
    for (const auto& p : *parts) {
      form.fields.push_back(FormField{p.name, p.filename.value_or(""), p.content_type, p.data});
    }
    form_ = std::move(form);
  } else if (content_type.find("application/x-www-form-urlencoded") != std::string_view::npos) {
    FormData form;
    auto params = http::parse_form_urlencoded(request_.body);
    form.storage.reserve(params.size());
    for (auto& [k, v] : params) {
      form.storage.push_back(std::move(v));
      form.fields.push_back(FormField{k, "", "", form.storage.back()});
    }
    form_ = std::move(form);
  }
  return std::nullopt;
}

std::optional<std::string_view> HttpRawRequest::path_param(std::string_view name) const {
  for (uint8_t i = 0; i < match_.param_count; ++i) {
    if (match_.params[i].name == name) return match_.params[i].value;
  }
  return std::nullopt;
}

std::vector<std::string_view> HttpRawRequest::query_values(std::string_view name) const {
  std::vector<std::string_view> out;
  for (const auto& [k, v] : query_) {
    if (k == name) out.push_back(v);
  }
  return out;
}

std::optional<std::string_view> HttpRawRequest::header(std::string_view name) const {
  return request_.headers.find(name);
}

std::optional<std::string_view> HttpRawRequest::cookie(std::string_view name) const {
  auto it = cookies_.find(name);
  if (it == cookies_.end()) return std::nullopt;
  return std::string_view(it->second);
}

}  // namespace lfkit::api
