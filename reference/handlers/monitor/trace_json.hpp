// Trace and span payloads in the camelCase shapes of Langflow's trace routes
// (TraceSummaryRead, TraceRead, SpanReadResponse), built from stored rows.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/trace_entities.hpp"

namespace lfkit::handlers::monitor {

using ojson = nlohmann::ordered_json;

// Pydantic's naive datetime text: "2024-05-29T17:57:17" plus ".ffffff" when non-zero.
std::string pydantic_naive_iso(store::Time t);
// ISO 8601 date-time as accepted by the query parser ("Z"/offset optional, naive = UTC).
std::optional<store::Time> parse_iso_datetime(std::string_view text);
// Upstream's _sanitize_query_string: printable ASCII only, trimmed, at most 50 characters.
std::optional<std::string> sanitize_query(const std::optional<std::string>& value);

// Token total of the leaf spans (parents already include their children's tokens);
// nullopt when there are no spans.
std::optional<int64_t> leaf_token_total(const std::vector<store::Span>& spans);

ojson trace_summary_json(const store::Trace& trace, const std::vector<store::Span>& spans);
ojson trace_read_json(const store::Trace& trace, const std::vector<store::Span>& spans);

}  // namespace lfkit::handlers::monitor
