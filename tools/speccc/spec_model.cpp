#include "spec_model.hpp"

#include <algorithm>
#include <cctype>
#include <set>

#include "names.hpp"
#include "yaml_to_json.hpp"

namespace speccc {
namespace {

const std::set<std::string> kSchemaKeywords = {"type",
                                               "properties",
                                               "required",
                                               "additionalProperties",
                                               "items",
                                               "anyOf",
                                               "enum",
                                               "const",
                                               "default",
                                               "format",
                                               "minimum",
                                               "maximum",
                                               "exclusiveMinimum",
                                               "exclusiveMaximum",
                                               "minLength",
                                               "maxLength",
                                               "minItems",
                                               "maxItems",
                                               "title",
                                               "description",
                                               "examples",
                                               "$ref",
                                               "contentMediaType",
                                               "writeOnly",
                                               "readOnly",
                                               "example"};
const std::set<std::string> kTypes = {"string", "integer", "number", "boolean",
                                      "array",  "object",  "null"};
const std::set<std::string> kAuth = {"none",    "current_user", "superuser",
                                     "api_key", "optional",     "public_flow",
                                     "webhook", "mcp",          "refresh_cookie"};
const std::vector<std::string> kMethods = {"get",    "post", "put",    "patch",
                                           "delete", "head", "options"};

std::string escape_pointer_token(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

class Loader {
 public:
  explicit Loader(std::string file) : file_(std::move(file)) {}

  Result<Spec> run() {
    auto doc = load_yaml_file(file_);
    if (!doc.ok()) return doc.error();
    spec_.file = file_;
    spec_.doc = std::move(doc.value());
    if (auto e = load(); !e.message.empty()) return e;
    return std::move(spec_);
  }

 private:
  SpecError fail(const std::string& pointer, const std::string& msg) {
    return SpecError{file_, pointer, msg};
  }

  SpecError load() {
    const json& d = spec_.doc;
    if (!d.is_object()) return fail("", "the document is not a mapping");
    if (d.value("openapi", "").rfind("3.1", 0) != 0) {
      return fail("/openapi", "expected an OpenAPI 3.1.x document");
    }
    if (!d.contains("paths") || !d["paths"].is_object()) return fail("/paths", "missing paths");
    if (d.contains("components") && d["components"].contains("schemas")) {
      for (auto& [name, schema] : d["components"]["schemas"].items()) {
        if (!is_identifier_like(name)) {
          return fail("/components/schemas/" + escape_pointer_token(name),
                      "schema names must be letters, digits and underscores");
        }
        spec_.components[name] = schema;
      }
    }
    for (auto& [name, schema] : spec_.components) {
      if (auto e = check_schema(schema, "/components/schemas/" + name); !e.message.empty()) {
        return e;
      }
    }
    std::set<std::string> ids;
    for (auto& [path, item] : d["paths"].items()) {
      std::string item_ptr = "/paths/" + escape_pointer_token(path);
      if (path.empty() || path[0] != '/') return fail(item_ptr, "paths must start with '/'");
      for (const auto& m : kMethods) {
        if (!item.contains(m)) continue;
        Operation op;
        op.method = m;
        std::transform(op.method.begin(), op.method.end(), op.method.begin(), ::toupper);
        op.path = path;
        op.pointer = item_ptr + "/" + m;
        if (auto e = load_operation(item, item[m], op); !e.message.empty()) return e;
        if (!ids.insert(op.id).second) {
          return fail(op.pointer + "/operationId", "duplicate operationId '" + op.id + "'");
        }
        spec_.operations.push_back(std::move(op));
      }
    }
    for (const auto& op : spec_.operations) {
      if (!op.alias_of.empty() && !ids.count(op.alias_of)) {
        return fail(op.pointer + "/x-lfkit-alias-of",
                    "names an unknown operationId '" + op.alias_of + "'");
      }
      if (std::find(spec_.groups.begin(), spec_.groups.end(), op.group) == spec_.groups.end()) {
        spec_.groups.push_back(op.group);
      }
    }
    return {};
  }

  // Follows a local "#/components/<kind>/<name>" reference.
  const json* deref(const json& node, const std::string& ptr, SpecError& err) {
    if (!node.is_object() || !node.contains("$ref")) return &node;
    std::string ref = node["$ref"].get<std::string>();
    if (ref.rfind("#/", 0) != 0) {
      err = fail(ptr + "/$ref", "only local references are supported: " + ref);
      return nullptr;
    }
    try {
      const json& target = spec_.doc.at(json::json_pointer(ref.substr(1)));
      return &target;
    } catch (const std::exception&) {
      err = fail(ptr + "/$ref", "dangling reference " + ref);
      return nullptr;
    }
  }

  SpecError load_operation(const json& item, const json& o, Operation& op) {
    const std::string& p = op.pointer;
    if (!o.is_object()) return fail(p, "an operation must be a mapping");
    op.id = o.value("operationId", "");
    if (!is_cpp_identifier(op.id)) {
      return fail(p + "/operationId",
                  "missing, not a C++ identifier, or a keyword: '" + op.id + "'");
    }
    if (!o.contains("tags") || !o["tags"].is_array() || o["tags"].size() != 1) {
      return fail(p + "/tags", "each operation needs exactly one tag");
    }
    op.tag = o["tags"][0].get<std::string>();
    op.group = group_name_for_tag(op.tag);
    op.auth = o.value("x-lfkit-auth", "");
    if (!kAuth.count(op.auth)) {
      return fail(p + "/x-lfkit-auth", "missing or unknown auth class '" + op.auth + "'");
    }
    op.alias_of = o.value("x-lfkit-alias-of", "");
    op.deprecated = o.value("deprecated", false);
    if (!o.contains("responses") || !o["responses"].is_object() || o["responses"].empty()) {
      return fail(p + "/responses", "each operation documents at least one response");
    }

    std::vector<json> params;
    if (item.contains("parameters"))
      for (auto& x : item["parameters"]) params.push_back(x);
    if (o.contains("parameters"))
      for (auto& x : o["parameters"]) params.push_back(x);
    for (size_t i = 0; i < params.size(); ++i) {
      std::string pp = p + "/parameters/" + std::to_string(i);
      SpecError err;
      const json* pr = deref(params[i], pp, err);
      if (!pr) return err;
      Param param;
      param.name = pr->value("name", "");
      param.in = pr->value("in", "");
      param.required = pr->value("required", false);
      param.schema = pr->value("schema", json::object());
      if (param.name.empty()) return fail(pp + "/name", "parameter without a name");
      if (param.in != "path" && param.in != "query" && param.in != "header" &&
          param.in != "cookie") {
        return fail(pp + "/in", "unknown parameter location '" + param.in + "'");
      }
      if (param.in == "path" && !param.required) {
        return fail(pp + "/required", "path parameters must be required");
      }
      if (param.in == "path" && op.path.find("{" + param.name + "}") == std::string::npos) {
        return fail(pp + "/name", "path parameter '" + param.name + "' is not in the path");
      }
      if (auto e = check_schema(param.schema, pp + "/schema"); !e.message.empty()) return e;
      op.params.push_back(std::move(param));
    }
    // Every {placeholder} in the path must be declared.
    for (size_t pos = op.path.find('{'); pos != std::string::npos;
         pos = op.path.find('{', pos + 1)) {
      size_t end = op.path.find('}', pos);
      std::string name = op.path.substr(pos + 1, end - pos - 1);
      bool declared = std::any_of(op.params.begin(), op.params.end(),
                                  [&](const Param& x) { return x.in == "path" && x.name == name; });
      if (!declared) return fail(p + "/parameters", "path parameter '" + name + "' not declared");
    }

    if (o.contains("requestBody")) {
      SpecError err;
      const json* rb = deref(o["requestBody"], p + "/requestBody", err);
      if (!rb) return err;
      op.body_required = rb->value("required", false);
      if (!rb->contains("content") || (*rb)["content"].empty()) {
        return fail(p + "/requestBody/content", "a request body needs a content type");
      }
      auto it = (*rb)["content"].begin();
      op.body_media_type = it.key();
      op.body_schema = it.value().value("schema", json::object());
      if (auto e = check_schema(op.body_schema, p + "/requestBody/content/" +
                                                    escape_pointer_token(it.key()) + "/schema");
          !e.message.empty()) {
        return e;
      }
    }

    for (auto& [status, resp] : o["responses"].items()) {
      std::string rp = p + "/responses/" + status;
      Response r;
      try {
        r.status = std::stoi(status);
      } catch (const std::exception&) {
        return fail(rp, "response keys must be numeric status codes");
      }
      SpecError err;
      const json* rr = deref(resp, rp, err);
      if (!rr) return err;
      if (rr->contains("content") && !(*rr)["content"].empty()) {
        auto it = (*rr)["content"].begin();
        r.media_type = it.key();
        r.schema = it.value().value("schema", json::object());
        if (auto e = check_schema(r.schema,
                                  rp + "/content/" + escape_pointer_token(it.key()) + "/schema");
            !e.message.empty()) {
          return e;
        }
      }
      op.responses.push_back(std::move(r));
    }
    return {};
  }

  SpecError check_schema(const json& s, const std::string& ptr) {
    if (s.is_boolean()) return {};
    if (!s.is_object()) return fail(ptr, "a schema must be a mapping");
    for (auto& [k, v] : s.items()) {
      if (k.rfind("x-", 0) == 0) continue;
      if (!kSchemaKeywords.count(k)) {
        return fail(ptr + "/" + escape_pointer_token(k), "unsupported schema keyword '" + k + "'");
      }
      if (k == "type" && (!v.is_string() || !kTypes.count(v.get<std::string>()))) {
        return fail(ptr + "/type",
                    "type must be one of string, integer, number, boolean, "
                    "array, object, null (nullable via anyOf)");
      }
    }
    if (s.contains("$ref")) {
      const std::string ref = s["$ref"].get<std::string>();
      const std::string prefix = "#/components/schemas/";
      if (ref.rfind(prefix, 0) != 0 || !spec_.components.count(ref.substr(prefix.size()))) {
        return fail(ptr + "/$ref", "dangling or non-schema reference " + ref);
      }
    }
    if (s.contains("properties")) {
      if (!s["properties"].is_object()) return fail(ptr + "/properties", "must be a mapping");
      for (auto& [name, sub] : s["properties"].items()) {
        if (auto e = check_schema(sub, ptr + "/properties/" + escape_pointer_token(name));
            !e.message.empty()) {
          return e;
        }
      }
    }
    if (s.contains("required")) {
      if (!s["required"].is_array()) return fail(ptr + "/required", "must be a list");
      for (auto& r : s["required"]) {
        if (!r.is_string()) return fail(ptr + "/required", "entries must be strings");
      }
    }
    if (s.contains("items")) {
      if (auto e = check_schema(s["items"], ptr + "/items"); !e.message.empty()) return e;
    }
    if (s.contains("additionalProperties") && s["additionalProperties"].is_object()) {
      if (auto e = check_schema(s["additionalProperties"], ptr + "/additionalProperties");
          !e.message.empty()) {
        return e;
      }
    }
    if (s.contains("anyOf")) {
      if (!s["anyOf"].is_array() || s["anyOf"].empty()) {
        return fail(ptr + "/anyOf", "must be a non-empty list");
      }
      for (size_t i = 0; i < s["anyOf"].size(); ++i) {
        if (auto e = check_schema(s["anyOf"][i], ptr + "/anyOf/" + std::to_string(i));
            !e.message.empty()) {
          return e;
        }
      }
    }
    if (s.contains("enum") && (!s["enum"].is_array() || s["enum"].empty())) {
      return fail(ptr + "/enum", "must be a non-empty list");
    }
    for (const char* k : {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"}) {
      if (s.contains(k) && !s[k].is_number()) return fail(ptr + "/" + k, "must be a number");
    }
    for (const char* k : {"minLength", "maxLength", "minItems", "maxItems"}) {
      if (s.contains(k) && !(s[k].is_number_integer() && s[k].get<int64_t>() >= 0)) {
        return fail(ptr + "/" + k, "must be a non-negative integer");
      }
    }
    return {};
  }

  std::string file_;
  Spec spec_;
};

}  // namespace

std::string group_name_for_tag(const std::string& tag) {
  std::string out;
  bool upper = true;
  for (char c : tag) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  // Tags differing only in case ("MCP"/"mcp") share one handler interface.
  std::string folded;
  for (size_t i = 0; i < out.size(); ++i) {
    folded += i == 0 ? out[i] : static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  }
  return folded;
}

Result<Spec> load_spec(const std::string& path) {
  return Loader(path).run();
}

}  // namespace speccc
