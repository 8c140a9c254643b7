#include "handlers/execution/run_request.hpp"

#include <array>
#include <string_view>

namespace lfkit::handlers::execution {
namespace {

bool one_of(const std::string& value, std::initializer_list<std::string_view> allowed) {
  for (auto a : allowed)
    if (value == a) return true;
  return false;
}

// Nullopt when `body` does not validate as SimplifiedAPIRequest.
std::optional<SimplifiedRequest> from_object(const nlohmann::json& body) {
  if (!body.is_object()) return std::nullopt;
  SimplifiedRequest r;
  auto string_field = [&](const char* key, std::string& out) {
    auto it = body.find(key);
    if (it == body.end()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  auto optional_string = [&](const char* key, std::optional<std::string>& out) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) return true;
    if (!it->is_string()) return false;
    out = it->get<std::string>();
    return true;
  };
  if (!optional_string("input_value", r.input_value)) return std::nullopt;
  if (!optional_string("session_id", r.session_id)) return std::nullopt;
  if (!string_field("input_type", r.input_type) || !one_of(r.input_type, {"chat", "text", "any"}))
    return std::nullopt;
  if (!string_field("output_type", r.output_type) ||
      !one_of(r.output_type, {"chat", "text", "any", "debug"}))
    return std::nullopt;
  if (!string_field("output_component", r.output_component)) return std::nullopt;
  if (auto it = body.find("tweaks"); it != body.end() && !it->is_null()) {
    if (!it->is_object()) return std::nullopt;
    r.tweaks = *it;
  }
  return r;
}

}  // namespace

SimplifiedRequest parse_simplified_request(const nlohmann::json& body) {
  if (body.is_object()) {
    if (auto it = body.find("input_request"); it != body.end() && it->is_object()) {
      if (auto r = from_object(*it)) return *r;
    }
    if (auto r = from_object(body)) return *r;
  }
  return {};
}

std::optional<std::string> input_tweak_conflict(const SimplifiedRequest& request) {
  if (!request.tweaks.is_object() || !request.input_value) return std::nullopt;
  for (const auto& [key, value] : request.tweaks.items()) {
    if (!value.is_object()) continue;
    auto it = value.find("input_value");
    if (it == value.end() || it->is_null()) continue;
    const bool chat_key =
        key.find("ChatInput") != std::string::npos || key.find("Chat Input") != std::string::npos;
    if (chat_key) {
      if (request.input_type == "chat")
        return "If you pass an input_value to the chat input, you cannot pass a tweak with the "
               "same name.";
      continue;
    }
    const bool text_key =
        key.find("TextInput") != std::string::npos || key.find("Text Input") != std::string::npos;
    if (text_key && request.input_type == "text")
      return "If you pass an input_value to the text input, you cannot pass a tweak with the "
             "same name.";
  }
  return std::nullopt;
}

}  // namespace lfkit::handlers::execution
