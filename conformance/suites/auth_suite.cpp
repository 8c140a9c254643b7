// auth: secured operations refuse missing, bad and forged credentials in
// upstream's shape (401 + WWW-Authenticate: Bearer, or 403 with a detail);
// public operations answer without credentials.
#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/operation_lookup.hpp"

namespace lfkit::conformance {
namespace {

// HS256 header/claims with a signature no server key produces.
constexpr const char* kForgedJwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
    "eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTQwMDAtODAwMC0wMDAwMDAwMDAwMDAiLCJ0eXBlIjoiYWNjZXNzIiwiZXhwIjo0MT"
    "AyNDQ0ODAwfQ."
    "c2lnbmF0dXJlLW5vdC1tYWRlLWJ5LWFueS1zZXJ2ZXI";

void probe(const api::OperationInfo& op, const std::string& variant, std::vector<Header> headers) {
  auto& ctx = suite_context();
  auto request = ctx.request_for(op, {}, false);
  for (auto& h : headers) request.headers.push_back(std::move(h));
  auto exchange = ctx.send(std::move(request));
  if (!exchange.response) {
    ctx.record(&op, "auth", {"response_received", false, exchange.net_error, "an HTTP response"},
               exchange);
    return;
  }
  auto outcome = check_auth_refusal(*exchange.response);
  outcome.check = "refuses_" + variant;
  ctx.record(&op, "auth", outcome, exchange);
}

}  // namespace

void register_auth_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    const std::string id(op.operation_id);
    if (needs_credentials(op)) {
      register_check("auth", id + ".no_credentials", [&op] { probe(op, "no_credentials", {}); });
      register_check("auth", id + ".bad_api_key", [&op] {
        probe(op, "bad_api_key", {{"x-api-key", "sk-lfkit-not-a-real-key"}});
      });
      if (op.auth != api::Auth::api_key) {
        register_check("auth", id + ".forged_jwt", [&op] {
          probe(op, "forged_jwt", {{"Authorization", std::string("Bearer ") + kForgedJwt}});
        });
      }
    } else if (op.auth == api::Auth::none) {
      register_check("auth", id + ".public", [&op] {
        auto& ctx = suite_context();
        auto exchange = ctx.send(ctx.request_for(op, {}, false));
        const int status = exchange.response ? exchange.response->status : 0;
        const bool ok = exchange.response && status != 401 && status != 403;
        ctx.record(
            &op, "auth",
            {"public_without_credentials", ok,
             exchange.response ? "refused with " + std::to_string(status) : exchange.net_error,
             "an answer other than 401/403"},
            exchange);
      });
    }
  }
}

}  // namespace lfkit::conformance
