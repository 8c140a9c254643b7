// Flow Events tag: the editor's per-flow change queue (see FlowEventQueue).
#pragma once

#include <memory>

#include "api/auth_services.hpp"
#include "handlers/flows/flow_event_queue.hpp"
#include "lfkit/api/handlers.hpp"

namespace lfkit::handlers::flows {

class FlowEventsHandlers : public api::FloweventsHandlers {
 public:
  explicit FlowEventsHandlers(std::shared_ptr<const api::Services> services)
      : services_(std::move(services)) {}

  void get_flow_events(api::Context& ctx, const api::req::get_flow_events& request) override;
  void create_flow_event(api::Context& ctx, const api::req::create_flow_event& request) override;

 private:
  // Upstream admits the caller's flows and null-owner (example) flows.
  bool visible(const api::Context& ctx, const std::string& flow_id) const;
  std::shared_ptr<const api::Services> services_;
  FlowEventQueue queue_;
};

}  // namespace lfkit::handlers::flows
