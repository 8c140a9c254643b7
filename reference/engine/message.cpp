#include "engine/message.hpp"

namespace lfkit::engine {
namespace {

json nullable(const std::optional<std::string>& value) {
  return value ? json(*value) : json(nullptr);
}

json properties_of(const Message& m) {
  return {{"text_color", ""},
          {"background_color", ""},
          {"edited", false},
          {"source",
           {{"id", nullable(m.source.id)},
            {"display_name", nullable(m.source.display_name)},
            {"source", nullable(m.source.source)}}},
          {"icon", m.icon},
          {"allow_markdown", false},
          {"positive_feedback", nullptr},
          {"state", "complete"},
          {"targets", json::array()}};
}

// Field order follows upstream's dumps (nlohmann::ordered_json is not needed by
// clients, but keeping one builder keeps the shapes aligned).
json body(const Message& m, const std::string& timestamp) {
  return {{"timestamp", timestamp},
          {"sender", m.sender},
          {"sender_name", m.sender_name},
          {"session_id", m.session_id},
          {"text", m.text},
          {"files", m.files},
          {"error", m.error},
          {"edit", false},
          {"properties", properties_of(m)},
          {"category", m.category},
          {"content_blocks", json::array()}};
}

json nullable_text(const std::string& s) {
  return s.empty() ? json(nullptr) : json(s);
}

}  // namespace

std::string naive_timestamp(SystemTime t) {
  std::string iso = iso_utc_seconds(t);
  return iso.substr(0, iso.size() - 6);  // drop "+00:00"
}

json Message::to_event_json() const {
  json out = body(*this, naive_timestamp(timestamp));
  out["id"] = nullable_text(id);
  out["flow_id"] = nullable_text(flow_id);
  return out;
}

json Message::to_result_json() const {
  // The flat fields and `data` are one body; `data` also carries the id.
  json out = body(*this, iso_utc_seconds(timestamp));
  out["flow_id"] = nullable_text(flow_id);
  json data = out;
  data["id"] = nullable_text(id);
  out["data"] = std::move(data);
  out["text_key"] = "text";
  out["default_value"] = "";
  return out;
}

json Message::properties_json() const {
  return properties_of(*this);
}

}  // namespace lfkit::engine
