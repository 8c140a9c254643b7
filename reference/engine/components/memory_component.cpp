// Memory (Message History): reads the session's chat history from the MessageStore.
#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

std::string render(const std::string& pattern, const Message& m) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out.push_back(pattern[i++]);
      continue;
    }
    std::string key = pattern.substr(i + 1, close - i - 1);
    if (key == "text")
      out += m.text;
    else if (key == "sender")
      out += m.sender;
    else if (key == "sender_name")
      out += m.sender_name;
    else if (key == "session_id")
      out += m.session_id;
    i = close + 1;
  }
  return out;
}

Expected<ComponentResult, std::string> memory(ComponentContext& ctx) {
  std::string session = ctx.text_or("session_id");
  if (session.empty()) session = ctx.session_id;
  auto limit = ctx.param("n_messages");
  size_t n = limit && limit->is_number_integer() && limit->get<int64_t>() > 0
                 ? static_cast<size_t>(limit->get<int64_t>())
                 : 100;
  std::string sender = ctx.text_or("sender");
  if (sender == "Machine and User") sender.clear();
  std::vector<Message> history =
      ctx.messages ? ctx.messages->history(session, n, sender) : std::vector<Message>{};
  if (ctx.text_or("order") == "Descending") std::reverse(history.begin(), history.end());
  std::string pattern = ctx.text_or("template");
  if (pattern.empty()) pattern = "{sender_name}: {text}";
  std::string text;
  json rows = json::array();
  for (const Message& m : history) {
    if (!text.empty()) text += '\n';
    text += render(pattern, m);
    rows.push_back(json{{"text", m.text},
                        {"sender", m.sender},
                        {"sender_name", m.sender_name},
                        {"session_id", m.session_id}});
  }
  Message out;
  out.text = text;
  out.session_id = ctx.session_id;
  out.flow_id = ctx.flow_id;
  ComponentResult result;
  result.outputs.emplace_back("messages_text", Value::of_message(std::move(out)));
  result.outputs.emplace_back("dataframe", Value::of_dataframe(std::move(rows)));
  return result;
}

InputSpec field(std::string name, std::string display, std::string type, json value) {
  return InputSpec{std::move(name), std::move(display), std::move(type), std::move(value), {}};
}

}  // namespace

void register_memory_component(ComponentRegistry& registry) {
  registry.add({"Memory",
                "Message History",
                "Retrieves stored chat messages from Langflow tables or an external memory.",
                "helpers",
                "message-square-more",
                {field("n_messages", "Number of Messages", "int", 100),
                 field("order", "Order", "str", "Ascending"),
                 field("sender", "Sender Type", "str", "Machine and User"),
                 field("sender_name", "Sender Name", "str", ""),
                 field("session_id", "Session ID", "str", ""),
                 field("template", "Template", "str", "{sender_name}: {text}")},
                {{"messages_text", "Message", {"Message"}, "retrieve_messages_as_text"},
                 {"dataframe", "Dataframe", {"DataFrame"}, "retrieve_messages_dataframe"}},
                memory});
  registry.alias("MemoryComponent", "Memory", "Message History");
}

}  // namespace lfkit::engine
