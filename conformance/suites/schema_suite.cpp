// schema + positive: every operation once with a valid request whose
// objects were set up first (suites/fixtures.hpp). Two families judge the
// one exchange:
//   positive  the documented success status (2xx; 3xx where the spec
//             documents no 2xx) with a body valid against that status's
//             schema; a 501, or a 404 "Not Found"/405 from a route the spec
//             declares, is "not implemented"; a setup failure fails it and
//             names the step;
//   schema    no 5xx, documented status, content type, body schema, error shape.
// Streaming operations are read for at most 2 s and 5 events, so an endless
// stream (logs-stream) is judged on its status, content type and first frames.
// Destructive operations act only on objects the run made; the ones that act
// on everything a user owns (delete_all_files) run as a user the run made.
#include <nlohmann/json.hpp>

#include "common/uuid.hpp"
#include "conformance/net/request_bodies.hpp"
#include "conformance/runner/suite_context.hpp"
#include "conformance/suites/echo_flow.hpp"
#include "conformance/suites/fixtures.hpp"
#include "conformance/suites/operation_lookup.hpp"
#include "conformance/suites/stream_exchange.hpp"

namespace lfkit::conformance {
namespace {

using nlohmann::json;

bool streams(const api::OperationInfo& op) {
  for (const auto& r : op.responses) {
    if (r.media_type == "text/event-stream" || r.media_type == "application/x-ndjson") return true;
  }
  return false;
}

std::string unique(std::string_view prefix) {
  return std::string(prefix) + new_uuid().substr(0, 13);
}

// The statuses a valid request may answer: the documented 2xx, else the
// documented 3xx (routes that only redirect), else (deprecated routes that
// document only their refusal) any documented status below 500.
std::vector<int> success_statuses(const api::OperationInfo& op) {
  for (auto [low, high] : {std::pair{200, 300}, std::pair{300, 400}, std::pair{100, 500}}) {
    std::vector<int> out;
    for (const auto& r : op.responses) {
      if (r.status >= low && r.status < high) out.push_back(r.status);
    }
    if (!out.empty()) return out;
  }
  return {};
}

std::string status_set(const std::vector<int>& statuses) {
  std::string out;
  for (int s : statuses) out += (out.empty() ? "" : ", ") + std::to_string(s);
  return "{" + out + "}";
}

struct Positive {
  HttpRequest request;
  std::string setup_problem;               // non-empty: the request could not be prepared
  std::vector<HttpRequest> cleanup_by_id;  // "{id}" in a target is the created id
  std::string id_field = "id";             // where the created object's id is
};

// Values for path and query parameters, by name, made on demand.
class Resolver {
 public:
  Resolver(SuiteContext& ctx, Fixtures& fx, const api::OperationInfo& op)
      : ctx_(ctx), fx_(fx), op_(op) {}

  // Fills `values` for every parameter the operation has; false on a setup failure.
  bool resolve(std::vector<std::pair<std::string, std::string>>& values, std::string& problem) {
    for (const auto& p : op_.params) {
      if (p.in != "path" && p.in != "query") continue;
      auto value = value_for(std::string(p.name), p.in == "path" || p.required);
      if (!value) {
        problem = value.error();
        return false;
      }
      if (!value->empty()) values.emplace_back(std::string(p.name), *value);
    }
    return true;
  }

 private:
  bool is(std::string_view id) const { return op_.operation_id == id; }

  Setup value_for(const std::string& name, bool needed) {
    const bool deletes = op_.method == api::Method::Delete;
    if (name == "flow_id" || name == "flow_id_or_name" || name == "_flow_id") {
      if (is("build_public_tmp") || is("read_public_flow")) return fx_.public_flow();
      if (deletes) return fx_.fresh_flow();
      return fx_.flow();
    }
    if (name == "source_flow_id") return fx_.public_flow();
    if (name == "project_id" || name == "folder_id") {
      return deletes ? fx_.fresh_project() : fx_.project();
    }
    if (name == "vertex_id") return std::string(kEchoInputId);
    if (name == "job_id") {
      if (is("cancel_build_public") || is("get_build_events_public")) return fx_.public_build_job();
      if (is("get_workflow_status")) return fx_.workflow_job();
      if (op_.path.starts_with("/api/v1/build")) return fx_.build_job();
      return std::string();
    }
    if (name == "user_id" && op_.path.starts_with("/api/v1/users/")) {
      if (is("reset_password")) {
        const auto* b = ctx_.second_user();
        if (!b) return unexpected("setup: a user of the run's own: " + ctx_.second_user_problem());
        return b->user_id;
      }
      return deletes ? fx_.fresh_user() : fx_.user();
    }
    if (name == "variable_id") return deletes ? fx_.fresh_variable() : fx_.variable();
    if (name == "api_key_id") return fx_.fresh_api_key();
    if (name == "folder_name" || (name == "file_name" && is("download_profile_picture"))) {
      auto picture = fx_.profile_picture();
      if (!picture) return picture;
      const auto slash = picture->find('/');
      return name == "folder_name" ? picture->substr(0, slash) : picture->substr(slash + 1);
    }
    if (name == "file_name") {
      if (is("download_image")) return fx_.flow_file(true);
      return deletes ? fx_.fresh_flow_file() : fx_.flow_file();
    }
    if (name == "file_id") return deletes ? fx_.fresh_user_file() : fx_.user_file();
    if (name == "message_id") return fx_.message();
    if (name == "session_id" && op_.path.find("{session_id}") != std::string_view::npos) {
      return fx_.fresh_session();
    }
    if (name == "old_session_id") return fx_.fresh_session();
    if (name == "new_session_id" || (name == "name" && is("edit_file_name"))) {
      return unique("lfkit-conf-");
    }
    if (name == "trace_id") return fx_.trace();
    (void)needed;
    return std::string();  // request_for's schema-derived value
  }

