// lfkit graph engine: the one header HTTP handlers include.
//
// Load -> (tweak, inject input) -> Graph -> sort -> execute -> shape responses.
//
//   auto flow = lfkit::engine::load_flow(flow_json);          // Expected<FlowData, LoadError>
//   lfkit::engine::ThreadPool pool(4);                         // shared, bounded
//   lfkit::engine::Executor executor(lfkit::engine::builtin_registry(), pool,
//                                    {&message_store, &run_recorder, &variables, nullptr});
//   lfkit::engine::RunRequest request;                         // flow_id, session_id, input_value,
//   request.flow_id = id; request.input_value = "hi";          // input_type, tweaks, stream,
//   request.abort_on_error = true;                             // sort{start,stop}, ...
//   RunOutcome outcome = executor.run(*flow, request, sink, stop_token);
//   json body = lfkit::engine::build_run_response(outcome, request.input_value,
//                                                 {output_type, output_component});
//
// Events: EventSink::on_event(name, data) with upstream's names and payloads
// (vertices_sorted, build_start, add_message, token, end_vertex, error, end); the HTTP
// layer frames them as {"event": name, "data": data}. /build: abort_on_error=false
// (failed vertices report valid:false, stream ends with `end`); /run: abort_on_error=true
// (first failure -> `error` {"error": "Error running graph: ..."}, outcome.status failed).
// Cancellation: request_stop() on the token; the outcome is `cancelled` and no terminal
// event is emitted (the caller decides what to tell the client).
//
// Persistence and lookups are injected (services.hpp): MessageStore, RunRecorder,
// VariableResolver (request X-LANGFLOW-GLOBAL-VAR-* first, then user variables),
// LanguageModel (the seam to a real OpenAI-compatible endpoint; default: deterministic echo).
// Catalogue for /api/v1/all: builtin_registry().catalogue().
#pragma once

#include "engine/duration.hpp"
#include "engine/events.hpp"
#include "engine/executor.hpp"
#include "engine/flow_model.hpp"
#include "engine/graph.hpp"
#include "engine/in_memory_services.hpp"
#include "engine/registry.hpp"
#include "engine/run_result.hpp"
#include "engine/services.hpp"
#include "engine/sorter.hpp"
#include "engine/thread_pool.hpp"
#include "engine/tweaks.hpp"
