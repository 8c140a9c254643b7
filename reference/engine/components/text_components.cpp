// Text and converter components: CombineText, ParseData, ParserComponent,
// TypeConverterComponent, MessageToData.
#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

using nlohmann::json;

InputSpec field(std::string name, std::string display, std::string type, json value,
                std::vector<std::string> input_types = {}) {
  return InputSpec{std::move(name), std::move(display), std::move(type), std::move(value),
                   std::move(input_types)};
}

Value text_message(const ComponentContext& ctx, std::string text) {
  Message m;
  m.text = std::move(text);
  m.session_id = ctx.session_id;
  m.flow_id = ctx.flow_id;
  return Value::of_message(std::move(m));
}

std::string render(const std::string& pattern, const json& row) {
  std::string out;
  for (size_t i = 0; i < pattern.size();) {
    size_t close = pattern[i] == '{' ? pattern.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out.push_back(pattern[i++]);
      continue;
    }
    std::string key = pattern.substr(i + 1, close - i - 1);
    if (row.is_object() && row.contains(key))
      out += row[key].is_string() ? row[key].get<std::string>() : row[key].dump();
    else if (key == "text" && row.is_string())
      out += row.get<std::string>();
    i = close + 1;
  }
  return out;
}

// Rows of the first connected input among `fields` (Data -> 1 row, DataFrame -> n rows).
json rows_of(const ComponentContext& ctx, const std::string& field_name) {
  json rows = json::array();
  auto it = ctx.inputs.find(field_name);
  if (it == ctx.inputs.end()) return rows;
  for (const Value& v : it->second) {
    if (v.kind == Value::Kind::dataframe && v.data.is_array())
      for (const json& r : v.data) rows.push_back(r);
    else if (v.kind == Value::Kind::data)
      rows.push_back(v.data);
    else
      rows.push_back(json{{"text", v.as_text()}});
  }
  return rows;
}

Expected<ComponentResult, std::string> combine_text(ComponentContext& ctx) {
  auto a = ctx.text("text1");
  if (!a) return unexpected(a.error());
  auto b = ctx.text("text2");
  if (!b) return unexpected(b.error());
  std::string delimiter = ctx.text_or("delimiter", " ");
  ComponentResult result;
  result.outputs.emplace_back("combined_text", text_message(ctx, *a + delimiter + *b));
  return result;
}

Expected<ComponentResult, std::string> join_rows(ComponentContext& ctx, const std::string& input,
                                                 const std::string& pattern_field,
                                                 const std::string& output) {
  std::string pattern = ctx.text_or(pattern_field);
  if (pattern.empty()) pattern = "{text}";
  std::string sep = ctx.text_or("sep", "\n");
  std::string text;
  bool first = true;
  for (const json& row : rows_of(ctx, input)) {
    if (!first) text += sep;
    text += render(pattern, row);
    first = false;
  }
  ComponentResult result;
  result.outputs.emplace_back(output, text_message(ctx, std::move(text)));
  return result;
}

Expected<ComponentResult, std::string> parse_data(ComponentContext& ctx) {
  return join_rows(ctx, "data", "template", "text");
}

Expected<ComponentResult, std::string> parser(ComponentContext& ctx) {
  return join_rows(ctx, "input_data", "pattern", "parsed_text");
}

Expected<ComponentResult, std::string> type_converter(ComponentContext& ctx) {
  const Value* in = ctx.input("input_data");
  std::string target = ctx.text_or("output_type", "Message");
  ComponentResult result;
  Value value = in ? *in : Value::of_text("");
  if (target == "Data") {
    json data = value.kind == Value::Kind::data ? value.data : json{{"text", value.as_text()}};
    result.outputs.emplace_back("data_output", Value::of_data(std::move(data)));
  } else if (target == "DataFrame") {
    json rows =
        value.kind == Value::Kind::dataframe
            ? value.data
            : json::array(
                  {value.kind == Value::Kind::data ? value.data : json{{"text", value.as_text()}}});
    result.outputs.emplace_back("dataframe_output", Value::of_dataframe(std::move(rows)));
  } else {
    result.outputs.emplace_back("message_output", text_message(ctx, value.as_text()));
  }
  return result;
}

Expected<ComponentResult, std::string> message_to_data(ComponentContext& ctx) {
  auto text = ctx.text("message");
  if (!text) return unexpected(text.error());
  ComponentResult result;
  result.outputs.emplace_back("data", Value::of_data(json{{"text", *text}}));
  return result;
}

}  // namespace

void register_text_components(ComponentRegistry& registry) {
  registry.add({"CombineText",
                "Combine Text",
                "Concatenate two text sources into a single text chunk using a specified "
                "delimiter.",
                "processing",
                "merge",
                {field("text1", "First Text", "str", "", {"Message"}),
                 field("text2", "Second Text", "str", "", {"Message"}),
                 field("delimiter", "Delimiter", "str", " ")},
                {{"combined_text", "Combined Text", {"Message"}, "combine_texts"}},
                combine_text,
                /*cpu_only=*/true});
  registry.add(
      {"ParseData",
       "Data to Message",
       "Convert Data objects into Messages using any {field_name} from input data.",
       "processing",
       "message-square",
       {field("data", "Data", "other", "", {"Data"}),
        field("template", "Template", "str", "{text}"), field("sep", "Separator", "str", "\n")},
       {{"text", "Message", {"Message"}, "parse_data"}},
       parse_data,
       /*cpu_only=*/true});
  registry.add(
      {"ParserComponent",
       "Parser",
       "Extracts text using a template.",
       "processing",
       "braces",
       {field("input_data", "Data or DataFrame", "other", "", {"DataFrame", "Data"}),
        field("pattern", "Template", "str", "{text}"), field("sep", "Separator", "str", "\n")},
       {{"parsed_text", "Parsed Text", {"Message"}, "parse_combined_text"}},
       parser,
       /*cpu_only=*/true});
  registry.add({"TypeConverterComponent",
                "Type Convert",
                "Convert between different types (Message, Data, DataFrame)",
                "processing",
                "repeat",
                {field("input_data", "Input", "other", "", {"Message", "Data", "DataFrame"}),
                 field("output_type", "Output Type", "str", "Message")},
                {{"message_output", "Message Output", {"Message"}, "convert_to_message"},
                 {"data_output", "Data Output", {"Data"}, "convert_to_data"},
                 {"dataframe_output", "DataFrame Output", {"DataFrame"}, "convert_to_dataframe"}},
                type_converter,
                /*cpu_only=*/true});
  registry.add({"MessagetoData",
                "Message to Data",
                "Convert a Message object to a Data object",
                "processing",
                "message-square-share",
                {field("message", "Message", "str", "", {"Message"})},
                {{"data", "Data", {"Data"}, "convert_message_to_data"}},
                message_to_data,
                /*cpu_only=*/true});
}

}  // namespace lfkit::engine
