// Emits C++ statements that validate a JSON value against a schema. Shared by
// the component validators and the request body/parameter parsers.
#pragma once

#include <sstream>
#include <string>

#include "spec_model.hpp"

namespace speccc {

class ValidatorCodegen {
 public:
  explicit ValidatorCodegen(const Spec&) {}

  // Statements checking `value` (an expression of type const json&) at
  // location `loc` (a Loc lvalue), appending to `errs` (an Errors lvalue).
  // Component references call check_<Name> in lfkit::api::validate.
  std::string check(const json& schema, const std::string& value, const std::string& loc,
                    const std::string& errs, int depth, bool is_model);

  // Namespace-scope constants (enum/const values) the statements refer to.
  std::string constants() const { return constants_.str(); }

  // Name of a namespace-scope `const nlohmann::json` holding `value`.
  std::string constant(const json& value);

 private:
  void emit(std::ostringstream& o, const json& s, const std::string& v, const std::string& loc,
            const std::string& errs, int depth, bool is_model);
  void emit_typed(std::ostringstream& o, const json& s, const std::string& type,
                  const std::string& v, const std::string& loc, const std::string& errs, int depth);
  static std::string pad(int depth) { return std::string(static_cast<size_t>(depth) * 2, ' '); }

  std::ostringstream constants_;
  int counter_ = 0;
};

}  // namespace speccc
