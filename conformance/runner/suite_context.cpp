#include "conformance/runner/suite_context.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <nlohmann/json.hpp>

#include "common/uuid.hpp"
#include "conformance/net/request_bodies.hpp"
#include "conformance/report/curl_reproducer.hpp"
#include "conformance/report/report_writers.hpp"
#include "conformance/runner/body_generator.hpp"

namespace lfkit::conformance {
namespace {

SuiteContext* g_context = nullptr;

std::string json_string_field(const std::string& body, const char* key) {
  auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_object() && doc.contains(key) && doc[key].is_string())
    return doc[key].get<std::string>();
  return "";
}

// A value that satisfies a parameter schema, as text.
std::string param_value(std::string_view schema_json) {
  auto schema = nlohmann::json::parse(schema_json, nullptr, false);
  if (schema.is_discarded()) return "x";
  auto value = minimal_instance(schema, schema);
  if (value.is_string()) return value.get<std::string>();
  if (value.is_null() || value.is_object() || value.is_array()) return "x";
  return value.dump();
}

}  // namespace

SuiteContext& suite_context() {
  return *g_context;
}
void set_suite_context(SuiteContext* context) {
  g_context = context;
}

SuiteContext::SuiteContext(CliOptions options) : options_(std::move(options)) {}

void SuiteContext::set_baseline(const std::vector<BaselineEntry>& entries) {
  for (const auto& e : entries) baseline_.insert(e.operation_id + " " + e.check);
}

bool SuiteContext::operation_selected(std::string_view operation_id) const {
  return conformance::operation_selected(options_, operation_id);
}

void SuiteContext::record_not_implemented(const api::OperationInfo& op, std::string_view suite,
                                          std::string_view check, const Exchange& exchange,
                                          std::string why) {
  if (options_.allow_unimplemented) {
    return record_skip(op, suite, check,
                       "not implemented (" + why + "), accepted by --allow-unimplemented");
  }
  record(&op, suite,
         {std::string(check), false, "not implemented: " + why,
          "the operation implemented (--allow-unimplemented accepts this)"},
         exchange);
}

HttpRequest SuiteContext::with_credentials(HttpRequest request, const Credentials& as,
                                           bool api_key_only) {
  std::erase_if(request.headers, [](const Header& h) {
    return iequals(h.name, "authorization") || iequals(h.name, "x-api-key");
  });
  if (api_key_only && !as.api_key.empty()) {
    request.headers.push_back({"x-api-key", as.api_key});
  } else {
    for (const auto& h : as.headers) request.headers.push_back(h);
  }
  return request;
}

const Credentials* SuiteContext::second_user() {
  if (!second_user_tried_) {
    second_user_tried_ = true;
    second_user_ = make_second_user(&second_user_problem_, &second_user_id_);
  }
  return second_user_ ? &*second_user_ : nullptr;
}

void SuiteContext::cleanup() {
  for (auto it = cleanups_.rbegin(); it != cleanups_.rend(); ++it) (*it)();
  cleanups_.clear();
  delete_user(second_user_id_);
  second_user_id_.clear();
}

