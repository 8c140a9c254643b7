#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "http/multipart.hpp"

namespace lfkit::http {
namespace {

const std::string kBody =
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"file\"; filename=\"notes.txt\"\r\n"
    "Content-Type: text/plain\r\n"
    "\r\n"
    "line1\r\nline2\r\n"
    "--XyZ\r\n"
    "Content-Disposition: form-data; name=\"chunk_size\"\r\n"
    "\r\n"
    "1000\r\n"
    "--XyZ--\r\n";

TEST(Multipart, BoundaryFromContentType) {
  EXPECT_EQ(multipart_boundary("multipart/form-data; boundary=XyZ"), "XyZ");
  EXPECT_EQ(multipart_boundary("Multipart/Form-Data; boundary=\"a b\""), "a b");
  EXPECT_FALSE(multipart_boundary("application/json").has_value());
  EXPECT_FALSE(multipart_boundary("multipart/form-data").has_value());
}

TEST(Multipart, ParsesFileAndFieldParts) {
  auto parts = parse_multipart(kBody, "XyZ");
  ASSERT_TRUE(parts) << parts.error();
  ASSERT_EQ(parts->size(), 2u);
  const auto& file = (*parts)[0];
  EXPECT_EQ(file.name, "file");
  EXPECT_EQ(file.filename, "notes.txt");
  EXPECT_EQ(file.content_type, "text/plain");
  EXPECT_EQ(file.data, "line1\r\nline2");
  const auto* field = find_part(*parts, "chunk_size");
  ASSERT_NE(field, nullptr);
  EXPECT_FALSE(field->filename.has_value());
  EXPECT_EQ(field->data, "1000");
}

TEST(Multipart, PreambleIsSkipped) {
  auto parts = parse_multipart("preamble text\r\n" + kBody, "XyZ");
  ASSERT_TRUE(parts) << parts.error();
  EXPECT_EQ(parts->size(), 2u);
}

TEST(Multipart, RejectsMalformedBodies) {
  EXPECT_FALSE(parse_multipart("no boundary here", "XyZ"));
  EXPECT_FALSE(
      parse_multipart("--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nabc", "XyZ"));
  EXPECT_FALSE(parse_multipart("--XyZ\r\nBroken header\r\n\r\nabc\r\n--XyZ--", "XyZ"));
  EXPECT_FALSE(parse_multipart("--XyZ\r\n\r\nabc\r\n--XyZ--", "XyZ"));
  MultipartLimits one_part{1, 1024};
  EXPECT_FALSE(parse_multipart(kBody, "XyZ", one_part));
}

RC_GTEST_PROP(Multipart, BinaryDataRoundTrips, (const std::string& data)) {
  const std::string boundary = "----lfkitBoundary7MA4YWxkTrZu0gW";
  RC_PRE(data.find("\r\n--" + boundary) == std::string::npos);
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.bin\"\r\n"
                     "Content-Type: application/octet-stream\r\n\r\n" +
                     data + "\r\n--" + boundary + "--\r\n";
  auto parts = parse_multipart(body, boundary);
  RC_ASSERT(parts.has_value());
  RC_ASSERT(parts->size() == 1u);
  RC_ASSERT(std::string((*parts)[0].data) == data);
}

}  // namespace
}  // namespace lfkit::http
