#include "fake_exchange.hpp"

#include <atomic>
#include <chrono>

namespace lfkit::fuzz {
namespace {

// Discards chunks; cancellation is observable so producers stop.
class FakeStream : public http::StreamWriter {
 public:
  bool write(std::string) override { return !cancelled_; }
  void finish() override {}
  bool cancelled() const override { return cancelled_; }
  void on_cancel(std::function<void()> callback) override {
    std::function<void()> run_now;
    {
      std::lock_guard lock(mu_);
      if (cancelled_) {
        run_now = std::move(callback);
      } else {
        callbacks_.push_back(std::move(callback));
      }
    }
    if (run_now) run_now();
  }
  void cancel() {
    std::vector<std::function<void()>> callbacks;
    {
      std::lock_guard lock(mu_);
      cancelled_ = true;
      callbacks.swap(callbacks_);
    }
    for (auto& callback : callbacks) callback();
  }

 private:
  std::mutex mu_;
  std::atomic<bool> cancelled_{false};
  std::vector<std::function<void()>> callbacks_;
};

}  // namespace

void FakeExchange::set_status(int status) {
  {
    std::lock_guard lock(mu_);
    status_ = status;
  }
  cv_.notify_all();
}

void FakeExchange::respond(http::Response response) {
  set_status(response.status);
}

std::shared_ptr<http::StreamWriter> FakeExchange::start_stream(int status, http::Headers) {
  auto stream = std::make_shared<FakeStream>();
  {
    std::lock_guard lock(mu_);
    stream_ = stream;
  }
  set_status(status);
  return stream;
}

int FakeExchange::wait_for_status(int seconds) {
  std::unique_lock lock(mu_);
  cv_.wait_for(lock, std::chrono::seconds(seconds), [this] { return status_ != 0; });
  return status_;
}

void FakeExchange::disconnect() {
  std::shared_ptr<http::StreamWriter> stream;
  {
    std::lock_guard lock(mu_);
    stream = stream_;
  }
  if (stream) static_cast<FakeStream&>(*stream).cancel();
}

}  // namespace lfkit::fuzz
