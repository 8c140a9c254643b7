// UUID helpers: Langflow ids are random (v4) UUIDs in canonical lower-case form.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lfkit {

// A new random v4 UUID, canonical lower-case 8-4-4-4-12 form.
std::string new_uuid();

// The canonical form of `text` if it is a UUID pydantic would accept
// (hyphenated or 32 hex digits, any case, optional braces/urn prefix); nullopt otherwise.
std::optional<std::string> parse_uuid(std::string_view text);

inline bool is_uuid(std::string_view text) {
  return parse_uuid(text).has_value();
}

}  // namespace lfkit
