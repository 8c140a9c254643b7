#include "handlers/flows/flow_events_handlers.hpp"

#include "api/context.hpp"

namespace lfkit::handlers::flows {
namespace {

nlohmann::json event_json(const FlowEvent& e) {
  return {{"type", e.type}, {"timestamp", e.timestamp}, {"summary", e.summary}};
}

}  // namespace

bool FlowEventsHandlers::visible(const api::Context& ctx, const std::string& flow_id) const {
  auto flow = services_->store->get_flow_unscoped(flow_id);
  return flow && (!flow->user_id || *flow->user_id == ctx.caller()->user_id);
}

void FlowEventsHandlers::get_flow_events(api::Context& ctx,
                                         const api::req::get_flow_events& request) {
  if (!visible(ctx, request.flow_id)) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  auto since = queue_.get_since(request.flow_id, request.since);
  nlohmann::json events = nlohmann::json::array();
  for (const auto& e : since.events) events.push_back(event_json(e));
  ctx.respond_json(200, {{"events", events}, {"settled", since.settled}});
}

void FlowEventsHandlers::create_flow_event(api::Context& ctx,
                                           const api::req::create_flow_event& request) {
  if (!visible(ctx, request.flow_id)) {
    ctx.respond_detail(404, "Flow not found");
    return;
  }
  auto event = queue_.append(request.flow_id, request.body.type, request.body.summary);
  ctx.respond_json(201, event_json(event));
}

}  // namespace lfkit::handlers::flows
