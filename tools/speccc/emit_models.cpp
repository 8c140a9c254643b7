// models.hpp/.cpp: one struct per object component with JSON (de)serialisation.
#include <functional>
#include <set>
#include <sstream>

#include "emit.hpp"
#include "names.hpp"
#include "types.hpp"

namespace speccc {
namespace {

struct Field {
  std::string json_name;
  std::string member;
  std::string type;       // value type T
  bool optional = false;  // stored as std::optional<T>
  bool nullable = false;  // serialised as null when empty
  bool required = false;
  json default_value;  // non-null default applied when absent
};

// A C++ initializer for simple defaults; "" when it must be parsed at runtime.
std::string literal_default(const std::string& type, const json& d) {
  if (type == "std::string" && d.is_string()) return cpp_string(d.get<std::string>());
  if (type == "int64_t" && d.is_number_integer()) return d.dump();
  if (type == "double" && d.is_number()) return d.dump() + (d.is_number_integer() ? ".0" : "");
  if (type == "bool" && d.is_boolean()) return d.dump();
  return "";
}

class ModelEmitter {
 public:
  explicit ModelEmitter(const Spec& spec) : spec_(spec) {}

  void run() {
    for (const auto& [name, schema] : spec_.components) visit(name);
  }

  std::string header() const {
    return std::string(kGeneratedBanner) +
           "#pragma once\n\n#include <cstdint>\n#include <optional>\n#include <string>\n"
           "#include <vector>\n\n#include \"lfkit/api/runtime.hpp\"\n\n"
           "namespace lfkit::api::model {\n\n" +
           forward_.str() + "\n" + decl_.str() + "}  // namespace lfkit::api::model\n";
  }
  std::string source() const {
    return std::string(kGeneratedBanner) +
           "#include \"lfkit/api/models.hpp\"\n\nnamespace lfkit::api::model {\n\n" + def_.str() +
           "}  // namespace lfkit::api::model\n";
  }

 private:
  // Emits dependencies first; a reference back into the current path (a
  // recursive schema) falls back to nlohmann::json.
  void visit(const std::string& name) {
    if (done_.count(name) || active_.count(name)) return;
    active_.insert(name);
    const json& schema = spec_.components.at(name);
    if (is_struct_component(schema)) {
      emit_struct(name, schema);
    } else {
      decl_ << "using " << name << " = " << type_of(schema) << ";\n\n";
    }
    active_.erase(name);
    done_.insert(name);
  }

  std::string type_of(const json& schema) {
    collect_refs(schema);
    // Recursive references cannot be held by value.
    if (refs_active(schema)) return "nlohmann::json";
    return cpp_value_type(spec_, schema);
  }

  bool refs_active(const json& s) const {
    if (!s.is_object()) return false;
    std::string r = ref_name(s);
    if (!r.empty() && active_.count(r)) return true;
    if (s.contains("items") && refs_active(s["items"])) return true;
    if (s.contains("anyOf")) {
      for (const auto& m : s["anyOf"]) {
        if (refs_active(m)) return true;
      }
    }
    return false;
  }

  void collect_refs(const json& s) {
    if (!s.is_object()) return;
    std::string r = ref_name(s);
    if (!r.empty()) visit(r);
    if (s.contains("items")) collect_refs(s["items"]);
    if (s.contains("anyOf"))
      for (const auto& m : s["anyOf"]) collect_refs(m);
  }

  void emit_struct(const std::string& name, const json& schema) {
    std::set<std::string> required;
    if (schema.contains("required")) {
      for (const auto& r : schema["required"]) required.insert(r.get<std::string>());
    }
    std::vector<Field> fields;
    std::set<std::string> members;
    for (const auto& [prop, sub] : schema["properties"].items()) {
      Field f;
      f.json_name = prop;
      f.member = member_name(prop);
      while (!members.insert(f.member).second) f.member += "_";
      bool nullable = false;
      const json& inner = strip_null(sub, nullable);
      f.type = type_of(inner);
      f.nullable = nullable || (inner.is_object() && inner.value("type", "") == "null");
      f.required = required.count(prop) > 0;
      json d = sub.is_object() && sub.contains("default") ? sub["default"] : json();
      bool struct_typed = f.type != "nlohmann::json" && !ref_name(inner).empty();
      if (f.type == "nlohmann::json") {
        f.optional = false;  // json already represents absence (null)
      } else if (f.required) {
        f.optional = f.nullable;
      } else if (!d.is_null() && !struct_typed) {
        f.optional = false;
        f.default_value = d;
      } else {
        f.optional = true;
      }
      fields.push_back(std::move(f));
    }
    forward_ << "struct " << name << ";\n";
    decl_ << "struct " << name << " {\n";
    for (const auto& f : fields) {
      decl_ << "  ";
      if (f.optional) {
        decl_ << "std::optional<" << f.type << "> " << f.member << ";\n";
        continue;
      }
      decl_ << f.type << " " << f.member;
      if (!f.default_value.is_null()) {
        std::string lit = literal_default(f.type, f.default_value);
        if (!lit.empty()) {
          decl_ << " = " << lit;
        } else {
          decl_ << " = nlohmann::json::parse(R\"lfk(" << f.default_value.dump() << ")lfk\").get<"
                << f.type << ">()";
        }
      } else if (f.type == "int64_t" || f.type == "double") {
        decl_ << " = 0";
      } else if (f.type == "bool") {
        decl_ << " = false";
      }
      decl_ << ";\n";
    }
    decl_ << "\n  bool operator==(const " << name << "&) const = default;\n};\n";
    decl_ << "void to_json(nlohmann::json& j, const " << name << "& v);\n";
    decl_ << "void from_json(const nlohmann::json& j, " << name << "& v);\n\n";

    def_ << "void to_json(nlohmann::json& j, const " << name << "& v) {\n";
    def_ << "  j = nlohmann::json::object();\n";
    for (const auto& f : fields) {
      std::string key = cpp_string(f.json_name);
      if (f.type == "nlohmann::json") {
        def_ << "  if (!v." << f.member << ".is_null() || " << (f.required || f.nullable) << ") j["
             << key << "] = v." << f.member << ";\n";
      } else if (f.optional) {
        def_ << "  if (v." << f.member << ") j[" << key << "] = *v." << f.member << ";\n";
        if (f.nullable) def_ << "  else j[" << key << "] = nullptr;\n";
      } else {
        def_ << "  j[" << key << "] = v." << f.member << ";\n";
      }
    }
    def_ << "}\n\n";
    def_ << "void from_json(const nlohmann::json& j, " << name << "& v) {\n";
    def_ << "  v = " << name << "{};\n";
    for (const auto& f : fields) {
      std::string key = cpp_string(f.json_name);
      def_ << "  if (auto it = j.find(" << key << "); it != j.end()";
      if (f.type == "nlohmann::json") {
        def_ << ") v." << f.member << " = *it;\n";
      } else {
        def_ << " && !it->is_null()) v." << f.member << " = it->get<" << f.type << ">();\n";
      }
    }
    def_ << "}\n\n";
  }

  const Spec& spec_;
  std::set<std::string> done_, active_;
  std::ostringstream forward_, decl_, def_;
};

}  // namespace

bool emit_models(const Spec& spec, const Output& out) {
  ModelEmitter e(spec);
  e.run();
  return out.write("models.hpp", e.header()) && out.write("models.cpp", e.source());
}

}  // namespace speccc
