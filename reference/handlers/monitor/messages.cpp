// The caller's messages and sessions (owner scoping lives in the store).
#include <algorithm>

#include "api/context.hpp"
#include "handlers/monitor/message_json.hpp"
#include "handlers/monitor/monitor_handlers.hpp"

namespace lfkit::handlers {
namespace {

constexpr size_t kMaxSessionsPerRequest = 500;

void respond_no_content(api::Context& ctx) {
  http::Response response;
  response.status = 204;
  ctx.respond(std::move(response));
}

// Python's urllib.parse.unquote (invalid escapes stay as they are).
std::string unquote(const std::string& s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex(s[i + 1]) >= 0 && hex(s[i + 2]) >= 0) {
      out.push_back(static_cast<char>(hex(s[i + 1]) * 16 + hex(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

nlohmann::json response_list(const std::vector<store::Message>& messages) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& m : messages) list.push_back(monitor::message_response_json(m));
  return list;
}

}  // namespace

void MonitorHandlers::get_messages(api::Context& ctx, const api::req::get_messages& request) {
  const auto& user_id = ctx.caller()->user_id;
  // A foreign or unknown flow answers an empty list.
  if (request.flow_id && !owns_flow(user_id, *request.flow_id)) {
    return ctx.respond_json(200, nlohmann::json::array());
  }
  store::MessageQuery query;
  query.flow_id = request.flow_id;
  // Upstream filters only on non-empty values and unquotes the session id.
  if (request.session_id && !request.session_id->empty())
    query.session_id = unquote(*request.session_id);
  if (request.sender && !request.sender->empty()) query.sender = request.sender;
  if (request.sender_name && !request.sender_name->empty()) query.sender_name = request.sender_name;
  auto messages = services_->store->list_messages(user_id, query);
  if (!messages) return ctx.respond_detail(500, messages.error().message);
  if (!monitor::sort_messages(*messages, request.order_by)) {
    return ctx.respond_detail(
        400, "type object 'MessageTable' has no attribute '" + request.order_by + "'");
  }
  ctx.respond_json(200, response_list(*messages));
}

void MonitorHandlers::delete_messages(api::Context& ctx, const api::req::delete_messages& request) {
  // Foreign ids are ignored by the store: the answer is 204 either way.
  auto done = services_->store->delete_messages(ctx.caller()->user_id, request.body);
  if (!done) return ctx.respond_detail(500, done.error().message);
  respond_no_content(ctx);
}

void MonitorHandlers::update_message(api::Context& ctx, const api::req::update_message& request) {
  const auto& user_id = ctx.caller()->user_id;
  auto message = services_->store->get_message(user_id, request.message_id);
  if (!message) {
    if (message.error().code == store::StoreErrorCode::not_found) {
      return ctx.respond_detail(404, "Message not found");
    }
    return ctx.respond_detail(500, message.error().message);
  }
  monitor::apply_message_update(*message, request.body);
  auto updated = services_->store->update_message(user_id, *message);
  if (!updated) return ctx.respond_detail(500, updated.error().message);
  ctx.respond_json(200, monitor::message_read_json(*updated));
}

void MonitorHandlers::update_session_id(api::Context& ctx,
                                        const api::req::update_session_id& request) {
  auto renamed = services_->store->rename_session(ctx.caller()->user_id, request.old_session_id,
                                                  request.new_session_id);
  if (!renamed) return ctx.respond_detail(500, renamed.error().message);
  if (renamed->empty()) {
    return ctx.respond_detail(404, "No messages found with the given session ID");
  }
  ctx.respond_json(200, response_list(*renamed));
}

void MonitorHandlers::delete_messages_session(api::Context& ctx,
                                              const api::req::delete_messages_session& request) {
  auto done = services_->store->delete_session(ctx.caller()->user_id, request.session_id);
  if (!done) return ctx.respond_detail(500, done.error().message);
  respond_no_content(ctx);
}

void MonitorHandlers::get_message_sessions(api::Context& ctx,
                                           const api::req::get_message_sessions& request) {
  const auto& user_id = ctx.caller()->user_id;
  if (request.flow_id && !owns_flow(user_id, *request.flow_id)) {
    return ctx.respond_json(200, nlohmann::json::array());
  }
  auto sessions = services_->store->list_sessions(user_id, request.flow_id);
  if (!sessions) return ctx.respond_detail(500, sessions.error().message);
  nlohmann::json list = nlohmann::json::array();
  // Agent-internal sessions are never listed.
  for (const auto& s : *sessions) {
    if (!s.starts_with("agentic_")) list.push_back(s);
  }
  ctx.respond_json(200, list);
}

void MonitorHandlers::delete_messages_sessions(api::Context& ctx,
                                               const api::req::delete_messages_sessions& request) {
  const auto& user_id = ctx.caller()->user_id;
  const auto& ids = request.body;
  if (ids.size() > kMaxSessionsPerRequest) {
    return ctx.respond_detail(400, "Cannot delete more than " +
                                       std::to_string(kMaxSessionsPerRequest) +
                                       " sessions at once. Please batch your requests.");
  }
  int64_t affected = 0;
  if (!ids.empty()) {
    auto owned = services_->store->list_sessions(user_id, std::nullopt);
    if (!owned) return ctx.respond_detail(500, owned.error().message);
    for (const auto& session : *owned) {
      if (std::find(ids.begin(), ids.end(), session) == ids.end()) continue;
      auto done = services_->store->delete_session(user_id, session);
      if (!done) return ctx.respond_detail(500, done.error().message);
      ++affected;
    }
  }
  if (affected == 0) {
    return ctx.respond_json(200, {{"message", "No sessions to delete"}, {"deleted_count", 0}});
  }
  ctx.respond_json(200,
                   {{"message", "Messages deleted successfully for " + std::to_string(affected) +
                                    " session" + (affected != 1 ? "s" : "")},
                    {"deleted_count", affected}});
}

}  // namespace lfkit::handlers
