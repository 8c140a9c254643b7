#include "handlers/execution/openai_responses_handlers.hpp"

#include <chrono>

#include "common/uuid.hpp"
#include "handlers/execution/python_json.hpp"
#include "jobs/store_services.hpp"

namespace lfkit::handlers::execution {
namespace {

using ojson = nlohmann::ordered_json;
using nlohmann::json;

ojson openai_error(const std::string& message, const std::string& type,
                   const std::string& code = {}) {
  ojson error;
  error["message"] = message;
  error["type"] = type;
  if (!code.empty()) error["code"] = code;
  return ojson{{"error", error}};
}

// OpenAIResponsesStreamChunk.model_dump_json().
std::string chunk(const std::string& id, int64_t created, const std::string& model,
                  const ojson& delta, const char* status = nullptr,
                  const char* finish_reason = nullptr) {
  ojson c;
  c["id"] = id;
  c["object"] = "response.chunk";
  c["created"] = created;
  c["model"] = model;
  c["delta"] = delta;
  c["status"] = status ? ojson(status) : ojson(nullptr);
  c["finish_reason"] = finish_reason ? ojson(finish_reason) : ojson(nullptr);
  return "data: " + c.dump() + "\n\n";
}

// The first chat message text of a RunResponse, as upstream picks it.
std::string output_text_of(const json& response) {
  for (const auto& run : response.value("outputs", json::array())) {
    for (const auto& out : run.value("outputs", json::array())) {
      if (!out.is_object()) continue;
      for (const auto& m : out.value("messages", json::array()))
        if (m.contains("message") && m["message"].is_string()) return m["message"];
      const json results = out.value("results", json::object());  // items() must not dangle
      for (const auto& [key, value] : results.items()) {
        if (value.is_object() && value.contains("text") && value["text"].is_string())
          return value["text"];
        if (value.is_string()) return value;
      }
    }
  }
  return {};
}

// Turns the /run stream-token events into Responses API chunks.
class ResponsesSink final : public engine::EventSink {
 public:
  ResponsesSink(std::shared_ptr<http::StreamWriter> writer, std::string id, int64_t created,
                std::string model, std::string input)
      : writer_(std::move(writer)),
        id_(std::move(id)),
        created_(created),
        model_(std::move(model)),
        input_(std::move(input)) {}

  bool failed() const { return failed_; }

  void on_event(std::string_view name, const json& data) override {
    if (failed_) return;
    if (name == engine::event::token) {
      const std::string text = data.value("chunk", "");
      if (!text.empty()) writer_->write(chunk(id_, created_, model_, {{"content", text}}));
      return;
    }
    if (name == engine::event::error) {
      std::string message = data.value("text", "");
      if (message.empty())
        message = data.contains("error") ? data["error"].is_string()
                                               ? data["error"].get<std::string>()
                                               : data["error"].dump()
                                         : "Unknown error";
      writer_->write(
          chunk(id_, created_, model_, {{"content", "Error: " + message}}, "failed", "error"));
      writer_->write("data: [DONE]\n\n");
      failed_ = true;
      return;
    }
    if (name != engine::event::add_message) return;
    // A message in state "complete" was already streamed through its tokens.
    const json props = data.value("properties", json::object());
    if (props.is_object() && props.value("state", "") == "complete") return;
    const std::string sender = data.value("sender", "");
    const std::string sender_name = data.value("sender_name", "");
    std::string text = data.value("text", "");
    if ((sender == "Machine" || sender == "AI" || sender == "Agent") && text != input_ &&
        (sender_name == "Agent" || sender_name == "AI")) {
      std::string content = text;
      if (text.starts_with(previous_)) content = text.substr(previous_.size());
      previous_ = text;
      if (!content.empty()) writer_->write(chunk(id_, created_, model_, {{"content", content}}));
    }
  }

