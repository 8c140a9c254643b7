// Per-flow change events that drive the editor's "flow changed" banner: a
// bounded, expiring in-memory queue (upstream keeps the same data in a local
// disk cache with a 60 s TTL; events are transient by design).
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace lfkit::handlers::flows {

struct FlowEvent {
  std::string type;
  double timestamp = 0;  // Unix seconds with sub-second precision
  std::string summary;
};

class FlowEventQueue {
 public:
  static constexpr double kTtlSeconds = 60.0;     // a flow's queue expires after its last append
  static constexpr double kSettleSeconds = 10.0;  // quiet this long means settled
  static constexpr size_t kMaxEventsPerFlow = 1000;

  // `clock` returns Unix seconds; injectable for tests.
  explicit FlowEventQueue(std::function<double()> clock = system_seconds)
      : clock_(std::move(clock)) {}

  FlowEvent append(const std::string& flow_id, std::string type, std::string summary);

  struct Since {
    std::vector<FlowEvent> events;
    bool settled = true;
  };
  // Events newer than `since`; settled when there are none at all, a
  // flow_settled event is among them, or the newest is kSettleSeconds old.
  Since get_since(const std::string& flow_id, double since);

  static double system_seconds();

 private:
  struct Queue {
    std::deque<FlowEvent> events;
    double expires_at = 0;
  };
  void drop_expired(double now);

  std::function<double()> clock_;
  std::mutex mutex_;
  std::map<std::string, Queue> queues_;
};

}  // namespace lfkit::handlers::flows
