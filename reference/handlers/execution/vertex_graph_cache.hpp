// Upstream's per-flow graph cache for the deprecated per-vertex build routes: the
// prepared graph that retrieve_vertices_order stores under the flow id and that
// build_vertex / build_vertex_stream continue. Bounded (least recently used goes
// first) and idle entries expire, like upstream's in-memory cache service.
#pragma once

#include <chrono>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

#include "engine/vertex_step.hpp"

namespace lfkit::handlers::execution {

// One cached graph. `mutex` serialises builds of the same flow (upstream's
// async_cache_locks[flow_id]); the stepper is only touched under it.
struct CachedGraph {
  CachedGraph(engine::VertexStepper s, std::string run)
      : stepper(std::move(s)), run_id(std::move(run)) {}
  std::mutex mutex;
  engine::VertexStepper stepper;
  std::string run_id;
};

class VertexGraphCache {
 public:
  explicit VertexGraphCache(size_t capacity = 256,
                            std::chrono::seconds idle_ttl = std::chrono::hours(1))
      : capacity_(capacity), idle_ttl_(idle_ttl) {}

  // Replaces whatever was cached for the flow.
  void put(const std::string& flow_id, std::shared_ptr<CachedGraph> graph);
  // Null on a miss (never cached, evicted or expired).
  std::shared_ptr<CachedGraph> find(const std::string& flow_id);
  size_t size();

 private:
  using Clock = std::chrono::steady_clock;
  struct Slot {
    std::shared_ptr<CachedGraph> graph;
    Clock::time_point used;
    std::list<std::string>::iterator position;  // in recency_, newest first
  };
  void drop_expired(Clock::time_point now);  // caller holds mu_

  const size_t capacity_;
  const std::chrono::seconds idle_ttl_;
  std::mutex mu_;
  std::unordered_map<std::string, Slot> slots_;
  std::list<std::string> recency_;
};

}  // namespace lfkit::handlers::execution
