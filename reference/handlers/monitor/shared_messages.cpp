// Messages of flows shared with the caller (public playground runs), kept under
// the per-user virtual flow id upstream derives from (user id, source flow id).
// Every query is also owner-scoped by the store, so one user never reaches
// another user's playground messages.
#include <set>

#include "api/context.hpp"
#include "handlers/monitor/message_json.hpp"
#include "handlers/monitor/monitor_handlers.hpp"
#include "handlers/monitor/virtual_flow_id.hpp"

namespace lfkit::handlers {
namespace {

void respond_no_content(api::Context& ctx) {
  http::Response response;
  response.status = 204;
  ctx.respond(std::move(response));
}

std::vector<store::Message> without_other_flows(std::vector<store::Message> messages,
                                                const std::string& flow_id) {
  std::erase_if(messages, [&](const store::Message& m) { return m.flow_id != flow_id; });
  return messages;
}

}  // namespace

void MonitorHandlers::get_shared_messages(api::Context& ctx,
                                          const api::req::get_shared_messages& request) {
  const auto& user_id = ctx.caller()->user_id;
  static const std::set<std::string> kAllowed = {"timestamp", "sender", "sender_name", "session_id",
                                                 "text"};
  if (!request.order_by.empty() && !kAllowed.contains(request.order_by)) {
    return ctx.respond_detail(400, "Invalid order_by field: " + request.order_by);
  }
  store::MessageQuery query;
  query.flow_id = monitor::virtual_flow_id(user_id, request.source_flow_id);
  if (request.session_id && !request.session_id->empty()) query.session_id = request.session_id;
  auto messages = services_->store->list_messages(user_id, query);
  if (!messages) return ctx.respond_detail(500, messages.error().message);
  monitor::sort_messages(*messages, request.order_by);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : *messages) list.push_back(monitor::message_response_json(m));
  ctx.respond_json(200, list);
}

void MonitorHandlers::get_shared_message_sessions(
    api::Context& ctx, const api::req::get_shared_message_sessions& request) {
  const auto& user_id = ctx.caller()->user_id;
  auto sessions = services_->store->list_sessions(
      user_id, monitor::virtual_flow_id(user_id, request.source_flow_id));
  if (!sessions) return ctx.respond_detail(500, sessions.error().message);
  ctx.respond_json(200, *sessions);
}

void MonitorHandlers::rename_shared_session(api::Context& ctx,
                                            const api::req::rename_shared_session& request) {
  const auto& user_id = ctx.caller()->user_id;
  const auto flow_id = monitor::virtual_flow_id(user_id, request.source_flow_id);
  store::MessageQuery query;
  query.flow_id = flow_id;
  query.session_id = request.old_session_id;
  auto messages = services_->store->list_messages(user_id, query);
  if (!messages) return ctx.respond_detail(500, messages.error().message);
  if (messages->empty()) {
    return ctx.respond_detail(404, "No messages found with the given session ID");
  }
  nlohmann::json list = nlohmann::json::array();
  for (auto m : *messages) {
    m.session_id = request.new_session_id;
    auto updated = services_->store->update_message(user_id, m);
    if (!updated) return ctx.respond_detail(500, updated.error().message);
    list.push_back(monitor::message_response_json(*updated));
  }
  ctx.respond_json(200, list);
}

void MonitorHandlers::delete_shared_messages_session(
    api::Context& ctx, const api::req::delete_shared_messages_session& request) {
  const auto& user_id = ctx.caller()->user_id;
  store::MessageQuery query;
  query.flow_id = monitor::virtual_flow_id(user_id, request.source_flow_id);
  query.session_id = request.session_id;
  auto messages = services_->store->list_messages(user_id, query);
  if (!messages) return ctx.respond_detail(500, messages.error().message);
  std::vector<std::string> ids;
  for (const auto& m : without_other_flows(std::move(*messages), *query.flow_id)) {
    ids.push_back(m.id);
  }
  if (!ids.empty()) {
    if (auto done = services_->store->delete_messages(user_id, ids); !done) {
      return ctx.respond_detail(500, done.error().message);
    }
  }
  respond_no_content(ctx);
}

void MonitorHandlers::update_shared_message(api::Context& ctx,
                                            const api::req::update_shared_message& request) {
  const auto& user_id = ctx.caller()->user_id;
  const auto flow_id = monitor::virtual_flow_id(user_id, request.source_flow_id);
  auto message = services_->store->get_message(user_id, request.message_id);
  if (!message || message->flow_id != flow_id) {
    if (!message && message.error().code != store::StoreErrorCode::not_found) {
      return ctx.respond_detail(500, message.error().message);
    }
    return ctx.respond_detail(404, "Message not found");
  }
  monitor::apply_message_update(*message, request.body);
  auto updated = services_->store->update_message(user_id, *message);
  if (!updated) return ctx.respond_detail(500, updated.error().message);
  ctx.respond_json(200, monitor::message_read_json(*updated));
}

}  // namespace lfkit::handlers
