// JSON text as Python's json.dumps writes it by default (", " and ": " separators,
// ensure_ascii escapes), for payloads upstream serialises that way.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace lfkit::handlers::execution {

std::string python_json_dumps(const nlohmann::ordered_json& value);

}  // namespace lfkit::handlers::execution
