// Pure rules for user-supplied file names: what may be stored, how v2 makes names
// unique per user, and which content type an extension maps to.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/clock.hpp"

namespace lfkit::handlers::files {

// A name that stays inside its folder: non-empty, not "." or "..", no '/', '\\'
// NUL or other control characters, valid UTF-8 (names are echoed in JSON), at most 255 bytes.
bool is_safe_name(std::string_view name);

// Python's name.rsplit(".", 1): ("a.b", "txt") for "a.b.txt"; no dot: (name, "").
std::pair<std::string, std::string> split_extension(std::string_view name);

// The text after the last '.', as Langflow's file_name.split(".")[-1]
// (the whole name when it has no dot).
std::string last_dot_part(std::string_view name);

// Langflow's v2 rule: when any existing name starts with `root`, the new root is
// "<root> (N+1)" where N is the largest "(N)" suffix among them (0 if none).
std::string unique_root(std::string_view root, const std::vector<std::string>& existing);

// Langflow's EXTENSION_TO_CONTENT_TYPE lookup (case-insensitive), falling back
// to application/octet-stream.
std::string content_type_for_extension(std::string_view extension);

bool is_valid_utf8(std::string_view text);

// "YYYY-MM-DD_HH-MM-SS" in server local time (v1 upload prefix).
std::string upload_timestamp(SystemTime now);
// "YYYYmmdd_HHMMSS" in server local time (batch zip name).
std::string zip_timestamp(SystemTime now);

}  // namespace lfkit::handlers::files
