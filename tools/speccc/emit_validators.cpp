// validators.hpp/.cpp: one generated function per component schema that
// checks a JSON value and reports pydantic-style errors.
#include <sstream>

#include "emit.hpp"
#include "names.hpp"
#include "types.hpp"
#include "validator_codegen.hpp"

namespace speccc {

bool emit_validators(const Spec& spec, const Output& out) {
  ValidatorCodegen gen(spec);
  std::ostringstream decl, defs;
  for (const auto& [name, schema] : spec.components) {
    decl << "bool check_" << name << "(const nlohmann::json& v, const Loc& loc, Errors& e);\n";
  }
  for (const auto& [name, schema] : spec.components) {
    defs << "bool check_" << name << "(const nlohmann::json& v, const Loc& loc, Errors& e) {\n"
         << "  const size_t before = e.size();\n"
         << gen.check(schema, "v", "loc", "e", 1, is_struct_component(schema))
         << "  return e.size() == before;\n}\n\n";
  }
  std::ostringstream dispatch;
  dispatch << "bool validate_component(std::string_view name, const nlohmann::json& v, Errors& e) "
              "{\n  const Loc root{};\n";
  for (const auto& [name, schema] : spec.components) {
    dispatch << "  if (name == " << cpp_string(name) << ") return check_" << name
             << "(v, root, e);\n";
  }
  dispatch << "  return false;\n}\n";

  std::string header = std::string(kGeneratedBanner) +
                       "#pragma once\n\n#include <string_view>\n\n#include "
                       "\"lfkit/api/runtime.hpp\"\n\nnamespace lfkit::api::validate {\n\n" +
                       decl.str() +
                       "\n// Validates `v` against the named component schema; false for an "
                       "unknown name.\nbool validate_component(std::string_view name, const "
                       "nlohmann::json& v, Errors& e);\n\n}  // namespace lfkit::api::validate\n";
  std::string source = std::string(kGeneratedBanner) +
                       "#include \"lfkit/api/validators.hpp\"\n\nnamespace lfkit::api::validate "
                       "{\nnamespace {\n\n" +
                       gen.constants() + "\n}  // namespace\n\n" + defs.str() + dispatch.str() +
                       "\n}  // namespace lfkit::api::validate\n";
  return out.write("validators.hpp", header) && out.write("validators.cpp", source);
}

}  // namespace speccc
