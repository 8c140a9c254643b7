#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "http/params.hpp"

namespace lfkit::http {
namespace {

TEST(Params, QueryKeepsOrderRepeatsAndBlanks) {
  Params p = parse_query("provider=a&provider=b&empty=&flag&&x=1");
  ASSERT_EQ(p.size(), 5u);
  EXPECT_EQ(all_params(p, "provider"), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(first_param(p, "empty"), "");
  EXPECT_EQ(first_param(p, "flag"), "");
  EXPECT_EQ(first_param(p, "x"), "1");
  EXPECT_FALSE(first_param(p, "missing").has_value());
}

TEST(Params, DecodesPlusAndPercent) {
  Params p = parse_query("q=hello+world%21&n%61me=%E2%9C%93");
  EXPECT_EQ(first_param(p, "q"), "hello world!");
  EXPECT_EQ(first_param(p, "name"), "\xE2\x9C\x93");
}

TEST(Params, MalformedEscapesStayLiteral) {
  EXPECT_EQ(percent_decode("100%", false), "100%");
  EXPECT_EQ(percent_decode("%zz%4", false), "%zz%4");
  EXPECT_EQ(percent_decode("a+b", false), "a+b");
}

TEST(Params, FormBodyLikeOAuth2PasswordForm) {
  Params p = parse_form_urlencoded("username=langflow&password=p%40ss+word&grant_type=password");
  EXPECT_EQ(first_param(p, "username"), "langflow");
  EXPECT_EQ(first_param(p, "password"), "p@ss word");
}

TEST(Params, HeaderValueParameters) {
  HeaderValue hv =
      parse_header_value("form-data; name=\"file\"; filename=\"a \\\"b\\\".txt\"; Size=12");
  EXPECT_EQ(hv.value, "form-data");
  EXPECT_EQ(first_param(hv.params, "name"), "file");
  EXPECT_EQ(first_param(hv.params, "filename"), "a \"b\".txt");
  EXPECT_EQ(first_param(hv.params, "size"), "12");
}

RC_GTEST_PROP(Params, EncodeThenDecodeRoundTrips, (const std::string& text)) {
  RC_ASSERT(percent_decode(percent_encode(text), true) == text);
  Params p = parse_query("k=" + percent_encode(text));
  RC_ASSERT(first_param(p, "k") == text);
}

}  // namespace
}  // namespace lfkit::http
