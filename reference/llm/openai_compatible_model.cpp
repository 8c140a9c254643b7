#include "llm/openai_compatible_model.hpp"

#include <optional>

#include "llm/chat_completion.hpp"
#include "llm/endpoint_url.hpp"
#include "llm/http_post.hpp"
#include "llm/sse_decoder.hpp"

namespace lfkit::llm {
namespace {

constexpr size_t kMaxWholeBody = 16u << 20;  // a non-streamed answer or an error body

// What one call has seen so far; the SSE decoder and the body callback write it.
struct CallState {
  ResponseHead head;
  bool streamed = false;  // text/event-stream: content arrives as deltas
  std::string whole;      // any other body, kept to be parsed at the end
  std::string text;       // the completion so far
  std::optional<std::string> error;
  bool done = false;     // [DONE] seen
  bool stopped = false;  // on_token asked to stop
};

}  // namespace

Expected<std::string, std::string> OpenAiCompatibleModel::complete(
    const engine::LanguageModelRequest& request,
    const std::function<bool(std::string_view chunk)>& on_token) {
  const std::string& base = request.api_base.empty() ? defaults_.api_base : request.api_base;
  if (base.empty()) return stand_in_.complete(request, on_token);
  auto url = parse_endpoint_url(base);
  if (!url) return unexpected(url.error());
  // The server's key goes only to the server's endpoint: a flow that names its own base URL
  // must not be able to send the server's key somewhere else.
  std::string key = request.api_key;
  if (key.empty() && request.api_base.empty()) key = defaults_.api_key;

  PostRequest post_request;
  post_request.target = url->target("/chat/completions");
  post_request.headers = {{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}};
  if (!key.empty()) post_request.headers.emplace_back("Authorization", "Bearer " + key);
  post_request.body =
      chat_request_body(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  post_request.idle_timeout = defaults_.idle_timeout;
  post_request.stop = request.stop;

  CallState call;
  SseDecoder decoder([&](const StreamEvent& event) {
    if (call.error || call.done || call.stopped) return;
    switch (event.kind) {
      case StreamEvent::Kind::delta:
        call.text += event.text;
        if (!on_token(event.text)) call.stopped = true;
        break;
      case StreamEvent::Kind::done:
        call.done = true;
        break;
      case StreamEvent::Kind::error:
        call.error = event.text;
        break;
    }
  });
  auto on_head = [&](const ResponseHead& head) {
    call.head = head;
    call.streamed = head.status == 200 && head.content_type.starts_with("text/event-stream");
  };
  auto on_body = [&](std::string_view piece) {
    if (!call.streamed) {
      if (call.whole.size() + piece.size() > kMaxWholeBody) {
        call.error = "the endpoint's answer is larger than 16 MiB";
        return false;
      }
      call.whole.append(piece);
      return true;
    }
    decoder.feed(piece);
    return !call.error && !call.done && !call.stopped;
  };
  auto exchanged = post(*url, post_request, on_head, on_body);
  const std::string where = "OpenAI-compatible endpoint " + base;
  if (call.stopped || request.stop.stop_requested()) return unexpected(std::string("cancelled"));
  if (!exchanged) return unexpected(where + ": " + exchanged.error());
  if (call.streamed) {
    if (!call.error && !call.done) decoder.finish();
    if (call.error) return unexpected(where + ": " + *call.error);
    return call.text;
  }
  auto body = nlohmann::json::parse(call.whole, nullptr, /*allow_exceptions=*/false);
  if (call.head.status != 200) {
    std::optional<std::string> message = body.is_discarded() ? std::nullopt : error_message(body);
    return unexpected(where + " answered " + std::to_string(call.head.status) +
                      (message ? ": " + *message : std::string()));
  }
  if (call.error) return unexpected(where + ": " + *call.error);
  if (body.is_discarded()) return unexpected(where + ": the answer is not JSON");
  auto text = completion_text(body);
  if (!text) return unexpected(where + ": " + text.error());
  if (!text->empty() && !on_token(*text)) return unexpected(std::string("cancelled"));
  return *text;
}

}  // namespace lfkit::llm
