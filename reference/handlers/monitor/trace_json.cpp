#include "handlers/monitor/trace_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <set>

#include "common/clock.hpp"

namespace lfkit::handlers::monitor {
namespace {

ojson parsed_or_null(const std::optional<std::string>& text) {
  if (!text) return nullptr;
  auto value = ojson::parse(*text, nullptr, false);
  return value.is_discarded() ? ojson(nullptr) : value;
}

ojson time_or_null(const std::optional<store::Time>& t) {
  return t ? ojson(pydantic_naive_iso(*t)) : ojson(nullptr);
}

// Python truthiness of a JSON value.
bool truthy(const ojson& v) {
  if (v.is_null()) return false;
  if (v.is_boolean()) return v.get<bool>();
  if (v.is_number()) return v.get<double>() != 0.0;
  if (v.is_string() || v.is_array() || v.is_object()) return !v.empty();
  return true;
}

// Upstream's _safe_int_tokens.
int64_t safe_int_tokens(const ojson& v) {
  if (v.is_number_integer()) return v.get<int64_t>();
  if (v.is_number_float()) return static_cast<int64_t>(v.get<double>());
  if (v.is_boolean()) return v.get<bool>() ? 1 : 0;
  if (v.is_string()) {
    const auto s = v.get<std::string>();
    try {
      size_t used = 0;
      int64_t n = std::stoll(s, &used);
      if (used == s.size()) return n;
      double d = std::stod(s, &used);
      if (used == s.size() && std::isfinite(d)) return static_cast<int64_t>(d);
    } catch (...) {
    }
  }
  return 0;
}

ojson attributes_of(const store::Span& s) {
  auto attrs = parsed_or_null(s.attributes_json);
  return attrs.is_object() ? attrs : ojson::object();
}

// {"input": {"input_value": ...} | null, "output": ... | null} as upstream extracts it.
std::pair<ojson, ojson> trace_io(const std::vector<store::Span>& spans) {
  ojson input = nullptr;
  auto chat_input = std::find_if(spans.begin(), spans.end(), [](const store::Span& s) {
    return s.name.find("Chat Input") != std::string::npos;
  });
  if (chat_input != spans.end()) {
    auto inputs = parsed_or_null(chat_input->inputs_json);
    if (inputs.is_object() && inputs.contains("input_value") && truthy(inputs["input_value"])) {
      input = ojson{{"input_value", inputs["input_value"]}};
    }
  }
  ojson output = nullptr;
  const store::Span* latest = nullptr;
  for (const auto& s : spans) {
    if (s.parent_span_id || !s.end_time) continue;
    if (latest == nullptr || *s.end_time > *latest->end_time) latest = &s;
  }
  if (latest != nullptr) {
    auto outputs = parsed_or_null(latest->outputs_json);
    if (truthy(outputs)) output = outputs;
  }
  return {input, output};
}

ojson span_json(const store::Span& s) {
  const auto attrs = attributes_of(s);
  ojson token_usage = nullptr;
  if (!attrs.empty()) {
    token_usage = {{"promptTokens", attrs.value("prompt_tokens", ojson(0))},
                   {"completionTokens", attrs.value("completion_tokens", ojson(0))},
                   {"totalTokens", attrs.value("total_tokens", ojson(0))},
                   {"cost", attrs.value("cost", ojson(0.0))}};
  }
  return {{"id", s.id},
          {"name", s.name},
          {"type", s.span_type},
          {"status", s.status},
          {"startTime", time_or_null(s.start_time)},
          {"endTime", time_or_null(s.end_time)},
          {"latencyMs", s.latency_ms},
          {"inputs", parsed_or_null(s.inputs_json)},
          {"outputs", parsed_or_null(s.outputs_json)},
          {"error", s.error ? ojson(*s.error) : ojson(nullptr)},
          {"modelName", attrs.value("model_name", ojson(nullptr))},
          {"tokenUsage", token_usage},
          {"children", ojson::array()}};
}

// Roots with their children nested (a span whose parent is unknown is a root).
ojson span_tree(const std::vector<store::Span>& spans) {
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < spans.size(); ++i) index.emplace(spans[i].id, i);
  std::vector<std::vector<size_t>> children(spans.size());
  std::vector<size_t> roots;
  for (size_t i = 0; i < spans.size(); ++i) {
    const auto& parent = spans[i].parent_span_id;
    auto it = parent ? index.find(*parent) : index.end();
    if (it != index.end() && it->second != i) {
      children[it->second].push_back(i);
    } else {
      roots.push_back(i);
    }
  }
  // Depth-first build; a cycle (never written by the engine) is cut at the first revisit.
  std::vector<bool> visiting(spans.size(), false);
  std::function<ojson(size_t)> build = [&](size_t i) {
    ojson node = span_json(spans[i]);
    visiting[i] = true;
    for (size_t c : children[i]) {
      if (!visiting[c]) node["children"].push_back(build(c));
    }
    return node;
  };
  ojson out = ojson::array();
  for (size_t r : roots) out.push_back(build(r));
  return out;
}

}  // namespace

