// Interface components: ChatInput, ChatOutput, TextInput, TextOutput, Webhook.
#include "common/json_text.hpp"
#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

InputSpec text_input(std::string name, std::string display, json value = "",
                     std::vector<std::string> types = {"Message"}) {
  InputSpec spec{std::move(name), std::move(display), "str", std::move(value), std::move(types)};
  return spec;
}

InputSpec bool_input(std::string name, std::string display, bool value) {
  return InputSpec{std::move(name), std::move(display), "bool", value, {}};
}

std::string yaml_scalar(const std::string& s) {
  return s.empty() ? "''" : s;
}

// Upstream renders the built artifacts as a small YAML list for build_data.params.
std::string params_yaml(const Message& m) {
  return "- Files: []\n  Message: " + yaml_scalar(m.text) + "\n  Sender: " + m.sender +
         "\n  Sender Name: " + m.sender_name + "\n  Type: object\n";
}

// A chat message's artifacts as JSON text, keys in nlohmann's sorted order; a streamed one
// also names the URL its tokens were announced at.
std::string message_artifacts(const Message& m, std::string_view type,
                              std::string_view stream_url = {}) {
  std::string out;
  {
    JsonObjectWriter o(out);
    o.key("files").append(m.files_json_text());
    append_json_string(o.key("message"), m.text);
    append_json_string(o.key("sender"), m.sender);
    append_json_string(o.key("sender_name"), m.sender_name);
    if (!stream_url.empty()) append_json_string(o.key("stream_url"), stream_url);
    append_json_string(o.key("type"), type);
  }
  return out;
}

std::string session_of(const ComponentContext& ctx) {
  auto own = ctx.text("session_id");
  return own && !own->empty() ? *own : ctx.session_id;
}

// The message shapes ChatInput/ChatOutput report in end_vertex and /run.
void report_message(ComponentResult& result, const Message& m, const Message& result_view,
                    std::string artifacts) {
  result.outputs.emplace_back("message", Value::of_message(m));
  result.results_text = "{\"message\":" + result_view.result_json_text() + "}";
  result.outputs_text =
      "{\"message\":{\"message\":" + m.event_json_text() + ",\"type\":\"message\"}}";
  result.artifacts_text = std::move(artifacts);
  result.message_text = result.artifacts_text;
  result.params = params_yaml(result_view);
}

Expected<ComponentResult, std::string> chat_input(ComponentContext& ctx) {
  auto text = ctx.text("input_value");
  if (!text) return unexpected(text.error());
  Message m;
  m.text = *text;
  m.sender = ctx.text_or("sender");
  m.sender_name = ctx.text_or("sender_name");
  if (m.sender.empty()) m.sender = "User";
  if (m.sender_name.empty()) m.sender_name = "User";
  m.session_id = session_of(ctx);
  m.flow_id = ctx.flow_id;
  m.timestamp = std::chrono::system_clock::now();
  if (ctx.flag("should_store_message", true) && !m.session_id.empty()) ctx.store_message(m);
  ComponentResult result;
  report_message(result, m, m, message_artifacts(m, "object"));
  return result;
}

// Fills "{key}" placeholders of a data template from a Data object.
std::string render_data(const std::string& pattern, const json& data) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out.push_back(pattern[i++]);
      continue;
    }
    std::string key = pattern.substr(i + 1, close - i - 1);
    auto it = data.is_object() ? data.find(key) : data.end();
    if (data.is_object() && it != data.end())
      out += it->is_string() ? it->get<std::string>() : it->dump();
    i = close + 1;
  }
  return out;
}

// The message a Chat Output shows, before any streamed text.
Expected<Message, std::string> chat_output_message(const ComponentContext& ctx,
                                                   const Value* input) {
  Message m;
  if (input) {
    if (input->kind == Value::Kind::data) {
      std::string pattern = ctx.text_or("data_template");
      m.text = render_data(pattern.empty() ? "{text}" : pattern, input->data);
    } else if (input->kind == Value::Kind::dataframe && input->data.is_array()) {
      for (const json& row : input->data) {
        if (!m.text.empty()) m.text += '\n';
        m.text += row.dump();
      }
    } else if (!input->pending_tokens && !input->live_tokens) {
      m.text = input->as_text();
    }
    if (input->message) {
      m.source = input->message->source;
      m.icon = input->message->icon;
    }
  } else {
    auto text = ctx.text("input_value");
    if (!text) return unexpected(text.error());
    m.text = *text;
  }
  m.sender = ctx.text_or("sender");
  m.sender_name = ctx.text_or("sender_name");
  if (m.sender.empty()) m.sender = "Machine";
  if (m.sender_name.empty()) m.sender_name = "AI";
  m.session_id = session_of(ctx);
  m.flow_id = ctx.flow_id;
  m.timestamp = std::chrono::system_clock::now();
  return m;
}

bool stores_message(const ComponentContext& ctx, const Message& m) {
  return ctx.flag("should_store_message", true) && !m.session_id.empty();
}

// A streamed message's result: the full text in the outputs, the announced (empty) message in
// the results and artifacts, as upstream reports a streamed Chat Output.
ComponentResult streamed_result(const ComponentContext& ctx, const Message& m,
                                const Message& announced) {
  ComponentResult result;
  const std::string stream_url = "/api/v1/build/" + ctx.flow_id + "/" + ctx.node.id + "/stream";
  report_message(result, m, announced, message_artifacts(announced, "stream", stream_url));
  result.streamed = true;
  return result;
}

