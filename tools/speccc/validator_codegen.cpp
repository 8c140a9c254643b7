#include "validator_codegen.hpp"

#include "names.hpp"
#include "types.hpp"

namespace speccc {
namespace {

const char* type_test(const std::string& type) {
  if (type == "string") return "is_string()";
  if (type == "integer") return "is_number_integer()";
  if (type == "number") return "is_number()";
  if (type == "boolean") return "is_boolean()";
  if (type == "array") return "is_array()";
  if (type == "object") return "is_object()";
  return "is_null()";
}

std::string num(const json& n) {
  return n.dump();
}

}  // namespace

std::string ValidatorCodegen::constant(const json& value) {
  std::string name = "kConst" + std::to_string(counter_++);
  constants_ << "const nlohmann::json " << name << " = nlohmann::json::parse(R\"lfk("
             << value.dump() << ")lfk\");\n";
  return name;
}

std::string ValidatorCodegen::check(const json& schema, const std::string& value,
                                    const std::string& loc, const std::string& errs, int depth,
                                    bool is_model) {
  std::ostringstream o;
  emit(o, schema, value, loc, errs, depth, is_model);
  return o.str();
}

void ValidatorCodegen::emit(std::ostringstream& o, const json& s, const std::string& v,
                            const std::string& loc, const std::string& errs, int depth,
                            bool is_model) {
  const std::string p = pad(depth);
  if (s.is_boolean()) {
    if (!s.get<bool>()) {
      o << p << "add_error(" << errs << ", \"value_error\", " << loc
        << ", \"Value error, no value is allowed here\", " << v << ");\n";
    }
    return;
  }
  if (!s.is_object()) return;
  std::string ref = ref_name(s);
  if (!ref.empty()) {
    o << p << "check_" << ref << "(" << v << ", " << loc << ", " << errs << ");\n";
    return;
  }
  if (s.contains("anyOf")) {
    bool nullable = false;
    const json& inner = strip_null(s, nullable);
    if (nullable) {
      // Optional[T]: null passes, anything else is reported as T's errors (pydantic).
      o << p << "if (!" << v << ".is_null()) {\n";
      emit(o, inner, v, loc, errs, depth + 1, false);
      o << p << "}\n";
    } else {
      const std::string ok = "any_ok" + std::to_string(depth);
      const std::string all = "any_errs" + std::to_string(depth);
      o << p << "{\n" << p << "  bool " << ok << " = false;\n" << p << "  Errors " << all << ";\n";
      for (size_t i = 0; i < s["anyOf"].size(); ++i) {
        const std::string member = "member_errs" + std::to_string(depth);
        o << p << "  if (!" << ok << ") {\n" << p << "    Errors " << member << ";\n";
        emit(o, s["anyOf"][i], v, loc, member, depth + 2, false);
        o << p << "    if (" << member << ".empty()) " << ok << " = true;\n"
          << p << "    else " << all << ".insert(" << all << ".end(), " << member << ".begin(), "
          << member << ".end());\n"
          << p << "  }\n";
      }
      o << p << "  if (!" << ok << ") " << errs << ".insert(" << errs << ".end(), " << all
        << ".begin(), " << all << ".end());\n"
        << p << "}\n";
    }
    // Keywords beside anyOf (rare) still apply.
    json rest = s;
    rest.erase("anyOf");
    rest.erase("default");
    rest.erase("title");
    rest.erase("description");
    if (rest.contains("type") || rest.contains("enum") || rest.contains("const")) {
      emit(o, rest, v, loc, errs, depth, is_model);
    }
    return;
  }
  if (s.contains("const")) {
    std::string c = constant(s["const"]);
    o << p << "if (" << v << " != " << c << ") add_error(" << errs << ", \"literal_error\", " << loc
      << ", \"Input should be \" + expected_choices(nlohmann::json::array({" << c << "})), " << v
      << ", {{\"expected\", expected_choices(nlohmann::json::array({" << c << "}))}});\n";
  }
  if (s.contains("type")) {
    std::string type = s["type"].get<std::string>();
    o << p << "if (!" << v << "." << type_test(type) << ") {\n"
      << p << "  add_type_error(" << errs << ", " << cpp_string(type) << ", "
      << (is_model ? "true" : "false") << ", " << loc << ", " << v << ");\n"
      << p << "} else {\n";
    emit_typed(o, s, type, v, loc, errs, depth + 1);
    o << p << "}\n";
    return;
  }
  // No declared type: each keyword family applies only to values of its type.
  for (const char* type : {"string", "number", "array", "object"}) {
    o << p << "if (" << v << "." << type_test(type) << ") {\n";
    emit_typed(o, s, type, v, loc, errs, depth + 1);
    o << p << "}\n";
  }
  if (s.contains("enum")) emit_typed(o, json{{"enum", s["enum"]}}, "", v, loc, errs, depth);
}

void ValidatorCodegen::emit_typed(std::ostringstream& o, const json& s, const std::string& type,
                                  const std::string& v, const std::string& loc,
                                  const std::string& errs, int depth) {
  const std::string p = pad(depth);
  const std::string d = std::to_string(depth);
  if (s.contains("enum") && (type.empty() || type == "boolean" || type == "null")) {
    std::string c = constant(s["enum"]);
    o << p << "if (std::find(" << c << ".begin(), " << c << ".end(), " << v << ") == " << c
      << ".end()) add_error(" << errs << ", \"enum\", " << loc
      << ", \"Input should be \" + expected_choices(" << c << "), " << v
      << ", {{\"expected\", expected_choices(" << c << ")}});\n";
  }
  if (type == "string") {
    if (s.contains("enum")) emit_typed(o, json{{"enum", s["enum"]}}, "", v, loc, errs, depth);
    bool needs_len = s.contains("minLength") || s.contains("maxLength");
    if (needs_len) {
      o << p << "const size_t len" << d << " = utf8_length(" << v
        << ".get_ref<const std::string&>());\n";
    }
    if (s.contains("minLength")) {
      std::string n = num(s["minLength"]);
      o << p << "if (len" << d << " < " << n << "u) add_error(" << errs
        << ", \"string_too_short\", " << loc << ", \"String should have at least " << n
        << " character" << (n == "1" ? "" : "s") << "\", " << v << ", {{\"min_length\", " << n
        << "}});\n";
    }
    if (s.contains("maxLength")) {
      std::string n = num(s["maxLength"]);
      o << p << "if (len" << d << " > " << n << "u) add_error(" << errs << ", \"string_too_long\", "
        << loc << ", \"String should have at most " << n << " character" << (n == "1" ? "" : "s")
        << "\", " << v << ", {{\"max_length\", " << n << "}});\n";
    }
    std::string format = s.value("format", "");
    if (format == "uuid") {
      o << p << "if (!canonical_uuid(" << v << ".get_ref<const std::string&>())) add_uuid_error("
        << errs << ", " << loc << ", " << v << ");\n";
    } else if (format == "date-time") {
      o << p << "if (!is_date_time(" << v << ".get_ref<const std::string&>())) add_error(" << errs
        << ", \"datetime_from_date_parsing\", " << loc
        << ", \"Input should be a valid datetime or date\", " << v << ");\n";
    } else if (format == "date") {
      o << p << "if (!is_date(" << v << ".get_ref<const std::string&>())) add_error(" << errs
        << ", \"date_from_datetime_parsing\", " << loc << ", \"Input should be a valid date\", "
        << v << ");\n";
    }
  } else if (type == "integer" || type == "number") {
    if (s.contains("enum")) emit_typed(o, json{{"enum", s["enum"]}}, "", v, loc, errs, depth);
    struct Bound {
      const char* key;
      const char* op;
      const char* err;
      const char* words;
      const char* ctx;
    };
    for (const Bound& b :
         {Bound{"minimum", "<", "greater_than_equal", "greater than or equal to ", "ge"},
          Bound{"maximum", ">", "less_than_equal", "less than or equal to ", "le"},
          Bound{"exclusiveMinimum", "<=", "greater_than", "greater than ", "gt"},
          Bound{"exclusiveMaximum", ">=", "less_than", "less than ", "lt"}}) {
      if (!s.contains(b.key)) continue;
      std::string n = num(s[b.key]);
      o << p << "if (" << v << ".get<double>() " << b.op << " " << n << ") add_error(" << errs
        << ", \"" << b.err << "\", " << loc << ", \"Input should be " << b.words << n << "\", " << v
        << ", {{\"" << b.ctx << "\", " << n << "}});\n";
    }
  } else if (type == "array") {
    if (s.contains("enum")) emit_typed(o, json{{"enum", s["enum"]}}, "", v, loc, errs, depth);
    if (s.contains("minItems")) {
      std::string n = num(s["minItems"]);
      o << p << "if (" << v << ".size() < " << n << "u) add_error(" << errs << ", \"too_short\", "
        << loc << ", \"List should have at least " << n << " item" << (n == "1" ? "" : "s")
        << " after validation, not \" + std::to_string(" << v << ".size()), " << v
        << ", {{\"field_type\", \"List\"}, {\"min_length\", " << n << "}, {\"actual_length\", " << v
        << ".size()}});\n";
    }
    if (s.contains("maxItems")) {
      std::string n = num(s["maxItems"]);
      o << p << "if (" << v << ".size() > " << n << "u) add_error(" << errs << ", \"too_long\", "
        << loc << ", \"List should have at most " << n << " item" << (n == "1" ? "" : "s")
        << " after validation, not \" + std::to_string(" << v << ".size()), " << v
        << ", {{\"field_type\", \"List\"}, {\"max_length\", " << n << "}, {\"actual_length\", " << v
        << ".size()}});\n";
    }
    if (s.contains("items")) {
      o << p << "for (size_t i" << d << " = 0; i" << d << " < " << v << ".size(); ++i" << d
        << ") {\n"
        << p << "  const Loc item_loc" << d << " = " << loc << ".at(static_cast<int64_t>(i" << d
        << "));\n";
      emit(o, s["items"], v + "[i" + d + "]", "item_loc" + d, errs, depth + 1, false);
      o << p << "}\n";
    }
  } else if (type == "object") {
    if (s.contains("enum")) emit_typed(o, json{{"enum", s["enum"]}}, "", v, loc, errs, depth);
    if (s.contains("required")) {
      for (const auto& r : s["required"]) {
        o << p << "if (!" << v << ".contains(" << cpp_string(r.get<std::string>())
          << ")) add_error(" << errs << ", \"missing\", " << loc << ".child("
          << cpp_string(r.get<std::string>()) << "), \"Field required\", " << v << ");\n";
      }
    }
    if (s.contains("properties")) {
      for (const auto& [name, sub] : s["properties"].items()) {
        const std::string it = "it" + d;
        const std::string l = "prop_loc" + d;
        o << p << "if (auto " << it << " = " << v << ".find(" << cpp_string(name) << "); " << it
          << " != " << v << ".end()) {\n"
          << p << "  const Loc " << l << " = " << loc << ".child(" << cpp_string(name) << ");\n";
        bool child_model = !ref_name(sub).empty();
        emit(o, sub, "(*" + it + ")", l, errs, depth + 1, child_model);
        o << p << "}\n";
      }
    }
    if (s.contains("additionalProperties") &&
        !(s["additionalProperties"].is_boolean() && s["additionalProperties"].get<bool>())) {
      const json& extra = s["additionalProperties"];
      std::string known = "false";
      if (s.contains("properties")) {
        known.clear();
        for (const auto& [name, sub] : s["properties"].items()) {
          if (!known.empty()) known += " || ";
          known += "key" + d + " == " + cpp_string(name);
        }
      }
      o << p << "for (auto entry" << d << " = " << v << ".begin(); entry" << d << " != " << v
        << ".end(); ++entry" << d << ") {\n"
        << p << "  const std::string& key" << d << " = entry" << d << ".key();\n"
        << p << "  if (" << known << ") continue;\n"
        << p << "  const Loc extra_loc" << d << " = " << loc << ".child(key" << d << ");\n";
      if (extra.is_boolean()) {
        o << p << "  add_error(" << errs << ", \"extra_forbidden\", extra_loc" << d
          << ", \"Extra inputs are not permitted\", entry" << d << ".value());\n";
      } else {
        emit(o, extra, "entry" + d + ".value()", "extra_loc" + d, errs, depth + 1, false);
      }
      o << p << "}\n";
    }
  }
}

}  // namespace speccc
