// requests.hpp/.cpp: a typed request struct and a parser per operation;
// handlers.hpp/.cpp: one interface per tag group and the dispatcher.
#include <map>
#include <sstream>
#include <vector>

#include "emit.hpp"
#include "names.hpp"
#include "types.hpp"
#include "validator_codegen.hpp"

namespace speccc {
namespace {

std::string snake(const std::string& group) {
  std::string out;
  for (size_t i = 0; i < group.size(); ++i) {
    char c = group[i];
    if (std::isupper(static_cast<unsigned char>(c))) {
      if (i > 0) out += '_';
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    } else {
      out += c;
    }
  }
  return out;
}

// The C++ type a parameter (or form field) is converted to.
std::string param_value_type(const json& s) {
  std::string type = s.value("type", "");
  if (type == "integer") return "int64_t";
  if (type == "number") return "double";
  if (type == "boolean") return "bool";
  if (type == "array") {
    return "std::vector<" + param_value_type(s.value("items", json::object())) + ">";
  }
  return "std::string";
}

std::string literal(const std::string& type, const json& d) {
  if (type == "std::string" && d.is_string()) return cpp_string(d.get<std::string>());
  if (type == "int64_t" && d.is_number_integer()) return d.dump();
  if (type == "double" && d.is_number()) return d.dump();
  if (type == "bool" && d.is_boolean()) return d.dump();
  return "";
}

json without_format(const json& s) {
  json c = s;
  if (c.is_object()) c.erase("format");
  return c;
}

class RequestEmitter {
 public:
  explicit RequestEmitter(const Spec& spec) : spec_(spec), codegen_(spec) {}

  void emit_operation(const Operation& op) {
    structs_ << "// " << op.method << " " << op.path << "\nstruct " << op.id << " {\n";
    parse_decl_ << "bool " << op.id << "(const RawRequest& raw, req::" << op.id
                << "& out, Errors& e);\n";
    parsers_ << "bool " << op.id << "(const RawRequest& raw, req::" << op.id
             << "& out, Errors& e) {\n  const size_t before = e.size();\n";
    for (const auto& p : op.params) emit_param(p);
    if (!op.body_media_type.empty()) emit_body(op);
    parsers_ << "  return e.size() == before;\n}\n\n";
    structs_ << "};\n\n";
  }

  std::string requests_header() const {
    return std::string(kGeneratedBanner) +
           "#pragma once\n\n#include \"lfkit/api/models.hpp\"\n#include "
           "\"lfkit/api/runtime.hpp\"\n\nnamespace lfkit::api::req {\n\nusing namespace "
           "lfkit::api::model;\n\n" +
           structs_.str() +
           "}  // namespace lfkit::api::req\n\nnamespace lfkit::api::parse {\n\n"
           "// Each parser fills `out` from the raw request and returns false (with "
           "FastAPI-style\n// errors appended to `e`) when the request is invalid.\n" +
           parse_decl_.str() + "\n}  // namespace lfkit::api::parse\n";
  }
  std::string requests_source() {
    return std::string(kGeneratedBanner) +
           "#include \"lfkit/api/requests.hpp\"\n\n#include <algorithm>\n\n#include "
           "\"lfkit/api/validators.hpp\"\n\nnamespace lfkit::api::parse {\n\nusing namespace "
           "lfkit::api::validate;\nusing namespace lfkit::api::model;\n\nnamespace {\n\n" +
           codegen_.constants() + "\n}  // namespace\n\n" + parsers_.str() +
           "}  // namespace lfkit::api::parse\n";
  }

