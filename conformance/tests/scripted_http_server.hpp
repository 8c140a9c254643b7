// A 127.0.0.1 HTTP server for tests that answers every request with a
// scripted list of raw byte pieces, sleeping between them, so stream readers
// can be tested against real sockets and real timing.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace lfkit::conformance::testing {

struct Piece {
  std::string bytes;
  std::chrono::milliseconds delay_before{0};
};

struct ScriptedReply {
  std::vector<Piece> pieces;  // raw bytes: status line, headers and body
  bool close_after = false;   // close the connection after the reply
};

// Receives the raw request (headers + body).
using ReplyScript = std::function<ScriptedReply(const std::string& request)>;

class ScriptedHttpServer {
 public:
  explicit ScriptedHttpServer(ReplyScript script);
  ~ScriptedHttpServer();
  unsigned short port() const;
  std::string base_url() const;
  int connections_accepted() const;
  int requests_served() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Helpers for common replies.
std::string http_head(int status, const std::string& content_type,
                      const std::vector<std::string>& extra_headers = {}, bool chunked = false,
                      std::size_t content_length = 0);
std::string chunk(const std::string& data);  // one chunked-encoding chunk
inline constexpr const char* kLastChunk = "0\r\n\r\n";
ScriptedReply simple_reply(int status, const std::string& content_type, const std::string& body,
                           const std::vector<std::string>& extra_headers = {});

}  // namespace lfkit::conformance::testing
