#include "conformance/net/http_client.hpp"

#include <gtest/gtest.h>

#include "conformance/net/gzip.hpp"
#include "scripted_http_server.hpp"

namespace lfkit::conformance {
namespace {
using namespace std::chrono_literals;
using testing::ScriptedHttpServer;

HttpClient client_for(const ScriptedHttpServer& server,
                      std::chrono::milliseconds timeout = 2000ms) {
  return HttpClient(*parse_base_url(server.base_url()), {1000ms, timeout});
}

TEST(HttpClient, ReusesKeepAliveConnection) {
  ScriptedHttpServer server([](const std::string&) {
    return testing::simple_reply(200, "application/json", "{\"ok\":true}");
  });
  auto client = client_for(server);
  for (int i = 0; i < 3; ++i) {
    auto r = client.send({"GET", "/health", {}, ""});
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->media_type(), "application/json");
  }
  EXPECT_EQ(server.connections_accepted(), 1);
}

TEST(HttpClient, ReconnectsWhenServerClosedTheConnection) {
  ScriptedHttpServer server([](const std::string&) {
    auto reply = testing::simple_reply(200, "text/plain", "x");
    reply.close_after = true;
    return reply;
  });
  auto client = client_for(server);
  ASSERT_TRUE(client.send({"GET", "/a", {}, ""}));
  auto second = client.send({"GET", "/b", {}, ""});
  ASSERT_TRUE(second) << second.error().message;
  EXPECT_EQ(server.connections_accepted(), 2);
}

TEST(HttpClient, DecodesGzipAndStoresCookies) {
  const std::string packed = gzip("[1,2,3]");
  ScriptedHttpServer server([&](const std::string&) {
    return testing::simple_reply(200, "application/json", packed,
                                 {"Content-Encoding: gzip", "Set-Cookie: client_id=c1; Path=/"});
  });
  auto client = client_for(server);
  auto r = client.send({"GET", "/api/v1/flows/?get_all=true", {}, ""});
  ASSERT_TRUE(r);
  EXPECT_TRUE(r->was_gzipped);
  EXPECT_EQ(r->body, "[1,2,3]");
  EXPECT_EQ(client.cookies().get("client_id").value_or(""), "c1");
}

TEST(HttpClient, SendsBodyAndPrefix) {
  std::string seen;
  ScriptedHttpServer server([&](const std::string& request) {
    seen = request;
    return testing::simple_reply(201, "application/json", "{}");
  });
  HttpClient client(*parse_base_url(server.base_url() + "/base"), {1000ms, 2000ms});
  HttpRequest req{"POST", "/api/v1/flows/", {{"x-api-key", "k"}}, "{\"name\":\"f\"}"};
  auto r = client.send(req);
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 201);
  EXPECT_NE(seen.find("POST /base/api/v1/flows/ HTTP/1.1"), std::string::npos);
  EXPECT_NE(seen.find("x-api-key: k"), std::string::npos);
  EXPECT_NE(seen.find("{\"name\":\"f\"}"), std::string::npos);
}

TEST(HttpClient, TimesOutOnASilentServer) {
  ScriptedHttpServer server([](const std::string&) {
    return testing::ScriptedReply{{{"HTTP/1.1 200 OK\r\n", 0ms}, {"", 1500ms}}, true};
  });
  auto client = client_for(server, 200ms);
  const auto start = std::chrono::steady_clock::now();
  auto r = client.send({"GET", "/slow", {}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, NetErrorKind::timeout);
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1200ms);
}

TEST(HttpClient, ReportsConnectFailure) {
  unsigned short dead_port = 0;
  {
    ScriptedHttpServer server([](const std::string&) { return testing::ScriptedReply{}; });
    dead_port = server.port();
  }
  HttpClient client(*parse_base_url("http://127.0.0.1:" + std::to_string(dead_port)),
                    {500ms, 500ms});
  auto r = client.send({"GET", "/health", {}, ""});
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, NetErrorKind::connect);
}

}  // namespace
}  // namespace lfkit::conformance
