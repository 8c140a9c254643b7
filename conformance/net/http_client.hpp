// Blocking HTTP/1.1 client with strict timeouts (Beast underneath, hidden
// behind a pimpl so callers do not pay for Beast headers).
#pragma once

#include <chrono>
#include <memory>

#include "common/expected.hpp"
#include "conformance/net/base_url.hpp"
#include "conformance/net/chunk_source.hpp"
#include "conformance/net/cookie_jar.hpp"
#include "conformance/net/http_message.hpp"

namespace lfkit::conformance {

struct ClientTimeouts {
  std::chrono::milliseconds connect{3000};
  std::chrono::milliseconds request{15000};  // write + read of one whole exchange
};

// A response whose body is read incrementally; owns its own connection.
class HttpStream : public ChunkSource {
 public:
  virtual int status() const = 0;
  virtual const std::vector<Header>& headers() const = 0;
  std::optional<std::string> header(std::string_view name) const;
};

class HttpClient {
 public:
  HttpClient(BaseUrl base, ClientTimeouts timeouts);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends a request on the keep-alive connection and reads the whole body
  // (gunzipped). Set-Cookie headers update cookies().
  Expected<HttpResponse, NetError> send(const HttpRequest& request);
  // Sends a request on a fresh connection and returns after the headers.
  Expected<std::unique_ptr<HttpStream>, NetError> open_stream(const HttpRequest& request);

  CookieJar& cookies() { return cookies_; }
  const BaseUrl& base() const { return base_; }
  const ClientTimeouts& timeouts() const { return timeouts_; }

 private:
  struct Connection;
  BaseUrl base_;
  ClientTimeouts timeouts_;
  CookieJar cookies_;
  std::unique_ptr<Connection> connection_;
};

}  // namespace lfkit::conformance