 private:
  std::shared_ptr<http::StreamWriter> writer_;
  std::string id_;
  int64_t created_;
  std::string model_, input_, previous_;
  bool failed_ = false;
};

}  // namespace

void OpenAIResponsesHandlers::create_response(api::Context& ctx,
                                              const api::req::create_response& request) {
  const auto& body = request.body;
  auto respond = [&ctx](const ojson& payload) {
    ctx.respond(http::json_response(200, payload.dump()));
  };
  if (body.tools)
    return respond(openai_error("Tools are not supported yet", "invalid_request_error",
                                "tools_not_supported"));
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto flow = find_flow_by_id_or_name(runtime_, body.model, caller);
  if (!flow || !flow->user_id || *flow->user_id != caller)
    return respond(openai_error("Flow with id '" + body.model + "' not found",
                                "invalid_request_error", "flow_not_found"));
  auto data = load_flow_data(*flow);
  bool chat_input = false;
  if (data)
    for (const auto& node : data->nodes)
      if (node.type == "ChatInput" || node.type == "Chat Input") chat_input = true;
  if (!chat_input)
    return respond(openai_error(
        "Flow must have a ChatInput component to be compatible with OpenAI Responses API",
        "processing_error"));

  // The response id is the session id: a follow-up passes it as previous_response_id.
  const std::string session_id = body.previous_response_id.value_or(new_uuid());
  const int64_t created = std::chrono::duration_cast<std::chrono::seconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
  engine::RunRequest run;
  run.flow_id = flow->id;
  run.session_id = session_id;
  run.input_value = body.input;
  run.input_type = "chat";
  run.tweaks = json::object();
  run.stream = body.stream;
  run.abort_on_error = true;
  auto variables = jobs::global_variables_from_headers(ctx.request().headers);

  if (!body.stream) {
    // Runs on the run pool (not this I/O thread); answers through the exchange.
    runtime_.jobs->submit([runtime = runtime_, exchange = ctx.shared_exchange(), data = *data, run,
                           caller, variables = std::move(variables), body, session_id,
                           created](std::stop_token) mutable {
      execute_async(
          runtime, data, run, caller, std::move(variables),
          std::make_shared<engine::NullEventSink>(), {}, HistoryScope::owner,
          [exchange, body, session_id, created](engine::RunOutcome outcome) {
            auto respond = [&exchange](const ojson& payload) {
              exchange->respond(http::json_response(200, payload.dump()));
            };
            if (outcome.status != engine::RunOutcome::Status::completed)
              return respond(openai_error(outcome.error, "processing_error"));
            const json result = engine::build_run_response(outcome, body.input, {"chat", ""});
            ojson message;
            message["type"] = "message";
            message["id"] = "msg_" + session_id;
            message["status"] = "completed";
            message["role"] = "assistant";
            message["content"] = ojson::array({ojson{{"type", "output_text"},
                                                     {"text", output_text_of(result)},
                                                     {"annotations", ojson::array()}}});
            ojson r;
            r["id"] = session_id;
            r["object"] = "response";
            r["created_at"] = created;
            r["status"] = "completed";
            r["error"] = nullptr;
            r["incomplete_details"] = nullptr;
            r["instructions"] = nullptr;
            r["max_output_tokens"] = nullptr;
            r["model"] = body.model;
            r["output"] = ojson::array({message});
            r["parallel_tool_calls"] = true;
            r["previous_response_id"] =
                body.previous_response_id ? ojson(*body.previous_response_id) : ojson(nullptr);
            r["reasoning"] = ojson{{"effort", nullptr}, {"summary", nullptr}};
            r["store"] = true;
            r["temperature"] = 1.0;
            r["text"] = ojson{{"format", {{"type", "text"}}}};
            r["tool_choice"] = "auto";
            r["tools"] = ojson::array();
            r["top_p"] = 1.0;
            r["truncation"] = "disabled";
            r["usage"] = nullptr;
            r["user"] = nullptr;
            r["metadata"] = ojson::object();
            respond(r);
          });
    });
    return;
  }

  http::Headers headers;
  headers.set("Content-Type", "text/event-stream; charset=utf-8");
  headers.set("Cache-Control", "no-cache");
  headers.set("Access-Control-Allow-Origin", "*");
  auto writer = ctx.exchange().start_stream(200, std::move(headers));
  if (!writer) return;
  auto stop = std::make_shared<std::stop_source>();
  writer->on_cancel([stop] { stop->request_stop(); });
  runtime_.jobs->submit([runtime = runtime_, data = std::move(*data), run, caller,
                         variables = std::move(variables), writer, stop, session_id, created,
                         model = body.model, input = body.input](std::stop_token) mutable {
    writer->write(chunk(session_id, created, model, {{"content", ""}}));
    auto sink = std::make_shared<ResponsesSink>(writer, session_id, created, model, input);
    execute_async(
        runtime, data, run, caller, std::move(variables), sink, stop->get_token(),
        HistoryScope::owner,
        [writer, sink, session_id, created, model](engine::RunOutcome outcome) {
          if (!sink->failed() && outcome.status == engine::RunOutcome::Status::completed) {
            writer->write(chunk(session_id, created, model, ojson::object(), "completed", "stop"));
            ojson completed;
            completed["type"] = "response.completed";
            completed["response"] =
                ojson{{"id", session_id},      {"object", "response"}, {"created_at", created},
                      {"status", "completed"}, {"model", model},       {"usage", nullptr}};
            writer->write("event: response.completed\ndata: " + python_json_dumps(completed) +
                          "\n\n");
            writer->write("data: [DONE]\n\n");
          }
          writer->finish();
        });
  });
}

}  // namespace lfkit::handlers::execution
