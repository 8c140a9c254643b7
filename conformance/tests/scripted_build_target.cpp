#include "scripted_build_target.hpp"

#include <nlohmann/json.hpp>

#include "conformance/suites/echo_flow.hpp"

namespace lfkit::conformance::testing {
namespace {

using nlohmann::json;

constexpr const char* kUserId = "11111111-1111-4111-8111-111111111111";
constexpr const char* kJobId = "22222222-2222-4222-8222-222222222222";
constexpr const char* kFlowId = "33333333-3333-4333-8333-333333333333";

std::string echo_events() {
  const json events[] = {
      {{"event", "vertices_sorted"},
       {"data", {{"ids", {kEchoInputId}}, {"to_run", {kEchoInputId, kEchoOutputId}}}}},
      {{"event", "end_vertex"},
       {"data", {{"build_data", {{"id", kEchoInputId}, {"valid", true}}}}}},
      {{"event", "end_vertex"},
       {"data", {{"build_data", {{"id", kEchoOutputId}, {"valid", true}}}}}},
      {{"event", "end"}, {"data", json::object()}},
  };
  std::string out;
  for (const auto& e : events) out += e.dump() + "\n\n";
  return out;
}

ScriptedReply json_reply(int status, const json& body) {
  return simple_reply(status, "application/json", body.dump());
}

ScriptedReply route(const std::string& request) {
  const auto line_end = request.find("\r\n");
  const auto line = request.substr(0, line_end);
  auto has = [&](const char* text) { return line.find(text) != std::string::npos; };
  if (has("GET /health ")) return json_reply(200, {{"status", "ok"}});
  if (has("GET /api/v1/auto_login ")) {
    return json_reply(200, {{"access_token", "scripted.token.value"},
                            {"refresh_token", nullptr},
                            {"token_type", "bearer"}});
  }
  if (has("POST /api/v1/api_key/ ")) {
    return json_reply(200, {{"id", "44444444-4444-4444-8444-444444444444"},
                            {"api_key", "sk-scripted"},
                            {"user_id", kUserId},
                            {"name", "lfkit-conformance"}});
  }
  if (has("GET /api/v1/users/whoami ")) {
    return json_reply(200, {{"id", kUserId}, {"username", "langflow"}});
  }
  if (has("POST /api/v1/flows/ ")) {
    return json_reply(
        201, {{"id", kFlowId}, {"name", "fixture"}, {"user_id", kUserId}, {"folder_id", nullptr}});
  }
  if (has("DELETE /api/v1/flows/"))
    return json_reply(200, {{"message", "Flow deleted successfully"}});
  if (has("POST /api/v1/build/") && has("event_delivery=direct")) {
    return simple_reply(200, "application/x-ndjson", echo_events());
  }
  if (has("POST /api/v1/build/")) return json_reply(200, {{"job_id", kJobId}});
  if (has(std::string("GET /api/v1/build/").append(kJobId).c_str())) {
    return simple_reply(200, "application/x-ndjson", echo_events());
  }
  if (has("GET /api/v1/build/")) return json_reply(404, {{"detail", "Job not found"}});
  return json_reply(404, {{"detail", "Not Found"}});
}

}  // namespace

std::unique_ptr<ScriptedHttpServer> start_scripted_build_target() {
  return std::make_unique<ScriptedHttpServer>(route);
}

}  // namespace lfkit::conformance::testing