std::optional<Credentials> SuiteContext::make_second_user(std::string* why, std::string* user_id) {
  if (credentials_.headers.empty()) {
    *why = "the run has no credentials to create a second user with";
    return std::nullopt;
  }
  const std::string name = "lfkit-conf-" + new_uuid().substr(0, 8);
  const std::string password = "lfkit-Pass-" + new_uuid().substr(0, 8);
  auto json_request = [&](std::string method, std::string target, nlohmann::json body) {
    HttpRequest r{std::move(method), std::move(target), credentials_.headers, body.dump()};
    r.headers.push_back({"Content-Type", "application/json"});
    return r;
  };
  auto created =
      send(json_request("POST", "/api/v1/users/", {{"username", name}, {"password", password}}));
  if (!created.response || created.response->status != 201) {
    *why = "POST /api/v1/users/ answered " +
           (created.response ? std::to_string(created.response->status) : created.net_error);
    return std::nullopt;
  }
  *user_id = json_string_field(created.response->body, "id");
  auto activated = send(json_request("PATCH", "/api/v1/users/" + *user_id, {{"is_active", true}}));
  if (!activated.response || activated.response->status != 200) {
    *why = "activating the second user answered " +
           (activated.response ? std::to_string(activated.response->status) : activated.net_error) +
           " (the run's credentials are probably not a superuser's)";
    delete_user(*user_id);
    return std::nullopt;
  }
  auto login = send({"POST",
                     "/api/v1/login",
                     {{"Content-Type", "application/x-www-form-urlencoded"}},
                     form_urlencoded({{"username", name}, {"password", password}})});
  const auto token = login.response ? json_string_field(login.response->body, "access_token") : "";
  if (token.empty()) {
    *why = "the second user could not log in";
    delete_user(*user_id);
    return std::nullopt;
  }
  Credentials out;
  out.access_token = token;
  out.headers = {{"Authorization", "Bearer " + token}};
  out.user_id = *user_id;
  out.username = name;
  out.password = password;
  // The second user's own API key, for the routes that take only keys.
  HttpRequest mint{"POST", "/api/v1/api_key/", out.headers, R"({"name":"lfkit-conformance-b"})"};
  mint.headers.push_back({"Content-Type", "application/json"});
  auto key = send(mint);
  if (key.response && key.response->status == 200) {
    out.api_key = json_string_field(key.response->body, "api_key");
  }
  return out;
}

void SuiteContext::delete_user(const std::string& user_id) {
  if (user_id.empty()) return;
  send({"DELETE", "/api/v1/users/" + user_id, credentials_.headers, ""});
}

std::optional<ExitCode> SuiteContext::connect_and_authenticate() {
  auto base = parse_base_url(options_.base_url);
  if (!base) {
    std::cerr << "lfkit-conformance: " << base.error() << "\n";
    return ExitCode::usage_error;
  }
  const auto timeout = std::chrono::milliseconds(options_.timeout_ms);
  client_ = std::make_unique<HttpClient>(*base, ClientTimeouts{timeout, timeout});
  auto health = client_->send({"GET", "/health", {}, ""});
  if (!health) {
    std::cout << "target unreachable: " << options_.base_url << " (" << health.error().message
              << ")\n";
    return ExitCode::target_unreachable;
  }
  auto rejected = [&](const std::string& why) {
    std::cout << "credentials rejected by " << options_.base_url << ": " << why << "\n";
    return ExitCode::credentials_rejected;
  };
  switch (options_.credentials) {
    case CredentialMode::none:
      return std::nullopt;
    case CredentialMode::api_key: {
      auto who =
          client_->send({"GET", "/api/v1/users/whoami", {{"x-api-key", options_.api_key}}, ""});
      if (!who || who->status != 200) {
        return rejected(who ? "whoami answered " + std::to_string(who->status)
                            : who.error().message);
      }
      credentials_ = {{{"x-api-key", options_.api_key}}, "", options_.api_key, "", "", ""};
      learn_user_id();
      return std::nullopt;
    }
    case CredentialMode::password:
    case CredentialMode::auto_login: {
      // One request object, then one send: a ternary of two sends trips a gcc
      // -Wmaybe-uninitialized false positive at -O2.
      HttpRequest login_request{"GET", "/api/v1/auto_login", {}, ""};
      if (options_.credentials == CredentialMode::password) {
        login_request = {
            "POST",
            "/api/v1/login",
            {{"Content-Type", "application/x-www-form-urlencoded"}},
            form_urlencoded({{"username", options_.username}, {"password", options_.password}})};
      }
      Expected<HttpResponse, NetError> login = client_->send(login_request);
      if (!login || login->status != 200) {
        return rejected(login ? "login answered " + std::to_string(login->status) + " " +
                                    excerpt(login->body, 120)
                              : login.error().message);
      }
      credentials_.access_token = json_string_field(login->body, "access_token");
      if (credentials_.access_token.empty()) return rejected("login returned no access_token");
      credentials_.headers = {{"Authorization", "Bearer " + credentials_.access_token}};
      // /run and v2 routes accept only API keys: mint one for the run.
      auto key = client_->send({"POST",
                                "/api/v1/api_key/",
                                {credentials_.headers[0], {"Content-Type", "application/json"}},
                                R"({"name":"lfkit-conformance"})"});
      if (key && key->status == 200) {
        credentials_.api_key = json_string_field(key->body, "api_key");
        // The key is the run's own: removed at cleanup like everything it makes.
        if (const auto id = json_string_field(key->body, "id"); !id.empty()) {
          on_cleanup([this, id] {
            send({"DELETE", "/api/v1/api_key/" + id, credentials_.headers, ""});
          });
        }
      }
      learn_user_id();
      return std::nullopt;
    }
  }
  return std::nullopt;
}

