#include "auth/secret_box.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "auth/encoding.hpp"

namespace lfkit::auth {
namespace {

TEST(SecretBox, RoundTrips) {
  SecretBox box("server-secret");
  std::string sealed = box.encrypt("sk-openai-123");
  EXPECT_EQ(box.decrypt(sealed).value(), "sk-openai-123");
  EXPECT_EQ(box.decrypt(box.encrypt("")).value(), "");
}

TEST(SecretBox, NonceMakesCiphertextsDiffer) {
  SecretBox box("s");
  EXPECT_NE(box.encrypt("same"), box.encrypt("same"));
}

TEST(SecretBox, TamperIsRejected) {
  SecretBox box("s");
  std::string raw = base64_decode(box.encrypt("value")).value();
  for (size_t i = 0; i < raw.size(); ++i) {
    std::string flipped = raw;
    flipped[i] = static_cast<char>(flipped[i] ^ 0x01);
    auto result = box.decrypt(base64_encode(flipped));
    ASSERT_FALSE(result.has_value()) << "byte " << i;
    EXPECT_EQ(result.error(), DecryptError::rejected);
  }
}

TEST(SecretBox, OtherKeyIsRejected) {
  std::string sealed = SecretBox("a").encrypt("value");
  auto result = SecretBox("b").decrypt(sealed);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error(), DecryptError::rejected);
}

TEST(SecretBox, MalformedInputIsDistinguished) {
  SecretBox box("s");
  for (std::string_view bad : {"", "not base64!", "AAAA"}) {
    auto result = box.decrypt(bad);
    ASSERT_FALSE(result.has_value()) << bad;
    EXPECT_EQ(result.error(), DecryptError::malformed) << bad;
  }
}

RC_GTEST_PROP(SecretBox, AnyPlaintextRoundTrips, (const std::string& plaintext)) {
  static const SecretBox box("property-secret");
  RC_ASSERT(box.decrypt(box.encrypt(plaintext)).value() == plaintext);
}

}  // namespace
}  // namespace lfkit::auth
