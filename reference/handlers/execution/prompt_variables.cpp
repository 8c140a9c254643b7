#include "handlers/execution/prompt_variables.hpp"

#include <algorithm>
#include <regex>
#include <set>

namespace lfkit::handlers::execution {
namespace {

const std::set<char> kInvalidCharacters = {' ', ',',  '.', ':', ';', '!', '?',
                                           '/', '\\', '(', ')', '[', ']'};
const std::set<std::string> kInvalidNames = {
    "code",     "input_variables", "output_parser",    "partial_variables",
    "template", "template_format", "validate_template"};

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out;
}

// Python's str.format field-name part of one replacement field.
std::string field_name_of(const std::string& field) {
  size_t i = 0;
  while (i < field.size()) {
    char c = field[i];
    if (c == '[') {
      while (i < field.size() && field[i] != ']') ++i;
      continue;
    }
    if (c == ':' || c == '!') break;
    ++i;
  }
  return field.substr(0, i);
}

// The names {{name}} / {{{name}}} / {{#name}} ... that langchain's
// mustache_template_vars reports (top level only).
std::vector<std::string> mustache_names(const std::string& text) {
  std::vector<std::string> names;
  int depth = 0;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string::npos) {
    size_t end = text.find("}}", pos + 2);
    if (end == std::string::npos) break;
    std::string tag = text.substr(pos + 2, end - pos - 2);
    pos = end + 2;
    if (!tag.empty() && tag.front() == '{') {
      tag.erase(0, 1);
      if (pos < text.size() && text[pos] == '}') ++pos;
    }
    char kind = tag.empty() ? ' ' : tag.front();
    if (kind == '#' || kind == '^' || kind == '/' || kind == '&' || kind == '!' || kind == '>')
      tag.erase(0, 1);
    tag.erase(0, tag.find_first_not_of(" \t"));
    tag.erase(tag.find_last_not_of(" \t") + 1);
    if (kind == '/') {
      --depth;
      continue;
    }
    if (kind == '!' || kind == '>') continue;
    if (depth == 0 && tag != ".") {
      std::string key = tag.substr(0, tag.find('.'));
      if (!contains(names, key)) names.push_back(key);
    }
    if (kind == '#' || kind == '^') ++depth;
  }
  return names;
}

// Upstream's _fix_variable/_check_variable/_check_for_errors, including how its
// lists alias each other, so the error text lists exactly what upstream lists.
Expected<std::vector<std::string>, std::string> check_input_variables(
    const std::vector<std::string>& input_variables) {
  std::vector<std::vector<std::string>> lists(3);  // invalid_chars, wrong, empty
  const size_t invalid_chars = 0;
  size_t wrong = 1, empty = 2;
  std::vector<std::string> fixed, to_check;

  std::function<std::string(const std::string&, size_t, size_t)> fix =
      [&](const std::string& var, size_t ic, size_t wv) -> std::string {
    if (var.empty()) return var;
    std::string new_var = var;
    if (std::isdigit(static_cast<unsigned char>(var[0]))) {
      lists[ic].push_back(std::string(1, var[0]));
      new_var = fix(var.substr(1), ic, wv);
    }
    const std::string snapshot = new_var;  // Python iterates the string bound at loop start
    for (char c : snapshot) {
      if (!kInvalidCharacters.count(c)) continue;
      lists[ic].push_back(std::string(1, c));
      new_var.erase(std::remove(new_var.begin(), new_var.end(), c), new_var.end());
      if (!contains(lists[wv], var)) lists[wv].push_back(var);
    }
    return new_var;
  };

  for (const auto& var : input_variables) {
    std::string stripped;
    for (char c : var)
      if (c != '\n' && c != ' ') stripped += c;
    if (stripped.starts_with("{{") && stripped.ends_with("}}")) continue;
    const size_t passed_wrong = wrong;
    std::string new_var = fix(var, invalid_chars, passed_wrong);
    wrong = invalid_chars;
    empty = passed_wrong;
    bool has_invalid =
        std::any_of(var.begin(), var.end(), [](char c) { return kInvalidCharacters.count(c) > 0; });
    if (has_invalid) {
      lists[wrong].push_back(var);
    } else if (var.empty()) {
      lists[empty].push_back(var);
    }
    fixed.push_back(new_var);
    to_check.push_back(var);
  }
  for (const auto& var : to_check) {
    if (!contains(fixed, var)) {
      return unexpected(
          "Input variables contain invalid characters or formats. \nInvalid "
          "variables: " +
          join(lists[wrong]) + ".\nEmpty variables: " + join(lists[empty]) +
          ". \nFixed variables: " + join(fixed) + ".");
    }
  }
  return fixed;
}

// DefaultPromptField(name=var, display_name=var).to_dict(), upstream's key order.
nlohmann::ordered_json prompt_field(const std::string& name, const nlohmann::ordered_json& value) {
  nlohmann::ordered_json f;
  f["type"] = "str";
  f["required"] = false;
  f["placeholder"] = "";
  f["list"] = false;
  f["show"] = true;
  f["multiline"] = true;
  if (!value.is_null()) f["value"] = value;
  f["fileTypes"] = nlohmann::ordered_json::array();
  f["file_path"] = "";
  f["name"] = name;
  f["display_name"] = name;
  f["advanced"] = false;
  f["input_types"] = {"Message"};
  f["dynamic"] = false;
  f["info"] = "";
  f["load_from_db"] = false;
  f["title_case"] = false;
  return f;
}

}  // namespace

