// Upstream's SimplifiedAPIRequest as /run reads it: the wrapped form
// {"input_request": {...}} or the flat form; a body that does not fit the model
// silently becomes all defaults (upstream re-parses the raw body that way).
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace lfkit::handlers::execution {

struct SimplifiedRequest {
  std::optional<std::string> input_value;
  std::string input_type = "chat";   // chat | text | any
  std::string output_type = "chat";  // chat | text | any | debug
  std::string output_component;      // id or display name
  std::optional<std::string> session_id;
  nlohmann::json tweaks;  // object or null
};

SimplifiedRequest parse_simplified_request(const nlohmann::json& body);

// Upstream's validate_input_and_tweaks: the 400 message, if the request sends an
// input_value and also tweaks the matching input component's input_value.
std::optional<std::string> input_tweak_conflict(const SimplifiedRequest& request);

}  // namespace lfkit::handlers::execution
