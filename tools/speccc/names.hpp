// Turning spec names into C++ identifiers.
#pragma once

#include <string>

namespace speccc {

bool is_cpp_keyword(const std::string& s);
// A valid C++ identifier that is not a keyword.
bool is_cpp_identifier(const std::string& s);
// Letters, digits, underscores (schema names).
bool is_identifier_like(const std::string& s);
// Any property/parameter name as a C++ member name: "x-api-key" -> "x_api_key",
// "default" -> "default_", "1st" -> "_1st".
std::string member_name(const std::string& s);
// A C++ string literal for `s`.
std::string cpp_string(const std::string& s);

}  // namespace speccc