 private:
  void emit_param(const Param& p) {
    bool nullable = false;
    const json& s = strip_null(p.schema, nullable);
    std::string type = param_value_type(s);
    std::string member = member_name(p.name);
    json d = p.schema.is_object() && p.schema.contains("default") ? p.schema["default"] : json();
    std::string lit = d.is_null() ? "" : literal(type, d);
    bool plain = p.required || !lit.empty();
    structs_ << "  ";
    if (plain) {
      structs_ << type << " " << member;
      if (!lit.empty())
        structs_ << " = " << lit;
      else if (type == "int64_t" || type == "double")
        structs_ << " = 0";
      else if (type == "bool")
        structs_ << " = false";
      structs_ << ";\n";
    } else {
      structs_ << "std::optional<" << type << "> " << member << ";\n";
    }
    std::string getter = p.in == "path"     ? "path_param"
                         : p.in == "header" ? "header"
                         : p.in == "cookie" ? "cookie"
                                            : "query_values";
    std::string name = cpp_string(p.name);
    parsers_ << "  {\n    const Loc where{nullptr, " << cpp_string(p.in) << ", -1};\n"
             << "    const Loc loc = where.child(" << name << ");\n";
    bool is_array = s.value("type", "") == "array";
    const json item = is_array ? s.value("items", json::object()) : s;
    std::string item_type = item.value("type", "string");
    std::string format = item.value("format", "");
    if (getter == "query_values") {
      parsers_ << "    const auto values = raw.query_values(" << name << ");\n"
               << "    const bool present = !values.empty();\n";
    } else {
      parsers_ << "    const auto one = raw." << getter << "(" << name << ");\n"
               << "    const bool present = one.has_value();\n"
               << "    std::vector<std::string_view> values;\n"
               << "    if (one) values.push_back(*one);\n";
    }
    parsers_ << "    if (!present) {\n";
    if (p.required) {
      parsers_ << "      add_error(e, \"missing\", loc, \"Field required\", nullptr);\n";
    }
    parsers_ << "    } else {\n";
    if (is_array) {
      parsers_ << "      nlohmann::json list = nlohmann::json::array();\n"
               << "      bool ok = true;\n"
               << "      for (size_t i = 0; i < values.size(); ++i) {\n"
               << "        const Loc item_loc = loc.at(static_cast<int64_t>(i));\n"
               << "        nlohmann::json jv;\n"
               << "        if (convert_param(values[i], " << cpp_string(item_type) << ", "
               << cpp_string(format) << ", item_loc, e, jv)) list.push_back(jv);\n"
               << "        else ok = false;\n      }\n"
               << "      const size_t mark = e.size();\n"
               << "      if (ok) {\n"
               << codegen_.check(without_format(s), "list", "loc", "e", 4, false) << "      }\n"
               << "      if (ok && e.size() == mark) out." << member << " = list.get<" << type
               << ">();\n";
    } else {
      // The last value wins, as with Starlette's QueryParams.
      parsers_ << "      nlohmann::json jv;\n"
               << "      if (convert_param(values.back(), " << cpp_string(item_type) << ", "
               << cpp_string(format) << ", loc, e, jv)) {\n"
               << "        const size_t mark = e.size();\n"
               << codegen_.check(without_format(s), "jv", "loc", "e", 4, false)
               << "        if (e.size() == mark) out." << member << " = jv.get<" << type
               << ">();\n      }\n";
    }
    parsers_ << "    }\n  }\n";
  }

