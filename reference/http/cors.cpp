#include "http/cors.hpp"

#include <algorithm>

namespace lfkit::http {
namespace {

bool allows_all(const CorsOptions& o) {
  return std::find(o.allow_origins.begin(), o.allow_origins.end(), "*") != o.allow_origins.end();
}

bool origin_allowed(const CorsOptions& o, std::string_view origin) {
  return allows_all(o) ||
         std::find(o.allow_origins.begin(), o.allow_origins.end(), origin) != o.allow_origins.end();
}

// Starlette echoes the origin (instead of "*") whenever credentials are allowed.
bool explicit_origin(const CorsOptions& o) {
  return !allows_all(o) || o.allow_credentials;
}

void add_vary_origin(Headers& h) {
  auto vary = h.find("Vary");
  if (!vary) {
    h.set("Vary", "Origin");
  } else if (vary->find("Origin") == std::string_view::npos) {
    h.set("Vary", std::string(*vary) + ", Origin");
  }
}

}  // namespace

std::optional<Response> cors_preflight(const CorsOptions& options, const Request& request) {
  if (!options.enabled || request.method != "OPTIONS") return std::nullopt;
  auto origin = request.headers.find("Origin");
  auto method = request.headers.find("Access-Control-Request-Method");
  if (!origin || !method) return std::nullopt;

  Response r;
  r.headers.set("Content-Type", "text/plain; charset=utf-8");
  if (explicit_origin(options)) {
    r.headers.set("Vary", "Origin");
  } else {
    r.headers.set("Access-Control-Allow-Origin", "*");
  }
  r.headers.set("Access-Control-Allow-Methods", "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT");
  r.headers.set("Access-Control-Max-Age", std::to_string(options.max_age_seconds));
  if (options.allow_credentials) r.headers.set("Access-Control-Allow-Credentials", "true");
  if (auto requested = request.headers.find("Access-Control-Request-Headers")) {
    r.headers.set("Access-Control-Allow-Headers", std::string(*requested));
  }
  if (!origin_allowed(options, *origin)) {
    r.status = 400;
    r.body = "Disallowed CORS origin";
    return r;
  }
  if (explicit_origin(options)) r.headers.set("Access-Control-Allow-Origin", std::string(*origin));
  r.status = 200;
  r.body = "OK";
  return r;
}

void apply_cors(const CorsOptions& options, const Request& request, Headers& h) {
  if (!options.enabled) return;
  auto origin = request.headers.find("Origin");
  if (!origin) return;
  const bool all = allows_all(options);
  if (all) h.set("Access-Control-Allow-Origin", "*");
  if (options.allow_credentials) h.set("Access-Control-Allow-Credentials", "true");
  // With a Cookie the wildcard is not valid for credentialed requests: echo the origin.
  if ((all && request.headers.contains("Cookie")) || (!all && origin_allowed(options, *origin))) {
    h.set("Access-Control-Allow-Origin", std::string(*origin));
    add_vary_origin(h);
  }
}

std::vector<std::string> parse_cors_origins(std::string_view text) {
  std::vector<std::string> out;
  std::string cleaned;
  for (char c : text) {
    if (c != '[' && c != ']' && c != '"' && c != '\'') cleaned.push_back(c);
  }
  std::string_view rest = cleaned;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
  }
  if (out.empty()) out.emplace_back("*");
  return out;
}

}  // namespace lfkit::http
