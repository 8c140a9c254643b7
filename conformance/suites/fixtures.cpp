#include "conformance/suites/fixtures.hpp"

#include "common/uuid.hpp"
#include "conformance/net/request_bodies.hpp"
#include "conformance/report/check_record.hpp"
#include "conformance/suites/echo_flow.hpp"

namespace lfkit::conformance {
namespace {

using nlohmann::json;

std::string unique(std::string_view prefix) {
  return std::string(prefix) + new_uuid().substr(0, 13);
}

json parse(const Exchange& e) {
  if (!e.response) return nullptr;
  auto doc = json::parse(e.response->body, nullptr, false);
  return doc.is_discarded() ? json(nullptr) : doc;
}

std::string string_at(const json& doc, const char* key) {
  return doc.is_object() && doc.contains(key) && doc[key].is_string() ? doc[key].get<std::string>()
                                                                      : "";
}

HttpRequest json_request(std::string method, std::string target, const json& body) {
  HttpRequest r{std::move(method), std::move(target), {}, body.is_null() ? "" : body.dump()};
  if (!body.is_null()) r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

// The smallest valid PNG (1x1, transparent), for image routes.
const std::string& tiny_png() {
  static const std::string png(
      "\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\r"
      "IDATx\x9c\x63\xf8\x0f\x04\0\x09\xfb\x03\xfd\xe3\x55\xf2\x9c\0\0\0\0IEND\xae\x42\x60\x82",
      67);
  return png;
}

Fixtures* g_fixtures = nullptr;

}  // namespace

Fixtures& run_fixtures() {
  if (!g_fixtures) {
    auto& ctx = suite_context();
    g_fixtures = new Fixtures(ctx);
    ctx.on_cleanup([] {
      delete g_fixtures;
      g_fixtures = nullptr;
    });
  }
  return *g_fixtures;
}

Fixtures::~Fixtures() {
  remove_all();
}

void Fixtures::remove_all() {
  for (auto it = cleanup_.rbegin(); it != cleanup_.rend(); ++it) send_as_run(*it);
  cleanup_.clear();
  made_.clear();
}

void Fixtures::on_cleanup(HttpRequest request) {
  cleanup_.push_back(std::move(request));
}

Exchange Fixtures::send_as_run(HttpRequest request, bool api_key) {
  const auto& creds = ctx_.credentials();
  if (api_key && !creds.api_key.empty()) {
    request.headers.push_back({"x-api-key", creds.api_key});
  } else {
    for (const auto& h : creds.headers) request.headers.push_back(h);
  }
  return ctx_.send(std::move(request));
}

std::string Fixtures::failed(const std::string& step, const Exchange& exchange) {
  if (!exchange.response) return "setup: " + step + " got no response: " + exchange.net_error;
  return "setup: " + step + " answered " + std::to_string(exchange.response->status) + " " +
         excerpt(exchange.response->body, 160);
}

Setup Fixtures::memo(const std::string& key, const std::function<Setup()>& make) {
  if (auto it = made_.find(key); it != made_.end()) return it->second;
  auto value = make();
  if (value) made_[key] = *value;
  return value;
}

Setup Fixtures::make_flow(const json& extra) {
  if (ctx_.credentials().headers.empty()) {
    return unexpected(std::string("setup: creating a flow needs credentials"));
  }
  auto body = echo_flow_body(unique("lfkit-conf-flow-"));
  body.update(extra);
  auto created = send_as_run(json_request("POST", "/api/v1/flows/", body));
  const auto id = string_at(parse(created), "id");
  if (!created.response || created.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v1/flows/ (create_flow)", created));
  }
  on_cleanup({"DELETE", "/api/v1/flows/" + id, {}, ""});
  made_["flow_name:" + id] = body["name"].get<std::string>();
  return id;
}

Setup Fixtures::flow() {
  return memo("flow", [this] { return make_flow(json::object()); });
}
Setup Fixtures::public_flow() {
  return memo("public_flow", [this] { return make_flow({{"access_type", "PUBLIC"}}); });
}
Setup Fixtures::fresh_flow() {
  return make_flow(json::object());
}
Setup Fixtures::flow_name() {
  auto id = flow();
  if (!id) return id;
  return made_["flow_name:" + *id];
}

Setup Fixtures::make_project() {
  auto created = send_as_run(
      json_request("POST", "/api/v1/projects/", {{"name", unique("lfkit-conf-project-")}}));
  const auto id = string_at(parse(created), "id");
  if (!created.response || created.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v1/projects/ (create_project)", created));
  }
  on_cleanup({"DELETE", "/api/v1/projects/" + id, {}, ""});
  return id;
}
Setup Fixtures::project() {
  return memo("project", [this] { return make_project(); });
}
Setup Fixtures::fresh_project() {
  return make_project();
}

Setup Fixtures::make_variable() {
  auto created = send_as_run(
      json_request("POST", "/api/v1/variables/",
                   {{"name", unique("LFKIT_CONF_VAR_")}, {"value", "lfkit"}, {"type", "Generic"}}));
  const auto id = string_at(parse(created), "id");
  if (!created.response || created.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v1/variables/ (create_variable)", created));
  }
  on_cleanup({"DELETE", "/api/v1/variables/" + id, {}, ""});
  return id;
}
Setup Fixtures::variable() {
  return memo("variable", [this] { return make_variable(); });
}
Setup Fixtures::fresh_variable() {
  return make_variable();
}

Setup Fixtures::fresh_api_key() {
  auto created =
      send_as_run(json_request("POST", "/api/v1/api_key/", {{"name", unique("lfkit-conf-key-")}}));
  const auto id = string_at(parse(created), "id");
  if (!created.response || created.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v1/api_key/ (create_api_key)", created));
  }
  on_cleanup({"DELETE", "/api/v1/api_key/" + id, {}, ""});
  return id;
}

Setup Fixtures::make_user() {
  auto created = send_as_run(json_request(
      "POST", "/api/v1/users/",
      {{"username", unique("lfkit-conf-user-")}, {"password", "lfkit-Pass-" + new_uuid()}}));
  const auto id = string_at(parse(created), "id");
  if (!created.response || created.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v1/users/ (add_user)", created));
  }
  on_cleanup({"DELETE", "/api/v1/users/" + id, {}, ""});
  return id;
}
Setup Fixtures::user() {
  return memo("user", [this] { return make_user(); });
}
Setup Fixtures::fresh_user() {
  return make_user();
}

Setup Fixtures::make_flow_file(bool image) {
  auto flow_id = flow();
  if (!flow_id) return flow_id;
  const auto name = unique("lfkit-conf-") + (image ? ".png" : ".txt");
  auto body = multipart_form_data({{"file", name, image ? "image/png" : "text/plain",
                                    image ? tiny_png() : std::string("lfkit conformance\n")}});
  auto uploaded = send_as_run({"POST",
                               "/api/v1/files/upload/" + *flow_id,
                               {{"Content-Type", body.content_type}},
                               body.body});
  const auto path = string_at(parse(uploaded), "file_path");
  if (!uploaded.response || uploaded.response->status >= 300 || path.empty()) {
    return unexpected(failed("POST /api/v1/files/upload/{flow_id} (upload_file)", uploaded));
  }
  // file_path is "<flow_id>/<stored name>".
  const auto stored = path.substr(path.rfind('/') + 1);
  on_cleanup({"DELETE", "/api/v1/files/delete/" + *flow_id + "/" + url_encode(stored), {}, ""});
  return stored;
}
Setup Fixtures::flow_file(bool image) {
  return memo(image ? "flow_image" : "flow_file", [this, image] { return make_flow_file(image); });
}
Setup Fixtures::fresh_flow_file() {
  return make_flow_file(false);
}

Setup Fixtures::make_user_file() {
  auto body = multipart_form_data(
      {{"file", unique("lfkit-conf-") + ".txt", "text/plain", "lfkit conformance\n"}});
  auto uploaded =
      send_as_run({"POST", "/api/v2/files", {{"Content-Type", body.content_type}}, body.body});
  const auto id = string_at(parse(uploaded), "id");
  if (!uploaded.response || uploaded.response->status >= 300 || id.empty()) {
    return unexpected(failed("POST /api/v2/files (upload_user_file)", uploaded));
  }
  on_cleanup({"DELETE", "/api/v2/files/" + id, {}, ""});
  return id;
}
Setup Fixtures::user_file() {
  return memo("user_file", [this] { return make_user_file(); });
}
Setup Fixtures::fresh_user_file() {
  return make_user_file();
}

// Runs flow() once in `session` (messages are stored with the flow and go
// with it), then returns the session.
Setup Fixtures::make_session(const std::string& session) {
  auto flow_id = flow();
  if (!flow_id) return flow_id;
  auto run = send_as_run(json_request("POST", "/api/v1/run/" + *flow_id,
                                      {{"input_value", "lfkit"}, {"session_id", session}}),
                         true);
  if (!run.response || run.response->status != 200) {
    return unexpected(failed("POST /api/v1/run/{flow_id} (simplified_run_flow)", run));
  }
  return session;
}
Setup Fixtures::fresh_session() {
  return make_session(unique("lfkit-conf-session-"));
}

Setup Fixtures::fresh_message() {
  auto session = fresh_session();
  if (!session) return session;
  auto listed = send_as_run(
      {"GET",
       "/api/v1/monitor/messages?flow_id=" + *flow() + "&session_id=" + url_encode(*session),
       {},
       ""});
  const auto doc = parse(listed);
  if (!doc.is_array() || doc.empty() || string_at(doc[0], "id").empty()) {
    return unexpected(failed("GET /api/v1/monitor/messages (get_messages) after a run", listed));
  }
  return string_at(doc[0], "id");
}
Setup Fixtures::message() {
  return memo("message", [this] { return fresh_message(); });
}

Setup Fixtures::make_build(bool is_public) {
  auto flow_id = is_public ? public_flow() : flow();
  if (!flow_id) return flow_id;
  const std::string path = is_public ? "/api/v1/build_public_tmp/" : "/api/v1/build/";
  auto build = send_as_run(
      json_request("POST", path + *flow_id + "/flow", {{"inputs", {{"input_value", "lfkit"}}}}));
  const auto job = string_at(parse(build), "job_id");
  if (!build.response || build.response->status != 200 || job.empty()) {
    return unexpected(failed("POST " + path + "{flow_id}/flow", build));
  }
  return job;
}
Setup Fixtures::build_job() {
  return memo("build_job", [this] { return make_build(false); });
}
Setup Fixtures::public_build_job() {
  return memo("public_build_job", [this] { return make_build(true); });
}

Setup Fixtures::trace() {
  return memo("trace", [this]() -> Setup {
    auto session = fresh_session();
    if (!session) return session;
    auto listed = send_as_run({"GET", "/api/v1/monitor/traces?flow_id=" + *flow(), {}, ""});
    auto doc = parse(listed);
    if (doc.is_object() && doc.contains("traces")) doc = doc["traces"];
    if (!doc.is_array() || doc.empty() || string_at(doc[0], "id").empty()) {
      return unexpected(
          failed("GET /api/v1/monitor/traces?flow_id= (get_traces) after a run", listed));
    }
    return string_at(doc[0], "id");
  });
}

Setup Fixtures::workflow_job() {
  return memo("workflow_job", [this]() -> Setup {
    auto flow_id = flow();
    if (!flow_id) return flow_id;
    auto started = send_as_run(
        json_request("POST", "/api/v2/workflows", {{"flow_id", *flow_id}, {"background", true}}),
        true);
    const auto job = string_at(parse(started), "job_id");
    if (!started.response || started.response->status != 200 || job.empty()) {
      return unexpected(
          failed("POST /api/v2/workflows background=true (execute_workflow)", started));
    }
    return job;
  });
}

Setup Fixtures::profile_picture() {
  return memo("profile_picture", [this]() -> Setup {
    auto listed = ctx_.send({"GET", "/api/v1/files/profile_pictures/list", {}, ""});
    const auto doc = parse(listed);
    if (!doc.is_object() || !doc.contains("files") || !doc["files"].is_array() ||
        doc["files"].empty() || !doc["files"][0].is_string()) {
      return unexpected(failed("GET /api/v1/files/profile_pictures/list", listed));
    }
    return doc["files"][0].get<std::string>();
  });
}

}  // namespace lfkit::conformance