  void emit_body(const Operation& op) {
    const std::string& media = op.body_media_type;
    if (media == "application/json") {
      bool nullable = false;
      const json& s = strip_null(op.body_schema, nullable);
      std::string type = cpp_value_type(spec_, s);
      if (op.body_required && !nullable) {
        structs_ << "  " << type << " body{};\n";
      } else {
        structs_ << "  std::optional<" << type << "> body;\n";
      }
      structs_ << "  nlohmann::json body_json;  // the body as sent (null when absent)\n";
      parsers_ << "  {\n    const Loc where{nullptr, \"body\", -1};\n"
               << "    const std::string_view text = raw.body();\n"
               << "    if (text.empty()) {\n";
      if (op.body_required) {
        parsers_ << "      add_error(e, \"missing\", where, \"Field required\", nullptr);\n";
      }
      parsers_ << "    } else if (auto parsed = parse_json_body(text, e)) {\n"
               << "      const nlohmann::json& b = *parsed;\n"
               << "      const size_t mark = e.size();\n"
               << codegen_.check(op.body_schema, "b", "where", "e", 3, !ref_name(s).empty())
               << "      if (e.size() == mark) {\n";
      if (nullable || !op.body_required) {
        parsers_ << "        if (!b.is_null()) out.body = b.get<" << type << ">();\n";
      } else {
        parsers_ << "        out.body = b.get<" << type << ">();\n";
      }
      parsers_ << "        out.body_json = std::move(*parsed);\n      }\n    }\n  }\n";
    } else if (media == "multipart/form-data" || media == "application/x-www-form-urlencoded") {
      structs_ << "  const FormData* form = nullptr;  // parsed body fields and files\n";
      parsers_ << "  {\n    const Loc where{nullptr, \"body\", -1};\n"
               << "    const FormData* form = raw.form();\n    out.form = form;\n";
      json s = op.body_schema;
      std::string ref = ref_name(s);
      if (!ref.empty()) s = spec_.components.at(ref);
      std::map<std::string, bool> required;
      if (s.contains("required")) {
        for (const auto& r : s["required"]) required[r.get<std::string>()] = true;
      }
      if (s.contains("properties")) {
        // pydantic reports fields in declaration order, which the loaded (key-sorted) JSON
        // lost; FastAPI lists `required` in that order, so required fields come first in
        // it (login: username before password), then the others.
        std::vector<std::string> names;
        if (s.contains("required")) {
          for (const auto& r : s["required"]) {
            if (s["properties"].contains(r.get<std::string>())) names.push_back(r);
          }
        }
        for (const auto& [name, sub] : s["properties"].items()) {
          if (!required.count(name)) names.push_back(name);
        }
        for (const auto& name : names) {
          const json& sub = s["properties"][name];
          bool nullable = false;
          const json& f = strip_null(sub, nullable);
          bool is_array = f.value("type", "") == "array";
          const json item = is_array ? f.value("items", json::object()) : f;
          bool binary = item.value("format", "") == "binary";
          parsers_ << "    {\n      const Loc loc = where.child(" << cpp_string(name) << ");\n"
                   << "      const auto fields = form ? form->all(" << cpp_string(name)
                   << ") : std::vector<const FormField*>{};\n"
                   << "      if (fields.empty()) {\n";
          if (required.count(name)) {
            parsers_ << "        add_error(e, \"missing\", loc, \"Field required\", nullptr);\n";
          }
          parsers_ << "      }\n      for (const FormField* field : fields) {\n";
          if (binary) {
            parsers_ << "        if (!field->is_file()) add_error(e, \"value_error\", loc, "
                        "\"Value error, Expected UploadFile, received: <class 'str'>\", "
                        "std::string(field->data));\n";
          } else {
            parsers_ << "        nlohmann::json jv;\n        (void)convert_param(field->data, "
                     << cpp_string(item.value("type", "string")) << ", "
                     << cpp_string(item.value("format", "")) << ", loc, e, jv);\n";
          }
          parsers_ << "      }\n    }\n";
        }
      }
      parsers_ << "  }\n";
    } else {
      structs_ << "  std::string_view body;  // raw " << media << " bytes\n";
      parsers_ << "  out.body = raw.body();\n";
      if (op.body_required) {
        parsers_ << "  if (out.body.empty()) add_error(e, \"missing\", Loc{nullptr, \"body\", "
                    "-1}, \"Field required\", nullptr);\n";
      }
    }
  }