void SuiteContext::learn_user_id() {
  auto who = client_->send({"GET", "/api/v1/users/whoami", credentials_.headers, ""});
  if (who && who->status == 200) credentials_.user_id = json_string_field(who->body, "id");
}

Exchange SuiteContext::send(HttpRequest request) {
  Exchange out{std::move(request), std::nullopt, ""};
  auto response = client_->send(out.request);
  if (response) {
    out.response = std::move(*response);
  } else {
    out.net_error = response.error().message;
  }
  return out;
}

HttpRequest SuiteContext::request_for(
    const api::OperationInfo& op,
    const std::vector<std::pair<std::string, std::string>>& path_values, bool authenticated) const {
  HttpRequest req;
  req.method = std::string(api::method_name(op.method));
  std::string path(op.path);
  std::string query;
  for (const auto& p : op.params) {
    std::string value;
    for (const auto& [name, given] : path_values) {
      if (name == p.name) value = given;
    }
    if (p.in == "path") {
      if (value.empty()) value = is_uuid_schema(p.schema_json) ? new_uuid() : "x";
      const std::string placeholder = "{" + std::string(p.name) + "}";
      if (auto pos = path.find(placeholder); pos != std::string::npos) {
        path.replace(pos, placeholder.size(), url_encode(value));
      }
    } else if (p.in == "query" && (p.required || !value.empty())) {
      if (value.empty()) value = param_value(p.schema_json);
      query += (query.empty() ? "?" : "&") + url_encode(p.name) + "=" + url_encode(value);
    } else if (p.in == "header" && p.required && !iequals(p.name, "x-api-key") &&
               !iequals(p.name, "authorization")) {
      req.headers.push_back(
          {std::string(p.name), value.empty() ? param_value(p.schema_json) : value});
    }
  }
  req.target = path + query;
  if (!op.body_media_type.empty()) {
    const bool json = op.body_media_type.find("json") != std::string_view::npos;
    if (json) {
      auto schema = nlohmann::json::parse(op.body_schema_json, nullptr, false);
      auto body =
          schema.is_discarded() ? nlohmann::json::object() : minimal_instance(schema, schema);
      if (op.body_required || !body.is_null()) {
        req.body = body.dump();
        req.headers.push_back({"Content-Type", "application/json"});
      }
    } else if (op.body_media_type == "application/x-www-form-urlencoded") {
      req.body = form_urlencoded({{"username", "lfkit"}, {"password", "lfkit"}});
      req.headers.push_back({"Content-Type", std::string(op.body_media_type)});
    } else if (op.body_media_type.starts_with("multipart/")) {
      auto body = multipart_form_data({{"file", "lfkit.txt", "text/plain", "lfkit conformance\n"}});
      req.body = std::move(body.body);
      req.headers.push_back({"Content-Type", body.content_type});
    }
  }
  if (authenticated) {
    const bool key_only = op.auth == api::Auth::api_key;
    if (op.auth == api::Auth::webhook) {
      // Webhooks take an API key (when webhook auth is on) and nothing else.
      if (!credentials_.api_key.empty()) req.headers.push_back({"x-api-key", credentials_.api_key});
    } else if (key_only && !credentials_.api_key.empty()) {
      req.headers.push_back({"x-api-key", credentials_.api_key});
    } else {
      for (const auto& h : credentials_.headers) req.headers.push_back(h);
    }
  }
  return req;
}

std::vector<DocumentedResponse> SuiteContext::documented(const api::OperationInfo& op) {
  std::vector<DocumentedResponse> out;
  for (const auto& r : op.responses) out.push_back({r.status, r.media_type, r.schema_json});
  return out;
}

