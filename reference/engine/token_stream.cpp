#include "engine/token_stream.hpp"

namespace lfkit::engine {

void TokenStream::push(std::string chunk) {
  OnChunk deliver;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    chunks_.push_back(chunk);
    deliver = on_chunk_;
  }
  // The producer is one thread and pushes in order, so chunks reach the consumer in order.
  if (deliver) deliver(chunk);
}

void TokenStream::close(std::optional<std::string> error) {
  OnEnd end;
  {
    std::lock_guard lock(mutex_);
    if (closed_) return;
    closed_ = true;
    error_ = error;
    end = std::move(on_end_);
    on_chunk_ = nullptr;
  }
  if (end) end(std::move(error));
}

void TokenStream::subscribe(OnChunk on_chunk, OnEnd on_end) {
  std::unique_lock lock(mutex_);
  // Replayed under the lock: a push() waits, so the replay and the live chunks cannot interleave.
  for (const std::string& chunk : chunks_) on_chunk(chunk);
  if (closed_) {
    auto error = error_;
    lock.unlock();
    on_end(std::move(error));
    return;
  }
  on_chunk_ = std::move(on_chunk);
  on_end_ = std::move(on_end);
}

bool TokenStream::closed() const {
  std::lock_guard lock(mutex_);
  return closed_;
}

std::string TokenStream::text() const {
  std::lock_guard lock(mutex_);
  std::string joined;
  for (const std::string& chunk : chunks_) joined += chunk;
  return joined;
}

}  // namespace lfkit::engine
