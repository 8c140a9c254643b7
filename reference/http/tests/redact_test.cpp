#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "http/access_log.hpp"
#include "http/redact.hpp"

namespace lfkit::http {
namespace {

TEST(Redact, CredentialQueryParametersAreMasked) {
  EXPECT_EQ(redact_target("/api/v1/run/x?x-api-key=sk-abc&stream=true"),
            "/api/v1/run/x?x-api-key=***&stream=true");
  EXPECT_EQ(redact_target("/a?stream=true&X-API-KEY=sk-abc"), "/a?stream=true&X-API-KEY=***");
  EXPECT_EQ(redact_target("/a?token=t&password=p&api_key=k&refresh_token=r"),
            "/a?token=***&password=***&api_key=***&refresh_token=***");
  EXPECT_EQ(redact_target("/a?tokens=1&flag&=x"), "/a?tokens=1&flag&=x");
  EXPECT_EQ(redact_target("/plain/path"), "/plain/path");
}

TEST(Redact, AccessLogLinesCarryNoKey) {
  AccessLogEntry e;
  e.method = "GET";
  e.target = "/api/v1/users/whoami?x-api-key=sk-0123456789abcdef";
  const std::string line = format_access_log(e);
  EXPECT_EQ(line.find("sk-0123456789abcdef"), std::string::npos) << line;
  EXPECT_NE(line.find(R"("target":"/api/v1/users/whoami?x-api-key=***")"), std::string::npos);
}

TEST(Redact, SecretsInFreeTextAreMasked) {
  EXPECT_EQ(redact_secrets("Incorrect API key provided: sk-proj-0123456789abcdef."),
            "Incorrect API key provided: sk-***.");
  EXPECT_EQ(redact_secrets("Authorization: Bearer abc.def-0123456789"),
            "Authorization: Bearer ***");
  EXPECT_EQ(redact_secrets("token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.sig_nature end"),
            "token *** end");
  EXPECT_EQ(redact_secrets("task-list and sk-short stay"), "task-list and sk-short stay");
  EXPECT_EQ(redact_secrets(""), "");
}

// Whatever surrounds it, a key never survives redaction.
RC_GTEST_PROP(Redact, KeysNeverSurvive, (const std::string& before, const std::string& after)) {
  const std::string key = "sk-" + std::string(20, 'a') + "Z9";
  const std::string out = redact_secrets(before + " " + key + " " + after);
  RC_ASSERT(out.find(key) == std::string::npos);
}

}  // namespace
}  // namespace lfkit::http
