#include "conformance/net/request_bodies.hpp"

#include <gtest/gtest.h>

namespace lfkit::conformance {
namespace {

TEST(RequestBodies, FormEncodesReservedCharacters) {
  EXPECT_EQ(form_urlencoded({{"username", "a b"}, {"password", "p&=ü"}}),
            "username=a%20b&password=p%26%3D%C3%BC");
}

TEST(RequestBodies, MultipartCarriesFileNameAndType) {
  auto body = multipart_form_data({{"file", "a.txt", "text/plain", "hello"}}, "B");
  EXPECT_EQ(body.content_type, "multipart/form-data; boundary=B");
  EXPECT_EQ(body.body,
            "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
            "Content-Type: text/plain\r\n\r\nhello\r\n--B--\r\n");
}

}  // namespace
}  // namespace lfkit::conformance
