// Execution traces (Langflow 1.10's native tracer): one Trace per flow run and
// its tree of Spans. JSON-valued columns travel as JSON text, as in entities.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/entities.hpp"

namespace lfkit::store {

struct Trace {
  std::string id;  // empty on create: generated
  std::string name;
  std::string status = "unset";  // "unset" | "ok" | "error"
  std::optional<Time> start_time;
  std::optional<Time> end_time;
  int64_t total_latency_ms = 0;
  int64_t total_tokens = 0;
  std::string flow_id;
  OptString session_id;
};

struct Span {
  std::string id;  // empty on create: generated
  std::string trace_id;
  OptString parent_span_id;
  std::string name;
  std::string span_type = "chain";  // chain | llm | tool | retriever | embedding | parser | agent
  std::string status = "unset";
  std::optional<Time> start_time;
  std::optional<Time> end_time;
  int64_t latency_ms = 0;
  OptString inputs_json;
  OptString outputs_json;
  OptString error;
  OptString attributes_json;
};

struct TraceQuery {
  OptString flow_id;
  OptString session_id;
  OptString status;
  // Case-insensitive substring of the name, id or session id.
  OptString text;
  std::optional<Time> start_from;   // start_time >= start_from
  std::optional<Time> start_until;  // start_time <= start_until
  PageRequest page;                 // newest start_time first
};

}  // namespace lfkit::store
