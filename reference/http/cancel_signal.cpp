#include <mutex>
#include <vector>

#include "http/server.hpp"

namespace lfkit::http {

struct CancelSignal::State {
  std::mutex mu;
  bool cancelled = false;
  std::vector<std::function<void()>> callbacks;
};

CancelSignal::CancelSignal() : state_(std::make_shared<State>()) {}

bool CancelSignal::cancelled() const {
  std::lock_guard lock(state_->mu);
  return state_->cancelled;
}

void CancelSignal::on_cancel(std::function<void()> callback) {
  {
    std::lock_guard lock(state_->mu);
    if (!state_->cancelled) {
      state_->callbacks.push_back(std::move(callback));
      return;
    }
  }
  callback();
}

void CancelSignal::cancel() {
  std::vector<std::function<void()>> callbacks;
  {
    std::lock_guard lock(state_->mu);
    if (state_->cancelled) return;
    state_->cancelled = true;
    callbacks.swap(state_->callbacks);
  }
  // Run outside the lock: a callback may query or register on this signal.
  for (auto& cb : callbacks) cb();
}

}  // namespace lfkit::http
