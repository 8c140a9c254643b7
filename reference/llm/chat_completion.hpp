// The JSON of OpenAI's chat-completions API: the request a model component sends, and the
// text or error in what comes back.
#pragma once

#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "common/expected.hpp"
#include "engine/services.hpp"

namespace lfkit::llm {

constexpr const char* kDefaultModel = "gpt-4o-mini";  // the components' default model_name

// {"model", "messages": [system?, user], "temperature", "max_tokens"?, "stream": true}.
nlohmann::json chat_request_body(const engine::LanguageModelRequest& request);

// The message of an {"error": {"message": ...}} (or {"error": "..."}, {"detail": ...}) body.
std::optional<std::string> error_message(const nlohmann::json& body);

// The text of a whole (non-streamed) completion: the first choice's message content.
Expected<std::string, std::string> completion_text(const nlohmann::json& body);

}  // namespace lfkit::llm