  SuiteContext& ctx_;
  Fixtures& fx_;
  const api::OperationInfo& op_;
};

HttpRequest with_json(HttpRequest r, const json& body) {
  std::erase_if(r.headers, [](const Header& h) { return iequals(h.name, "content-type"); });
  r.headers.push_back({"Content-Type", "application/json"});
  r.body = body.dump();
  return r;
}

HttpRequest with_file(HttpRequest r, const std::string& name, const std::string& content) {
  std::erase_if(r.headers, [](const Header& h) { return iequals(h.name, "content-type"); });
  auto body = multipart_form_data({{"file", name, "application/json", content}});
  r.headers.push_back({"Content-Type", body.content_type});
  r.body = std::move(body.body);
  return r;
}

// The operation's valid request: resolved parameters, then the body (or the
// caller) an operation needs beyond the schema's minimal instance.
Positive positive_request(SuiteContext& ctx, Fixtures& fx, const api::OperationInfo& op) {
  Positive out;
  std::vector<std::pair<std::string, std::string>> values;
  if (!Resolver(ctx, fx, op).resolve(values, out.setup_problem)) return out;
  auto r = ctx.request_for(op, values);
  const std::string id(op.operation_id);
  auto need = [&](const Setup& s) -> std::string {
    if (!s && out.setup_problem.empty()) out.setup_problem = s.error();
    return s ? *s : "";
  };
  auto as_own_user = [&](HttpRequest request) {
    const auto* b = ctx.second_user();
    if (!b) {
      out.setup_problem =
          "setup: this operation runs as a user the run made (it acts on all "
          "of a user's data): " +
          ctx.second_user_problem();
      return request;
    }
    return SuiteContext::with_credentials(std::move(request), *b);
  };
  const json run_input = {{"input_value", "lfkit"}};
  if (id == "create_api_key") {
    r = with_json(r, {{"name", unique("lfkit-conf-key-")}});
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/api_key/{id}", {}, ""});
  } else if (id == "save_store_api_key") {
    r = as_own_user(with_json(r, {{"api_key", "lfkit-conformance-store-key"}}));
  } else if (id == "build_flow" || id == "build_public_tmp") {
    r = with_json(r, {{"inputs", run_input}});
  } else if (id == "create_flow") {
    r = with_json(r, echo_flow_body(unique("lfkit-conf-flow-")));
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/flows/{id}", {}, ""});
  } else if (id == "upsert_flow") {
    const auto fresh = new_uuid();
    r = with_json(ctx.request_for(op, {{"flow_id", fresh}}),
                  echo_flow_body(unique("lfkit-conf-flow-")));
    fx.on_cleanup({"DELETE", "/api/v1/flows/" + fresh, {}, ""});
  } else if (id == "delete_multiple_flows") {
    r = with_json(r, json::array({need(fx.fresh_flow())}));
  } else if (id == "create_flows") {
    r = with_json(r, {{"flows",
                       {echo_flow_body(unique("lfkit-conf-flow-")),
                        echo_flow_body(unique("lfkit-conf-flow-"))}}});
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/flows/{id}", {}, ""});
  } else if (id == "download_multiple_file") {
    r = with_json(r, json::array({need(fx.flow())}));
  } else if (id == "upload_flows") {
    r = with_file(r, "flows.json",
                  json{{"flows", {echo_flow_body(unique("lfkit-conf-flow-"))}}}.dump());
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/flows/{id}", {}, ""});
  } else if (id == "update_flow") {
    r = with_json(r, {{"description", "changed by lfkit-conformance"}});
  } else if (id == "create_project") {
    r = with_json(r, {{"name", unique("lfkit-conf-project-")}});
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/projects/{id}", {}, ""});
  } else if (id == "upload_project") {
    r = with_file(r, "project.json",
                  json{{"folder_name", unique("lfkit-conf-project-")},
                       {"folder_description", "lfkit-conformance"},
                       {"flows", {echo_flow_body(unique("lfkit-conf-flow-"))}}}
                      .dump());
    // The answer lists the project's flows; their folder_id is the new project.
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/projects/{id}", {}, ""});
    out.id_field = "folder_id";
  } else if (id == "update_project") {
    r = with_json(r, {{"name", unique("lfkit-conf-project-")}});
  } else if (id == "login_to_get_access_token") {
    if (const auto* b = ctx.second_user()) {
      r.body = form_urlencoded({{"username", b->username}, {"password", b->password}});
    } else {
      out.setup_problem =
          "setup: logging in needs a user the run made: " + ctx.second_user_problem();
    }
  } else if (id == "refresh_token") {
    const auto* b = ctx.second_user();
    if (!b) {
      out.setup_problem =
          "setup: a refresh cookie needs a user the run made: " + ctx.second_user_problem();
    } else {
      auto login =
          ctx.send({"POST",
                    "/api/v1/login",
                    {{"Content-Type", "application/x-www-form-urlencoded"}},
                    form_urlencoded({{"username", b->username}, {"password", b->password}})});
      std::string cookie;
      if (login.response) {
        for (const auto& h : login.response->headers) {
          if (iequals(h.name, "set-cookie") && h.value.starts_with("refresh_token_lf="))
            cookie = h.value.substr(0, h.value.find(';'));
        }
      }
      if (cookie.empty()) {
        out.setup_problem = "setup: POST /api/v1/login set no refresh_token_lf cookie";
      }
      r = {"POST", "/api/v1/refresh", {{"Cookie", cookie}}, ""};
    }
  } else if (id == "update_message" || id == "update_shared_message") {
    r = with_json(r, {{"text", "edited by lfkit-conformance"}});
  } else if (id == "delete_messages") {
    r = with_json(r, json::array({need(fx.fresh_message())}));
  } else if (id == "delete_messages_sessions") {
    r = with_json(r, json::array({need(fx.fresh_session())}));
  } else if (id == "create_response") {
    r = with_json(r, {{"model", need(fx.flow())}, {"input", "lfkit"}});
  } else if (id == "simplified_run_flow" || id == "run_flow_session" ||
             id == "experimental_run_flow") {
    r = with_json(r, id == "experimental_run_flow" ? json{{"inputs", {run_input}}} : run_input);
  } else if (id == "add_user") {
    r = with_json(
        r, {{"username", unique("lfkit-conf-user-")}, {"password", "lfkit-Pass-" + new_uuid()}});
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/users/{id}", {}, ""});
  } else if (id == "patch_user") {
    r = with_json(r, {{"is_active", true}});
  } else if (id == "reset_password") {
    r = as_own_user(with_json(r, {{"password", "lfkit-Pass-" + new_uuid()}}));
  } else if (id == "post_validate_code") {
    r = with_json(r, {{"code", "def add(a, b):\n    return a + b\n"}});
  } else if (id == "post_validate_prompt") {
    r = with_json(r, {{"name", "template"}, {"template", "Answer {question}"}});
  } else if (id == "create_variable") {
    r = with_json(r,
                  {{"name", unique("LFKIT_CONF_VAR_")}, {"value", "lfkit"}, {"type", "Generic"}});
    out.cleanup_by_id.push_back({"DELETE", "/api/v1/variables/{id}", {}, ""});
  } else if (id == "update_variable") {
    const auto var = need(fx.variable());
    r = with_json(r, {{"id", var}, {"value", "changed"}});
  } else if (id == "webhook_run_flow") {
    r = with_json(r, {{"lfkit", "conformance"}});
  } else if (id == "upload_user_file") {
    out.cleanup_by_id.push_back({"DELETE", "/api/v2/files/{id}", {}, ""});
  } else if (id == "delete_all_files") {
    r = as_own_user(r);
  } else if (id == "download_files_batch") {
    r = with_json(r, json::array({need(fx.user_file())}));
  } else if (id == "delete_files_batch") {
    r = with_json(r, json::array({need(fx.fresh_user_file())}));
  } else if (id == "execute_workflow") {
    r = with_json(r, {{"flow_id", need(fx.flow())}});
  } else if (id == "stop_workflow") {
    r = with_json(r, {{"job_id", need(fx.workflow_job())}});
  }
  out.request = std::move(r);
  return out;
}

// A route-level answer: the target has no handler for a path the spec declares.
std::optional<std::string> unimplemented_answer(const Exchange& e) {
  if (!e.response) return std::nullopt;
  const auto& r = *e.response;
  if (r.status == 501) return "target answers 501";
  if (r.status == 405) return "target answers 405 for a method the spec declares";
  if (r.status == 404) {
    auto doc = json::parse(r.body, nullptr, false);
    if (doc.is_object() && doc.value("detail", json()) == "Not Found") {
      return "target answers 404 Not Found for a path the spec declares";
    }
  }
  return std::nullopt;
}

// Created objects are removed when the run ends.
void remember_created(Fixtures& fx, const Positive& p, const Exchange& e) {
  if (!e.response || e.response->status >= 300 || p.cleanup_by_id.empty()) return;
  auto doc = json::parse(e.response->body, nullptr, false);
  std::vector<std::string> ids;
  auto collect = [&](const json& item) {
    const auto& key = p.id_field;
    if (item.is_object() && item.contains(key) && item[key].is_string() &&
        std::find(ids.begin(), ids.end(), item[key].get<std::string>()) == ids.end())
      ids.push_back(item[key].get<std::string>());
  };
  if (doc.is_array()) {
    for (const auto& item : doc) collect(item);
  } else if (doc.is_object() && doc.contains("flows") && doc["flows"].is_array()) {
    for (const auto& item : doc["flows"]) collect(item);
    collect(doc);
  } else {
    collect(doc);
  }
  for (const auto& id : ids) {
    for (auto request : p.cleanup_by_id) {
      request.target.replace(request.target.find("{id}"), 4, id);
      fx.on_cleanup(std::move(request));
    }
  }
}

// Reads a stream's head and first frames within 2 s into an Exchange.
Exchange read_stream_head(SuiteContext& ctx, const HttpRequest& request) {
  Exchange exchange{request, std::nullopt, ""};
  auto stream = ctx.client().open_stream(request);
  if (!stream) {
    exchange.net_error = stream.error().message;
    return exchange;
  }
  HttpResponse head;
  head.status = (*stream)->status();
  head.headers = (*stream)->headers();
  if (head.status < 300) {
    auto read =
        read_stream_events(**stream, Framing::sse,
                           {std::chrono::milliseconds(2000), std::chrono::milliseconds(2000), 5});
    for (const auto& e : read.events) head.body += e.raw;
  }
  exchange.response = std::move(head);
  return exchange;
}

void judge_operation(SuiteContext& ctx, const api::OperationInfo& op) {
  auto& fx = run_fixtures();
  const auto success = success_statuses(op);
  if (needs_credentials_to_call(op) && ctx.credentials().headers.empty()) {
    ctx.record(&op, "positive",
               {"documented_success", false,
                "cannot judge: the run has no credentials and the operation is secured",
                "a run with credentials (--api-key, --username/--password or --auto-login)"},
               Exchange{ctx.request_for(op), std::nullopt, "not sent"});
    return;
  }
  auto positive = positive_request(ctx, fx, op);
  if (!positive.setup_problem.empty()) {
    ctx.record(&op, "positive",
               {"setup", false, positive.setup_problem,
                "the objects the operation needs, made through the API"},
               Exchange{positive.request, std::nullopt, "not sent: setup failed"});
    return;
  }
  const bool stream = streams(op);
  auto exchange = stream ? read_stream_head(ctx, positive.request) : ctx.send(positive.request);
  remember_created(fx, positive, exchange);
  if (auto why = unimplemented_answer(exchange)) {
    ctx.record_not_implemented(op, "positive", "implemented", exchange, *why);
    ctx.record_skip(op, "schema", "spec_checks", "not implemented (" + *why + ")");
    return;
  }
  const bool spec_ok = ctx.judge_against_spec(op, "schema", exchange, /*body_checks=*/!stream);
  if (!exchange.response) {
    ctx.record(&op, "positive",
               {"documented_success", false, "no response: " + exchange.net_error,
                "status in " + status_set(success)},
               exchange);
    return;
  }
  const int status = exchange.response->status;
  const bool documented_success =
      std::find(success.begin(), success.end(), status) != success.end();
  ctx.record(&op, "positive",
             {"documented_success", documented_success && spec_ok,
              documented_success ? "the response breaks the spec (see the schema checks)"
                                 : "status " + std::to_string(status) + " to a valid request",
              "status in " + status_set(success) + " with a body valid against its schema"},
             exchange);
}

}  // namespace

void register_schema_suite(SuiteContext& context) {
  for (const auto& op : api::all_operations()) {
    if (!context.operation_selected(op.operation_id) || !op.alias_of.empty()) continue;
    register_check("schema", std::string(op.operation_id),
                   [&op] { judge_operation(suite_context(), op); });
  }
}

}  // namespace lfkit::conformance
