#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "common/json_text.hpp"

namespace lfkit {
namespace {

std::string dumped(std::string_view s) {
  return nlohmann::json(s).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string appended(std::string_view s) {
  std::string out = "x";  // appends, never overwrites
  append_json_string(out, s);
  return out.substr(1);
}

TEST(JsonText, EveryByteAloneIsWrittenAsNlohmannDumpsIt) {
  for (int c = 0; c < 256; ++c) {
    const std::string s(1, static_cast<char>(c));
    EXPECT_EQ(appended(s), dumped(s)) << c;
    const std::string framed = "ab" + s + "cd";
    EXPECT_EQ(appended(framed), dumped(framed)) << c;
  }
}

TEST(JsonText, MixedTextIsWrittenAsNlohmannDumpsIt) {
  for (std::string_view s : {"", "plain text", "quote \" and \\ backslash", "tab\tnewline\n",
                             "caf\xc3\xa9", "\xe2\x82\xac euro", "bad \xff utf-8", "\x7f"})
    EXPECT_EQ(appended(s), dumped(s)) << s;
  std::mt19937 rng(7);
  std::uniform_int_distribution<int> byte(0, 255), length(0, 24);
  for (int i = 0; i < 5'000; ++i) {
    std::string s(static_cast<size_t>(length(rng)), '\0');
    for (char& c : s) c = static_cast<char>(rng() % 4 == 0 ? byte(rng) : 'a' + byte(rng) % 26);
    ASSERT_EQ(appended(s), dumped(s)) << i;
  }
}

TEST(JsonText, ObjectWriterSeparatesKeysAndClosesOnScopeExit) {
  std::string out;
  {
    JsonObjectWriter o(out);
    o.key("a").append("1");
    append_json_string(o.key("b"), "two");
  }
  EXPECT_EQ(out, R"({"a":1,"b":"two"})");
}

}  // namespace
}  // namespace lfkit
