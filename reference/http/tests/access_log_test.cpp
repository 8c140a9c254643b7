#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/access_log.hpp"

namespace lfkit::http {
namespace {

TEST(AccessLog, LineIsOneJsonObjectWithEveryField) {
  AccessLogEntry e{"GET", "/api/v1/flows/?q=\"x\"\\\n\xff", 404, 22, 1500, "127.0.0.1"};
  std::string line = format_access_log(e);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto j = nlohmann::json::parse(line);
  EXPECT_EQ(j["method"], "GET");
  EXPECT_EQ(j["target"], "/api/v1/flows/?q=\"x\"\\\n\xEF\xBF\xBD");  // bad byte -> U+FFFD
  EXPECT_EQ(j["status"], 404);
  EXPECT_EQ(j["bytes"], 22);
  EXPECT_EQ(j["duration_us"], 1500);
  EXPECT_EQ(j["remote"], "127.0.0.1");
  EXPECT_TRUE(j["ts"].get<std::string>().ends_with("+00:00"));
  EXPECT_EQ(j.size(), 7u);
}

}  // namespace
}  // namespace lfkit::http
