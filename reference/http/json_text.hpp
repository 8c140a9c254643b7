// Writing JSON text directly (no DOM) on hot paths: a string exactly as
// nlohmann's dump with error_handler_t::replace writes it.
#pragma once

#include <string>
#include <string_view>

namespace lfkit::http {

// Appends `s` as a JSON string: printable ASCII is copied as is; anything else
// goes through nlohmann (escapes, U+FFFD for invalid UTF-8).
void append_json_string(std::string& out, std::string_view s);

}  // namespace lfkit::http