Expected<ComponentResult, std::string> chat_output(ComponentContext& ctx) {
  const Value* input = ctx.input("input_value");
  auto message = chat_output_message(ctx, input);
  if (!message) return unexpected(message.error());
  Message& m = *message;
  const bool store = stores_message(ctx, m);
  if (input && (input->pending_tokens || input->live_tokens)) {
    // Streaming: announce an empty message, then deliver the text token by token.
    if (store) ctx.store_message(m);
    Message announced = m;
    if (input->live_tokens) {  // a blocking caller: the stream has ended by now
      std::string text = input->live_tokens->text();
      if (!text.empty()) ctx.emit_token(m, text);
      m.text += text;
    } else {
      for (const std::string& chunk : *input->pending_tokens) {
        if (ctx.stop.stop_requested()) return unexpected(std::string("Build cancelled"));
        ctx.emit_token(m, chunk);
        m.text += chunk;
      }
    }
    if (store && ctx.messages) ctx.messages->update(m);
    return streamed_result(ctx, m, announced);
  }
  ComponentResult result;
  if (store) ctx.store_message(m);
  report_message(result, m, m, message_artifacts(m, "object"));
  return result;
}

// The executor's build: a message still arriving from a model is forwarded chunk by chunk as
// the model's I/O thread delivers it, and the build resumes when the model's answer ends.
void chat_output_async(std::shared_ptr<ComponentContext> ctx, ResumeBuild resume) {
  const Value* input = ctx->input("input_value");
  if (!input || !input->live_tokens) return resume(chat_output(*ctx));
  auto message = chat_output_message(*ctx, input);
  if (!message) return resume(unexpected(message.error()));
  const bool store = stores_message(*ctx, *message);
  if (store) ctx->store_message(*message);
  struct Streaming {
    Message message, announced;
  };
  auto state = std::make_shared<Streaming>(Streaming{*message, *message});
  input->live_tokens->subscribe(
      [ctx, state](std::string_view chunk) {
        ctx->emit_token(state->message, chunk);
        state->message.text += chunk;
      },
      [ctx, state, store, resume](std::optional<std::string> error) {
        if (error) return resume(unexpected(*error));
        if (store && ctx->messages) ctx->messages->update(state->message);
        resume(streamed_result(*ctx, state->message, state->announced));
      });
}

Expected<ComponentResult, std::string> text_passthrough(ComponentContext& ctx) {
  auto text = ctx.text("input_value");
  if (!text) return unexpected(text.error());
  Message m;
  m.text = *text;
  m.session_id = ctx.session_id;
  m.flow_id = ctx.flow_id;
  m.timestamp = std::chrono::system_clock::now();
  ComponentResult result;
  result.outputs.emplace_back("text", Value::of_message(m));
  return result;
}

Expected<ComponentResult, std::string> webhook(ComponentContext& ctx) {
  auto raw = ctx.text("data");
  if (!raw) return unexpected(raw.error());
  json parsed = json::parse(*raw, nullptr, /*allow_exceptions=*/false);
  json data = parsed.is_object() ? parsed : json{{"payload", *raw}};
  ComponentResult result;
  result.outputs.emplace_back("output_data", Value::of_data(std::move(data)));
  return result;
}

}  // namespace

void register_io_components(ComponentRegistry& registry) {
  registry.add({"ChatInput",
                "Chat Input",
                "Get chat inputs from the Playground.",
                "input_output",
                "MessagesSquare",
                {text_input("input_value", "Input Text", "", {}),
                 bool_input("should_store_message", "Store Messages", true),
                 text_input("sender", "Sender Type", "User", {}),
                 text_input("sender_name", "Sender Name", "User"),
                 text_input("session_id", "Session ID", "")},
                {{"message", "Chat Message", {"Message"}, "message_response"}},
                chat_input,
                /*cpu_only=*/true});
  registry.add(
      {"ChatOutput",
       "Chat Output",
       "Display a chat message in the Playground.",
       "input_output",
       "MessagesSquare",
       {text_input("input_value", "Inputs", "", {"Data", "DataFrame", "Message"}),
        bool_input("should_store_message", "Store Messages", true),
        text_input("sender", "Sender Type", "Machine", {}),
        text_input("sender_name", "Sender Name", "AI"), text_input("session_id", "Session ID", ""),
        text_input("data_template", "Data Template", "{text}")},
       {{"message", "Output Message", {"Message"}, "message_response"}},
       chat_output,
       /*cpu_only=*/true,
       chat_output_async});
  registry.add({"TextInput",
                "Text Input",
                "Get text inputs from the Playground.",
                "input_output",
                "type",
                {text_input("input_value", "Text", "", {})},
                {{"text", "Output Text", {"Message"}, "text_response"}},
                text_passthrough,
                /*cpu_only=*/true});
  registry.add({"TextOutput",
                "Text Output",
                "Display a text output in the Playground.",
                "input_output",
                "type",
                {text_input("input_value", "Inputs", "")},
                {{"text", "Output Text", {"Message"}, "text_response"}},
                text_passthrough,
                /*cpu_only=*/true});
  registry.add({"Webhook",
                "Webhook",
                "Defines a webhook to trigger the flow.",
                "data",
                "webhook",
                {InputSpec{"data", "Payload", "str", "", {}, true}},
                {{"output_data", "Data", {"Data"}, "build_data"}},
                webhook,
                /*cpu_only=*/true});
}

}  // namespace lfkit::engine
