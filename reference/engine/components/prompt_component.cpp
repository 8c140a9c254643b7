// Prompt: "{variable}" placeholders of the template become inputs.
#include "engine/registry.hpp"

namespace lfkit::engine {
namespace {

// Variables in order of first appearance; "{{" / "}}" are literal braces.
std::vector<std::string> template_variables(const std::string& pattern) {
  std::vector<std::string> out;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern.compare(i, 2, "{{") == 0 || pattern.compare(i, 2, "}}") == 0) {
      ++i;
      continue;
    }
    if (pattern[i] != '{') continue;
    size_t close = pattern.find('}', i);
    if (close == std::string::npos) break;
    std::string name = pattern.substr(i + 1, close - i - 1);
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    i = close;
  }
  return out;
}

Expected<ComponentResult, std::string> prompt(ComponentContext& ctx) {
  auto pattern = ctx.text("template");
  if (!pattern) return unexpected(pattern.error());
  std::string out;
  const std::string& p = *pattern;
  for (size_t i = 0; i < p.size(); ++i) {
    if (p.compare(i, 2, "{{") == 0 || p.compare(i, 2, "}}") == 0) {
      out.push_back(p[i]);
      ++i;
      continue;
    }
    size_t close = p[i] == '{' ? p.find('}', i) : std::string::npos;
    if (close == std::string::npos) {
      out.push_back(p[i]);
      continue;
    }
    auto value = ctx.text(p.substr(i + 1, close - i - 1));
    if (!value) return unexpected(value.error());
    out += *value;
    i = close;
  }
  Message m;
  m.text = out;
  m.session_id = ctx.session_id;
  m.flow_id = ctx.flow_id;
  ComponentResult result;
  result.outputs.emplace_back("prompt", Value::of_message(std::move(m)));
  (void)template_variables;  // exposed through the catalogue's dynamic fields upstream
  return result;
}

}  // namespace

void register_prompt_component(ComponentRegistry& registry) {
  registry.add({"Prompt",
                "Prompt",
                "Create a prompt template with dynamic variables.",
                "prompts",
                "braces",
                {InputSpec{"template", "Template", "prompt", "", {}, true}},
                {{"prompt", "Prompt", {"Message"}, "build_prompt"}},
                prompt,
                /*cpu_only=*/true});
}

}  // namespace lfkit::engine
