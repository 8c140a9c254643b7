// Every LLM/Agent type maps to one model component whose text comes from the injected
// LanguageModel: the server's (an OpenAI-compatible endpoint when one is configured, else the
// deterministic stand-in), EchoLanguageModel when none is injected.
#include <mutex>

#include "engine/in_memory_services.hpp"
#include "engine/registry.hpp"
#include "engine/token_stream.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

// What the component asks its model, from its template and inputs.
Expected<LanguageModelRequest, std::string> model_request(const ComponentContext& ctx) {
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
  return request;
}

LanguageModel& model_of(const ComponentContext& ctx) {
  static EchoLanguageModel fallback;
  return ctx.model ? *ctx.model : fallback;
}

using Tokens = std::shared_ptr<std::vector<std::string>>;

// Collects the streamed chunks (ChatOutput replays them as token events) until the run stops.
std::function<bool(std::string_view)> collector(const ComponentContext& ctx, Tokens tokens) {
  return [stop = ctx.stop, tokens](std::string_view chunk) {
    if (stop.stop_requested()) return false;
    tokens->emplace_back(chunk);
    return true;
  };
}

// `live`: the text is still arriving through it (the Chat Outputs fed forward it).
Expected<ComponentResult, std::string> model_result(const ComponentContext& ctx,
                                                    const std::string& model_name,
                                                    CompletionText text, Tokens tokens,
                                                    std::shared_ptr<TokenStream> live = nullptr) {
  if (!text) return unexpected(text.error());
  Message m;
  m.text = std::move(*text);
  m.session_id = ctx.session_id;
  m.flow_id = ctx.flow_id;
  m.source = MessageSource{ctx.node.id, ctx.node.display_name,
                           model_name.empty() ? ctx.node.type : model_name};
  m.icon = ctx.node.type == "OpenAIModel" ? "OpenAI" : "";
  ComponentResult result;
  Value text_value = Value::of_message(m);
  if (live) {
    text_value.live_tokens = std::move(live);
  } else if (ctx.flag("stream", ctx.stream)) {
    text_value.pending_tokens = std::move(tokens);
  }
  result.outputs.emplace_back("text_output", text_value);
  // The non-text output (model handle) carries nothing observable.
  result.outputs_text = json{{"text_output", {{"message", m.text}, {"type", "text"}}},
                             {"model_output", {{"message", ""}, {"type", "unknown"}}}}
                            .dump(-1, ' ', false, json::error_handler_t::replace);
  return result;
}

// The blocking build (the per-vertex stepper): waits for the model on this thread.
Expected<ComponentResult, std::string> language_model(ComponentContext& ctx) {
  auto request = model_request(ctx);
  if (!request) return unexpected(request.error());
  auto tokens = std::make_shared<std::vector<std::string>>();
  auto text = model_of(ctx).complete(*request, collector(ctx, tokens));
  return model_result(ctx, request->model_name, std::move(text), tokens);
}

// When one build resumes. A streamed call whose consumers are all Chat Outputs resumes at its
// first chunk, so its tokens reach the client while the model still talks; any other call
// resumes when the model's answer has ended (as does a model that answers before
// complete_async returns, such as the stand-in: its text is known in full).
struct ResumePoint {
  std::mutex mutex;
  bool returned = false;  // complete_async has returned
  bool chunked = false;   // a chunk has arrived
  bool resumed = false;

  // True once: the caller resumes the build.
  bool take(bool early) {
    std::lock_guard lock(mutex);
    if (resumed || (early && !(returned && chunked))) return false;
    resumed = true;
    return true;
  }
};

// The executor's build: the call runs on the model's own I/O, no pool thread waits for it.
void language_model_async(std::shared_ptr<ComponentContext> ctx, ResumeBuild resume) {
  auto request = model_request(*ctx);
  if (!request) return resume(unexpected(request.error()));
  auto tokens = std::make_shared<std::vector<std::string>>();
  const std::string model_name = request->model_name;
  const bool live = ctx->flag("stream", ctx->stream) && ctx->consumers_stream_live;
  auto stream = live ? std::make_shared<TokenStream>() : nullptr;
  auto point = std::make_shared<ResumePoint>();
  auto resume_live = [ctx, model_name, stream, resume] {
    resume(model_result(*ctx, model_name, std::string(), nullptr, stream));
  };
  auto collect = collector(*ctx, tokens);
  model_of(*ctx).complete_async(
      *request,
      [collect, stream, point, resume_live](std::string_view chunk) {
        if (!collect(chunk)) return false;
        if (!stream) return true;
        stream->push(std::string(chunk));
        {
          std::lock_guard lock(point->mutex);
          point->chunked = true;
        }
        if (point->take(/*early=*/true)) resume_live();
        return true;
      },
      [ctx, tokens, model_name, stream, point, resume](CompletionText text) {
        if (stream) stream->close(text ? std::nullopt : std::optional(text.error()));
        if (point->take(/*early=*/false))
          resume(model_result(*ctx, model_name, std::move(text), tokens));
      });
  {
    std::lock_guard lock(point->mutex);
    point->returned = true;
  }
  if (stream && point->take(/*early=*/true)) resume_live();
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
       language_model,
       /*cpu_only=*/false,
       language_model_async});
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
