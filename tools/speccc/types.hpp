// How schemas map to C++ types in the generated models.
#pragma once

#include <string>

#include "spec_model.hpp"

namespace speccc {

// The referenced component name of a {"$ref": ...} schema, or "".
std::string ref_name(const json& schema);

// For anyOf [T, {type: null}]: T; otherwise the schema itself. Sets `nullable`.
const json& strip_null(const json& schema, bool& nullable);

// True when the component is generated as a struct (object with properties).
bool is_struct_component(const json& schema);

// The C++ type of a value of `schema` (nullability not included).
std::string cpp_value_type(const Spec& spec, const json& schema);

}  // namespace speccc
