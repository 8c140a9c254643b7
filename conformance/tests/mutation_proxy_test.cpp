// Each proxy fault must be caught by the check or grammar built to catch it;
// the same exchange without the proxy must pass, so the catch is the fault's.
#include "mutation_proxy.hpp"

#include <gtest/gtest.h>

#include "conformance/checks/response_checks.hpp"
#include "conformance/grammar/build_stream_grammar.hpp"
#include "conformance/net/http_client.hpp"
#include "conformance/streams/event_framer.hpp"
#include "scripted_http_server.hpp"

namespace lfkit::conformance::testing {
namespace {
using namespace std::chrono_literals;

HttpResponse fetch(const std::string& base, HttpRequest request) {
  HttpClient client(*parse_base_url(base), {1000ms, 3000ms});
  auto response = client.send(request);
  EXPECT_TRUE(response) << (response ? "" : response.error().message);
  return response ? *response : HttpResponse{};
}

const std::vector<DocumentedResponse> kFlowDocs = {
    {200, "application/json", R"({"type":"object","required":["id","name"]})"}};

ScriptedHttpServer flow_server() {
  return ScriptedHttpServer([](const std::string& request) {
    if (request.find("x-api-key: sk-b") != std::string::npos) {
      return simple_reply(200, "application/json", R"({"id":"f2","name":"b's","user_id":"B"})");
    }
    if (request.find("x-api-key: sk-a") != std::string::npos) {
      return simple_reply(200, "application/json", R"({"id":"f1","name":"a's","user_id":"A"})");
    }
    return simple_reply(403, "application/json", R"({"detail":"Invalid or missing API key"})");
  });
}

TEST(MutationProxy, DroppedRequiredFieldIsCaughtBySchemaCheck) {
  auto upstream = flow_server();
  MutationProxy proxy(upstream.base_url(), Fault::drop("id"));
  SchemaCache schemas;
  const HttpRequest request{"GET", "/api/v1/flows/f1", {{"x-api-key", "sk-a"}}, ""};
  EXPECT_TRUE(check_body_schema(fetch(upstream.base_url(), request), kFlowDocs, schemas).ok);
  EXPECT_FALSE(check_body_schema(fetch(proxy.base_url(), request), kFlowDocs, schemas).ok);
  EXPECT_EQ(proxy.mutations_applied(), 1);
}

TEST(MutationProxy, ChangedStatusIsCaughtByStatusCheck) {
  auto upstream = flow_server();
  MutationProxy proxy(upstream.base_url(), Fault::status(200, 202));
  const HttpRequest request{"GET", "/api/v1/flows/f1", {{"x-api-key", "sk-a"}}, ""};
  EXPECT_TRUE(check_status_documented(fetch(upstream.base_url(), request), kFlowDocs).ok);
  EXPECT_FALSE(check_status_documented(fetch(proxy.base_url(), request), kFlowDocs).ok);
}

TEST(MutationProxy, SkippedAuthCheckIsCaughtByRefusalCheck) {
  auto upstream = flow_server();
  MutationProxy proxy(upstream.base_url(), Fault::skip_auth("x-api-key", "sk-a"));
  const HttpRequest anonymous{"GET", "/api/v1/flows/f1", {}, ""};
  EXPECT_TRUE(check_auth_refusal(fetch(upstream.base_url(), anonymous)).ok);
  EXPECT_FALSE(check_auth_refusal(fetch(proxy.base_url(), anonymous)).ok);
}

TEST(MutationProxy, AnotherUsersObjectIsCaughtByOwnershipComparison) {
  auto upstream = flow_server();
  MutationProxy proxy(upstream.base_url(), Fault::swap("x-api-key", "sk-b", "sk-a"));
  const HttpRequest as_b{"GET", "/api/v1/flows/f2", {{"x-api-key", "sk-b"}}, ""};
  auto owner = [](const HttpResponse& r) {
    return nlohmann::json::parse(r.body, nullptr, false).value("user_id", "");
  };
  EXPECT_EQ(owner(fetch(upstream.base_url(), as_b)), "B");
  EXPECT_EQ(owner(fetch(proxy.base_url(), as_b)), "A");
}

TEST(MutationProxy, ReorderedStreamEventsAreCaughtByBuildGrammar) {
  const std::string body =
      "{\"event\": \"vertices_sorted\", \"data\": {\"ids\": [\"A\"], \"to_run\": [\"A\"]}}\n\n"
      "{\"event\": \"end_vertex\", \"data\": {\"build_data\": {\"id\": \"A\"}}}\n\n"
      "{\"event\": \"end\", \"data\": {}}\n\n";
  ScriptedHttpServer upstream(
      [&](const std::string&) { return simple_reply(200, "application/x-ndjson", body); });
  MutationProxy proxy(upstream.base_url(), Fault::reorder());
  auto violations = [](const HttpResponse& r) {
    EventFramer framer(Framing::ndjson);
    BuildStreamGrammar grammar;
    for (const auto& e : framer.feed(r.body)) grammar.on_event(e);
    for (const auto& e : framer.finish()) grammar.on_event(e);
    grammar.finish();
    return grammar.violations().size();
  };
  const HttpRequest request{"GET", "/api/v1/build/j/events", {}, ""};
  EXPECT_EQ(violations(fetch(upstream.base_url(), request)), 0u);
  EXPECT_GT(violations(fetch(proxy.base_url(), request)), 0u);
}

}  // namespace
}  // namespace lfkit::conformance::testing
