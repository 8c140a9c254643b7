#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "http/gzip.hpp"

namespace lfkit::http {
namespace {

RC_GTEST_PROP(Gzip, RoundTrips, (const std::string& data)) {
  std::string packed = gzip_compress(data);
  RC_ASSERT(packed.size() >= 18u);  // gzip header + trailer
  RC_ASSERT(static_cast<unsigned char>(packed[0]) == 0x1f);
  RC_ASSERT(static_cast<unsigned char>(packed[1]) == 0x8b);
  auto unpacked = gzip_decompress(packed);
  RC_ASSERT(unpacked.has_value());
  RC_ASSERT(*unpacked == data);
}

TEST(Gzip, CorruptOrTruncatedInputFails) {
  std::string packed = gzip_compress(std::string(1000, 'a'));
  EXPECT_FALSE(gzip_decompress("not gzip at all"));
  EXPECT_FALSE(gzip_decompress(packed.substr(0, packed.size() / 2)));
}

TEST(Gzip, OutputLimitIsEnforced) {
  std::string packed = gzip_compress(std::string(100000, 'a'));
  EXPECT_FALSE(gzip_decompress(packed, 1000));
}

TEST(Gzip, AcceptEncoding) {
  EXPECT_TRUE(accepts_gzip("gzip, deflate, br"));
  EXPECT_TRUE(accepts_gzip("br;q=1.0, GZIP;q=0.5"));
  EXPECT_TRUE(accepts_gzip("*"));
  EXPECT_FALSE(accepts_gzip("gzip;q=0"));
  EXPECT_FALSE(accepts_gzip("identity"));
  EXPECT_FALSE(accepts_gzip(""));
}

TEST(Gzip, JsonResponseHasLangflowHeaders) {
  Response r = gzip_json_response(200, R"([{"id":1}])");
  EXPECT_EQ(r.headers.find("Content-Encoding"), "gzip");
  EXPECT_EQ(r.headers.find("Vary"), "Accept-Encoding");
  EXPECT_EQ(r.headers.find("content-type"), "application/json");
  EXPECT_EQ(gzip_decompress(r.body).value(), R"([{"id":1}])");
}

TEST(Gzip, IfAcceptedOnlyCompressesForGzipClients) {
  Response plain = json_response(200, "{}");
  gzip_if_accepted(plain, "identity");
  EXPECT_EQ(plain.body, "{}");
  EXPECT_FALSE(plain.headers.contains("Content-Encoding"));
  Response packed = json_response(200, "{}");
  gzip_if_accepted(packed, "gzip");
  EXPECT_EQ(packed.headers.find("Content-Encoding"), "gzip");
  EXPECT_EQ(gzip_decompress(packed.body).value(), "{}");
}

}  // namespace
}  // namespace lfkit::http
