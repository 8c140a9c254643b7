// The smallest runnable fixture flow: ChatInput -> ChatOutput, in the
// frontend's node/edge format. Running it with input "x" must answer "x".
#pragma once

#include <nlohmann/json.hpp>
#include <string>

namespace lfkit::conformance {

inline constexpr const char* kEchoInputId = "ChatInput-lfkIn";
inline constexpr const char* kEchoOutputId = "ChatOutput-lfkOu";

// {"nodes": [...], "edges": [...]} of the echo flow.
nlohmann::json echo_flow_data();
// A create_flow body named `name` carrying echo_flow_data().
nlohmann::json echo_flow_body(const std::string& name);

}  // namespace lfkit::conformance
