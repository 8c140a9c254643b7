// Route lookup over the generated route table: a trie on path segments
// (literal children before parameters), so lookup cost depends on the path's
// depth, not on the number of routes. A trailing slash is an empty last segment.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string_view>

namespace lfkit::api {

struct RouteEntry {
  uint8_t method;  // lfkit::api::Method
  std::string_view path;
  uint16_t op;
};

struct PathParam {
  std::string_view name;
  std::string_view value;
};

enum class RouteStatus : uint8_t {
  found,               // method and path matched
  method_not_allowed,  // path matched, method did not (405); `op` is the path's first route
  redirect_slash,      // only the path with the trailing slash toggled matches (307)
  not_found,
};

struct RouteMatch {
  RouteStatus status = RouteStatus::not_found;
  uint16_t op = 0;
  uint8_t param_count = 0;
  std::array<PathParam, 6> params{};

  std::string_view param(std::string_view name) const {
    for (uint8_t i = 0; i < param_count; ++i) {
      if (params[i].name == name) return params[i].value;
    }
    return {};
  }
};

class Router {
 public:
  explicit Router(std::span<const RouteEntry> routes);
  ~Router();
  Router(const Router&) = delete;
  Router& operator=(const Router&) = delete;

  // `path` is the decoded path without the query string.
  RouteMatch match(uint8_t method, std::string_view path) const;

 private:
  struct Impl;
  Impl* impl_;
};

}  // namespace lfkit::api
