#include <boost/asio/post.hpp>

#include "http/session.hpp"

namespace lfkit::http::detail {

SessionStream::SessionStream(std::weak_ptr<Session> session, net::any_io_executor executor,
                             size_t queue_limit, std::shared_ptr<CancelSignal> cancel)
    : session_(std::move(session)),
      executor_(std::move(executor)),
      queue_limit_(queue_limit),
      cancel_(std::move(cancel)) {}

bool SessionStream::write(std::string chunk) {
  {
    std::unique_lock lock(mu_);
    if (finished_ || stopped_ || cancel_->cancelled()) return false;
    if (chunk.empty()) return true;  // an empty chunk would end the chunked body
    if (in_flight_bytes_ > queue_limit_ && !on_io_thread()) {
      drained_.wait(lock, [&] { return in_flight_bytes_ <= queue_limit_ || stopped_; });
      if (stopped_) return false;
    }
    queue_ += chunk;
    in_flight_bytes_ += chunk.size();
  }
  schedule_pump();
  return true;
}

void SessionStream::finish() {
  {
    std::lock_guard lock(mu_);
    if (finished_) return;
    finished_ = true;
  }
  schedule_pump();
}

void SessionStream::schedule_pump() {
  net::post(executor_, [weak = session_] {
    if (auto s = weak.lock()) s->pump_stream();
  });
}

std::string SessionStream::take_queued(bool& finished) {
  std::lock_guard lock(mu_);
  std::string out;
  out.swap(queue_);
  finished = finished_;
  return out;
}

void SessionStream::written(size_t bytes) {
  {
    std::lock_guard lock(mu_);
    in_flight_bytes_ -= bytes;
  }
  drained_.notify_all();
}

void SessionStream::cancel() {
  {
    // Set under mu_ so a writer between its check and its wait cannot miss it.
    std::lock_guard lock(mu_);
    stopped_ = true;
  }
  drained_.notify_all();
  cancel_->cancel();
}

}  // namespace lfkit::http::detail
