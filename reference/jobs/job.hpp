// One /build job: the framed events its run produces, waiting for a consumer
// (a live stream, a poll, or nobody yet), its status and its stop signal.
#pragma once

#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <stop_token>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http/server.hpp"

namespace lfkit::jobs {

class Job : public std::enable_shared_from_this<Job> {
 public:
  enum class Status { running, completed, failed, cancelled };
  using Clock = std::chrono::steady_clock;
  using Batch = std::vector<std::string>;

  Job(std::string id, std::string owner_id, bool is_public, std::string kind = "build")
      : id_(std::move(id)),
        owner_id_(std::move(owner_id)),
        public_(is_public),
        kind_(std::move(kind)) {}

  const std::string& id() const { return id_; }
  const std::string& owner_id() const { return owner_id_; }
  bool is_public() const { return public_; }
  // Which API created the job ("build", "workflow"): each API sees only its own.
  const std::string& kind() const { return kind_; }
  Clock::time_point created_at() const { return created_at_; }

  // --- producer (the run; calls are serialised by the engine) ---
  void push(std::string framed_event);
  void finish(Status status);

  // --- consumers ---
  // Writes every undelivered event, then follows the run live and finishes the
  // writer when the run ends. A client disconnect cancels the job. A newer stream
  // replaces an older one (the old one is finished).
  void attach_stream(std::shared_ptr<http::StreamWriter> writer);
  // Polling: the undelivered events now; at the end of a finished run an `end`
  // event (as upstream re-enqueues one). When nothing is available yet, returns
  // nullopt and calls `waiter` once with the next batch.
  std::optional<Batch> poll(std::function<void(Batch)> waiter);
  // As poll(), without waiting: nullopt when nothing is available.
  std::optional<Batch> take();

  void cancel() { stop_.request_stop(); }
  std::stop_token stop_token() const { return stop_.get_token(); }
  Status status() const;
  bool done() const;
  std::optional<Clock::time_point> finished_at() const;
  // Set by the manager when the run leaves the queue.
  void mark_started() { started_ = true; }
  bool started() const { return started_; }
  // What the job runs on, for status answers (the flow id the caller named).
  void set_label(std::string label);
  std::string label() const;
  // A finished run's response body (v2 workflows keep theirs for status calls).
  void set_result(nlohmann::json result);
  std::optional<nlohmann::json> result() const;

 private:
  const std::string id_;
  const std::string owner_id_;
  const bool public_;
  const std::string kind_;
  std::atomic<bool> started_{false};
  const Clock::time_point created_at_ = Clock::now();
  std::stop_source stop_;

  mutable std::mutex mutex_;
  std::deque<std::string> pending_;
  std::shared_ptr<http::StreamWriter> writer_;
  std::function<void(Batch)> waiter_;
  Status status_ = Status::running;
  std::optional<Clock::time_point> finished_at_;
  std::optional<nlohmann::json> result_;
  std::string label_;
};

}  // namespace lfkit::jobs
