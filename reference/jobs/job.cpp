#include "jobs/job.hpp"

#include <nlohmann/json.hpp>

#include "jobs/event_framing.hpp"

namespace lfkit::jobs {

void Job::push(std::string framed_event) {
  std::shared_ptr<http::StreamWriter> writer;
  std::function<void(Batch)> waiter;
  {
    std::lock_guard lock(mutex_);
    if (writer_ && !writer_->cancelled()) {
      writer = writer_;
    } else if (waiter_) {
      waiter = std::move(waiter_);
      waiter_ = nullptr;
    } else {
      pending_.push_back(std::move(framed_event));
      return;
    }
  }
  // Outside the lock: a stream write may wait for the client (backpressure).
  if (writer) {
    writer->write(std::move(framed_event));
  } else {
    waiter(Batch{std::move(framed_event)});
  }
}

void Job::finish(Status status) {
  std::shared_ptr<http::StreamWriter> writer;
  std::function<void(Batch)> waiter;
  {
    std::lock_guard lock(mutex_);
    if (finished_at_) return;
    status_ = status;
    finished_at_ = Clock::now();
    writer = std::move(writer_);
    writer_.reset();
    waiter = std::move(waiter_);
    waiter_ = nullptr;
  }
  if (writer) writer->finish();
  if (waiter) waiter(Batch{frame_event("end", nlohmann::json::object())});
}

void Job::attach_stream(std::shared_ptr<http::StreamWriter> writer) {
  std::shared_ptr<http::StreamWriter> replaced;
  bool finished = false;
  {
    std::lock_guard lock(mutex_);
    // Called on an I/O thread, where write() never blocks: the backlog goes out
    // in order before any live event can.
    while (!pending_.empty()) {
      writer->write(std::move(pending_.front()));
      pending_.pop_front();
    }
    finished = finished_at_.has_value();
    if (!finished) {
      replaced = std::move(writer_);
      writer_ = writer;
    }
  }
  if (replaced) replaced->finish();
  if (finished) {
    writer->finish();
    return;
  }
  std::weak_ptr<Job> weak = weak_from_this();
  writer->on_cancel([weak] {
    if (auto job = weak.lock(); job && !job->done()) job->cancel();
  });
}

std::optional<Job::Batch> Job::poll(std::function<void(Batch)> waiter) {
  if (auto batch = take()) return batch;
  std::lock_guard lock(mutex_);
  // Re-check under the lock that registers the waiter, so no event slips between.
  if (!pending_.empty() || finished_at_) {
    Batch batch(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
    pending_.clear();
    if (batch.empty()) batch.push_back(frame_event("end", nlohmann::json::object()));
    return batch;
  }
  waiter_ = std::move(waiter);
  return std::nullopt;
}

std::optional<Job::Batch> Job::take() {
  std::lock_guard lock(mutex_);
  if (!pending_.empty()) {
    Batch batch(std::make_move_iterator(pending_.begin()), std::make_move_iterator(pending_.end()));
    pending_.clear();
    return batch;
  }
  if (finished_at_) return Batch{frame_event("end", nlohmann::json::object())};
  return std::nullopt;
}

void Job::set_label(std::string label) {
  std::lock_guard lock(mutex_);
  label_ = std::move(label);
}

std::string Job::label() const {
  std::lock_guard lock(mutex_);
  return label_;
}

void Job::set_result(nlohmann::json result) {
  std::lock_guard lock(mutex_);
  result_ = std::move(result);
}

std::optional<nlohmann::json> Job::result() const {
  std::lock_guard lock(mutex_);
  return result_;
}

Job::Status Job::status() const {
  std::lock_guard lock(mutex_);
  return status_;
}

bool Job::done() const {
  std::lock_guard lock(mutex_);
  return finished_at_.has_value();
}

std::optional<Job::Clock::time_point> Job::finished_at() const {
  std::lock_guard lock(mutex_);
  return finished_at_;
}

}  // namespace lfkit::jobs
