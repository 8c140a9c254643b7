// ConditionalRouter (If-Else) and Loop.
#include <regex>

#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Expected<bool, std::string> evaluate(const std::string& input, std::string match,
                                     const std::string& op, bool case_sensitive) {
  std::string text = input;
  if (!case_sensitive && op != "regex") {
    text = lower(text);
    match = lower(match);
  }
  if (op == "equals") return text == match;
  if (op == "not equals") return text != match;
  if (op == "contains") return text.find(match) != std::string::npos;
  if (op == "starts with") return text.rfind(match, 0) == 0;
  if (op == "ends with")
    return text.size() >= match.size() &&
           text.compare(text.size() - match.size(), match.size(), match) == 0;
  if (op == "regex") {
    try {
      return std::regex_search(text, std::regex(match));
    } catch (const std::regex_error&) {
      return false;  // upstream treats an invalid pattern as no match
    }
  }
  auto a = parse_number(text), b = parse_number(match);
  if (op == "less than") return a && b && *a < *b;
  if (op == "less than or equal") return a && b && *a <= *b;
  if (op == "greater than") return a && b && *a > *b;
  if (op == "greater than or equal") return a && b && *a >= *b;
  return unexpected("Unknown operator: " + op);
}

Expected<ComponentResult, std::string> conditional_router(ComponentContext& ctx) {
  auto input = ctx.text("input_text");
  if (!input) return unexpected(input.error());
  auto match = ctx.text("match_text");
  if (!match) return unexpected(match.error());
  std::string op = ctx.text_or("operator");
  if (op.empty()) op = "equals";
  auto verdict = evaluate(*input, *match, op, ctx.flag("case_sensitive", false));
  if (!verdict) return unexpected(verdict.error());
  // The routed value is the optional "message" input, else the input text.
  Value routed = ctx.input("message") ? *ctx.input("message") : Value::of_text(*input);
  if (const Value* in = ctx.input("input_text"); in && !ctx.input("message")) routed = *in;
  ComponentResult result;
  result.outputs.emplace_back(*verdict ? "true_result" : "false_result", routed);
  result.inactive_outputs.push_back(*verdict ? "false_result" : "true_result");
  return result;
}

json items_of(const Value& value) {
  if (value.kind == Value::Kind::dataframe && value.data.is_array()) return value.data;
  if (value.kind == Value::Kind::data) {
    if (value.data.is_array()) return value.data;
    return json::array({value.data});
  }
  if (value.kind == Value::Kind::text || value.kind == Value::Kind::message) {
    json parsed = json::parse(value.as_text(), nullptr, false);
    if (parsed.is_array()) return parsed;
    return json::array({json{{"text", value.as_text()}}});
  }
  return json::array();
}

// State lives in ctx.loop_state: {items, index, aggregated}. Each run emits the next
// item (excluding "done") or, when exhausted, the aggregated feedback (excluding "item").
Expected<ComponentResult, std::string> loop(ComponentContext& ctx) {
  json& state = *ctx.loop_state;
  if (!state.contains("items")) {
    const Value* data = ctx.input("data");
    state["items"] = data ? items_of(*data) : json::array();
    state["index"] = 0;
    if (!state.contains("aggregated")) state["aggregated"] = json::array();
  }
  size_t index = state["index"].get<size_t>();
  ComponentResult result;
  if (index < state["items"].size()) {
    json item = state["items"][index];
    state["index"] = index + 1;
    result.outputs.emplace_back("item",
                                Value::of_data(item.is_object() ? item : json{{"text", item}}));
    result.inactive_outputs.push_back("done");
  } else {
    result.outputs.emplace_back("done", Value::of_dataframe(state["aggregated"]));
    result.inactive_outputs.push_back("item");
  }
  return result;
}

InputSpec field(std::string name, std::string display, std::string type, json value,
                std::vector<std::string> input_types = {}) {
  return InputSpec{std::move(name), std::move(display), std::move(type), std::move(value),
                   std::move(input_types)};
}

}  // namespace

void register_flow_control(ComponentRegistry& registry) {
  registry.add({"ConditionalRouter",
                "If-Else",
                "Routes an input message to a corresponding output based on text comparison.",
                "logic",
                "split",
                {field("input_text", "Text Input", "str", "", {"Message"}),
                 field("match_text", "Match Text", "str", "", {"Message"}),
                 field("operator", "Operator", "str", "equals"),
                 field("case_sensitive", "Case Sensitive", "bool", false),
                 field("message", "Message", "str", "", {"Message"})},
                {{"true_result", "True", {"Message"}, "true_response"},
                 {"false_result", "False", {"Message"}, "false_response"}},
                conditional_router,
                /*cpu_only=*/true});
  registry.add(
      {"LoopComponent",
       "Loop",
       "Iterates over a list of Data objects, outputting one item at a time and "
       "aggregating results from loop inputs.",
       "logic",
       "infinity",
       {field("data", "Inputs", "other", "", {"DataFrame", "Data"})},
       {{"item", "Item", {"Data"}, "item_output"}, {"done", "Done", {"DataFrame"}, "done_output"}},
       loop});
}

}  // namespace lfkit::engine