std::string pydantic_naive_iso(store::Time t) {
  auto text = iso_utc_micros(t);  // "...T..:..:..ffffff+00:00"
  if (text.ends_with("+00:00")) text.resize(text.size() - 6);
  if (text.ends_with(".000000")) text.resize(text.size() - 7);
  return text;
}

std::optional<store::Time> parse_iso_datetime(std::string_view s) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  int consumed = 0;
  const std::string text(s);
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10) {
    return std::nullopt;
  }
  size_t pos = 10;
  int64_t micros = 0;
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    int used = 0;
    if (std::sscanf(text.c_str() + pos, "%2d:%2d%n", &hour, &minute, &used) != 2 || used != 5) {
      return std::nullopt;
    }
    pos += 5;
    if (pos < text.size() && text[pos] == ':') {
      if (std::sscanf(text.c_str() + pos + 1, "%2d%n", &second, &used) != 1 || used != 2) {
        return std::nullopt;
      }
      pos += 3;
      if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
        ++pos;
        int64_t scale = 100000;
        while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos]))) {
          micros += (text[pos] - '0') * scale;
          scale /= 10;
          ++pos;
        }
      }
    }
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int oh = 0, om = 0;
      const int sign = text[pos] == '-' ? -1 : 1;
      if (std::sscanf(text.c_str() + pos + 1, "%2d:%2d%n", &oh, &om, &used) == 2 && used == 5) {
        pos += 6;
      } else if (std::sscanf(text.c_str() + pos + 1, "%2d%2d%n", &oh, &om, &used) == 2 &&
                 used == 4) {
        pos += 5;
      } else {
        return std::nullopt;
      }
      offset_seconds = sign * (oh * 3600 + om * 60);
    }
  }
  if (pos != text.size() || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 ||
      minute > 59 || second > 59) {
    return std::nullopt;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const int64_t epoch = static_cast<int64_t>(timegm(&tm)) - offset_seconds;
  return store::Time(std::chrono::duration_cast<store::Time::duration>(
      std::chrono::seconds(epoch) + std::chrono::microseconds(micros)));
}

std::optional<std::string> sanitize_query(const std::optional<std::string>& value) {
  if (!value) return std::nullopt;
  std::string cleaned;
  for (char c : *value) {
    if (c >= ' ' && c <= '~') cleaned.push_back(c);
  }
  if (cleaned.empty()) return std::nullopt;
  const auto first = cleaned.find_first_not_of(" \t\n\r\f\v");
  if (first == std::string::npos) return std::string();
  const auto last = cleaned.find_last_not_of(" \t\n\r\f\v");
  return cleaned.substr(first, last - first + 1).substr(0, 50);
}

std::optional<int64_t> leaf_token_total(const std::vector<store::Span>& spans) {
  if (spans.empty()) return std::nullopt;
  std::set<std::string> parents;
  for (const auto& s : spans) {
    if (s.parent_span_id) parents.insert(*s.parent_span_id);
  }
  int64_t total = 0;
  for (const auto& s : spans) {
    if (parents.contains(s.id)) continue;
    const auto attrs = attributes_of(s);
    ojson tokens = 0;
    if (attrs.contains("llm.usage.total_tokens") && truthy(attrs["llm.usage.total_tokens"])) {
      tokens = attrs["llm.usage.total_tokens"];
    } else if (attrs.contains("total_tokens") && truthy(attrs["total_tokens"])) {
      tokens = attrs["total_tokens"];
    }
    total += safe_int_tokens(tokens);
  }
  return total;
}

ojson trace_summary_json(const store::Trace& trace, const std::vector<store::Span>& spans) {
  const auto [input, output] = trace_io(spans);
  return {{"id", trace.id},
          {"name", trace.name},
          {"status", trace.status},
          {"startTime", time_or_null(trace.start_time)},
          {"totalLatencyMs", trace.total_latency_ms},
          {"totalTokens", leaf_token_total(spans).value_or(trace.total_tokens)},
          {"flowId", trace.flow_id},
          {"sessionId", trace.session_id.value_or(trace.id)},
          {"input", input},
          {"output", output}};
}

ojson trace_read_json(const store::Trace& trace, const std::vector<store::Span>& spans) {
  const auto [input, output] = trace_io(spans);
  const int64_t tokens = leaf_token_total(spans).value_or(0);
  return {{"id", trace.id},
          {"name", trace.name},
          {"status", trace.status},
          {"startTime", time_or_null(trace.start_time)},
          {"endTime", time_or_null(trace.end_time)},
          {"totalLatencyMs", trace.total_latency_ms},
          {"totalTokens", tokens != 0 ? tokens : trace.total_tokens},
          {"flowId", trace.flow_id},
          {"sessionId", trace.session_id.value_or(trace.id)},
          {"input", input},
          {"output", output},
          {"spans", span_tree(spans)}};
}

}  // namespace lfkit::handlers::monitor
