#include "llm/openai_compatible_model.hpp"

#include <condition_variable>
#include <mutex>
#include <optional>

#include "common/wait_for_callback.hpp"
#include "llm/async_post.hpp"
#include "llm/chat_completion.hpp"
#include "llm/endpoint_url.hpp"
#include "llm/sse_decoder.hpp"

namespace lfkit::llm {
namespace {

constexpr size_t kMaxWholeBody = 16u << 20;  // a non-streamed answer or an error body

// One call's reading of the endpoint's answer: the SSE decoder and the body callback write it,
// result() turns it into the completion or an error naming the endpoint.
class Completion {
 public:
  Completion(std::string base, std::function<bool(std::string_view)> on_token)
      : where_("OpenAI-compatible endpoint " + std::move(base)),
        on_token_(std::move(on_token)),
        decoder_([this](const StreamEvent& event) { on_event(event); }) {}

  void on_head(const ResponseHead& head) {
    head_ = head;
    streamed_ = head.status == 200 && head.content_type.starts_with("text/event-stream");
  }

  bool on_body(std::string_view piece) {
    if (!streamed_) {
      if (whole_.size() + piece.size() > kMaxWholeBody) {
        error_ = "the endpoint's answer is larger than 16 MiB";
        return false;
      }
      whole_.append(piece);
      return true;
    }
    decoder_.feed(piece);
    return !error_ && !done_ && !stopped_;
  }

  engine::CompletionText result(const Expected<void, std::string>& exchanged,
                                const std::stop_token& stop) {
    if (stopped_ || stop.stop_requested()) return unexpected(std::string("cancelled"));
    if (!exchanged) return unexpected(where_ + ": " + exchanged.error());
    if (streamed_) {
      if (!error_ && !done_) decoder_.finish();
      if (error_) return unexpected(where_ + ": " + *error_);
      return text_;
    }
    auto body = nlohmann::json::parse(whole_, nullptr, /*allow_exceptions=*/false);
    if (head_.status != 200) {
      std::optional<std::string> message = body.is_discarded() ? std::nullopt : error_message(body);
      return unexpected(where_ + " answered " + std::to_string(head_.status) +
                        (message ? ": " + *message : std::string()));
    }
    if (error_) return unexpected(where_ + ": " + *error_);
    if (body.is_discarded()) return unexpected(where_ + ": the answer is not JSON");
    auto text = completion_text(body);
    if (!text) return unexpected(where_ + ": " + text.error());
    if (!text->empty() && !on_token_(*text)) return unexpected(std::string("cancelled"));
    return *text;
  }

 private:
  void on_event(const StreamEvent& event) {
    if (error_ || done_ || stopped_) return;
    switch (event.kind) {
      case StreamEvent::Kind::delta:
        text_ += event.text;
        if (!on_token_(event.text)) stopped_ = true;
        break;
      case StreamEvent::Kind::done:
        done_ = true;
        break;
      case StreamEvent::Kind::error:
        error_ = event.text;
        break;
    }
  }

  std::string where_;
  std::function<bool(std::string_view)> on_token_;
  SseDecoder decoder_;
  ResponseHead head_;
  bool streamed_ = false;  // text/event-stream: content arrives as deltas
  std::string whole_;      // any other body, kept to be parsed at the end
  std::string text_;       // the completion so far
  std::optional<std::string> error_;
  bool done_ = false;     // [DONE] seen
  bool stopped_ = false;  // on_token asked to stop
};

}  // namespace

OpenAiCompatibleModel::OpenAiCompatibleModel(ModelEndpointDefaults defaults)
    : defaults_(std::move(defaults)), work_(ioc_.get_executor()) {
  for (size_t i = 0; i < std::max<size_t>(1, defaults_.io_threads); ++i)
    threads_.emplace_back([this] { ioc_.run(); });
}

OpenAiCompatibleModel::~OpenAiCompatibleModel() {
  work_.reset();
  ioc_.stop();  // calls still in flight are dropped with their sockets
  for (auto& t : threads_) t.join();
}

void OpenAiCompatibleModel::complete_async(const engine::LanguageModelRequest& request,
                                           std::function<bool(std::string_view chunk)> on_token,
                                           std::function<void(engine::CompletionText)> done) {
  const std::string& base = request.api_base.empty() ? defaults_.api_base : request.api_base;
  if (base.empty()) return done(stand_in_.complete(request, on_token));
  auto url = parse_endpoint_url(base);
  if (!url) return done(unexpected(url.error()));
  // The server's key goes only to the server's endpoint: a flow that names its own base URL
  // must not be able to send the server's key somewhere else.
  std::string key = request.api_key;
  if (key.empty() && request.api_base.empty()) key = defaults_.api_key;

  PostRequest post;
  post.target = url->target("/chat/completions");
  post.headers = {{"Content-Type", "application/json"}, {"Accept", "text/event-stream"}};
  if (!key.empty()) post.headers.emplace_back("Authorization", "Bearer " + key);
  post.body =
      chat_request_body(request).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  post.idle_timeout = defaults_.idle_timeout;
  post.stop = request.stop;

  auto completion = std::make_shared<Completion>(base, std::move(on_token));
  PostCallbacks callbacks;
  callbacks.on_head = [completion](const ResponseHead& head) { completion->on_head(head); };
  callbacks.on_body = [completion](std::string_view piece) { return completion->on_body(piece); };
  callbacks.on_done = [completion, stop = request.stop,
                       done = std::move(done)](Expected<void, std::string> exchanged) {
    done(completion->result(exchanged, stop));
  };
  async_post(ioc_.get_executor(), *url, std::move(post), std::move(callbacks));
}

engine::CompletionText OpenAiCompatibleModel::complete(
    const engine::LanguageModelRequest& request,
    const std::function<bool(std::string_view chunk)>& on_token) {
  return wait_for_callback<engine::CompletionText>(
      [&](auto done) { complete_async(request, on_token, std::move(done)); });
}

}  // namespace lfkit::llm
