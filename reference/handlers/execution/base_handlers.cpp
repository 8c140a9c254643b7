#include "handlers/execution/base_handlers.hpp"

#include <filesystem>
#include <fstream>

#include "auth/api_key.hpp"
#include "handlers/execution/run_request.hpp"
#include "http/gzip.hpp"
#include "http/params.hpp"
#include "jobs/event_framing.hpp"
#include "jobs/store_services.hpp"

namespace lfkit::handlers::execution {
namespace {

using nlohmann::json;

constexpr std::string_view kVersion = "1.10.0";

// /run?stream=true forwards what upstream's stream-tokens event manager sends
// during a run; the terminal `end` carries the RunResponse and is written by the
// handler itself.
class StreamTokensSink final : public engine::EventSink {
 public:
  explicit StreamTokensSink(std::shared_ptr<http::StreamWriter> writer)
      : writer_(std::move(writer)) {}
  void on_event(std::string_view name, const json& data) override {
    if (name == engine::event::add_message || name == engine::event::token ||
        name == engine::event::remove_message || name == engine::event::error)
      writer_->write(jobs::frame_event(name, data));
  }

 private:
  std::shared_ptr<http::StreamWriter> writer_;
};

engine::RunRequest run_request_for(const store::Flow& flow, const SimplifiedRequest& r,
                                   bool stream) {
  engine::RunRequest rr;
  rr.flow_id = flow.id;
  rr.session_id = r.session_id;
  rr.input_value = r.input_value;
  rr.input_type = r.input_type;
  rr.tweaks = r.tweaks;
  rr.stream = stream;
  rr.abort_on_error = true;
  return rr;
}

// upstream's mapping of a failed /run (ValueError texts) to HTTP.
HttpFailure run_failure(const std::string& message) {
  if (message.find("badly formed hexadecimal UUID string") != std::string::npos)
    return {400, message};
  if (message.find("not found") != std::string::npos) return {404, message};
  return {500, api_exception_detail(message)};
}

// The graph of a flow small enough to parse on an I/O thread, or null (a bigger flow, or one
// whose data does not load: the run pool loads it and answers the failure).
FlowGraphCache::Graph small_flow_graph(const Runtime& runtime, const store::Flow& flow) {
  constexpr size_t kMaxSmallFlowBytes = 64 * 1024;  // parsing more would stall the I/O thread
  if (!flow.data_json || flow.data_json->size() > kMaxSmallFlowBytes) return nullptr;
  auto data = runtime.graphs->load(flow);
  return data ? *data : nullptr;
}

bool is_owner(const store::Flow& flow, const std::string& user_id) {
  return flow.user_id && *flow.user_id == user_id;
}

// ResultData entries of `response` (one RunOutputs) restricted to `wanted` ids or
// display names; empty `wanted` keeps every output vertex.
json filter_outputs(json run_outputs, const std::vector<std::string>& wanted) {
  if (wanted.empty() || !run_outputs.contains("outputs")) return run_outputs;
  json kept = json::array();
  for (const auto& entry : run_outputs["outputs"]) {
    if (!entry.is_object()) continue;
    const std::string id = entry.value("component_id", "");
    const std::string name = entry.value("component_display_name", "");
    for (const auto& w : wanted)
      if (w == id || w == name) {
        kept.push_back(entry);
        break;
      }
  }
  run_outputs["outputs"] = kept;
  return run_outputs;
}

}  // namespace

void BaseHandlers::get_all(api::Context& ctx, const api::req::get_all&) {
  ctx.respond(http::gzip_json_response(200, engine::builtin_registry().catalogue().dump()));
}

void BaseHandlers::get_config(api::Context& ctx, const api::req::get_config&) {
  const auto& s = ctx.settings();
  // Several workers cannot share in-memory job queues: upstream forces direct then.
  const std::string delivery = s.workers > 1 ? "direct" : s.event_delivery;
  json config = {
      {"feature_flags", {{"mvp_components", false}, {"wxo_deployments", false}}},
      {"max_file_size_upload", s.max_file_size_upload},
      {"event_delivery", delivery},
      {"voice_mode_available", false},
      {"frontend_timeout", 0},
      {"mcp_base_url", "http://" + s.host + ":" + std::to_string(s.port)},
      {"allow_custom_components", true},
  };
  if (!ctx.caller()) {
    config["type"] = "public";
    ctx.respond_json(200, config);
    return;
  }
  config["type"] = "full";
  config["serialization_max_items_length"] = 1000;
  config["serialization_max_text_length"] = 20000;
  config["auto_saving"] = true;
  config["auto_saving_interval"] = 1000;
  config["health_check_max_retries"] = 5;
  config["webhook_polling_interval"] = 5000;
  config["public_flow_cleanup_interval"] = 3600;
  config["public_flow_expiration"] = 86400;
  config["webhook_auth_enable"] = s.webhook_auth_enable;
  config["default_folder_name"] = std::string(api::kDefaultFolderName);
  config["hide_getting_started_progress"] = false;
  ctx.respond_json(200, config);
}

void BaseHandlers::custom_component(api::Context& ctx, const api::req::custom_component&) {
  // Upstream evaluates the Python class to build its template; a component that
  // cannot be built is a 400 with {"error", "traceback"}. lfkit has no Python.
  ctx.respond_json(400, {{"detail",
                          {{"error",
                            "Custom components are not supported: lfkit runs only its native "
                            "components and cannot evaluate Python code."},
                           {"traceback", ""}}}});
}

void BaseHandlers::custom_component_update(api::Context& ctx,
                                           const api::req::custom_component_update&) {
  ctx.respond_detail(400,
                     "Custom components are not supported: lfkit runs only its native "
                     "components and cannot evaluate Python code.");
}

void BaseHandlers::predict(api::Context& ctx, const api::req::predict&) {
  ctx.respond_detail(400,
                     "The /process endpoint is deprecated and will be removed in a future "
                     "version. Please use /run instead.");
}

void BaseHandlers::process(api::Context& ctx, const api::req::process&) {
  ctx.respond_detail(400,
                     "The /process endpoint is deprecated and will be removed in a future "
                     "version. Please use /run instead.");
}

void BaseHandlers::get_task_status(api::Context& ctx, const api::req::get_task_status&) {
  ctx.respond_detail(400,
                     "The /task endpoint is deprecated and will be removed in a future version. "
                     "Please use /run instead.");
}

void BaseHandlers::get_version(api::Context& ctx, const api::req::get_version&) {
  ctx.respond_json(200,
                   {{"version", kVersion}, {"main_version", kVersion}, {"package", "Langflow"}});
}

void BaseHandlers::create_upload_file(api::Context& ctx,
                                      const api::req::create_upload_file& request) {
  const api::FormField* file = request.form ? request.form->find("file") : nullptr;
  if (!file) {
    ctx.respond_detail(400, "No file uploaded");
    return;
  }
  // Upstream saves into <cache dir>/<flow_id>/<sha256 of content><extension>;
  // flow_id is a validated UUID and the name is a digest, so nothing escapes.
  namespace fs = std::filesystem;
  std::string extension = fs::path(file->filename).extension().string();
  if (extension.find_first_of("/\\") != std::string::npos) extension.clear();
  const fs::path folder = fs::path(ctx.settings().config_dir) / request.flow_id;
  const fs::path path = folder / (auth::hash_api_key(file->data) + extension);
  std::error_code ec;
  fs::create_directories(folder, ec);
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(file->data.data(), static_cast<std::streamsize>(file->data.size()));
  out.close();
  if (ec || !out) {
    ctx.respond_detail(500, "Could not save the uploaded file");
    return;
  }
  ctx.respond_json(201, {{"flowId", request.flow_id}, {"file_path", path.string()}});
}

void BaseHandlers::simplified_run_flow(api::Context& ctx,
                                       const api::req::simplified_run_flow& request) {
  run_simplified(ctx, request.flow_id_or_name, request.stream, request.body_json);
}

void BaseHandlers::run_flow_session(api::Context& ctx, const api::req::run_flow_session& request) {
  run_simplified(ctx, request.flow_id_or_name, request.stream, request.body_json);
}

void BaseHandlers::run_simplified(api::Context& ctx, const std::string& flow_id_or_name,
                                  bool stream, const json& body) {
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto flow = find_flow_by_id_or_name(runtime_, flow_id_or_name, caller);
  if (!flow) return respond_failure(ctx, flow.error());
  if (!is_owner(*flow, caller))
    return ctx.respond_detail(403, "You do not have permission to run this flow");
  const SimplifiedRequest input = parse_simplified_request(body);
  auto variables = jobs::global_variables_from_headers(ctx.request().headers);
  engine::RunRequest run = run_request_for(*flow, input, stream);
  const engine::OutputSelection selection{input.output_type, input.output_component};

  if (!stream) {
    if (auto conflict = input_tweak_conflict(input)) return ctx.respond_detail(400, *conflict);
    // A quick flow runs right here, vertex after vertex: handing it to the run pool and the
    // answer back would cost more than the run. Anything else (models, memory, loops, big
    // flows) runs on the run pool, so this I/O thread goes on serving its other connections.
    FlowGraphCache::Graph graph = small_flow_graph(runtime_, *flow);
    const bool quick = graph && engine::is_quick_flow(engine::builtin_registry(), *graph);
    run.on_caller_thread = quick;
    auto respond = [runtime = runtime_, exchange = ctx.shared_exchange(), flow = std::move(*flow),
                    graph, input, run, selection, caller,
                    variables = std::move(variables)](std::stop_token) mutable {
      if (!graph) {
        auto data = runtime.graphs->load(flow);
        if (!data) {
          api::Context later(exchange, runtime.services->settings);
          return respond_failure(later, {500, api_exception_detail(data.error())});
        }
        graph = *data;
      }
      // The answer is written by whichever thread ends the run; none waits for it meanwhile.
      execute_async(runtime, *graph, run, caller, std::move(variables),
                    std::make_shared<engine::NullEventSink>(), {}, HistoryScope::owner,
                    [runtime, exchange, input, selection](engine::RunOutcome outcome) {
                      api::Context later(exchange, runtime.services->settings);
                      if (outcome.status != engine::RunOutcome::Status::completed)
                        return respond_failure(later, run_failure(outcome.error));
                      later.respond_json_text(
                          200, engine::run_response_text(outcome, input.input_value, selection));
                    });
    };
    if (quick) return respond(std::stop_token{});
    runtime_.jobs->submit(std::move(respond));
    return;
  }

  http::Headers headers;
  headers.set("Content-Type", "text/event-stream; charset=utf-8");
  auto writer = ctx.exchange().start_stream(200, std::move(headers));
  if (!writer) return;
  auto stop = std::make_shared<std::stop_source>();
  writer->on_cancel([stop] { stop->request_stop(); });  // client gone: cancel the run
  runtime_.jobs->submit([runtime = runtime_, flow = *flow, input, run, selection, caller,
                         variables = std::move(variables), writer, stop](std::stop_token) mutable {
    auto fail = [&](const std::string& message) {
      writer->write(jobs::frame_event(engine::event::error, json{{"error", message}}));
      writer->finish();
    };
    if (auto conflict = input_tweak_conflict(input)) return fail(*conflict);
    auto data = runtime.graphs->load(flow);
    if (!data) return fail(data.error());
    execute_async(
        runtime, **data, run, caller, std::move(variables),
        std::make_shared<StreamTokensSink>(writer), stop->get_token(), HistoryScope::owner,
        [writer, input, selection](engine::RunOutcome outcome) {
          if (outcome.status == engine::RunOutcome::Status::completed) {
            json result = engine::build_run_response(outcome, input.input_value, selection);
            writer->write(jobs::frame_event(engine::event::end, json{{"result", result}}));
          }
          writer->finish();
        });
  });
}

void BaseHandlers::experimental_run_flow(api::Context& ctx,
                                         const api::req::experimental_run_flow& request) {
  const std::string caller = ctx.caller() ? ctx.caller()->user_id : std::string();
  auto flow = find_flow_by_id_or_name(runtime_, request.flow_id_or_name, caller);
  if (!flow) return respond_failure(ctx, flow.error());
  if (!is_owner(*flow, caller))
    return ctx.respond_detail(403, "You do not have permission to run this flow");
  api::model::Body_experimental_run_flow_api_v1_run_advanced__flow_id_or_name__post body;
  if (request.body) body = *request.body;
  // Sessions live in upstream's in-process graph cache, which lfkit does not keep:
  // every session id is one the cache has never seen.
  if (body.session_id && !body.session_id->empty())
    return ctx.respond_detail(404, "Session " + *body.session_id + " not found");
  auto data = load_flow_data(*flow);
  if (!data) return ctx.respond_detail(404, data.error());

  std::vector<api::model::InputValueRequest> inputs;
  if (body.inputs) {
    inputs = *body.inputs;
  } else {
    api::model::InputValueRequest fallback;
    fallback.input_value = "";
    inputs.push_back(fallback);
  }
  // The runs happen on the run pool (not this I/O thread), which then answers.
  runtime_.jobs->submit(
      [runtime = runtime_, exchange = ctx.shared_exchange(), data = std::move(*data),
       flow_id = flow->id, inputs = std::move(inputs), tweaks = body.tweaks, stream = body.stream,
       wanted = body.outputs.value_or(std::vector<std::string>{}), caller,
       variables = jobs::global_variables_from_headers(ctx.request().headers)](std::stop_token) {
        api::Context later(exchange, runtime.services->settings);
        json outputs = json::array();
        std::string session_id = flow_id;
        for (const auto& in : inputs) {
          engine::RunRequest run;
          run.flow_id = flow_id;
          run.input_value = in.input_value.value_or("");
          run.input_type = in.type;
          run.input_components = in.components;
          run.tweaks = tweaks;
          run.stream = stream;
          run.abort_on_error = true;
          engine::NullEventSink sink;
          auto outcome = execute(runtime, data, run, caller, variables, sink);
          if (outcome.status != engine::RunOutcome::Status::completed)
            return later.respond_detail(500, outcome.error);
          session_id = outcome.session_id;
          json response = engine::build_run_response(outcome, run.input_value,
                                                     {wanted.empty() ? "any" : "debug", ""});
          for (auto& entry : response["outputs"]) outputs.push_back(filter_outputs(entry, wanted));
        }
        later.respond_json(200, {{"outputs", outputs}, {"session_id", session_id}});
      });
}

// Upstream 1.10 (api/v1/endpoints.py webhook_run_flow): the flow is resolved first
// (get_flow_by_id_or_endpoint_name, by id or by endpoint name of any owner), then
// get_webhook_user decides who runs it. With webhook auth off that is the flow's
// owner, whoever calls (get_user_by_flow_id_or_endpoint_name is not scoped to a
// caller). With it on, the API key's user, who must own the flow; a name is then
// looked up among that user's flows first (endpoint names are unique per owner only).
void BaseHandlers::webhook_run_flow(api::Context& ctx, const api::req::webhook_run_flow& request) {
  store::Store& store = *runtime_.services->store;
  const auto& headers = ctx.request().headers;
  const bool auth_on = ctx.settings().webhook_auth_enable;
  // The API key (header wins over query) identifies the caller only when webhook
  // authentication is on; there is no auto-login fallback.
  std::optional<std::string> key;
  if (auto h = headers.find("x-api-key")) {
    key = std::string(*h);
  } else {
    key = http::first_param(http::parse_query(ctx.request().query), "x-api-key");
  }
  std::optional<store::ApiKey> api_key;
  if (auth_on && key) {
    auto found = store.find_api_key_by_hash(auth::hash_api_key(*key));
    if (found && found->is_active) api_key = *found;
  }
  auto flow = find_webhook_flow(runtime_, request.flow_id_or_name,
                                api_key ? api_key->user_id : std::string());
  if (!flow) return respond_failure(ctx, flow.error());
  if (auth_on) {
    if (!key)
      return ctx.respond_detail(403, "API key required when webhook authentication is enabled");
    if (!api_key) return ctx.respond_detail(403, "Invalid API key");
  }
  // An example flow has no owner to run as.
  if (!flow->user_id)
    return ctx.respond_detail(404, "User for flow " + request.flow_id_or_name + " not found");
  if (auth_on && !is_owner(*flow, api_key->user_id))
    return ctx.respond_detail(403,
                              "Access denied: You can only execute webhooks for flows you own");
  const std::string run_as = *flow->user_id;  // the key's user when auth is on
  const std::string& raw = ctx.request().body;
  if (raw.empty())
    return ctx.respond_detail(
        400, "Request body is empty. You should provide a JSON payload containing the flow ID.");
  auto data = load_flow_data(*flow);
  engine::RunRequest run;
  run.flow_id = flow->id;
  run.input_value = "";
  run.input_type = "chat";
  run.abort_on_error = true;
  json tweaks = json::object();
  if (data)
    for (const auto& node : data->nodes)
      if (node.type == "Webhook") tweaks[node.id] = {{"data", raw}};
  run.tweaks = tweaks;
  if (data) {
    // Failures are only logged upstream; the caller already has its 202.
    runtime_.jobs->submit(
        [runtime = runtime_, data = std::move(*data), run, run_as](std::stop_token) {
          execute_async(runtime, data, run, run_as, {}, std::make_shared<engine::NullEventSink>(),
                        {}, HistoryScope::owner, [](engine::RunOutcome) {});
        });
  }
  ctx.respond_json(202, {{"message", "Task started in the background"}, {"status", "in progress"}});
}

}  // namespace lfkit::handlers::execution
