#include "conformance/checks/response_checks.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

HttpResponse response(int status, std::string body, std::vector<Header> headers = {}) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  if (!r.header("Content-Type")) r.headers.push_back({"Content-Type", "application/json"});
  return r;
}

const std::vector<DocumentedResponse> kDocs = {
    {200, "application/json", R"({"type":"object","required":["id"]})"},
    {422, "application/json", ""}};

TEST(ResponseChecks, StatusDocumented) {
  EXPECT_TRUE(check_status_documented(response(200, "{}"), kDocs).ok);
  auto bad = check_status_documented(response(201, "{}"), kDocs);
  EXPECT_FALSE(bad.ok);
  EXPECT_EQ(bad.expected, "status in {200, 422}");
  const std::vector<DocumentedResponse> with_default = {{0, "application/json", ""}};
  EXPECT_TRUE(check_status_documented(response(418, "{}"), with_default).ok);
}

TEST(ResponseChecks, BodySchema) {
  SchemaCache cache;
  EXPECT_TRUE(check_body_schema(response(200, R"({"id":"a"})"), kDocs, cache).ok);
  EXPECT_FALSE(check_body_schema(response(200, R"({"name":"a"})"), kDocs, cache).ok);
  EXPECT_FALSE(check_body_schema(response(200, "<html>"), kDocs, cache).ok);
}

TEST(ResponseChecks, ContentType) {
  EXPECT_TRUE(check_content_type(response(200, "{}"), kDocs).ok);
  EXPECT_FALSE(
      check_content_type(response(200, "x", {{"Content-Type", "text/html; charset=utf-8"}}), kDocs)
          .ok);
}

TEST(ResponseChecks, NoServerError) {
  EXPECT_TRUE(check_no_server_error(response(404, "{}")).ok);
  EXPECT_FALSE(check_no_server_error(response(500, "{}")).ok);
}

TEST(ResponseChecks, ErrorShape) {
  EXPECT_TRUE(check_error_shape(response(404, R"({"detail":"Flow not found"})")).ok);
  EXPECT_FALSE(check_error_shape(response(404, R"({"message":"x"})")).ok);
  EXPECT_TRUE(
      check_error_shape(
          response(
              422,
              R"({"detail":[{"type":"missing","loc":["body","name"],"msg":"Field required","input":{}}]})"))
          .ok);
  EXPECT_TRUE(check_error_shape(response(422, R"({"detail":"Endpoint name must ..."})")).ok);
  EXPECT_FALSE(check_error_shape(response(422, R"({"detail":[{"loc":["body"]}]})")).ok);
  EXPECT_FALSE(check_error_shape(response(422, R"({"detail":[]})")).ok);
}

TEST(ResponseChecks, AuthRefusal) {
  EXPECT_TRUE(check_auth_refusal(response(401, R"({"detail":"Could not validate credentials"})",
                                          {{"WWW-Authenticate", "Bearer"}}))
                  .ok);
  EXPECT_FALSE(check_auth_refusal(response(401, R"({"detail":"x"})")).ok);
  EXPECT_TRUE(check_auth_refusal(response(403, R"({"detail":"Invalid or missing API key"})")).ok);
  EXPECT_FALSE(check_auth_refusal(response(200, "{}")).ok);
  EXPECT_FALSE(check_auth_refusal(response(403, R"({"detail":{"a":1}})")).ok);
}

}  // namespace
}  // namespace lfkit::conformance
