// Every LLM/Agent type maps to one model component whose text comes from the injected
// LanguageModel: the server's (an OpenAI-compatible endpoint when one is configured, else the
// deterministic stand-in), EchoLanguageModel when none is injected.
#include "engine/in_memory_services.hpp"
#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

Expected<ComponentResult, std::string> language_model(ComponentContext& ctx) {
  LanguageModelRequest request;
  request.model_type = ctx.node.type;
  auto input = ctx.text("input_value");
  if (!input) return unexpected(input.error());
  request.input = *input;
  request.system_message = ctx.text_or("system_message");
  if (request.system_message.empty()) request.system_message = ctx.text_or("system_prompt");
  request.model_name = ctx.text_or("model_name");
  // A missing API key variable is a build error, as upstream.
  auto key = ctx.text("api_key");
  if (!key) return unexpected(key.error());
  request.api_key = *key;
  // Only OpenAI's own field names an OpenAI-compatible base: other providers' base_url
  // (Ollama's native API, say) speaks another protocol, so those use the server's.
  request.api_base = ctx.text_or("openai_api_base");
  if (auto t = ctx.number("temperature")) request.temperature = *t;
  if (auto m = ctx.number("max_tokens"); m && *m > 0) request.max_tokens = static_cast<int64_t>(*m);
  request.stop = ctx.stop;

  static EchoLanguageModel fallback;
  LanguageModel* model = ctx.model ? ctx.model : &fallback;
  const bool stream = ctx.flag("stream", ctx.stream);
  auto tokens = std::make_shared<std::vector<std::string>>();
  auto text = model->complete(request, [&](std::string_view chunk) {
    if (ctx.stop.stop_requested()) return false;
    tokens->emplace_back(chunk);
    return true;
  });
  if (!text) return unexpected(text.error());

  Message m;
  m.text = *text;
  m.session_id = ctx.session_id;
  m.flow_id = ctx.flow_id;
  m.source = MessageSource{ctx.node.id, ctx.node.display_name,
                           request.model_name.empty() ? ctx.node.type : request.model_name};
  m.icon = ctx.node.type == "OpenAIModel" ? "OpenAI" : "";
  ComponentResult result;
  Value text_value = Value::of_message(m);
  if (stream) text_value.pending_tokens = tokens;
  result.outputs.emplace_back("text_output", text_value);
  // The non-text output (model handle) carries nothing observable.
  result.outputs_text = json{{"text_output", {{"message", m.text}, {"type", "text"}}},
                             {"model_output", {{"message", ""}, {"type", "unknown"}}}}
                            .dump(-1, ' ', false, json::error_handler_t::replace);
  return result;
}

InputSpec field(std::string name, std::string display, std::string type, json value,
                std::vector<std::string> input_types = {}) {
  return InputSpec{std::move(name), std::move(display), std::move(type), std::move(value),
                   std::move(input_types)};
}

}  // namespace

void register_language_models(ComponentRegistry& registry) {
  registry.add(
      {"LanguageModelComponent",
       "Language Model",
       "Runs a language model given a specified provider.",
       "models",
       "brain-circuit",
       {field("input_value", "Input", "str", "", {"Message"}),
        field("system_message", "System Message", "str", "", {"Message"}),
        field("model_name", "Model Name", "str", "gpt-4o-mini"),
        field("api_key", "API Key", "str", ""),
        field("openai_api_base", "OpenAI API Base", "str", ""),
        field("max_tokens", "Max Tokens", "int", ""), field("stream", "Stream", "bool", false),
        field("temperature", "Temperature", "float", 0.1)},
       {{"text_output", "Model Response", {"Message"}, "text_response"},
        {"model_output", "Language Model", {"LanguageModel"}, "build_model"}},
       language_model});
  const std::pair<const char*, const char*> aliases[] = {
      {"OpenAIModel", "OpenAI"},
      {"AnthropicModel", "Anthropic"},
      {"AzureOpenAIModel", "Azure OpenAI"},
      {"GoogleGenerativeAIModel", "Google Generative AI"},
      {"GroqModel", "Groq"},
      {"MistralModel", "MistralAI"},
      {"OllamaModel", "Ollama"},
      {"AmazonBedrockModel", "Amazon Bedrock"},
      {"NVIDIAModelComponent", "NVIDIA"},
      {"Agent", "Agent"},
  };
  for (auto [type, display] : aliases) registry.alias(type, "LanguageModelComponent", display);
}

}  // namespace lfkit::engine
