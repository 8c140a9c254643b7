#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "fake_openai_server.hpp"
#include "llm/sse_decoder.hpp"

namespace lfkit::llm {
namespace {

using testing::sse_delta;

// Everything a decoder made of `pieces` reports, as "delta:<text>", "done" or "error:<text>".
std::vector<std::string> decode(const std::vector<std::string>& pieces) {
  std::vector<std::string> seen;
  SseDecoder decoder([&](const StreamEvent& e) {
    switch (e.kind) {
      case StreamEvent::Kind::delta:
        seen.push_back("delta:" + e.text);
        break;
      case StreamEvent::Kind::done:
        seen.push_back("done");
        break;
      case StreamEvent::Kind::error:
        seen.push_back("error:" + e.text);
        break;
    }
  });
  for (const auto& piece : pieces) decoder.feed(piece);
  decoder.finish();
  return seen;
}

TEST(SseDecoder, DeltasThenDone) {
  auto seen = decode({sse_delta("Hel") + sse_delta("lo") + "data: [DONE]\n\n"});
  EXPECT_EQ(seen, (std::vector<std::string>{"delta:Hel", "delta:lo", "done"}));
}

TEST(SseDecoder, CrLfCommentsAndOtherFieldsAreTolerated) {
  auto seen = decode({": keep-alive\r\n\r\nevent: chunk\r\nid: 7\r\n",
                      "data: {\"choices\":[{\"delta\":{\"content\":\"a\"}}]}\r\n\r\n",
                      "data: [DONE]\r\n\r\n"});
  EXPECT_EQ(seen, (std::vector<std::string>{"delta:a", "done"}));
}

TEST(SseDecoder, EmptyDeltasAndRoleOnlyChunksProduceNothing) {
  auto seen = decode({"data: {\"choices\":[{\"delta\":{\"role\":\"assistant\"}}]}\n\n",
                      "data: {\"choices\":[{\"delta\":{\"content\":\"\"}}]}\n\n",
                      "data: {\"choices\":[]}\n\n"});
  EXPECT_TRUE(seen.empty());
}

TEST(SseDecoder, DataLinesOfOneEventAreJoined) {
  auto seen = decode({"data: {\"choices\":\ndata: [{\"delta\":{\"content\":\"x\"}}]}\n\n"});
  EXPECT_EQ(seen, (std::vector<std::string>{"delta:x"}));
}

TEST(SseDecoder, ErrorObjectsAndNonJsonAreErrors) {
  auto seen = decode({"data: {\"error\":{\"message\":\"rate limited\"}}\n\n", "data: oops\n\n"});
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0], "error:rate limited");
  EXPECT_EQ(seen[1].rfind("error:", 0), 0u);
}

TEST(SseDecoder, ALastEventWithoutItsBlankLineCountsAtTheEnd) {
  EXPECT_EQ(decode({"data: [DONE]"}), (std::vector<std::string>{"done"}));
}

// However the body is cut into reads, the decoder reports the same events.
RC_GTEST_PROP(SseDecoderProperty, AnySplitOfAStreamGivesTheSameEvents, ()) {
  // ASCII (control characters, quotes, colons and newlines included): JSON escapes what
  // would break a line, which is what the decoder must get right.
  const auto ascii = rc::gen::map(rc::gen::inRange(0, 128), [](int c) { return char(c); });
  const auto contents = *rc::gen::container<std::vector<std::string>>(
      rc::gen::nonEmpty(rc::gen::container<std::string>(ascii)));
  const bool crlf = *rc::gen::arbitrary<bool>();
  std::string body;
  for (const auto& c : contents) body += sse_delta(c);
  body += "data: [DONE]\n\n";
  if (crlf) {
    std::string converted;
    for (char ch : body) converted += ch == '\n' ? std::string("\r\n") : std::string(1, ch);
    body = converted;
  }
  std::vector<std::string> expected;
  for (const auto& c : contents) expected.push_back("delta:" + c);
  expected.push_back("done");
  RC_ASSERT(decode({body}) == expected);

  std::vector<std::string> pieces;
  size_t at = 0;
  while (at < body.size()) {
    const size_t n = *rc::gen::inRange<size_t>(1, body.size() - at + 1);
    pieces.push_back(body.substr(at, n));
    at += n;
  }
  RC_ASSERT(decode(pieces) == expected);
}

}  // namespace
}  // namespace lfkit::llm
