#include "llm/chat_completion.hpp"

namespace lfkit::llm {

using nlohmann::json;

json chat_request_body(const engine::LanguageModelRequest& request) {
  json messages = json::array();
  if (!request.system_message.empty())
    messages.push_back({{"role", "system"}, {"content", request.system_message}});
  messages.push_back({{"role", "user"}, {"content", request.input}});
  json body = {{"model", request.model_name.empty() ? kDefaultModel : request.model_name},
               {"messages", std::move(messages)},
               {"temperature", request.temperature},
               {"stream", true}};
  if (request.max_tokens) body["max_tokens"] = *request.max_tokens;
  return body;
}

std::optional<std::string> error_message(const json& body) {
  if (!body.is_object()) return std::nullopt;
  for (const char* key : {"error", "detail"}) {
    auto it = body.find(key);
    if (it == body.end() || it->is_null()) continue;
    if (it->is_string()) return it->get<std::string>();
    if (it->is_object() && it->contains("message") && (*it)["message"].is_string())
      return (*it)["message"].get<std::string>();
    return it->dump();
  }
  return std::nullopt;
}

Expected<std::string, std::string> completion_text(const json& body) {
  if (auto error = error_message(body)) return unexpected(*error);
  if (body.is_object() && body.contains("choices") && body["choices"].is_array() &&
      !body["choices"].empty()) {
    const json& choice = body["choices"][0];
    if (choice.is_object() && choice.contains("message") && choice["message"].is_object()) {
      const json& content = choice["message"].value("content", json());
      if (content.is_string()) return content.get<std::string>();
      if (content.is_null()) return std::string();
    }
  }
  return unexpected(std::string("the endpoint's answer has no choices[0].message.content"));
}

}  // namespace lfkit::llm
