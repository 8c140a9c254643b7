// auth: secured operations refuse missing, bad and forged credentials in
// upstream's shape (401 + WWW-Authenticate: Bearer, or 403 with a detail);
// superuser operations refuse an ordinary user; public operations answer
// without credentials.
#include <chrono>

#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/jwt_tokens.hpp"
#include "conformance/suites/operation_lookup.hpp"

namespace lfkit::conformance {
namespace {

constexpr const char* kUnknownUser = "00000000-0000-4000-8000-000000000000";

nlohmann::json claims(const std::string& subject, const char* type, long long exp_offset_seconds) {
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                       std::chrono::system_clock::now().time_since_epoch())
                       .count();
  return {{"sub", subject}, {"type", type}, {"exp", now + exp_offset_seconds}};
}

// One credential variant a secured operation must refuse. `headers` empty
// and `query` empty = no credentials at all.
struct Variant {
  std::string name;
  std::vector<Header> headers;
  std::string query;  // appended to the target, e.g. "x-api-key=..."
  bool jwt = false;   // only for operations that take JWTs (not api_key-only)
};

std::vector<Variant> variants(SuiteContext& ctx) {
  const auto& me = ctx.credentials();
  const std::string subject = me.user_id.empty() ? kUnknownUser : me.user_id;
  auto bearer = [](const std::string& token) {
    return std::vector<Header>{{"Authorization", "Bearer " + token}};
  };
  std::vector<Variant> out = {
      {"no_credentials", {}, "", false},
      {"bad_api_key", {{"x-api-key", "sk-lfkit-not-a-real-key"}}, "", false},
      {"bad_api_key_in_query", {}, "x-api-key=sk-lfkit-not-a-real-key", false},
      {"forged_jwt", bearer(sign_hs256(claims(subject, "access", 3600), "not-the-server-key")), "",
       true},
      {"unsigned_jwt", bearer(unsigned_token(claims(subject, "access", 3600))), "", true},
      {"garbage_jwt", bearer("x.y.z"), "", true},
  };
  if (!me.access_token.empty()) {
    out.push_back({"wrong_signature_jwt", bearer(tamper_signature(me.access_token)), "", true});
  }
  if (auto secret = known_jwt_secret()) {
    out.push_back(
        {"expired_jwt", bearer(sign_hs256(claims(subject, "access", -3600), *secret)), "", true});
    out.push_back({"refresh_token_as_access",
                   bearer(sign_hs256(claims(subject, "refresh", 3600), *secret)), "", true});
    out.push_back({"jwt_of_unknown_user",
                   bearer(sign_hs256(claims(kUnknownUser, "access", 3600), *secret)), "", true});
  }
  return out;
}

void probe(const api::OperationInfo& op, const Variant& variant) {
  auto& ctx = suite_context();
  auto request = ctx.request_for(op, {}, false);
  for (const auto& h : variant.headers) request.headers.push_back(h);
  if (!variant.query.empty()) {
    request.target += (request.target.find('?') == std::string::npos ? "?" : "&") + variant.query;
  }
  auto exchange = ctx.send(std::move(request));
  if (!exchange.response) {
    ctx.record(
        &op, "auth",
        {"refuses_" + variant.name, false, "no response: " + exchange.net_error, "an HTTP refusal"},
        exchange);
    return;
  }
  auto outcome = check_auth_refusal(*exchange.response);
  outcome.check = "refuses_" + variant.name;
  ctx.record(&op, "auth", outcome, exchange);
}

void probe_ordinary_user(const api::OperationInfo& op) {
  auto& ctx = suite_context();
  const auto* user = ctx.second_user();
  if (!user) {
    ctx.record_skip(op, "auth", "refuses_ordinary_user", ctx.second_user_problem());
    return;
  }
  auto exchange = ctx.send(SuiteContext::with_credentials(ctx.request_for(op), *user));
  if (SuiteContext::not_implemented(exchange)) {
    return ctx.skip_not_implemented(op, "auth", "refuses_ordinary_user");
  }
  CheckOutcome outcome{"refuses_ordinary_user", false, "", "403 {\"detail\": str}"};
  if (!exchange.response) {
    outcome.message = "no response: " + exchange.net_error;
  } else {
    outcome = check_status_is(*exchange.response, 403);
    outcome.check = "refuses_ordinary_user";
    if (outcome.ok) outcome = check_auth_refusal(*exchange.response);
    outcome.check = "refuses_ordinary_user";
  }
  ctx.record(&op, "auth", outcome, exchange);
}

}  // namespace

void register_auth_suite(SuiteContext& context) {
  auto all_variants = std::make_shared<std::vector<Variant>>(variants(context));
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    const std::string id(op.operation_id);
    if (needs_credentials(op)) {
      register_check("auth", id + ".refusals", [&op, all_variants] {
        for (const auto& v : *all_variants) {
          if (v.jwt && op.auth == api::Auth::api_key) continue;
          probe(op, v);
        }
      });
      if (op.auth == api::Auth::superuser) {
        register_check("auth", id + ".ordinary_user", [&op] { probe_ordinary_user(op); });
      }
    } else if (op.auth == api::Auth::none) {
      register_check("auth", id + ".public", [&op] {
        auto& ctx = suite_context();
        auto exchange = ctx.send(ctx.request_for(op, {}, false));
        if (SuiteContext::not_implemented(exchange)) {
          return ctx.skip_not_implemented(op, "auth", "public_without_credentials");
        }
        const int status = exchange.response ? exchange.response->status : 0;
        // The login form carries made-up credentials: its 401 is about them.
        const bool login_form = op.body_media_type == "application/x-www-form-urlencoded";
        const bool ok =
            exchange.response && status < 500 && (login_form || (status != 401 && status != 403));
        ctx.record(&op, "auth",
                   {"public_without_credentials", ok,
                    exchange.response ? "answered " + std::to_string(status) : exchange.net_error,
                    "an answer other than 401/403/5xx"},
                   exchange);
      });
    }
  }
}

}  // namespace lfkit::conformance