void SuiteContext::record(const api::OperationInfo* op, std::string_view suite,
                          const CheckOutcome& outcome, const Exchange& exchange) {
  CheckRecord rec;
  rec.operation_id = op ? std::string(op->operation_id) : "";
  rec.suite = std::string(suite);
  rec.check = outcome.check;
  rec.verdict = outcome.ok ? Verdict::pass : Verdict::fail;
  rec.reason = outcome.message;
  if (exchange.response) rec.duration = exchange.response->elapsed;
  if (!outcome.ok) {
    Reproducer rep;
    rep.curl = curl_command(client_->base().text(), exchange.request);
    rep.expected = outcome.expected;
    rep.actual = exchange.response ? std::to_string(exchange.response->status) + " " +
                                         excerpt(exchange.response->body, 300)
                                   : "no response: " + exchange.net_error;
    if (op) rep.spec_pointer = std::string(op->spec_pointer);
    std::replace(rep.actual.begin(), rep.actual.end(), '\n', ' ');  // keep the block one line each
    rec.reproducer = rep;
    if (baseline_.count(rec.operation_id + " " + rec.suite + "/" + rec.check)) {
      rec.verdict = Verdict::known;
      std::printf("KNOWN (baseline) %s/%s [%s]: %s\n", rec.suite.c_str(), rec.check.c_str(),
                  rec.operation_id.c_str(), rec.reason.c_str());
    } else {
      ADD_FAILURE() << format_failure(rec);
    }
  }
  results_.add(std::move(rec));
}

void SuiteContext::record_skip(const api::OperationInfo& op, std::string_view suite,
                               std::string_view check, std::string reason) {
  results_.add({std::string(op.operation_id),
                std::string(suite),
                std::string(check),
                Verdict::skip,
                std::move(reason),
                std::nullopt,
                {}});
}

// A probe the target accepted may have created something: delete it through
// the DELETE operation at "<create path><id param>" when the spec has one.
void SuiteContext::delete_if_created(const api::OperationInfo& op, const Exchange& exchange) {
  if (!exchange.response || exchange.response->status >= 300 || op.method != api::Method::Post)
    return;
  const auto doc = nlohmann::json::parse(exchange.response->body, nullptr, false);
  if (!doc.is_object() || !doc.contains("id") || !doc["id"].is_string()) return;
  for (const auto& candidate : api::all_operations()) {
    if (candidate.method != api::Method::Delete || !candidate.alias_of.empty() ||
        !candidate.path.starts_with(op.path) || candidate.path.size() <= op.path.size() ||
        candidate.path[op.path.size()] != '{' || candidate.path.back() != '}') {
      continue;
    }
    const auto name =
        candidate.path.substr(op.path.size() + 1, candidate.path.size() - op.path.size() - 2);
    send(request_for(candidate, {{std::string(name), doc["id"].get<std::string>()}}));
    return;
  }
}

bool SuiteContext::judge_against_spec(const api::OperationInfo& op, std::string_view suite,
                                      const Exchange& exchange, bool body_checks) {
  if (!exchange.response) {
    record(&op, suite,
           {"response_received", false, "no response: " + exchange.net_error, "an HTTP response"},
           exchange);
    return false;
  }
  if (not_implemented(exchange)) {
    skip_not_implemented(op, suite, "implemented");
    return false;
  }
  const auto docs = documented(op);
  const auto& r = *exchange.response;
  std::vector<CheckOutcome> outcomes = {check_no_server_error(r), check_status_documented(r, docs),
                                        check_content_type(r, docs)};
  if (body_checks && op.method != api::Method::Head) {
    outcomes.push_back(check_body_schema(r, docs, schemas_));
    outcomes.push_back(check_error_shape(r));
  }
  bool ok = true;
  for (const auto& outcome : outcomes) {
    record(&op, suite, outcome, exchange);
    ok = ok && outcome.ok;
  }
  return ok;
}

namespace {
class CheckTest : public ::testing::Test {
 public:
  explicit CheckTest(std::function<void()> body) : body_(std::move(body)) {}
  void TestBody() override { body_(); }

 private:
  std::function<void()> body_;
};
}  // namespace

void register_check(const std::string& suite, const std::string& name, std::function<void()> body) {
  ::testing::RegisterTest(
      suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
      [body = std::move(body)]() -> ::testing::Test* { return new CheckTest(body); });
}

}  // namespace lfkit::conformance
