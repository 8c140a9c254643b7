// The chunks of a model answer that are still arriving: a streamed model call hands this to
// the Chat Output it feeds as soon as the first chunk is there, and the Chat Output forwards
// each chunk as a token event the moment the model's I/O thread pushes it.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lfkit::engine {

class TokenStream {
 public:
  using OnChunk = std::function<void(std::string_view chunk)>;
  using OnEnd = std::function<void(std::optional<std::string> error)>;

  // Producer (one thread at a time): a chunk, then close() once, with the call's error if any.
  void push(std::string chunk);
  void close(std::optional<std::string> error = std::nullopt);

  // Consumer (once): on_chunk for every chunk in order, first those already here (on this
  // thread), then each as it is pushed (on the producer's thread); on_end once after the last.
  void subscribe(OnChunk on_chunk, OnEnd on_end);

  bool closed() const;
  std::string text() const;  // the chunks so far, joined

 private:
  mutable std::mutex mutex_;
  std::vector<std::string> chunks_;
  bool closed_ = false;
  std::optional<std::string> error_;
  OnChunk on_chunk_;
  OnEnd on_end_;
};

}  // namespace lfkit::engine
