// Blocking wrappers over callback-style asynchronous calls: starts the call with a completion
// callback and waits on this thread until it delivers its one result.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
#include <utility>

namespace lfkit {

// `start(done)` must call `done(T)` exactly once, on any thread, before or after it returns.
template <class T, class Start>
T wait_for_callback(Start&& start) {
  std::mutex mutex;
  std::condition_variable ended;
  std::optional<T> result;
  std::forward<Start>(start)([&](T value) {
    std::lock_guard lock(mutex);
    result = std::move(value);
    ended.notify_all();
  });
  std::unique_lock lock(mutex);
  ended.wait(lock, [&] { return result.has_value(); });
  return std::move(*result);
}

}  // namespace lfkit
