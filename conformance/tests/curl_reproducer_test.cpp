#include "conformance/report/curl_reproducer.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(CurlReproducer, QuotesForPosixShells) {
  EXPECT_EQ(shell_quote("plain-word"), "plain-word");
  EXPECT_EQ(shell_quote("two words"), "'two words'");
  EXPECT_EQ(shell_quote("it's"), "'it'\\''s'");
  EXPECT_EQ(shell_quote(""), "''");
  EXPECT_EQ(shell_quote("a\nb"), "$'a\\nb'");
  EXPECT_EQ(shell_quote(std::string("x\0y", 3)), "$'x\\x00y'");
}

TEST(CurlReproducer, BuildsTheWholeCommand) {
  HttpRequest req{"POST", "/api/v1/flows/", {{"x-api-key", "sk-1"}}, R"({"name":"it's"})"};
  EXPECT_EQ(curl_command("http://127.0.0.1:7860/", req),
            "curl -sS -i -X POST -H 'x-api-key: REDACTED' --data-binary '{\"name\":\"it'\\''s\"}' "
            "http://127.0.0.1:7860/api/v1/flows/");
}

TEST(CurlReproducer, QuotesQueryStrings) {
  HttpRequest req{"GET", "/api/v1/flows/?get_all=true&x=1", {}, ""};
  EXPECT_EQ(curl_command("http://h:1", req),
            "curl -sS -i -X GET 'http://h:1/api/v1/flows/?get_all=true&x=1'");
}

TEST(CurlReproducer, RedactsCredentials) {
  HttpRequest req{"GET",
                  "/api/v1/users/whoami?a=1&x-api-key=sk-secret&b=2",
                  {{"Authorization", "Bearer eyJsecret"}, {"Cookie", "access_token_lf=secret"}},
                  ""};
  const auto command = curl_command("http://h:1", req);
  EXPECT_EQ(command.find("secret"), std::string::npos) << command;
  EXPECT_NE(command.find("Authorization: Bearer REDACTED"), std::string::npos) << command;
  EXPECT_NE(command.find("x-api-key=REDACTED&b=2"), std::string::npos) << command;
}

}  // namespace
}  // namespace lfkit::conformance
