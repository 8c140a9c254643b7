#include "handlers/monitor/message_json.hpp"

#include <algorithm>
#include <functional>

#include "common/clock.hpp"

namespace lfkit::handlers::monitor {
namespace {

nlohmann::json parsed(const std::string& text, nlohmann::json fallback) {
  auto value = nlohmann::json::parse(text, nullptr, false);
  return value.is_discarded() ? fallback : value;
}

nlohmann::json nullable(const std::optional<std::string>& s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json message_response_json(const store::Message& m) {
  return {{"id", m.id},
          {"flow_id", nullable(m.flow_id)},
          {"timestamp", utc_spaced(m.timestamp)},
          {"sender", m.sender},
          {"sender_name", m.sender_name},
          {"session_id", m.session_id},
          {"context_id", nullable(m.context_id)},
          {"text", m.text},
          {"files", parsed(m.files_json, nlohmann::json::array())},
          {"edit", m.edit},
          {"duration", nullptr},
          {"properties", parsed(m.properties_json, nlohmann::json::object())},
          {"category", m.category},
          {"content_blocks", parsed(m.content_blocks_json, nlohmann::json::array())}};
}

nlohmann::json message_read_json(const store::Message& m) {
  return {{"timestamp", utc_spaced(m.timestamp)},
          {"sender", m.sender},
          {"sender_name", m.sender_name},
          {"session_id", m.session_id},
          {"context_id", nullable(m.context_id)},
          {"text", m.text},
          {"files", parsed(m.files_json, nlohmann::json::array())},
          {"error", m.error},
          {"edit", m.edit},
          {"properties", parsed(m.properties_json, nlohmann::json::object())},
          {"category", m.category},
          {"content_blocks", parsed(m.content_blocks_json, nlohmann::json::array())},
          {"id", m.id},
          {"flow_id", nullable(m.flow_id)}};
}

void apply_message_update(store::Message& m, const api::model::MessageUpdate& u) {
  const bool text_changed = u.text && *u.text != m.text;
  if (u.text) m.text = *u.text;
  if (u.sender) m.sender = *u.sender;
  if (u.sender_name) m.sender_name = *u.sender_name;
  if (u.session_id) m.session_id = *u.session_id;
  if (u.context_id) m.context_id = *u.context_id;
  if (u.files) m.files_json = nlohmann::json(*u.files).dump();
  if (u.error) m.error = *u.error;
  // A changed text always marks the message edited, whatever "edit" says.
  if (u.edit) m.edit = *u.edit;
  if (text_changed) m.edit = true;
  if (u.properties) {
    nlohmann::json props = *u.properties;
    m.properties_json = props.dump();
  }
}

std::optional<std::string> sort_messages(std::vector<store::Message>& messages,
                                         const std::string& order_by) {
  using Key = std::function<std::string(const store::Message&)>;
  Key key;
  if (order_by.empty() || order_by == "timestamp") {
    // The store already returns timestamp ascending.
    return order_by;
  } else if (order_by == "id") {
    key = [](const store::Message& m) { return m.id; };
  } else if (order_by == "sender") {
    key = [](const store::Message& m) { return m.sender; };
  } else if (order_by == "sender_name") {
    key = [](const store::Message& m) { return m.sender_name; };
  } else if (order_by == "session_id") {
    key = [](const store::Message& m) { return m.session_id; };
  } else if (order_by == "text") {
    key = [](const store::Message& m) { return m.text; };
  } else if (order_by == "flow_id") {
    key = [](const store::Message& m) { return m.flow_id.value_or(""); };
  } else if (order_by == "category") {
    key = [](const store::Message& m) { return m.category; };
  } else if (order_by == "error") {
    key = [](const store::Message& m) { return std::string(m.error ? "1" : "0"); };
  } else if (order_by == "edit") {
    key = [](const store::Message& m) { return std::string(m.edit ? "1" : "0"); };
  } else {
    return std::nullopt;
  }
  std::stable_sort(
      messages.begin(), messages.end(),
      [&](const store::Message& a, const store::Message& b) { return key(a) < key(b); });
  return order_by;
}

}  // namespace lfkit::handlers::monitor
