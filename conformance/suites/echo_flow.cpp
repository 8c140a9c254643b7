#include "conformance/suites/echo_flow.hpp"

namespace lfkit::conformance {
namespace {

using nlohmann::json;

json field(const char* name, json value) {
  return {{"type", "str"},        {"value", std::move(value)}, {"show", true},
          {"name", name},         {"display_name", name},      {"advanced", false},
          {"load_from_db", false}};
}

json chat_node(const std::string& id, const std::string& type, const char* sender,
               const char* sender_name) {
  json template_ = {{"input_value", field("input_value", "")},
                    {"should_store_message", field("should_store_message", true)},
                    {"sender", field("sender", sender)},
                    {"sender_name", field("sender_name", sender_name)},
                    {"session_id", field("session_id", "")},
                    {"code", field("code", "# native")}};
  if (type == "ChatOutput") template_["data_template"] = field("data_template", "{text}");
  const json output = {{"name", "message"},     {"display_name", "message"}, {"types", {"Message"}},
                       {"selected", "Message"}, {"method", "message"},       {"cache", true}};
  return {{"id", id},
          {"type", "genericNode"},
          {"position", {{"x", 0}, {"y", 0}}},
          {"data",
           {{"id", id},
            {"type", type},
            {"node",
             {{"display_name", type == "ChatInput" ? "Chat Input" : "Chat Output"},
              {"description", ""},
              {"template", template_},
              {"base_classes", {"Message"}},
              {"outputs", json::array({output})},
              {"frozen", false},
              {"field_order", json::array()}}}}}};
}

}  // namespace

nlohmann::json echo_flow_data() {
  const json source = {{"dataType", "ChatInput"},
                       {"id", kEchoInputId},
                       {"name", "message"},
                       {"output_types", {"Message"}}};
  const json target = {{"fieldName", "input_value"},
                       {"id", kEchoOutputId},
                       {"inputTypes", {"Message"}},
                       {"type", "str"}};
  const json edge = {{"id", std::string("reactflow__edge-") + kEchoInputId + "-" + kEchoOutputId},
                     {"source", kEchoInputId},
                     {"target", kEchoOutputId},
                     {"sourceHandle", source.dump()},
                     {"targetHandle", target.dump()},
                     {"data", {{"sourceHandle", source}, {"targetHandle", target}}}};
  return {{"nodes",
           {chat_node(kEchoInputId, "ChatInput", "User", "User"),
            chat_node(kEchoOutputId, "ChatOutput", "Machine", "AI")}},
          {"edges", json::array({edge})},
          {"viewport", {{"x", 0}, {"y", 0}, {"zoom", 1}}}};
}

nlohmann::json echo_flow_body(const std::string& name) {
  return {{"name", name}, {"description", "lfkit conformance echo"}, {"data", echo_flow_data()}};
}

}  // namespace lfkit::conformance
