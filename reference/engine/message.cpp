#include "engine/message.hpp"

#include "common/json_text.hpp"

namespace lfkit::engine {
namespace {

void append_nullable(std::string& out, const std::optional<std::string>& value) {
  if (value) {
    append_json_string(out, *value);
  } else {
    out.append("null");
  }
}

// Empty ids (not stored yet) read as null.
void append_nullable_text(std::string& out, const std::string& s) {
  if (s.empty()) {
    out.append("null");
  } else {
    append_json_string(out, s);
  }
}

void append_properties(std::string& out, const Message& m) {
  JsonObjectWriter o(out);
  o.key("allow_markdown").append("false");
  o.key("background_color").append("\"\"");
  o.key("edited").append("false");
  append_json_string(o.key("icon"), m.icon);
  o.key("positive_feedback").append("null");
  {
    JsonObjectWriter source(o.key("source"));
    append_nullable(source.key("display_name"), m.source.display_name);
    append_nullable(source.key("id"), m.source.id);
    append_nullable(source.key("source"), m.source.source);
  }
  o.key("state").append("\"complete\"");
  o.key("targets").append("[]");
  o.key("text_color").append("\"\"");
}

// The members both forms share, plus the id when `with_id` (keys in nlohmann's sorted order,
// as a DOM would dump them).
void append_body(JsonObjectWriter& o, const Message& m, const std::string& timestamp,
                 bool with_id) {
  append_json_string(o.key("category"), m.category);
  o.key("content_blocks").append("[]");
  o.key("edit").append("false");
  append_json_bool(o.key("error"), m.error);
  o.key("files").append(m.files_json_text());
  append_nullable_text(o.key("flow_id"), m.flow_id);
  if (with_id) append_nullable_text(o.key("id"), m.id);
  append_properties(o.key("properties"), m);
  append_json_string(o.key("sender"), m.sender);
  append_json_string(o.key("sender_name"), m.sender_name);
  append_json_string(o.key("session_id"), m.session_id);
  append_json_string(o.key("text"), m.text);
  append_json_string(o.key("timestamp"), timestamp);
}

}  // namespace

std::string naive_timestamp(SystemTime t) {
  std::string iso = iso_utc_seconds(t);
  return iso.substr(0, iso.size() - 6);  // drop "+00:00"
}

std::string Message::files_json_text() const {
  if (files.is_array() && files.empty()) return "[]";
  return files.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Message::event_json_text() const {
  std::string out;
  out.reserve(512);
  {
    JsonObjectWriter o(out);
    append_body(o, *this, naive_timestamp(timestamp), /*with_id=*/true);
  }  // closed before `out` is returned
  return out;
}

std::string Message::result_json_text() const {
  // The flat fields and `data` are one body; `data` also carries the id.
  const std::string ts = iso_utc_seconds(timestamp);
  std::string out;
  out.reserve(1024);
  {
    JsonObjectWriter o(out);
    append_body(o, *this, ts, /*with_id=*/false);
    {
      JsonObjectWriter data(o.key("data"));
      append_body(data, *this, ts, /*with_id=*/true);
    }
    o.key("default_value").append("\"\"");
    o.key("text_key").append("\"text\"");
  }
  return out;
}

std::string Message::properties_json_text() const {
  std::string out;
  append_properties(out, *this);
  return out;
}

json Message::to_event_json() const {
  return json::parse(event_json_text());
}

json Message::to_result_json() const {
  return json::parse(result_json_text());
}

}  // namespace lfkit::engine
