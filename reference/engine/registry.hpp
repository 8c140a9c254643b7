// Component type name -> native build function + catalogue metadata (for /api/v1/all).
#pragma once

#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "engine/component.hpp"
#include "engine/flow_model.hpp"

namespace lfkit::engine {

struct InputSpec {
  std::string name;
  std::string display_name;
  std::string field_type = "str";        // upstream template "type"
  nlohmann::json value = "";             // default
  std::vector<std::string> input_types;  // connectable types; empty = not connectable
  bool multiline = false;
};

struct OutputSpec {
  std::string name;
  std::string display_name;
  std::vector<std::string> types;  // e.g. {"Message"}
  std::string method;
};

struct ComponentSpec {
  std::string type;  // e.g. "ChatInput"
  std::string display_name;
  std::string description;
  std::string category;  // catalogue group, e.g. "input_output"
  std::string icon;
  std::vector<InputSpec> inputs;
  std::vector<OutputSpec> outputs;
  BuildFunction build;
  // Builds from its inputs alone, in microseconds: no network, no store reads, no waiting.
  // A flow made only of such components may run on the thread that asked for it.
  bool cpu_only = false;
  // When set, the executor builds through this instead of `build`, so that a vertex waiting on
  // the network holds no pool thread; `build` stays for callers that wait anyway.
  AsyncBuildFunction build_async = nullptr;
};

class ComponentRegistry {
 public:
  void add(ComponentSpec spec);
  const ComponentSpec* find(const std::string& type) const;
  // Registers `alias` with the spec of `type` (same build, its own type name).
  void alias(const std::string& alias, const std::string& type, const std::string& display_name);
  std::vector<std::string> types() const;
  // {category: {type: frontend node {template, display_name, description, outputs, ...}}}.
  nlohmann::json catalogue() const;

 private:
  std::map<std::string, ComponentSpec> specs_;
};

// All native components.
const ComponentRegistry& builtin_registry();

// True for a small flow whose every node is a cpu_only component of `registry`: running it
// takes microseconds, less than handing it to a pool thread and back would.
bool is_quick_flow(const ComponentRegistry& registry, const FlowData& flow);

// One registration function per component family (components/*.cpp).
void register_io_components(ComponentRegistry& registry);
void register_prompt_component(ComponentRegistry& registry);
void register_language_models(ComponentRegistry& registry);
void register_flow_control(ComponentRegistry& registry);
void register_text_components(ComponentRegistry& registry);
void register_memory_component(ComponentRegistry& registry);

}  // namespace lfkit::engine