Expected<std::vector<std::string>, std::string> format_field_names(const std::string& text) {
  std::vector<std::string> names;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    char c = text[i++];
    if (c != '{' && c != '}') continue;
    const bool at_end = i >= n;
    if (c == '}') {
      if (at_end || text[i] != '}')
        return unexpected(std::string("Single '}' encountered in format string"));
      ++i;  // "}}" is a literal brace
      continue;
    }
    if (at_end) return unexpected(std::string("Single '{' encountered in format string"));
    if (text[i] == '{') {
      ++i;  // "{{" is a literal brace
      continue;
    }
    // A replacement field: up to the matching '}' (nested braces live in the spec).
    size_t start = i;
    int count = 1;
    bool closed = false;
    while (i < n) {
      char d = text[i++];
      if (d == '{') {
        ++count;
      } else if (d == '}') {
        if (--count == 0) {
          closed = true;
          break;
        }
      }
    }
    if (!closed) return unexpected(std::string("expected '}' before end of string"));
    const std::string field = text.substr(start, i - 1 - start);
    const std::string name = field_name_of(field);
    if (name.find('{') != std::string::npos)
      return unexpected(std::string("unexpected '{' in field name"));
    if (!name.empty() && !contains(names, name)) names.push_back(name);
  }
  return names;
}

Expected<std::vector<std::string>, std::string> prompt_input_variables(const std::string& text,
                                                                       bool mustache) {
  std::vector<std::string> variables;
  if (mustache) {
    static const std::vector<std::string> kDangerous = {"{{{", "{{#", "{{/", "{{^",
                                                        "{{&", "{{>", "{{!", "{{."};
    for (const auto& p : kDangerous)
      if (text.find(p) != std::string::npos)
        return unexpected(std::string(
            "Complex mustache syntax is not allowed. Only simple variable substitution like "
            "{{variable}} is permitted."));
    static const std::regex any_tag(R"(\{\{[^}]*\}\})");
    static const std::regex simple(R"(^\{\{([a-zA-Z_][a-zA-Z0-9_]*)\}\})");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), any_tag);
         it != std::sregex_iterator(); ++it) {
      const std::string tag = it->str();
      if (!std::regex_search(tag, simple))
        return unexpected("Invalid mustache variable: " + tag +
                          ". Only simple variable names like {{variable}} are allowed.");
    }
    variables = mustache_names(text);
  } else {
    auto names = format_field_names(text);
    if (!names) return unexpected(names.error());
    const auto moustached = mustache_names(text);
    for (const auto& v : *names)
      if (!contains(moustached, v)) variables.push_back(v);
  }
  auto checked = check_input_variables(variables);
  if (!checked) return checked;
  for (const auto& v : *checked) {
    if (kInvalidNames.count(v))
      return unexpected("Invalid input variables. None of the variables can be named " +
                        join(*checked) + ". ");
  }
  return checked;
}

Expected<void, std::string> apply_prompt_variables(nlohmann::ordered_json& node,
                                                   const std::string& name,
                                                   const std::vector<std::string>& variables) {
  if (!node.contains("template") || !node["template"].is_object())
    node["template"] = nlohmann::ordered_json::object();
  auto& tmpl = node["template"];
  // A missing/null custom_fields is a defaultdict upstream: every name exists.
  const bool defaulting = !node.contains("custom_fields") || node["custom_fields"].is_null();
  if (defaulting) node["custom_fields"] = nlohmann::ordered_json::object();
  auto& custom = node["custom_fields"];
  if (!custom.is_object()) return unexpected(std::string("500: 'custom_fields' must be a dict"));

  // get_old_custom_fields: an empty name on a single-entry map means that entry.
  std::string old_key = name;
  if (custom.size() == 1 && name.empty()) old_key = custom.begin().key();
  std::vector<std::string> old_fields;
  if (custom.contains(old_key) && custom[old_key].is_array())
    for (const auto& v : custom[old_key])
      if (v.is_string()) old_fields.push_back(v.get<std::string>());
  custom[old_key] = nlohmann::ordered_json::array();
  if (!custom.contains(name)) {
    if (!defaulting && !variables.empty()) return unexpected("500: '" + name + "'");
    custom[name] = nlohmann::ordered_json::array();
  }

  for (const auto& v : variables) {
    nlohmann::ordered_json value = "";
    if (tmpl.contains(v)) {
      if (!tmpl[v].is_object() || !tmpl[v].contains("value"))
        return unexpected(std::string("500: 'value'"));
      value = tmpl[v]["value"];
    }
    tmpl[v] = prompt_field(v, value);
    auto& list = custom[name];
    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  }
  for (const auto& v : old_fields) {
    if (contains(variables, v)) continue;
    auto& list = custom[name];
    list.erase(std::remove(list.begin(), list.end(), v), list.end());
    tmpl.erase(v);
  }
  if (tmpl.contains("input_variables") && tmpl["input_variables"].is_object())
    tmpl["input_variables"]["value"] = variables;
  return {};
}

}  // namespace lfkit::handlers::execution
