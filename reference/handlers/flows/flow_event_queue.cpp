#include "handlers/flows/flow_event_queue.hpp"

namespace lfkit::handlers::flows {

double FlowEventQueue::system_seconds() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

void FlowEventQueue::drop_expired(double now) {
  for (auto it = queues_.begin(); it != queues_.end();) {
    it = it->second.expires_at <= now ? queues_.erase(it) : std::next(it);
  }
}

FlowEvent FlowEventQueue::append(const std::string& flow_id, std::string type,
                                 std::string summary) {
  std::lock_guard lock(mutex_);
  double now = clock_();
  drop_expired(now);
  FlowEvent event{std::move(type), now, std::move(summary)};
  auto& queue = queues_[flow_id];
  queue.events.push_back(event);
  while (queue.events.size() > kMaxEventsPerFlow) queue.events.pop_front();
  queue.expires_at = now + kTtlSeconds;
  return event;
}

FlowEventQueue::Since FlowEventQueue::get_since(const std::string& flow_id, double since) {
  std::lock_guard lock(mutex_);
  double now = clock_();
  drop_expired(now);
  Since result;
  auto it = queues_.find(flow_id);
  if (it == queues_.end() || it->second.events.empty()) return result;
  bool settled_event = false;
  for (const auto& e : it->second.events) {
    if (e.timestamp > since) {
      result.events.push_back(e);
      settled_event = settled_event || e.type == "flow_settled";
    }
  }
  result.settled = settled_event || now - it->second.events.back().timestamp >= kSettleSeconds;
  return result;
}

}  // namespace lfkit::handlers::flows
