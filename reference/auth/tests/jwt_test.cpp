#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

using namespace std::chrono_literals;

const SystemTime kNow = SystemTime(std::chrono::seconds(1'700'000'000));

TEST(Jwt, RoundTripsClaims) {
  JwtCodec codec("secret");
  std::string token = codec.issue("user-1", kAccessToken, 3600s, kNow);
  auto claims = codec.verify(token, kAccessToken, kNow);
  ASSERT_TRUE(claims.has_value());
  EXPECT_EQ(claims->subject, "user-1");
  EXPECT_EQ(claims->type, "access");
  EXPECT_EQ(claims->expires_at, 1'700'003'600);
}

TEST(Jwt, MatchesIndependentHs256Signature) {
  // Reference value computed outside this code base with Python's hmac/hashlib.
  JwtCodec codec("k");
  EXPECT_EQ(codec.sign({"u", "access", 1}),
            "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJleHAiOjEsInN1YiI6InUiLCJ0eXBlIjoiYWNjZXNzIn0."
            "7W5hGvI_C_a0UzPKoSnmfMk2iiqcJBYEcO5aOZhF-N8");
}

TEST(Jwt, ExpiredTokenIsDistinguished) {
  JwtCodec codec("secret");
  std::string token = codec.issue("u", kAccessToken, 10s, kNow);
  auto result = codec.verify(token, kAccessToken, kNow + 11s);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), JwtError::expired);
}

TEST(Jwt, WrongTypeIsDistinguished) {
  JwtCodec codec("secret");
  std::string refresh = codec.issue("u", kRefreshToken, 100s, kNow);
  auto result = codec.verify(refresh, kAccessToken, kNow);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), JwtError::wrong_type);
  EXPECT_TRUE(codec.verify(refresh, kRefreshToken, kNow).has_value());
}

TEST(Jwt, OtherSecretIsInvalid) {
  std::string token = JwtCodec("one").issue("u", kAccessToken, 100s, kNow);
  auto result = JwtCodec("two").verify(token, kAccessToken, kNow);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), JwtError::invalid);
}

TEST(Jwt, TamperedPayloadIsInvalid) {
  JwtCodec codec("secret");
  std::string token = codec.issue("alice", kAccessToken, 100s, kNow);
  size_t a = token.find('.');
  size_t b = token.rfind('.');
  std::string forged_payload =
      base64url_encode(R"({"sub":"admin","type":"access","exp":9999999999})");
  std::string forged = token.substr(0, a + 1) + forged_payload + token.substr(b);
  auto result = codec.verify(forged, kAccessToken, kNow);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), JwtError::invalid);
}

TEST(Jwt, MalformedInputsAreInvalid) {
  JwtCodec codec("secret");
  for (std::string_view bad : {"", "abc", "a.b", "a.b.c.d", "....", "!!.??.**"}) {
    auto result = codec.verify(bad, kAccessToken, kNow);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error(), JwtError::invalid) << bad;
  }
}

TEST(Jwt, AlgNoneIsRejected) {
  JwtCodec codec("secret");
  std::string header = base64url_encode(R"({"alg":"none","typ":"JWT"})");
  std::string payload = base64url_encode(R"({"sub":"u","type":"access","exp":9999999999})");
  auto result = codec.verify(header + "." + payload + ".", kAccessToken, kNow);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), JwtError::invalid);
}

}  // namespace
}  // namespace lfkit::auth
