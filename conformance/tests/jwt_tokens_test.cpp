#include "conformance/suites/jwt_tokens.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(JwtTokens, Base64UrlHasNoPadding) {
  EXPECT_EQ(base64url("f"), "Zg");
  EXPECT_EQ(base64url("fo"), "Zm8");
  EXPECT_EQ(base64url("foo"), "Zm9v");
  EXPECT_EQ(base64url("\xfb\xff"), "-_8");
}

TEST(JwtTokens, SignsHs256LikeOtherImplementations) {
  // Expected value computed independently (Python hmac + base64).
  const nlohmann::json claims = {{"sub", "u"}, {"type", "access"}, {"exp", 100}};
  EXPECT_EQ(sign_hs256(claims, "secret"),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
            "eyJleHAiOjEwMCwic3ViIjoidSIsInR5cGUiOiJhY2Nlc3MifQ."
            "hYacB3H5LGzjG0Xpd7DQ-dfdRI_DWLpFWPngday8JfM");
}

TEST(JwtTokens, TamperingChangesOnlyTheSignature) {
  const std::string token = sign_hs256({{"sub", "u"}}, "k");
  const std::string tampered = tamper_signature(token);
  ASSERT_NE(tampered, token);
  EXPECT_EQ(tampered.substr(0, tampered.rfind('.')), token.substr(0, token.rfind('.')));
  EXPECT_EQ(tampered.size(), token.size());
}

TEST(JwtTokens, UnsignedTokenHasAlgNoneAndEmptySignature) {
  const auto token = unsigned_token({{"sub", "u"}});
  EXPECT_EQ(token.substr(0, token.find('.')), base64url(R"({"alg":"none","typ":"JWT"})"));
  EXPECT_EQ(token.back(), '.');
}

}  // namespace
}  // namespace lfkit::conformance