  const Spec& spec_;
  ValidatorCodegen codegen_;
  std::ostringstream structs_, parse_decl_, parsers_;
};

}  // namespace

bool emit_requests(const Spec& spec, const Output& out) {
  RequestEmitter requests(spec);
  std::map<std::string, const Operation*> by_id;
  for (const auto& op : spec.operations) by_id[op.id] = &op;
  for (const auto& op : spec.operations) {
    if (op.alias_of.empty()) requests.emit_operation(op);
  }

  std::ostringstream h, c;
  h << kGeneratedBanner
    << "#pragma once\n\n#include <memory>\n#include <vector>\n\n#include "
       "\"lfkit/api/operations.hpp\"\n#include \"lfkit/api/requests.hpp\"\n\n"
    << "namespace lfkit::api {\n\n"
    << "// One HTTP exchange as handlers see it; defined by the server (reference/api).\n"
    << "class Context;\n\n";
  for (const auto& g : spec.groups) {
    h << "// Operations tagged " << g << ". Implementing the interface means implementing all "
      << "of them.\nclass " << g << "Handlers {\n public:\n  virtual ~" << g
      << "Handlers() = default;\n";
    for (const auto& op : spec.operations) {
      if (op.group != g || !op.alias_of.empty()) continue;
      h << "  // " << op.method << " " << op.path << "\n  virtual void " << op.id
        << "(Context& ctx, const req::" << op.id << "& request) = 0;\n";
    }
    h << "};\n\n";
  }
  h << "// The mounted implementations; an empty pointer leaves its operations unimplemented.\n"
    << "struct HandlerSet {\n";
  for (const auto& g : spec.groups) {
    h << "  std::shared_ptr<" << g << "Handlers> " << snake(g) << ";\n";
  }
  h << "};\n\nenum class DispatchStatus : uint8_t { handled, invalid, not_implemented };\n\n"
    << "// Parses and validates the request for `op` (bad input is a 422 even before a handler\n// "
       "exists), then calls its handler. On\n"
    << "// DispatchStatus::invalid, `errors` holds the 422 details.\n"
    << "DispatchStatus dispatch(Op op, const RawRequest& raw, Context& ctx, const HandlerSet& "
       "handlers,\n                        Errors& errors);\n"
    << "// Validation only (fuzzing, tests): true when the request is valid.\n"
    << "bool validate_request(Op op, const RawRequest& raw, Errors& errors);\n"
    << "// Operations whose handler group is not mounted.\n"
    << "std::vector<Op> unimplemented_operations(const HandlerSet& handlers);\n\n"
    << "}  // namespace lfkit::api\n";

  c << kGeneratedBanner << "#include \"lfkit/api/handlers.hpp\"\n\nnamespace lfkit::api {\n\n"
    << "DispatchStatus dispatch(Op op, const RawRequest& raw, Context& ctx, const HandlerSet& "
       "handlers,\n                        Errors& errors) {\n  switch (op) {\n";
  std::ostringstream validate, missing;
  for (const auto& op : spec.operations) {
    const Operation& target = op.alias_of.empty() ? op : *by_id.at(op.alias_of);
    std::string member = snake(target.group);
    c << "    case Op::" << op.id << ": {\n"
      << "      req::" << target.id << " request;\n"
      << "      if (!parse::" << target.id
      << "(raw, request, errors)) return "
         "DispatchStatus::invalid;\n"
      << "      if (!handlers." << member << ") return DispatchStatus::not_implemented;\n"
      << "      handlers." << member << "->" << target.id << "(ctx, request);\n"
      << "      return DispatchStatus::handled;\n    }\n";
    validate << "    case Op::" << op.id << ": {\n      req::" << target.id
             << " request;\n      return parse::" << target.id << "(raw, request, errors);\n"
             << "    }\n";
    missing << "  if (!handlers." << member << ") out.push_back(Op::" << op.id << ");\n";
  }
  c << "  }\n  return DispatchStatus::not_implemented;\n}\n\n"
    << "bool validate_request(Op op, const RawRequest& raw, Errors& errors) {\n  switch (op) {\n"
    << validate.str() << "  }\n  return false;\n}\n\n"
    << "std::vector<Op> unimplemented_operations(const HandlerSet& handlers) {\n"
    << "  std::vector<Op> out;\n"
    << missing.str() << "  return out;\n}\n\n"
    << "}  // namespace lfkit::api\n";

  return out.write("requests.hpp", requests.requests_header()) &&
         out.write("requests.cpp", requests.requests_source()) &&
         out.write("handlers.hpp", h.str()) && out.write("handlers.cpp", c.str());
}

}  // namespace speccc
